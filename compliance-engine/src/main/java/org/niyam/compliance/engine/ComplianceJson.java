package org.niyam.compliance.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;

/**
 * The JSON form of inputs and outputs (see {@code docs/json.md}): ISO-8601 instants with offset, ISO-8601
 * durations, a {@code type} field on events, unknown fields rejected, nulls left out of output.
 *
 * <pre>{@code
 * Evidence evidence = ComplianceJson.readEvidence(Path.of("case-log.json"));
 * String json = ComplianceJson.write(report);
 * }</pre>
 *
 * <p>Bad input raises an {@link InputException} naming the source, line and field. Thread-safe.
 */
public final class ComplianceJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Pattern MODEL_FIELD = Pattern.compile("[A-Z]\\w*\\.(\\w+)\\b");

    private ComplianceJson() {
    }

    /** A copy of the configured mapper, for reading or writing other model types the same way. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static Evidence readEvidence(Path file) {
        return read(file, Evidence.class);
    }

    public static Evidence readEvidence(String source, Reader json) {
        return read(source, json, Evidence.class);
    }

    public static Report readReport(String source, Reader json) {
        return read(source, json, Report.class);
    }

    /** Reads any model type from a file. */
    public static <T> T read(Path file, Class<T> type) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads any model type; {@code source} names the input in errors. */
    public static <T> T read(String source, Reader json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InputException(source, 0, "", "is empty: expected a JSON " + type.getSimpleName(), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw inputError(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Writes a report, or any model value, as indented JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static InputException inputError(String source, JsonProcessingException e) {
        return inputError(source, 0, e);
    }

    /** The error, located at {@code line} when it is positive (a line of a JSON Lines file), else where Jackson saw it. */
    static InputException inputError(String source, int line, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (line <= 0) {
            line = location == null ? 0 : location.getLineNr();
        }
        String field = "";
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping) {
            field = path(mapping);
            if (mapping instanceof ValueInstantiationException && mapping.getCause() != null) {
                message = mapping.getCause().getMessage();
                // Model checks say "Type.field ...": point at the field itself.
                Matcher named = MODEL_FIELD.matcher(String.valueOf(message));
                if (named.lookingAt()) {
                    field = field.isEmpty() ? named.group(1) : field + "." + named.group(1);
                }
            } else if ((mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() == OffsetDateTime.class)
                    || (mapping.getCause() != null && mapping.getCause().getClass().getName().startsWith("java.time"))) {
                message = "expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30: " + message;
            }
        }
        return new InputException(source, line, field, firstLine(message), e);
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
