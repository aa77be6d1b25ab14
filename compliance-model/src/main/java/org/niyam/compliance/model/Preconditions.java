package org.niyam.compliance.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks for the compact constructors of event records, the model's and a pack's own, whose messages name the record
 * and the field ({@code ComplaintReceived.caseId is required and must not be blank}), so that a bad line of a case
 * log is reported with what is wrong in it.
 */
public final class Preconditions {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    /** The countries of ISO 3166-1 alpha-2, as the JDK lists them. */
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

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
     * An unmodifiable copy of a list of strings that may be absent: {@link #copyOf}, and every element a string, also
     * when the list came through code without generics (a raw {@code List} of numbers), which would otherwise fail
     * far from where it was made.
     *
     * @param values the field's value
     * @param type   the record's name, for the message
     * @param field  the field's name, for the message
     * @return a copy of {@code values}, empty when {@code values} is {@code null}
     * @throws IllegalArgumentException when an element is {@code null} or not a string (the message gives its index)
     */
    public static List<String> strings(List<String> values, String type, String field) {
        List<String> copy = copyOf(values, type, field);
        for (int i = 0; i < copy.size(); i++) {
            Object element = copy.get(i);
            if (!(element instanceof String)) {
                throw new IllegalArgumentException(type + "." + field + "[" + i + "] must be a string, not a "
                        + element.getClass().getName());
            }
        }
        return copy;
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
        if (!isJurisdiction(value)) {
            throw new IllegalArgumentException(type + ".jurisdiction must be an ISO 3166 code such as IN, DE or US-CA: '"
                    + value + "'" + notACountry(value));
        }
        return value;
    }

    /**
     * Whether the text is a jurisdiction as packs and events give them: a country of ISO 3166-1 alpha-2 ({@code IN},
     * {@code DE}; {@code EU} and {@code XX} are none), optionally with a subdivision of one to three letters or digits
     * ({@code US-CA}).
     *
     * @param value the text, or {@code null}
     * @return whether it is such a code
     */
    public static boolean isJurisdiction(String value) {
        return value != null && JURISDICTION.matcher(value).matches() && COUNTRIES.contains(value.substring(0, 2));
    }

    /**
     * What to add to the message refusing {@code value} as a jurisdiction when it has the shape of a code but names
     * no country ({@code EU}): that a law of several countries lists each one's code. Empty otherwise.
     *
     * @param value the text refused
     * @return the words to add, starting with a space, or an empty string
     */
    public static String notACountry(String value) {
        return value != null && JURISDICTION.matcher(value).matches()
                ? " (" + value.substring(0, 2) + " is no ISO 3166-1 country; a law of several countries lists each "
                        + "one's code)"
                : "";
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
