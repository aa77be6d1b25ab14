package org.niyam.compliance.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.EventTypes;

/**
 * The model's JSON, on one line: what the job keeps in state and writes. Events are read and written under the names
 * of a registry of event types: an operator's engine's ({@link #of}), or, where no event is read, the class path's.
 */
final class Json {

    /** The types the class path announces; enough for platform records, standing facts and outputs. */
    static final Json DEFAULT = new Json(EventTypes.onClasspath());
    private static final Map<EventTypes, Json> BY_TYPES = new ConcurrentHashMap<>();

    final ObjectMapper mapper;
    private final EventTypes types;

    private Json(EventTypes types) {
        this.types = types;
        this.mapper = ComplianceJson.mapper(types).disable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The JSON of an engine's event types ({@code ComplianceEngine.eventTypes()}), made once per registry. */
    static Json of(EventTypes types) {
        return BY_TYPES.computeIfAbsent(types, Json::new);
    }

    /** The JSON {@code type} name of a registered value's class, or its simple class name. */
    String name(Object value) {
        String name = types.nameOf(value.getClass());
        return name != null ? name : value.getClass().getSimpleName();
    }

    String text(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the job's state is not a " + type.getSimpleName() + " this version reads: "
                    + e.getMessage(), e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
