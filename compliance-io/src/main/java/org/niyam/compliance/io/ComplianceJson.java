package org.niyam.compliance.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
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

    private static final ObjectMapper PLAIN = Mappers.configure(new ObjectMapper())
            .enable(SerializationFeature.INDENT_OUTPUT);
    /** Knows the event types every jar on the class path announces ({@link EventTypes#onClasspath()}). */
    private static final ObjectMapper MAPPER = Mappers.withEventTypes(PLAIN, EventTypes.onClasspath());
    /** One mapper per registry, made once: a copy registers its types anew and forgets what it has learnt. */
    private static final Map<EventTypes, ObjectMapper> BY_TYPES = new ConcurrentHashMap<>();

    private ComplianceJson() {
    }

    /**
     * A copy of the configured mapper, for reading or writing other model types the same way. It knows the event
     * types the class path announces ({@link EventTypes#onClasspath()}); see {@link #mapper(EventTypes)} for an
     * engine's ({@code ComplianceEngine.eventTypes()}).
     *
     * @return a new mapper, the caller's to configure further
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * A copy of the configured mapper that reads and writes the event types of {@code types}.
     *
     * @param types the registry whose names the {@code type} field holds, such as an engine's
     * @return a new mapper, the caller's to configure further
     * @throws NullPointerException if {@code types} is {@code null}
     */
    public static ObjectMapper mapper(EventTypes types) {
        return shared(types).copy();
    }

    /** The configured mapper of {@code types}, shared: never to be changed. */
    static ObjectMapper shared(EventTypes types) {
        return BY_TYPES.computeIfAbsent(Objects.requireNonNull(types, "types"),
                t -> Mappers.withEventTypes(PLAIN, t));
    }

    /**
     * Reads evidence given as one JSON document ({@code {"platform": ..., "appointments": [...], "events": [...]}});
     * a case log is read with {@link CaseLogReader}.
     *
     * @param file the document, UTF-8
     * @return the evidence
     * @throws InputException       if the document is not valid evidence, naming the field at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Evidence readEvidence(Path file) {
        return read(file, Evidence.class);
    }

    /**
     * Reads evidence given as one JSON document from a stream.
     *
     * @param source names the input in errors
     * @param json   the document; not closed
     * @return the evidence
     * @throws InputException       if the document is not valid evidence, naming the field at fault
     * @throws UncheckedIOException if reading fails
     */
    public static Evidence readEvidence(String source, Reader json) {
        return read(source, json, Evidence.class);
    }

    /**
     * Reads evidence given as one JSON document from a stream, with the event types of {@code types} (an engine's,
     * {@code ComplianceEngine.eventTypes()}, which holds the types its packs list in their {@code pack.yaml}), where
     * {@link #readEvidence(String, Reader)} knows only those the class path announces. The errors are those of
     * {@link #readEvidence(String, Reader)}: an unknown {@code type} is named with the types {@code types} knows.
     *
     * @param source names the input in errors
     * @param json   the document; not closed
     * @param types  the registry whose names the {@code type} fields hold
     * @return the evidence
     * @throws InputException       if the document is not valid evidence, naming the field at fault
     * @throws UncheckedIOException if reading fails
     * @throws NullPointerException if {@code types} is {@code null}
     */
    public static Evidence readEvidence(String source, Reader json, EventTypes types) {
        return read(shared(types), source, json, Evidence.class);
    }

    /**
     * Reads a report as {@link #write(Object)} wrote it, for comparing runs or rendering it again.
     *
     * @param source names the input in errors
     * @param json   the report's JSON; not closed
     * @return the report
     * @throws InputException       if the text is not a report, naming the field at fault
     * @throws UncheckedIOException if reading fails
     */
    public static Report readReport(String source, Reader json) {
        return read(source, json, Report.class);
    }

    /**
     * Reads any model type from a file.
     *
     * @param <T>  the type read
     * @param file the JSON document, UTF-8
     * @param type the class of the value, such as {@code Evidence.class}
     * @return the value
     * @throws InputException       if the document is empty or not a valid value, naming the field at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static <T> T read(Path file, Class<T> type) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads any model type from a stream.
     *
     * @param <T>    the type read
     * @param source names the input in errors
     * @param json   the JSON document; not closed
     * @param type   the class of the value
     * @return the value
     * @throws InputException       if the document is empty or not a valid value, naming the field at fault
     * @throws UncheckedIOException if reading fails
     */
    public static <T> T read(String source, Reader json, Class<T> type) {
        return read(MAPPER, source, json, type);
    }

    private static <T> T read(ObjectMapper mapper, String source, Reader json, Class<T> type) {
        try {
            T value = mapper.readValue(json, type);
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

    /**
     * Writes a report, or any model value, as indented JSON.
     *
     * @param value the value to write
     * @return its JSON text
     * @throws IllegalStateException if the value cannot be written as JSON
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static InputException inputError(String source, JsonProcessingException e) {
        return InputErrors.of(source, 0, null, e);
    }

    /** The error, located at {@code line} when it is positive (a line of a JSON Lines file), else where Jackson saw it. */
    static InputException inputError(String source, int line, JsonProcessingException e) {
        return InputErrors.of(source, line, null, e);
    }
}
