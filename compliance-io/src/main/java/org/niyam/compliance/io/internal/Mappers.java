package org.niyam.compliance.io.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/** The one configuration of every Jackson mapper Niyam reads input with, JSON or YAML. Not API. */
public final class Mappers {

    /**
     * The first instant Niyam reads (inclusive): 1990-01-01T00:00Z. The IT Act 2000 and every rule made under it came
     * later; a log's earlier dates are placeholders or mistakes, not evidence.
     */
    public static final OffsetDateTime EARLIEST = OffsetDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** The end of the instants Niyam reads (exclusive): 2200-01-01T00:00Z. */
    public static final OffsetDateTime LATEST = OffsetDateTime.of(2200, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private Mappers() {
    }

    /**
     * The longest YAML file Niyam reads (a pack's {@code pack.yaml}, a scenario file), in bytes, and the longest YAML
     * text, in characters: 3 MiB, SnakeYAML's limit of code points in a document. A longer file is refused by its
     * size, unread: SnakeYAML's work on one long value grows as the square of its length before that limit is checked
     * (a 30 MB value took minutes).
     */
    public static final int MAX_YAML = 3 << 20;

    /** Why a YAML file or text of {@code length} bytes (or characters) over {@link #MAX_YAML} is not read. */
    public static String yamlTooLong(long length, String unit) {
        return String.format(java.util.Locale.ROOT, "is %,d %s long, over the limit of %,d (3 MiB) a YAML file may "
                + "have: it is not read", length, unit, MAX_YAML);
    }

    /**
     * A copy of {@code mapper} that reads and writes the types of {@code types} (events, platform records, standing
     * facts), each under its JSON name (the {@code type} field). A platform record or a standing fact without
     * {@code type} (as an {@code Evidence} document or a monitor's snapshot gives them) is read as the registry's only
     * type of its kind; with several, the {@code type} is required.
     */
    public static ObjectMapper withEventTypes(ObjectMapper mapper, EventTypes types) {
        ObjectMapper copy = mapper.copy();
        types.allTypes().forEach((name, type) -> copy.registerSubtypes(new NamedType(type, name)));
        copy.addHandler(new SoleType(types));
        return copy;
    }

    /** Reads a platform record or a standing fact without {@code type} as the only type of its kind, if one. */
    private static final class SoleType extends DeserializationProblemHandler {

        private final Class<?> platform;
        private final Class<?> fact;

        SoleType(EventTypes types) {
            platform = sole(types.platformTypes().values());
            fact = sole(types.factTypes().values());
        }

        private static Class<?> sole(Collection<? extends Class<?>> types) {
            return types.size() == 1 ? types.iterator().next() : null;
        }

        @Override
        public JavaType handleMissingTypeId(DeserializationContext context, JavaType base, TypeIdResolver resolver,
                                            String message) {
            Class<?> sole = base.getRawClass() == Platform.class ? platform
                    : base.getRawClass() == StandingFact.class ? fact : null;
            return sole == null ? null : context.constructType(sole);
        }
    }

    /** Whether Niyam reads this instant: from {@link #EARLIEST}, before {@link #LATEST}. */
    public static boolean inRange(OffsetDateTime instant) {
        int year = instant.getYear();
        if (year > 1990 && year < 2199) {
            return true; // in range at any offset (at most 18 hours), without working out the instant
        }
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    /** Why an instant outside {@link #inRange} is refused, for error messages. */
    public static String outOfRange(Object instant) {
        return instant + " is outside the instants Niyam reads, from 1990-01-01T00:00Z up to (not including) "
                + "2200-01-01T00:00Z: the years the law can apply to";
    }

    /**
     * The index of the first lone surrogate in {@code text} (half of a UTF-16 pair without its other half, which no
     * Unicode text holds and no UTF-8 writer can encode), or -1.
     */
    public static int loneSurrogate(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '\uD800' && c <= '\uDFFF') {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Why text holding a lone surrogate is refused, for error messages. */
    public static String loneSurrogateMessage(CharSequence text, int at) {
        return String.format("text holds a lone surrogate \\u%04X (an escape for half of a UTF-16 pair without "
                + "the other half): it is not Unicode text", (int) text.charAt(at));
    }

    /**
     * Strict reading: unknown fields are errors, and a value of the wrong shape is an error, never silently
     * converted (4999999.9 users, a number for a category, a number of seconds for an instant). Instants keep
     * their offset; durations and instants are written as ISO-8601 text; nulls are left out of output.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("niyam-instants").addDeserializer(OffsetDateTime.class, new InstantText()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.registerModule(new SimpleModule("niyam-text").addDeserializer(String.class, Text.INSTANCE)
                .addKeyDeserializer(String.class, new TextKey()));
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // 1e2 for an id would be read as "100.0": text is text, or a whole number written as one.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The instant when the text has the form logs write, {@code 2026-02-20T10:15:00+05:30}, with an optional
     * fraction of up to nine digits and {@code Z} for UTC: the value the ISO-8601 parser gives, found without it
     * (it costs a good part of reading a large case log). Null for any other text, which the ISO-8601 parser then
     * reads or rejects.
     */
    static OffsetDateTime commonInstant(String text) {
        return commonInstant(text, 0, text.length());
    }

    /** As {@link #commonInstant(String)}, for the text from {@code from} up to (not including) {@code to}. */
    static OffsetDateTime commonInstant(String text, int from, int to) {
        int length = to - from;
        if (length < 20 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-'
                || text.charAt(from + 10) != 'T' || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        int i = from + 19;
        int nano = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < to && i - start < 10 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                nano = nano * 10 + text.charAt(i) - '0';
                i++;
            }
            int fraction = i - start;
            if (fraction == 0 || fraction > 9) {
                return null;
            }
            for (int scale = fraction; scale < 9; scale++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (i == to - 1 && text.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == to - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, 2);
            int minutes = digits(text, i + 4, 2);
            int seconds = (hours * 60 + minutes) * 60;
            if (hours < 0 || minutes < 0 || minutes > 59 || seconds > 18 * 3600) {
                return null;
            }
            offset = offset(text.charAt(i) == '-' ? -seconds : seconds);
        } else {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0 || second > 59) {
            return null;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(date(year, month, day), LocalTime.of(hour, minute, second, nano)),
                    offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The offset last made, kept: a log's instants mostly share one, and {@link ZoneOffset#ofTotalSeconds} looks it up
     * in a concurrent map each time. Racy but safe: it holds an immutable offset.
     */
    private static ZoneOffset lastOffset = ZoneOffset.UTC;

    private static ZoneOffset offset(int seconds) {
        ZoneOffset last = lastOffset;
        if (last.getTotalSeconds() == seconds) {
            return last;
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(seconds);
        lastOffset = offset;
        return offset;
    }

    /**
     * Recent dates, shared: a log's instants fall on few days, and a million of them need not hold a million equal
     * dates. Racy but safe: a slot holds an immutable date or null, and a miss only makes a new date.
     */
    private static final LocalDate[] DATES = new LocalDate[4096];

    private static LocalDate date(int year, int month, int day) {
        int slot = (year * 512 + month * 32 + day) & (DATES.length - 1);
        LocalDate date = DATES[slot];
        if (date == null || date.getDayOfMonth() != day || date.getMonthValue() != month || date.getYear() != year) {
            date = LocalDate.of(year, month, day);
            DATES[slot] = date;
        }
        return date;
    }

    /** The number written with {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** Text as Jackson reads it, refusing a lone surrogate (from an escape such as {@code "\\ud800"}). */
    public static final class Text extends StdScalarDeserializer<String> {

        public static final Text INSTANCE = new Text();

        private Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), context);
        }

        /** {@code text}, or the input error a lone surrogate in it raises. */
        public static String checked(String text, DeserializationContext context) throws IOException {
            int at = text == null ? -1 : loneSurrogate(text);
            if (at >= 0) {
                throw new Refused(context.getParser(), loneSurrogateMessage(text, at), text, String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys as text, refusing a lone surrogate as {@link Text} does. */
    private static final class TextKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            int at = loneSurrogate(key);
            if (at >= 0) {
                throw new Refused(context.getParser(), "key: " + loneSurrogateMessage(key, at), key, String.class);
            }
            return key;
        }
    }

    /**
     * A value refused for what it says, not for its form: an instant outside {@link #inRange}, text holding a lone
     * surrogate. Its message is the whole story; {@link InputErrors} adds nothing to it.
     */
    static final class Refused extends InvalidFormatException {

        Refused(JsonParser parser, String message, Object value, Class<?> type) {
            super(parser, message, value, type);
        }
    }

    /** Instants only as ISO-8601 text with an offset; a bare number is an error, not seconds since 1970. */
    private static final class InstantText extends JsonDeserializer<OffsetDateTime> {

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            OffsetDateTime common = commonInstant(parser.getText());
            OffsetDateTime instant = common != null ? common
                    : InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
            if (instant != null && !inRange(instant)) {
                throw new Refused(parser, outOfRange(parser.getText()), parser.getText(), OffsetDateTime.class);
            }
            return instant;
        }
    }
}
