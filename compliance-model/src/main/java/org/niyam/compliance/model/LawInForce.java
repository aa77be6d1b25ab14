package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Map;

/**
 * Rule vocabulary: the rule packs' effective-dated parameters, and the "as of" instant of the evaluation. The
 * engine inserts exactly one. Rules for standing duties read values at "as of"; rules that must apply the law
 * in force when something happened read values at that instant.
 *
 * <pre>{@code
 * when
 *     $law : LawInForce()
 *     PlatformProfile(registeredUsersInIndia >= $law.number("ssmi.registered-users"))
 *     $order : RemovalOrderReceived($law.flagAt("intimation-checks.in-force", at))
 * }</pre>
 *
 * <p>Asking for a parameter that has no value at the instant is an error naming it: a rule that may run before
 * a parameter exists asks {@link #definedAt} first.
 *
 * @param asOf       the instant the evaluation describes
 * @param parameters parameter name to its values, oldest first
 */
public record LawInForce(OffsetDateTime asOf, Map<String, List<DatedValue>> parameters) {

    public LawInForce {
        Preconditions.requirePresent(asOf, "LawInForce", "asOf");
        parameters = Map.copyOf(parameters);
    }

    public long number(String parameter) {
        return numberAt(parameter, asOf);
    }

    public boolean flag(String parameter) {
        return flagAt(parameter, asOf);
    }

    public TemporalAmount duration(String parameter) {
        return durationAt(parameter, asOf);
    }

    public String text(String parameter) {
        return textAt(parameter, asOf);
    }

    public long numberAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, Long.class);
    }

    public boolean flagAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, Boolean.class);
    }

    public TemporalAmount durationAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, TemporalAmount.class);
    }

    public String textAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, String.class);
    }

    /** Whether the parameter has a value at the instant. */
    public boolean definedAt(String parameter, OffsetDateTime instant) {
        List<DatedValue> values = parameters.get(parameter);
        return values != null && DatedValue.inForce(values, instant) != null;
    }

    private <T> T value(String parameter, OffsetDateTime instant, Class<T> type) {
        List<DatedValue> values = parameters.get(parameter);
        if (values == null) {
            throw new IllegalStateException("parameter '" + parameter + "' is not defined by any rule pack; "
                    + "define it in the parameters of a pack.yaml");
        }
        DatedValue value = DatedValue.inForce(values, instant);
        if (value == null) {
            throw new IllegalStateException("parameter '" + parameter + "' has no value in force at " + instant
                    + "; its first value is from " + values.get(0).from());
        }
        if (!type.isInstance(value.value())) {
            throw new IllegalStateException("parameter '" + parameter + "' is a "
                    + value.value().getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value.value());
    }
}
