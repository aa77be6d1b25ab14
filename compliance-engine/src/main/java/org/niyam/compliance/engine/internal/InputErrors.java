package org.niyam.compliance.engine.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.niyam.compliance.engine.InputException;

/**
 * Turns Jackson's errors into {@link InputException}s that say where (source, line, field path) and what was
 * expected, the same way for every input Niyam reads: evidence, case logs, scenarios. Not API.
 */
public final class InputErrors {

    /** Model checks say "Type.field ...": the field is then named in the path. */
    private static final Pattern MODEL_FIELD = Pattern.compile("[A-Z]\\w*\\.(\\w+)\\b");

    /** Jackson's message for a key given twice (JsonParser.Feature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

    private InputErrors() {
    }

    /**
     * The error located at {@code line} when it is positive (a line of a JSON Lines file), else where Jackson saw
     * it; {@code text}, when given, lets an unknown key be placed on its own line.
     */
    public static InputException of(String source, int line, String text, JsonProcessingException e) {
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
            if (mapping instanceof InvalidTypeIdException) {
                field = field.isEmpty() ? "type" : field + ".type"; // an unknown or missing "type"
            }
            if (mapping instanceof ValueInstantiationException && mapping.getCause() != null) {
                message = mapping.getCause().getMessage();
                Matcher named = MODEL_FIELD.matcher(String.valueOf(message));
                if (named.lookingAt()) {
                    field = field.isEmpty() ? named.group(1) : field + "." + named.group(1);
                }
            } else if (mapping instanceof Mappers.Refused) {
                message = mapping.getOriginalMessage();
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() == String.class
                    && String.valueOf(message).startsWith("Cannot coerce Float")) {
                // Jackson names the value as it would convert it (1e2 as 100.0) and suggests configuring it.
                message = "expected text, not a number with a fraction or an exponent (such as 1e2): it is not "
                        + "turned into text";
            } else if ((mapping instanceof MismatchedInputException mismatch
                    && mismatch.getTargetType() == OffsetDateTime.class)
                    || (mapping.getCause() != null && mapping.getCause().getClass().getName().startsWith("java.time"))) {
                message = "expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30: " + message;
            }
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
}
