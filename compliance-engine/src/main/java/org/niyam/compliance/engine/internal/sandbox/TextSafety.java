package org.niyam.compliance.engine.internal.sandbox;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Whether the text of every value of a static type is its own: the same in every run, on every thread and machine.
 * {@code Object.toString} names an object's identity hash code ({@code java.lang.Object@62a54948}), which the JVM
 * chooses afresh at each start; so do the texts of arrays, lambdas, and any collection, record or class that may
 * hold such an object. A static type is known to have text of its own when every value it may hold at run time does:
 * <ul>
 *   <li>a primitive, {@code null}, {@code String}, {@code StringBuilder} or a boxed primitive;</li>
 *   <li>an enum (its constant's name, or the {@code toString} the enum declares, which the check reads when the pack
 *       declares it);</li>
 *   <li>a final {@code java.time} class, or {@code ZoneId} (its id);</li>
 *   <li>a record on the class path (a model type, an event) whose components' types are known to have it, so not one
 *       holding a list;</li>
 *   <li>a class the pack declares (in DRL, or in a function's or consequence's code) whose {@code toString} turns
 *       only such values into text, and every subclass the pack declares of it likewise; not an interface.</li>
 * </ul>
 * Every other type, {@code Object}, an interface, a collection or an array among them, may hold a value whose text
 * is its identity. Not API.
 */
final class TextSafety {

    private static final Set<String> OWN_TEXT = Set.of("java.lang.String", "java.lang.StringBuilder",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
            "java.lang.Float", "java.lang.Character", "java.lang.Boolean");
    private static final String TO_STRING = "toString()Ljava/lang/String;";

    private final Map<String, ClassFile> generated;
    /** Loads a class of the class path by name, without initialising it; {@code null} when there is none. */
    private final java.util.function.Function<String, Class<?>> platform;
    private final Map<String, Boolean> known = new HashMap<>();
    /** The names worked out, in order, so that those that assumed a type still being worked out can be dropped. */
    private final List<String> order = new ArrayList<>();
    private final Map<String, List<TextConversions.Conversion>> conversions = new HashMap<>();
    private Map<String, List<String>> subclasses;

    TextSafety(Map<String, ClassFile> generated, java.util.function.Function<String, Class<?>> platform) {
        this.generated = generated;
        this.platform = platform;
    }

    /** Where the class's code turns values into text (worked out once per class). */
    List<TextConversions.Conversion> conversions(ClassFile file) {
        return conversions.computeIfAbsent(file.name, k -> TextConversions.of(file));
    }

    /** Whether every value of the static type has text of its own. */
    boolean ownText(Type type) {
        return switch (type.getSort()) {
            case Type.ARRAY -> false;
            case Type.OBJECT -> ownText(type.getClassName());
            default -> true;
        };
    }

    private boolean ownText(String name) {
        if (name.equals("null")) {
            return true;
        }
        Boolean answer = known.get(name);
        if (answer != null) {
            return answer;
        }
        // A type whose text may hold a value of its own type (a list of itself) is assumed to have text of its own
        // while it is worked out; when it turns out not to, what was worked out on that assumption is dropped.
        int mark = order.size();
        known.put(name, true);
        order.add(name);
        boolean own = work(name);
        known.put(name, own);
        if (!own) {
            for (String later : order.subList(mark + 1, order.size())) {
                known.remove(later);
            }
            order.subList(mark + 1, order.size()).clear();
        }
        return own;
    }

    private boolean work(String name) {
        ClassFile file = generated.get(name);
        if (file == null) {
            Class<?> loaded = load(name);
            return loaded != null && loadedText(loaded);
        }
        if (!declaredText(file)) {
            return false;
        }
        for (String subclass : subclasses().getOrDefault(name, List.of())) {
            if (!ownText(subclass)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the {@code toString} a class of the pack has, its own or inherited, turns only such values into text. */
    private boolean declaredText(ClassFile file) {
        if ((file.access & Opcodes.ACC_INTERFACE) != 0) {
            return false;
        }
        int steps = 0;
        for (ClassFile c = file; steps++ <= generated.size(); ) {
            ClassFile.Method method = c.methods.get(TO_STRING);
            if (method != null) {
                if ((method.access() & Opcodes.ACC_ABSTRACT) != 0) {
                    return false;
                }
                for (TextConversions.Conversion conversion : conversions(c)) {
                    if (conversion.method().equals(TO_STRING)
                            && (conversion.problem() != null || !ownText(conversion.type()))) {
                        return false;
                    }
                }
                return true;
            }
            ClassFile parent = c.superName == null ? null : generated.get(c.superName);
            if (parent == null) {
                Class<?> loaded = c.superName == null ? null : load(c.superName);
                return loaded != null && loadedText(loaded);
            }
            c = parent;
        }
        return false;
    }

    private boolean loadedText(Class<?> type) {
        if (OWN_TEXT.contains(type.getName()) || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        if (type.getName().startsWith("java.time.")) {
            return Modifier.isFinal(type.getModifiers()) || type.getName().equals("java.time.ZoneId");
        }
        return type.isRecord() && recordText(type);
    }

    private boolean recordText(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (!ownText(Type.getType(component.getType()))) {
                return false;
            }
        }
        return true;
    }

    private Map<String, List<String>> subclasses() {
        if (subclasses == null) {
            subclasses = new HashMap<>();
            for (ClassFile file : generated.values()) {
                if (file.superName != null) {
                    subclasses.computeIfAbsent(file.superName, k -> new ArrayList<>()).add(file.name);
                }
            }
        }
        return subclasses;
    }

    private Class<?> load(String name) {
        return platform.apply(name);
    }
}
