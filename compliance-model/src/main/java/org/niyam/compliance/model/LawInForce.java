package org.niyam.compliance.model;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Rule vocabulary: the values of the rule packs' effective-dated parameters in force at the "as of" instant of
 * an evaluation. The engine inserts exactly one; rules for standing duties read thresholds and switches from it.
 *
 * <pre>{@code
 * when
 *     $law : LawInForce()
 *     PlatformProfile(registeredUsersInIndia >= $law.number("ssmi.registered-users"))
 * }</pre>
 *
 * @param asOf   the instant the values are for
 * @param values parameter name to value: {@link Duration}, {@link Long}, {@link Boolean} or {@link String}
 */
public record LawInForce(OffsetDateTime asOf, Map<String, Object> values) {

    public LawInForce {
        Preconditions.requirePresent(asOf, "LawInForce", "asOf");
        values = Map.copyOf(values);
    }

    public long number(String parameter) {
        return value(parameter, Long.class);
    }

    public boolean flag(String parameter) {
        return value(parameter, Boolean.class);
    }

    public Duration duration(String parameter) {
        return value(parameter, Duration.class);
    }

    public String text(String parameter) {
        return value(parameter, String.class);
    }

    private <T> T value(String parameter, Class<T> type) {
        Object value = values.get(parameter);
        if (value == null) {
            throw new IllegalStateException("parameter '" + parameter + "' has no value in force at " + asOf
                    + "; define it, with a value from that date, in the parameters of the rule pack");
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("parameter '" + parameter + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
