package org.niyam.compliance.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.niyam.compliance.model.InputException;

/**
 * Turns Jackson's errors into {@link InputException}s that say where (source, line, field path) and what was
 * expected, the same way for every input Niyam reads: evidence, case logs, scenarios. Not API.
 */
public final class InputErrors {

    /** Model checks say "Type.field ...": the field is then named in the path. */
    private static final Pattern MODEL_FIELD = Pattern.compile("[A-Z]\\w*\\.(\\w+)\\b");

    /** Jackson's message for a key given twice (JsonParser.Feature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

    /** The type ids Jackson lists for an unknown one. */
    private static final Pattern KNOWN_TYPES = Pattern.compile("known type ids = \\[([^\\]]*)\\]");

    /** Jackson's location of where an unclosed object or list starts, counted within the entry. */
    /** java.time's reason for refusing a text in the right form: "could not be parsed: Invalid date 'FEBRUARY 30'". */
    private static final Pattern TIME_REASON = Pattern.compile("could not be parsed: ([^\\n]+)");
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\]\\)");

    /** Jackson's words for a character it did not expect: {@code Unexpected character ('i' (code 105))}. */
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");

    /** Jackson's words for a value of the wrong kind: {@code Cannot deserialize value of type `X` from Array value}. */
    private static final Pattern WHOLE_MISMATCH =
            Pattern.compile("(?:Cannot deserialize value of type `[^`]*` from|Cannot construct instance of `[^`]*`.*?"
                    + "deserialize from) ([A-Za-z -]+?) value");

    private static final Pattern UNEXPECTED_ANYWHERE = Pattern.compile("\\('(.+?)' \\(code \\d+\\)\\)");

    private InputErrors() {
    }

    /**
     * The error located at {@code line} when it is positive (a line of a JSON Lines file), else where Jackson saw
     * it; {@code text}, when given, lets an unknown key be placed on its own line.
     */
    public static InputException of(String source, int line, String text, JsonProcessingException e) {
        return of(source, line, text, e, List.of());
    }

    /** What a time field of this type takes, in words: a month, a duration, a date, or (the default) an instant. */
    private static String expectedTime(JsonMappingException mapping) {
        Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == YearMonth.class) {
            return "expected a month as YYYY-MM, e.g. 2026-02";
        } else if (target == Duration.class) {
            return "expected an ISO-8601 duration, e.g. PT3H or P15D";
        } else if (target == LocalDate.class) {
            return "expected a date as YYYY-MM-DD, e.g. 2026-02-20";
        }
        return "expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30";
    }

    /**
     * Why java.time refused a text written in the form asked for (a date that does not exist, an offset out of range),
     * after a colon; empty when the text is not in that form at all (the form asked for says what is wrong).
     */
    private static String timeReason(JsonMappingException mapping) {
        String text = timeReason(String.valueOf(mapping.getOriginalMessage()));
        if (text == null && mapping.getCause() != null) {
            text = timeReason(String.valueOf(mapping.getCause().getMessage()));
        }
        if (text == null || text.contains("TemporalAccessor")) {
            return ""; // none, or in java.time's own types: the form asked for says it better
        }
        if (text.startsWith("Value out of range: Hour[0-23]")) {
            return ": the offset is out of range (at most 18 hours either side of UTC)";
        }
        return ": " + Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String timeReason(String message) {
        Matcher reason = TIME_REASON.matcher(message);
        return reason.find() ? reason.group(1).strip() : null;
    }

    /**
     * A value that is not one of an enum's constants, in words rather than Jackson's, which name the Java class and
     * its own settings: the constants, in the order the enum declares them, and the closest to the text given.
     */
    private static String enumValue(MismatchedInputException mismatch) {
        List<String> values = Arrays.stream(mismatch.getTargetType().getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name()).toList();
        String expected = "expected one of " + Suggestions.inWords(values);
        if (mismatch instanceof InvalidFormatException format && format.getValue() instanceof String given) {
            if (given.isBlank()) {
                return expected + ", not empty text";
            }
            String closest = Suggestions.closest(given, values);
            return "unknown value '" + given + "'" + (closest == null ? "." : "; did you mean '" + closest + "'?")
                    + " The values are " + Suggestions.inWords(values);
        }
        if (mismatch instanceof InvalidFormatException format && format.getValue() instanceof Number number) {
            return expected + ", written as text, not the number " + number;
        }
        String message = String.valueOf(mismatch.getOriginalMessage());
        Matcher given = Pattern.compile("from String \"([^\"]*)\"").matcher(message);
        return expected + (message.contains("empty String") ? ", not empty text" : given.find()
                ? ", not '" + given.group(1) + "'" : "");
    }

    /**
     * The whole input is not what was asked for (a list where an object is read, or nothing at all), in words rather
     * than Jackson's, which name the Java class and the parser's token.
     */
    private static String wholeInput(JsonMappingException mapping, String message) {
        String text = String.valueOf(message);
        if (text.startsWith("No content to map due to end-of-input")) {
            return "the input is empty: expected a JSON object";
        }
        if (text.startsWith("Trailing token")) {
            return "more text follows the entry on its line: one JSON object per line";
        }
        Matcher found = WHOLE_MISMATCH.matcher(text);
        if (found.find() && mapping instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null && !mismatch.getTargetType().isPrimitive()
                && !mismatch.getTargetType().getName().startsWith("java.")) {
            String given = switch (found.group(1)) {
                case "Array" -> "a list";
                case "String" -> "text";
                case "Number", "Integer", "Floating-point", "Double", "Big Integer", "Big Decimal" -> "a number";
                case "Boolean" -> "true or false";
                default -> "a " + found.group(1).toLowerCase(java.util.Locale.ROOT) + " value";
            };
            return "expected a JSON object (" + mismatch.getTargetType().getSimpleName() + "), not " + given;
        }
        return message;
    }

    /**
     * As {@link #of(String, int, String, JsonProcessingException)}, where an unknown type is listed with the
     * {@code otherTypes} the input may also hold (a case log's platform records and standing facts) beside Jackson's.
     */
    public static InputException of(String source, int line, String text, JsonProcessingException e,
                                    List<String> otherTypes) {
        JsonLocation location = e.getLocation();
        if (line <= 0) {
            line = location == null ? 0 : location.getLineNr();
            if (text != null && e instanceof PropertyBindingException unknown && unknown.getPropertyName() != null) {
                // Jackson reports an unknown key of a record where the record ends; the key's own line is more use.
                line = keyLine(text, unknown.getPropertyName(), line);
            }
        }
        String field = "";
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping) {
            field = path(mapping);
            if (mapping instanceof InvalidTypeIdException invalid) {
                field = field.isEmpty() ? "type" : field + ".type"; // an unknown or missing "type"
                message = unknownType(invalid, message, otherTypes);
            }
            if (mapping instanceof UnrecognizedPropertyException unrecognized) {
                message = unknownKey(unrecognized);
            }
            if (mapping instanceof ValueInstantiationException && mapping.getCause() != null) {
                message = mapping.getCause().getMessage();
                Matcher named = MODEL_FIELD.matcher(String.valueOf(message));
                if (named.lookingAt()) {
                    field = field.isEmpty() ? named.group(1) : field + "." + named.group(1);
                }
            } else if (mapping instanceof Mappers.Refused) {
                message = mapping.getOriginalMessage();
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    && mismatch.getTargetType().isEnum()) {
                message = enumValue(mismatch);
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() == String.class
                    && String.valueOf(message).startsWith("Cannot coerce Float")) {
                // Jackson names the value as it would convert it (1e2 as 100.0) and suggests configuring it.
                message = "expected text, not a number with a fraction or an exponent (such as 1e2): it is not "
                        + "turned into text";
            } else if ((mapping instanceof MismatchedInputException mismatch
                    && mismatch.getTargetType() == OffsetDateTime.class)
                    || (mapping.getCause() != null && mapping.getCause().getClass().getName().startsWith("java.time"))) {
                // The text given is what the reader needs; Jackson's and java.time's words about it are not.
                message = expectedTime(mapping)
                        + (mapping instanceof InvalidFormatException format && format.getValue() instanceof String given
                        ? ", not \"" + given + "\"" + timeReason(mapping) : ": " + message);
            } else if (mapping instanceof MismatchedInputException mismatch
                    && (mismatch.getTargetType() == boolean.class || mismatch.getTargetType() == Boolean.class)) {
                // Jackson's words name the Java type and list the spellings of text it would take.
                message = "expected true or false" + (mapping instanceof InvalidFormatException format
                        && format.getValue() != null ? ", not \"" + format.getValue() + "\"" : "");
            } else if (mapping instanceof MismatchedInputException && field.isEmpty()) {
                message = wholeInput(mapping, message);
            } else if (String.valueOf(message).startsWith("Cannot map `null` into type")) {
                // A number or boolean left out: Jackson's words name the Java type and its own setting.
                message = "required, but missing or null";
            }
        }
        if (!(e instanceof JsonMappingException) && e instanceof StreamReadException) {
            message = syntax(message, location, line);
        }
        if (field.isEmpty() && e instanceof StreamReadException) {
            Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(message));
            if (duplicate.lookingAt()) {
                // Jackson names the key but gives no path; the key is the field at fault, given twice.
                field = duplicate.group(1);
                message = "the key '" + field + "' is given twice in one object: which value is meant is unknown";
            }
        }
        return new InputException(source, line, field, firstLine(message), e);
    }

    /**
     * An entry of a record type with a key the record does not have, as {@link #of} words it, or null when every key
     * is known. Jackson builds a record before it looks at unknown keys, so a misspelt required key is otherwise
     * reported as the missing field ("caseId is required") without the key that was meant.
     */
    public static InputException unknownKey(String source, int line, JsonNode entry, JsonProcessingException e) {
        if (!(e instanceof ValueInstantiationException instantiation) || entry == null || !entry.isObject()
                || !instantiation.getPath().isEmpty() // a record inside the entry failed, not the entry's own
                || instantiation.getType() == null || !instantiation.getType().getRawClass().isRecord()) {
            return null;
        }
        Class<?> type = instantiation.getType().getRawClass();
        List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !known.contains(name)) {
                return new InputException(source, line, name, unknownKey(name, type.getSimpleName(), known), e);
            }
        }
        return null;
    }

    private static String unknownKey(UnrecognizedPropertyException e) {
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).toList();
        if (e.getReferringClass() != null && e.getReferringClass().isRecord()) {
            List<String> declared = Arrays.stream(e.getReferringClass().getRecordComponents())
                    .map(RecordComponent::getName).filter(known::contains).toList();
            if (declared.size() == known.size()) {
                known = declared; // in the order the record declares them, as the docs list them
            }
        }
        String type = e.getReferringClass() == null ? "this object" : e.getReferringClass().getSimpleName();
        return unknownKey(e.getPropertyName(), type, known);
    }

    /** "unknown key 'categroy' in ComplaintReceived; did you mean 'category'?", or the keys it has. */
    private static String unknownKey(String name, String type, List<String> known) {
        String suggestion = Suggestions.closest(name, known);
        return "unknown key '" + name + "' in " + type + (suggestion != null ? "; did you mean '" + suggestion + "'?"
                : known.isEmpty() ? "" : ", which has the keys " + Suggestions.inWords(known));
    }

    /** An unknown type named with the closest known one and all of them in words; a missing one said plainly. */
    private static String unknownType(InvalidTypeIdException e, String message, List<String> otherTypes) {
        Matcher known = KNOWN_TYPES.matcher(String.valueOf(message));
        List<String> types = known.find() ? Stream.concat(Arrays.stream(known.group(1).split(",")), otherTypes.stream())
                .map(String::strip).filter(t -> !t.isEmpty()).sorted().distinct().toList() : List.of();
        String listed = types.isEmpty() ? "" : ". The known types are " + Suggestions.inWords(types);
        if (e.getTypeId() == null || e.getTypeId().isBlank()) {
            return "no \"type\": every entry names its type" + listed;
        }
        String suggestion = Suggestions.closest(e.getTypeId(), types);
        return "unknown type '" + e.getTypeId() + "'" + (suggestion == null ? listed
                : "; did you mean '" + suggestion + "'?" + (listed.isEmpty() ? "" : " T" + listed.substring(3)));
    }

    /**
     * A JSON syntax error in plain words, without Jackson's codes and its location of a start marker (which counts
     * lines and columns from the start of the entry, not of the file); the column is given when the line is.
     */
    private static String syntax(String message, JsonLocation location, int line) {
        if (message == null) {
            return null;
        }
        String text = START_MARKER.matcher(message).replaceAll("");
        Matcher character = UNEXPECTED.matcher(text);
        String found = character.lookingAt() ? "'" + character.group(1) + "'" : null;
        String plain;
        if (text.startsWith("Unexpected end-of-input: expected close marker for Object")) {
            plain = "the text ends before the object is closed: a '}' is missing";
        } else if (text.startsWith("Unexpected end-of-input: expected close marker for Array")) {
            plain = "the text ends before the list is closed: a ']' is missing";
        } else if (text.startsWith("Unexpected end-of-input within/between Object entries")) {
            plain = "the text ends inside the object, before its next key or its '}': the rest of the entry is missing";
        } else if (text.startsWith("Unexpected end-of-input within/between Array entries")) {
            plain = "the text ends inside the list, before its next value or its ']': the rest of the entry is missing";
        } else if (text.startsWith("Unexpected end-of-input")) {
            plain = "the text ends inside a value: a closing '\"' or the rest of the entry is missing";
        } else if (found != null && text.contains("was expecting double-quote to start field name")) {
            plain = "expected a key in double quotes, such as \"id\", but found " + found;
        } else if (found != null && text.contains("was expecting comma to separate Object entries")) {
            plain = "expected ',' before the next key, or '}' to close the object, but found " + found;
        } else if (found != null && text.contains("was expecting a colon to separate field name and value")) {
            plain = "expected ':' between the key and its value, but found " + found;
        } else if (found != null && text.contains("expected a value")) {
            plain = "expected a value (text in double quotes, a number, true, false, null, an object or a list), "
                    + "but found " + found;
        } else if (text.startsWith("Unrecognized token '")) {
            String token = text.substring("Unrecognized token '".length(), Math.max(text.indexOf("':"),
                    "Unrecognized token '".length()));
            plain = "'" + token + "' is not a JSON value: text is written in double quotes, and a value is text, a "
                    + "number, true, false, null, an object or a list";
        } else {
            plain = UNEXPECTED_ANYWHERE.matcher(text).replaceAll("'$1'");
        }
        // Where the text ends needs no column.
        int column = location == null || text.startsWith("Unexpected end-of-input") ? 0 : location.getColumnNr();
        return line > 0 && column > 0 ? plain + " (column " + column + ")" : plain;
    }

    /** The line of the only key with this name, or {@code fallback} when there is not exactly one. */
    private static int keyLine(String text, String key, int fallback) {
        Pattern pattern = Pattern.compile("(^|[\\s{,\\-])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                if (found != 0) {
                    return fallback;
                }
                found = i + 1;
            }
        }
        return found == 0 ? fallback : found;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** An event id ({@code what}: "event") used again, for other content than at {@code firstAt}. */
    public static InputException reusedId(String source, int line, String what, String id, String firstAt) {
        return new InputException(source, line, "id", what + " id '" + id + "' was already used at " + firstAt
                + " for different content; the first is kept", null);
    }

    /**
     * Whether a record check ({@link ProfileHistory#add}) took the record as new:
     * {@code false} for the same record again, {@code null} when it refused it, its error given to {@code rejected}.
     */
    public static Boolean checked(java.util.function.BooleanSupplier check,
                                  java.util.function.Consumer<InputException> rejected) {
        try {
            return check.getAsBoolean();
        } catch (InputException e) {
            rejected.accept(e);
            return null;
        }
    }
}
