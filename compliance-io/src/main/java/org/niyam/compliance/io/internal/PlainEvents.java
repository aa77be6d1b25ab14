package org.niyam.compliance.io.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;

/**
 * Binds the plain lines of a case log straight to their event records, without a JSON parser: an object whose first
 * field is {@code "type"}, whose other fields are the record's components given once each, holding text without
 * escapes, instants of the form {@link Mappers#commonInstant} reads, enum constants by name, {@code true} or
 * {@code false}, whole numbers, records of the same kinds, lists of text, or objects of text (maps of text to text).
 * Those are most lines of a large log, and Jackson spends several times as long on each.
 *
 * <p>Anything else gives null, not an error: the caller binds the line with its Jackson reader, which reads it or
 * names its fault. So this reader never decides what a line means: where it gives an event, Jackson gives an equal
 * one. To hold that, a type is read here only when it is a public record without Jackson annotations whose components
 * are all of those kinds, and when Jackson, reading a line that gives every component, builds an equal record (checked
 * at the type's first plain line); an enum constant only by its name, when neither it nor its enum has Jackson
 * annotations. Any other type is left to Jackson. Thread-safe. Not API.
 */
public final class PlainEvents {

    private static final int TEXT = 0;
    private static final int INSTANT = 1;
    private static final int ENUM = 2;
    private static final int BOOLEAN = 3;
    private static final int INT = 4;
    private static final int LONG = 5;
    private static final int RECORD = 6;
    private static final int TEXTS = 7;
    private static final int TEXT_MAP = 8;

    /** The value a component's parse gives up with: the line is not plain. */
    private static final Object NOT_PLAIN = new Object();

    /** The event types that may be read here, by their JSON names; the others are left to Jackson. */
    private final Event[] events;
    private final ObjectMapper mapper;
    /** Jackson's reader of events, which a type's first plain line is checked against (see {@link #checked}). */
    private final ObjectReader jackson;
    /** The shapes made so far, by type (null for a type left to Jackson); guarded by this. */
    private final Map<Class<?>, Shape> made = new HashMap<>();

    private PlainEvents(Event[] events, ObjectMapper mapper, ObjectReader jackson) {
        this.events = events;
        this.mapper = mapper;
        this.jackson = jackson;
    }

    /**
     * An event type by its JSON name, with its shape and whether Jackson reads it alike, both found at its first line:
     * a log without the type never pays for them. Racy but safe: every thread finds the same.
     */
    private static final class Event {

        private final String name;
        private final Class<?> type;
        private volatile Shape shape;
        private volatile int check = UNCHECKED;

        Event(String name, Class<?> type) {
            this.name = name;
            this.type = type;
        }
    }

    /**
     * The plain reader of the event types of {@code types}, checked against {@code mapper}, the Jackson mapper that
     * reads lines otherwise (each type is read here only when the mapper reads a plain line of it to an equal event).
     */
    public static PlainEvents of(ObjectMapper mapper, EventTypes types) {
        List<Event> events = new ArrayList<>();
        if (!mapper.isEnabled(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                && !mapper.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                && !mapper.isEnabled(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                && !mapper.isEnabled(DeserializationFeature.READ_ENUMS_USING_TO_STRING)) {
            types.asMap().forEach((name, type) -> events.add(new Event(name, type)));
        }
        return new PlainEvents(events.toArray(Event[]::new), mapper, mapper.readerFor(CaseEvent.class));
    }

    /** {@return the event a plain line holds} Null when the line is not plain (see the class comment). */
    public CaseEvent read(String text) {
        Cursor in = new Cursor(text);
        in.space();
        if (!in.eat('{')) {
            return null;
        }
        in.space();
        if (!in.eatName("type")) {
            return null;
        }
        in.space();
        if (!in.eat(':')) {
            return null;
        }
        in.space();
        if (!in.eat('"')) {
            return null;
        }
        Event type = null;
        for (Event event : events) {
            if (in.at(event.name)) {
                type = event;
                break;
            }
        }
        if (type == null || type.check == NOT_ALIKE) {
            return null;
        }
        Shape shape = type.shape;
        if (shape == null && (shape = shape(type)) == null) {
            return null;
        }
        in.at += type.name.length() + 1;
        Object event = shape.fields(in, true);
        if (event == NOT_PLAIN) {
            return null;
        }
        in.space();
        return in.at == text.length() && checked(type) ? (CaseEvent) event : null;
    }

    /** The type's shape, made now; null when it is left to Jackson. */
    private synchronized Shape shape(Event type) {
        if (type.shape == null && type.check != NOT_ALIKE) {
            Shape shape = shape(type.type, mapper, made, 0);
            if (shape == null) {
                type.check = NOT_ALIKE;
            }
            type.shape = shape;
        }
        return type.shape;
    }

    /**
     * Whether Jackson reads a line of the event type giving every component to an event equal to the one read here;
     * a type it reads otherwise, or refuses, is left to it. Checked at the type's first plain line, not before: a
     * check builds Jackson's deserializers of the type, which a log without the type never needs.
     */
    private boolean checked(Event type) {
        int check = type.check;
        if (check == UNCHECKED) {
            check = readsAlike(type.name, type.shape) ? ALIKE : NOT_ALIKE;
            type.check = check;
        }
        return check == ALIKE;
    }

    // ---- The shapes of the types read here

    private static final int UNCHECKED = 0;
    private static final int ALIKE = 1;
    private static final int NOT_ALIKE = 2;

    /** A record read here: its components, by name, and how each is read. */
    private static final class Shape {

        private final String[] components;
        private final int[] kinds;
        private final boolean[] primitive;
        /** Per component: the enum constants and the names Jackson reads them by, or the record's shape. */
        private final Object[] details;
        private final Constructor<?> canonical;

        Shape(String[] components, int[] kinds, boolean[] primitive, Object[] details, Constructor<?> canonical) {
            this.components = components;
            this.kinds = kinds;
            this.primitive = primitive;
            this.details = details;
            this.canonical = canonical;
        }

        /**
         * The record of the fields from the cursor to the object's closing brace (after the type, for an event:
         * {@code afterFirst}), or {@link #NOT_PLAIN}.
         */
        Object fields(Cursor in, boolean afterFirst) {
            Object[] values = new Object[components.length];
            long seen = 0;
            boolean first = !afterFirst;
            while (true) {
                in.space();
                if (in.eat('}')) {
                    break;
                }
                if (!first && !in.eat(',')) {
                    return NOT_PLAIN;
                }
                first = false;
                in.space();
                if (!in.eat('"')) {
                    return NOT_PLAIN;
                }
                int index = -1;
                for (int i = 0; i < components.length; i++) {
                    if (in.at(components[i])) {
                        index = i;
                        break;
                    }
                }
                if (index < 0 || (seen & 1L << index) != 0) {
                    return NOT_PLAIN; // unknown, or given twice: Jackson names the fault
                }
                seen |= 1L << index;
                in.at += components[index].length() + 1;
                in.space();
                if (!in.eat(':')) {
                    return NOT_PLAIN;
                }
                in.space();
                Object value = value(in, index);
                if (value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                values[index] = value;
            }
            for (int i = 0; i < components.length; i++) {
                if (primitive[i] && (seen & 1L << i) == 0) {
                    return NOT_PLAIN;
                }
            }
            try {
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return NOT_PLAIN; // refused by the record: Jackson reports it
            }
        }

        private Object value(Cursor in, int index) {
            switch (kinds[index]) {
                case TEXT:
                    return in.text();
                case INSTANT: {
                    int start = in.at + 1;
                    int end = in.string();
                    if (end < 0) {
                        return NOT_PLAIN;
                    }
                    OffsetDateTime instant = Mappers.commonInstant(in.source, start, end);
                    return instant != null && Mappers.inRange(instant) ? instant : NOT_PLAIN;
                }
                case ENUM:
                    return in.constant((Constants) details[index]);
                case BOOLEAN:
                    if (in.eatWord("true")) {
                        return Boolean.TRUE;
                    }
                    return in.eatWord("false") ? Boolean.FALSE : NOT_PLAIN;
                case INT:
                    return in.number(9, true);
                case LONG:
                    return in.number(18, false);
                case RECORD:
                    return in.eat('{') ? ((Shape) details[index]).fields(in, false) : NOT_PLAIN;
                case TEXTS:
                    return in.texts();
                case TEXT_MAP:
                    return in.textMap();
                default:
                    return NOT_PLAIN;
            }
        }
    }

    /** An enum's constants and the names Jackson reads them by. */
    private record Constants(String[] names, Object[] values) {
    }

    /** The shape of {@code type}, or null when it is not read here. */
    private static Shape shape(Class<?> type, ObjectMapper mapper, Map<Class<?>, Shape> made, int depth) {
        if (made.containsKey(type)) {
            return made.get(type);
        }
        Shape shape = null;
        try {
            shape = newShape(type, mapper, made, depth);
        } catch (ReflectiveOperationException | RuntimeException e) {
            shape = null; // left to Jackson
        }
        made.put(type, shape);
        return shape;
    }

    private static Shape newShape(Class<?> type, ObjectMapper mapper, Map<Class<?>, Shape> made, int depth)
            throws ReflectiveOperationException {
        if (!type.isRecord() || depth > 4 || annotatedAnywhere(type, depth == 0 ? CaseEvent.class : null)
                || mapper.findMixInClassFor(type) != null) {
            return null;
        }
        RecordComponent[] parts = type.getRecordComponents();
        if (parts.length > 63) {
            return null;
        }
        String[] names = new String[parts.length];
        int[] kinds = new int[parts.length];
        boolean[] primitive = new boolean[parts.length];
        Object[] details = new Object[parts.length];
        Class<?>[] raw = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            RecordComponent part = parts[i];
            names[i] = part.getName();
            raw[i] = part.getType();
            if (names[i].equals("type") || annotated(part) || annotated(part.getAccessor())
                    || annotated(type.getDeclaredField(names[i]))) {
                return null;
            }
            Class<?> of = part.getType();
            primitive[i] = of.isPrimitive();
            if (of == String.class) {
                kinds[i] = TEXT;
            } else if (of == OffsetDateTime.class) {
                kinds[i] = INSTANT;
            } else if (of == Boolean.class || of == boolean.class) {
                kinds[i] = BOOLEAN;
            } else if (of == Integer.class || of == int.class) {
                kinds[i] = INT;
            } else if (of == Long.class || of == long.class) {
                kinds[i] = LONG;
            } else if (of.isEnum()) {
                kinds[i] = ENUM;
                details[i] = constants(of, mapper);
            } else if (of == List.class && part.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] == String.class) {
                kinds[i] = TEXTS;
            } else if (of == Map.class && part.getGenericType() instanceof ParameterizedType map
                    && map.getActualTypeArguments()[0] == String.class
                    && map.getActualTypeArguments()[1] == String.class) {
                kinds[i] = TEXT_MAP;
            } else if (of.isRecord()) {
                kinds[i] = RECORD;
                details[i] = shape(of, mapper, made, depth + 1);
                if (details[i] == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        Constructor<?> constructor = type.getDeclaredConstructor(raw);
        if (annotated(constructor) || java.util.Arrays.stream(constructor.getParameters()).anyMatch(
                PlainEvents::annotated)) {
            return null;
        }
        if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())
                || !java.lang.reflect.Modifier.isPublic(constructor.getModifiers())
                || !constructor.canAccess(null) && !constructor.trySetAccessible()) {
            return null; // Jackson may reach what this reader does not; it reads such a type
        }
        return new Shape(names, kinds, primitive, details, constructor);
    }

    /**
     * The constants Jackson reads by their own names, with those names: those without Jackson annotations of an enum
     * without any elsewhere (which could name its constants otherwise).
     */
    private static Constants constants(Class<?> type, ObjectMapper mapper) throws ReflectiveOperationException {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean annotatedType = annotated(type) || mapper.findMixInClassFor(type) != null
                || java.util.Arrays.stream(type.getDeclaredMethods()).anyMatch(PlainEvents::annotated)
                || java.util.Arrays.stream(type.getDeclaredConstructors()).anyMatch(PlainEvents::annotated);
        for (Object constant : annotatedType ? new Object[0] : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            if (!annotated(type.getField(name)) && isPlainText(name)) {
                names.add(name);
                values.add(constant);
            }
        }
        return new Constants(names.toArray(String[]::new), values.toArray());
    }

    /** Whether text is written in JSON as it is, between quotes. */
    private static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    /**
     * Whether Jackson annotations are on the type, its members or its interfaces ({@code allowed} aside), where they
     * could change how Jackson reads it.
     */
    private static boolean annotatedAnywhere(Class<?> type, Class<?> allowed) {
        if (annotated(type)) {
            return true;
        }
        for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (annotated(constructor)
                    || java.util.Arrays.stream(constructor.getParameters()).anyMatch(PlainEvents::annotated)) {
                return true;
            }
        }
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (annotated(method)) {
                return true;
            }
        }
        for (java.lang.reflect.Field field : type.getDeclaredFields()) {
            if (annotated(field)) {
                return true;
            }
        }
        for (Class<?> face : type.getInterfaces()) {
            if (face != allowed && annotatedAnywhere(face, null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotated(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Jackson reads a line of the event type {@code name} giving every component to an event equal to the
     * one read here; a type it reads otherwise, or refuses, is left to it.
     */
    private boolean readsAlike(String name, Shape shape) {
        StringBuilder line = new StringBuilder("{\"type\":").append(quoted(name));
        sample(shape, line, true);
        String text = line.toString();
        try {
            Object jackson = this.jackson.readValue(text);
            Event alike = new Event(name, null);
            alike.shape = shape;
            alike.check = ALIKE;
            CaseEvent plain = new PlainEvents(new Event[] {alike}, mapper, this.jackson).read(text);
            return plain != null && jackson.equals(plain) && jackson.getClass() == plain.getClass();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Writes every component of {@code shape} with a sample value. */
    private static void sample(Shape shape, StringBuilder out, boolean afterFirst) {
        if (!afterFirst) {
            out.append('{');
        }
        for (int i = 0; i < shape.components.length; i++) {
            if (afterFirst || i > 0) {
                out.append(',');
            }
            out.append(quoted(shape.components[i])).append(':');
            switch (shape.kinds[i]) {
                case TEXT -> out.append("\"IN\"");
                case INSTANT -> out.append("\"2025-08-01T10:15:30+05:30\"");
                case ENUM -> {
                    String[] names = ((Constants) shape.details[i]).names();
                    out.append(names.length == 0 ? "null" : quoted(names[0]));
                }
                case BOOLEAN -> out.append("true");
                case INT, LONG -> out.append('1');
                case RECORD -> sample((Shape) shape.details[i], out, false);
                case TEXT_MAP -> out.append("{\"IN\":\"IN\"}");
                default -> out.append("[\"IN\"]");
            }
        }
        out.append('}');
    }

    // ---- Reading

    /** A place in the text being read. */
    private static final class Cursor {

        private final String source;
        private int at;

        Cursor(String source) {
            this.source = source;
        }

        /** Skips JSON's white space. */
        void space() {
            while (at < source.length()) {
                char c = source.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        boolean eat(char c) {
            if (at < source.length() && source.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        /** Whether the text here is {@code value} and a closing quote. */
        boolean at(String value) {
            int end = at + value.length();
            return end < source.length() && source.charAt(end) == '"' && source.startsWith(value, at);
        }

        /** Eats {@code "name"}. */
        boolean eatName(String name) {
            if (eat('"') && at(name)) {
                at += name.length() + 1;
                return true;
            }
            return false;
        }

        /** Eats a literal such as {@code true}. */
        boolean eatWord(String word) {
            if (source.startsWith(word, at)) {
                at += word.length();
                return true;
            }
            return false;
        }

        /** The text of a string without escapes, control characters or surrogates; else {@link #NOT_PLAIN}. */
        Object text() {
            int start = at + 1;
            int end = string();
            return end < 0 ? NOT_PLAIN : source.substring(start, end);
        }

        /**
         * Eats a string without escapes, control characters or surrogates, and gives the index of its closing quote;
         * else -1.
         */
        int string() {
            if (!eat('"')) {
                return -1;
            }
            for (int i = at, n = source.length(); i < n; i++) {
                char c = source.charAt(i);
                if (c == '"') {
                    at = i + 1;
                    return i;
                }
                if (c < 0x20 || c == '\\' || (c >= '\uD800' && c <= '\uDFFF')) {
                    return -1;
                }
            }
            return -1;
        }

        Object constant(Constants constants) {
            if (!eat('"')) {
                return NOT_PLAIN;
            }
            String[] names = constants.names();
            for (int i = 0; i < names.length; i++) {
                if (at(names[i])) {
                    at += names[i].length() + 1;
                    return constants.values()[i];
                }
            }
            return NOT_PLAIN;
        }

        /** A whole number of at most {@code digits} digits, no leading zero, not {@code -0}; else NOT_PLAIN. */
        Object number(int digits, boolean isInt) {
            boolean negative = eat('-');
            int start = at;
            long value = 0;
            while (at < source.length() && source.charAt(at) >= '0' && source.charAt(at) <= '9') {
                value = value * 10 + source.charAt(at) - '0';
                at++;
            }
            int count = at - start;
            if (count == 0 || count > digits || (count > 1 || negative) && source.charAt(start) == '0') {
                return NOT_PLAIN;
            }
            if (at < source.length() && (source.charAt(at) == '.' || source.charAt(at) == 'e'
                    || source.charAt(at) == 'E')) {
                return NOT_PLAIN;
            }
            value = negative ? -value : value;
            return isInt ? (Object) (int) value : (Object) value;
        }

        /** An object of strings, keys and values as {@link #text()} reads them, each key once. */
        Object textMap() {
            if (!eat('{')) {
                return NOT_PLAIN;
            }
            Map<String, String> values = new java.util.LinkedHashMap<>();
            space();
            if (eat('}')) {
                return values;
            }
            while (true) {
                space();
                Object key = text();
                if (key == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                space();
                if (!eat(':')) {
                    return NOT_PLAIN;
                }
                space();
                Object value = text();
                if (value == NOT_PLAIN || values.put((String) key, (String) value) != null) {
                    return NOT_PLAIN; // given twice: Jackson names the fault
                }
                space();
                if (eat('}')) {
                    return values;
                }
                if (!eat(',')) {
                    return NOT_PLAIN;
                }
            }
        }

        /** A list of strings, as {@link #text()} reads them. */
        Object texts() {
            if (!eat('[')) {
                return NOT_PLAIN;
            }
            List<String> values = new ArrayList<>();
            space();
            if (eat(']')) {
                return values;
            }
            while (true) {
                space();
                Object value = text();
                if (value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                values.add((String) value);
                space();
                if (eat(']')) {
                    return values;
                }
                if (!eat(',')) {
                    return NOT_PLAIN;
                }
            }
        }
    }

    /** {@return the event types that may be read here, by their JSON names} */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Event event : events) {
            names.add(event.name);
        }
        return "PlainEvents" + names;
    }
}
