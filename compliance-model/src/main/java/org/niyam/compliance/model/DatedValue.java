package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One value of an effective-dated parameter, in force from {@code from} until the next value's {@code from}.
 *
 * @param from   first instant the value is in force
 * @param value  the value: a {@link java.time.Duration} or {@link java.time.Period}, {@link Long}, {@link Boolean}
 *               or {@link String}
 * @param source the legal source of the value, e.g. {@code G.S.R. 120(E), Rule 3(1)(d)}; may be {@code null}
 */
public record DatedValue(OffsetDateTime from, Object value, String source) {

    /**
     * Checks the value.
     *
     * @param from   first instant the value is in force, required
     * @param value  the value, required
     * @param source the legal source, or {@code null}
     * @throws IllegalArgumentException if {@code from} or {@code value} is missing
     */
    public DatedValue {
        Preconditions.requirePresent(from, "DatedValue", "from");
        Preconditions.requirePresent(value, "DatedValue", "value");
    }

    /**
     * The value in force at an instant.
     *
     * @param values  the parameter's values, oldest first
     * @param instant the instant asked about
     * @return the last value whose {@code from} is not after the instant, or {@code null} before the first
     */
    public static DatedValue inForce(List<DatedValue> values, OffsetDateTime instant) {
        DatedValue inForce = null;
        for (DatedValue value : values) {
            if (value.from().isAfter(instant)) {
                break;
            }
            inForce = value;
        }
        return inForce;
    }
}
