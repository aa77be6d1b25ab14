package org.niyam.compliance.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Durations in words, as explanations give them: the largest units that fit, nanoseconds only below a millisecond. */
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

    @Test
    void gives_nanoseconds_only_below_a_millisecond_with_the_sign() {
        assertThat(Durations.describe(Duration.ofNanos(5))).isEqualTo("5 ns");
        assertThat(Durations.describe(Duration.ofNanos(-5))).isEqualTo("-5 ns");
        assertThat(Durations.describe(Duration.ofNanos(-1_000_005))).isEqualTo("-1 ms");
    }
}
