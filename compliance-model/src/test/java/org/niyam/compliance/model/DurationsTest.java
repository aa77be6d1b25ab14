package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * Durations in words, as explanations give them: the largest units that fit, down to the millisecond, with a decimal
 * fraction of it for what is finer.
 */
class DurationsTest {

    @Test
    void describes_durations_in_the_largest_units_that_fit() {
        assertThat(Durations.describe(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.describe(Duration.ofHours(72))).isEqualTo("72 h");
        assertThat(Durations.describe(Duration.ofDays(15).plusHours(2))).isEqualTo("15 days 2 h");
        assertThat(Durations.describe(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(Durations.describe(Duration.ofSeconds(3, 7_000_000))).isEqualTo("3 s 7 ms");
        assertThat(Durations.describe(Duration.ofHours(-36))).isEqualTo("-36 h");
        assertThat(Durations.describe(Period.ofDays(180))).isEqualTo("180 days");
        assertThat(Durations.describe(Period.of(1, 1, 0))).isEqualTo("1 year 1 month");
    }

    /**
     * What is finer than a millisecond is its decimal fraction, never dropped: a removal 400 microseconds late reads
     * {@code 0.4 ms}, not {@code 400000 ns}; one 3 h and 5 ns late, {@code 3 h 0.000005 ms}, not {@code 3 h}.
     */
    @Test
    void gives_what_is_finer_than_a_millisecond_as_its_decimal_fraction_with_the_sign() {
        assertThat(Durations.describe(Duration.ofNanos(400_000))).isEqualTo("0.4 ms");
        assertThat(Durations.describe(Duration.ofNanos(5))).isEqualTo("0.000005 ms");
        assertThat(Durations.describe(Duration.ofNanos(-5))).isEqualTo("-0.000005 ms");
        assertThat(Durations.describe(Duration.ofNanos(-1_000_005))).isEqualTo("-1.000005 ms");
        assertThat(Durations.describe(Duration.ofHours(3).plusNanos(5))).isEqualTo("3 h 0.000005 ms");
        assertThat(Durations.describe(Duration.ofSeconds(2, 12_345_600))).isEqualTo("2 s 12.3456 ms");
        assertThat(Durations.describe(Duration.ofSeconds(1, 999_999_999))).isEqualTo("1 s 999.999999 ms");
    }

    /** Explanations are the same on every machine: a default locale with digits of its own changes none of them. */
    @Test
    void writes_ascii_digits_whatever_the_default_locale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(Durations.describe(Duration.ofNanos(400_000))).isEqualTo("0.4 ms");
            assertThat(Durations.describe(Duration.ofHours(3).plusNanos(5))).isEqualTo("3 h 0.000005 ms");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
