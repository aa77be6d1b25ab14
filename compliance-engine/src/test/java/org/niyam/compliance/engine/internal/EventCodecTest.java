package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.CaseEvent;

/** Every event type the model names goes through the audit's bucket files and comes back equal. */
class EventCodecTest {

    @Test
    void every_event_type_round_trips_with_values_and_with_nulls() throws Exception {
        JsonSubTypes subtypes = CaseEvent.class.getAnnotation(JsonSubTypes.class);
        int checked = 0;
        for (JsonSubTypes.Type subtype : subtypes.value()) {
            for (boolean nulls : new boolean[] {false, true}) {
                CaseEvent event = (CaseEvent) sample(subtype.value(), nulls);
                if (event == null) {
                    continue; // the record refuses the nulls
                }
                assertThat(EventCodec.encodable(event)).as(subtype.name()).isTrue();
                Bytes.Out out = new Bytes.Out(8);
                EventCodec.write(out, event);
                EventCodec.write(out, event);
                Bytes.In in = new Bytes.In(out.bytes());
                assertThat(EventCodec.read(in)).as(subtype.name()).isEqualTo(event);
                assertThat(EventCodec.read(in)).as(subtype.name() + ", second").isEqualTo(event);
                assertThat(in.more()).isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(subtypes.value().length);
    }

    /** A value of the type: text with letters outside ASCII, an instant with nanoseconds, the last constant. */
    private static Object sample(Class<?> type, boolean nulls) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i], nulls);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        try {
            return constructor.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (nulls) {
                return null;
            }
            throw e;
        }
    }

    private static Object value(RecordComponent component, boolean nulls) throws Exception {
        Class<?> type = component.getType();
        boolean nullable = !type.isPrimitive() && nulls && !List.of("id", "caseId", "at").contains(component.getName());
        if (nullable) {
            return null;
        }
        if (type == String.class) {
            return component.getName().equals("jurisdiction") ? "US-CA" : component.getName() + " ग्रीवांस é";
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 2, 20, 10, 15, 30, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30));
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == long.class || type == Long.class) {
            return 80_000_000L;
        }
        if (type == YearMonth.class) {
            return YearMonth.of(2026, 1);
        }
        if (type == List.class) {
            return List.of("https://example.com/a", "https://example.com/b");
        }
        if (type == Map.class) {
            return Map.of("verdict", "manifestly-unlawful", "note", "ग्रीवांस");
        }
        if (type.isRecord()) {
            return sample(type, false);
        }
        throw new AssertionError("no sample for " + type + " of " + component + " "
                + (component.getGenericType() instanceof ParameterizedType p ? p : ""));
    }
}
