package org.niyam.compliance.model;

import java.util.List;

/**
 * Checks for the compact constructors of event records, the model's and a pack's own, whose messages name the record
 * and the field ({@code ComplaintReceived.caseId is required and must not be blank}), so that a bad line of a case
 * log is reported with what is wrong in it.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * Text that must be given.
     *
     * @param value the field's value
     * @param type  the record's name, for the message
     * @param field the field's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is {@code null} or blank
     */
    public static String requireText(String value, String type, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(type + "." + field + " is required and must not be blank");
        }
        return value;
    }

    /**
     * A value that must be given.
     *
     * @param <T>   the field's type
     * @param value the field's value
     * @param type  the record's name, for the message
     * @param field the field's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is {@code null}
     */
    public static <T> T requirePresent(T value, String type, String field) {
        if (value == null) {
            throw new IllegalArgumentException(type + "." + field + " is required");
        }
        return value;
    }

    /**
     * An unmodifiable copy of a list that may be absent but holds no {@code null}.
     *
     * @param <T>    the elements' type
     * @param values the field's value
     * @param type   the record's name, for the message
     * @param field  the field's name, for the message
     * @return a copy of {@code values}, empty when {@code values} is {@code null}
     * @throws IllegalArgumentException when an element is {@code null} (the message gives its index)
     */
    public static <T> List<T> copyOf(List<T> values, String type, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(type + "." + field + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(values);
    }

    /**
     * A jurisdiction as packs declare theirs: an ISO 3166-1 alpha-2 country code ({@code IN}, {@code DE}), optionally
     * with a subdivision ({@code US-CA}).
     *
     * @param value the field's value; {@code null} when the event does not state one
     * @param type  the record's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is not such a code
     */
    public static String jurisdiction(String value, String type) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
            throw new IllegalArgumentException(type + ".jurisdiction must be an ISO 3166 code such as IN, DE or US-CA: '"
                    + value + "'");
        }
        return value;
    }

    /**
     * Optional text, blank read as absent.
     *
     * @param value the field's value
     * @return {@code value}, or {@code null} when it is {@code null} or blank
     */
    public static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
