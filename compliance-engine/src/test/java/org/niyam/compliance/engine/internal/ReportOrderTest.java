package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;

/**
 * {@link ReportOrder}'s sort and comparator give exactly what a stable sort by {@link Evaluation#REPORT_ORDER} gives:
 * platform obligations first, cases by id, then trigger instant and id, equal obligations in their order. The lists
 * have many ties (same case as different string instances, same instant under other offsets, same id), runs longer
 * than the insertion sort's, and sizes from 0 up. Fixed seeds, printed on failure.
 */
class ReportOrderTest {

    private static final OffsetDateTime BASE = OffsetDateTime.parse("2026-03-05T10:00:00+05:30");
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8)};
    private static final Citation CITATION = new Citation("Act", "s. 1", "as made", "r1");

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 20261205, -9})
    void sorts_as_a_stable_sort_by_report_order(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<Obligation> obligations = obligations(random, random.nextInt(round < 10 ? 4 : 400),
                    1 + random.nextInt(60));
            List<Obligation> expected = new ArrayList<>(obligations);
            expected.sort(Evaluation.REPORT_ORDER);
            List<Obligation> actual = new ArrayList<>(obligations);
            Evaluation.sortForReport(actual);
            String where = "seed " + seed + ", round " + round;
            assertThat(actual).as(where).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as(where + ", item " + i).isSameAs(expected.get(i));
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {2, 777})
    void compares_as_report_order_does(long seed) {
        Random random = new Random(seed);
        List<Obligation> obligations = obligations(random, 600, 20);
        for (int i = 0; i < 20_000; i++) {
            Obligation a = obligations.get(random.nextInt(obligations.size()));
            Obligation b = obligations.get(random.nextInt(obligations.size()));
            assertThat(Integer.signum(ReportOrder.OBLIGATIONS.compare(a, b))).as("%s against %s (seed %d)", a, b, seed)
                    .isEqualTo(Integer.signum(Evaluation.REPORT_ORDER.compare(a, b)));
        }
    }

    /** Obligations over a few cases (one with many obligations, so that runs exceed the insertion sort's). */
    private static List<Obligation> obligations(Random random, int count, int cases) {
        List<Obligation> obligations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(cases + 2) - 1;
            String caseId = c < 0 ? null : random.nextInt(4) == 0 ? "case-0" : new String("case-" + c); // other instances
            OffsetDateTime trigger = BASE.plusMinutes(30L * random.nextInt(6))
                    .withOffsetSameInstant(OFFSETS[random.nextInt(OFFSETS.length)]);
            String id = "duty-" + random.nextInt(3) + "@e" + random.nextInt(8);
            obligations.add(new Obligation(id, "duty", "Do it", caseId, trigger, trigger.plusHours(2), Status.OPEN,
                    CITATION, null, null, null, "why " + i));
        }
        return obligations;
    }
}
