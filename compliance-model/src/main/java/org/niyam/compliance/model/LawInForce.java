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
 *     OwnPlatform(registeredUsers >= $law.number("registered-users.threshold"), heldAt(at))
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

    /**
     * Checks the law and copies its parameters.
     *
     * @param asOf       the instant the evaluation describes, required
     * @param parameters parameter name to its values, oldest first; copied, with each list
     * @throws IllegalArgumentException if {@code asOf} is missing
     * @throws NullPointerException     if {@code parameters} is {@code null} or holds {@code null}
     */
    public LawInForce {
        Preconditions.requirePresent(asOf, "LawInForce", "asOf");
        // each list copied too: a fact every rule reads is not changed through a list its maker kept
        Map<String, List<DatedValue>> copy = new java.util.HashMap<>(parameters.size() * 2);
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        parameters = Map.copyOf(copy);
    }

    /**
     * The number parameter in force at "as of".
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @return the number, e.g. a count of users
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public long number(String parameter) {
        return numberAt(parameter, asOf);
    }

    /**
     * The flag parameter in force at "as of".
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @return whether it is set (a part of the law in force, a check that applies)
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public boolean flag(String parameter) {
        return flagAt(parameter, asOf);
    }

    /**
     * The duration parameter in force at "as of".
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @return the duration or period, e.g. {@code 72 h} or {@code 15 days}
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public TemporalAmount duration(String parameter) {
        return durationAt(parameter, asOf);
    }

    /**
     * The text parameter in force at "as of".
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @return the text
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public String text(String parameter) {
        return textAt(parameter, asOf);
    }

    /**
     * The number parameter in force at an instant.
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @param instant   the instant asked about, such as when a complaint was received
     * @return the number, e.g. a count of users
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public long numberAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, Long.class);
    }

    /**
     * The flag parameter in force at an instant.
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @param instant   the instant asked about, such as when a complaint was received
     * @return whether it is set (a part of the law in force, a check that applies)
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public boolean flagAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, Boolean.class);
    }

    /**
     * The duration parameter in force at an instant.
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @param instant   the instant asked about, such as when a complaint was received
     * @return the duration or period, e.g. {@code 72 h} or {@code 15 days}
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public TemporalAmount durationAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, TemporalAmount.class);
    }

    /**
     * The text parameter in force at an instant.
     *
     * @param parameter the parameter's name, as its {@code pack.yaml} defines it
     * @param instant   the instant asked about, such as when a complaint was received
     * @return the text
     * @throws IllegalStateException if no pack defines the parameter, it has no value in force then, or its
     *                               value is of another kind
     */
    public String textAt(String parameter, OffsetDateTime instant) {
        return value(parameter, instant, String.class);
    }

    /**
     * Whether the parameter has a value at the instant; a rule that may run before a parameter exists asks this
     * first.
     *
     * @param parameter the parameter's name
     * @param instant   the instant asked about
     * @return {@code true} when a pack defines the parameter and one of its values is in force then
     */
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
