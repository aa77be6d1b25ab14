package org.niyam.compliance.model;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAmount;

/**
 * Durations as a compliance officer reads them: {@code 15 days}, {@code 72 h}, {@code 1 h 5 min}, {@code 1 ms},
 * {@code 0.4 ms}; the wording of the engine's explanations and of the reports. The smallest unit is the millisecond:
 * what is finer is its decimal fraction, to the nanosecond, so that no part of a duration is dropped.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Describes a duration or a period: a {@link Period} in years, months and days ({@code 1 month}), a
     * {@link Duration} as {@link #describe(Duration)} does.
     *
     * @param amount a {@link Period} or a {@link Duration}
     * @return the amount in words, {@code 0 s} when it is zero
     * @throws ClassCastException if the amount is neither a {@code Period} nor a {@code Duration}
     */
    public static String describe(TemporalAmount amount) {
        if (amount instanceof Period period) {
            StringBuilder text = new StringBuilder();
            append(text, period.getYears(), period.getYears() == 1 ? " year" : " years");
            append(text, period.getMonths(), period.getMonths() == 1 ? " month" : " months");
            append(text, period.getDays(), period.getDays() == 1 ? " day" : " days");
            return text.isEmpty() ? "0 s" : text.toString();
        }
        return describe((Duration) amount);
    }

    /**
     * Describes a duration in the largest units that fit: days from four days up ({@code 15 days 2 h}), hours
     * below ({@code 72 h}), then minutes, seconds and milliseconds ({@code 1 h 5 min}), every part that is not zero.
     * Milliseconds carry a decimal fraction when the duration is finer ({@code 0.4 ms}, {@code 3 h 1.000005 ms}):
     * nothing is rounded away.
     *
     * @param duration the duration; negative ones get a leading minus
     * @return the duration in words, {@code 0 s} when it is zero
     */
    public static String describe(Duration duration) {
        if (duration.isZero()) {
            return "0 s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.isNegative()) {
            text.append('-');
            duration = duration.negated();
        }
        // Clocks of a few days read better in hours (72 h); longer ones in days (15 days).
        boolean inDays = duration.toDays() >= 4;
        append(text, inDays ? duration.toDays() : 0, " days");
        append(text, inDays ? duration.toHoursPart() : duration.toHours(), " h");
        append(text, duration.toMinutesPart(), " min");
        append(text, duration.toSecondsPart(), " s");
        int finer = duration.toNanosPart() % 1_000_000;
        if (finer == 0) {
            append(text, duration.toMillisPart(), " ms");
        } else {
            // The nanoseconds below the millisecond as six decimals, without the zeros that end them: 0.4 ms (in
            // ASCII digits whatever the default locale, which String.format would follow).
            String fraction = Integer.toString(1_000_000 + finer).substring(1).replaceFirst("0+$", "");
            separate(text).append(duration.toMillisPart()).append('.').append(fraction).append(" ms");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            separate(text).append(amount).append(unit);
        }
    }

    /** A space after an earlier part, none at the start or after the sign. */
    private static StringBuilder separate(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '-') {
            text.append(' ');
        }
        return text;
    }
}
