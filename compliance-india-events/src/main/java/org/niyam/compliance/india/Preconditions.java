package org.niyam.compliance.india;

import java.util.List;

/** Argument checks whose messages name the record and the field, so a bad input line can be traced. */
final class Preconditions {

    private Preconditions() {
    }

    static String requireText(String value, String type, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(type + "." + field + " is required and must not be blank");
        }
        return value;
    }

    static <T> T requirePresent(T value, String type, String field) {
        if (value == null) {
            throw new IllegalArgumentException(type + "." + field + " is required");
        }
        return value;
    }

    static <T> List<T> copyOf(List<T> values, String type, String field) {
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
     * with a subdivision ({@code US-CA}); {@code null} when not stated.
     */
    static String jurisdiction(String value, String type) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
            throw new IllegalArgumentException(type + ".jurisdiction must be an ISO 3166 code such as IN, DE or US-CA: '"
                    + value + "'");
        }
        return value;
    }

    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
