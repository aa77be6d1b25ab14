package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.pack.RulePack;

/**
 * The report's and the events' order compares local date-times when two instants share an offset, and epoch
 * seconds otherwise: it must order every pair as their instants do. Fixed seeds.
 */
class InstantOrderTest {

    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHours(14)};

    private static OffsetDateTime instant(Random random) {
        ZoneOffset offset = OFFSETS[random.nextInt(OFFSETS.length)];
        // a narrow range, so that equal instants under different offsets and equal seconds with other nanos occur
        long second = 1_767_225_600L + random.nextInt(4) * 3_600L * 5 + random.nextInt(3) * 1_800L;
        int nano = random.nextInt(3) * 500_000_000;
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(second, nano), offset);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 20260220, -77})
    void orders_as_the_instants_do(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime a = instant(random);
            OffsetDateTime b = instant(random);
            assertThat(Integer.signum(Evaluation.instantOrder(a, b)))
                    .as("%s against %s (seed %d)", a, b, seed)
                    .isEqualTo(Integer.signum(a.toInstant().compareTo(b.toInstant())));
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {2, 20261205})
    void events_sorted_by_time_come_in_the_event_order(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            List<CaseEvent> events = new ArrayList<>();
            for (int i = random.nextInt(400); i > 0; i--) {
                // few ids and instants, so that equal instants, equal ids and the same event twice all occur
                events.add(new ComplaintReceived("e" + random.nextInt(40), "c" + random.nextInt(5), instant(random),
                        ComplaintCategory.GENERAL));
            }
            List<CaseEvent> expected = new ArrayList<>(events);
            expected.sort(Evaluation.EVENT_ORDER);
            Evaluation.sortByTime(events);
            assertThat(events).as("seed %d, round %d", seed, round).containsExactlyElementsOf(expected);
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i)).as("the same instance at %d (seed %d)", i, seed)
                        .isSameAs(expected.get(i));
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3, 1234})
    void the_version_in_force_is_the_last_that_started_by_the_instant(long seed) {
        RulePack india = RulePack.classpath("packs/clock"); // two versions
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            OffsetDateTime at = india.versions().get(random.nextInt(india.versions().size())).from()
                    .plusNanos((random.nextInt(3) - 1) * (random.nextBoolean() ? 1L : 3_600_000_000_000L))
                    .withOffsetSameInstant(OFFSETS[random.nextInt(OFFSETS.length)]);
            String expected = null;
            for (var version : india.versions()) {
                if (!version.from().isAfter(at)) {
                    expected = version.name();
                }
            }
            assertThat(india.versionAt(at)).as("%s (seed %d)", at, seed).isEqualTo(expected);
        }
    }
}
