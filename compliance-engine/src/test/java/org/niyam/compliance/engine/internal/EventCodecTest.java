package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.example.appeals.AppealLodged;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;

/** Every event type of the class path's registry, and a pack's own, goes through the audit's bucket files and comes back equal. */
class EventCodecTest {

    @Test
    void every_event_type_round_trips_with_values_and_with_nulls() throws Exception {
        // The India pack's and CustomEvent (announced on the class path), and a record of a pack of the tests.
        Map<String, Class<? extends CaseEvent>> types = new TreeMap<>(EventTypes.onClasspath().asMap());
        types.put("AppealLodged", AppealLodged.class);
        int checked = 0;
        for (Map.Entry<String, Class<? extends CaseEvent>> subtype : types.entrySet()) {
            for (boolean nulls : new boolean[] {false, true}) {
                CaseEvent event = (CaseEvent) sample(subtype.getValue(), nulls);
                if (event == null) {
                    continue; // the record refuses the nulls
                }
                assertThat(EventCodec.encodable(event)).as(subtype.getKey()).isTrue();
                Bytes.Out out = new Bytes.Out(8);
                EventCodec.write(out, event);
                EventCodec.write(out, event);
                Bytes.In in = new Bytes.In(out.bytes());
                assertThat(EventCodec.read(in)).as(subtype.getKey()).isEqualTo(event);
                assertThat(EventCodec.read(in)).as(subtype.getKey() + ", second").isEqualTo(event);
                assertThat(in.more()).isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(types.size());
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
