package org.niyam.compliance.pack;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.DatedValue;

/**
 * An effective-dated parameter of a rule pack: a clock length, a threshold or a switch whose value an amendment
 * may change. Each value holds from its {@code from} instant until the next value's.
 *
 * @param name        the name rules use, e.g. {@code removal.on-order}
 * @param description what it is, in a sentence
 * @param type        how its values are read
 * @param setting     whether the platform may set it ({@link ComplianceEngine.Builder#setting}): an internal
 *                    service level or a grace period the law leaves open, never a clock the law fixes
 * @param values      dated values, oldest first
 */
public record Parameter(String name, String description, Type type, boolean setting, List<DatedValue> values) {

    /** How a parameter's values are written and read. */
    public enum Type {
        /**
         * A clock length in ISO-8601: {@code PT36H}; {@code P15D} means 15 x 24 hours (a {@link Duration});
         * {@code P3M} or {@code P1Y} means calendar months or years (a {@link java.time.Period}).
         */
        DURATION,
        /** A whole number, read as {@link Long}. */
        NUMBER,
        /** {@code true} or {@code false}, read as {@link Boolean}. */
        FLAG,
        /** Free text, read as {@link String}. */
        TEXT;

        /**
         * A value of this type written as text, as in {@code pack.yaml} or a setting: {@code PT36H}, {@code 10},
         * {@code true}; {@code null} when the text is not one.
         *
         * @param text the value as written
         * @return a {@link Duration} or {@link java.time.Period}, a {@link Long}, a {@link Boolean} or the
         *         {@link String}; {@code null} when the text is not a value of this type
         */
        public Object parse(String text) {
            return PackDescriptor.parseValue(this, text);
        }
    }

    /**
     * Copies the values.
     *
     * @param name        the name rules use
     * @param description what it is, in a sentence
     * @param type        how its values are read
     * @param setting     whether the platform may set it
     * @param values      dated values, oldest first, none {@code null}; copied
     * @throws NullPointerException if {@code values} is {@code null} or holds {@code null}
     */
    public Parameter {
        values = List.copyOf(values);
    }

    /**
     * The value in force at an instant.
     *
     * @param instant the instant asked about
     * @return the last value whose {@code from} is not after the instant, or {@code null} when the parameter has none
     *         yet
     */
    public DatedValue at(OffsetDateTime instant) {
        return DatedValue.inForce(values, instant);
    }
}
