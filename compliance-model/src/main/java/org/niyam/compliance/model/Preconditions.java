package org.niyam.compliance.model;

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

    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
