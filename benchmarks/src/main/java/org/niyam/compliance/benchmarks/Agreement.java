package org.niyam.compliance.benchmarks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * Whether the engine and the baseline found the same case obligations: the same ids, and for each the same status
 * and due instant. The engine's other obligations are the platform's standing duties (no trigger event) and the
 * monthly reports of Rule 4(1)(d) (triggered by the calendar, not by a case); they are counted, not compared. Any
 * other obligation the engine opens is a difference: the baseline would be missing a duty.
 *
 * @param compared     case obligations compared
 * @param differences  how many differ, in either direction
 * @param first        the first few differences, described
 * @param byStatus     the compared obligations by status (the baseline's, where they agree)
 * @param notCompared  the engine's other obligations, by duty key
 */
public record Agreement(int compared, int differences, List<String> first, Map<Status, Integer> byStatus,
                        Map<String, Integer> notCompared) {

    static final String MONTHLY_REPORT = "4(1)(d).monthly-report";

    public boolean agrees() {
        return differences == 0;
    }

    /** Compares the two answers, describing up to {@code limit} differences. */
    public static Agreement of(Report engine, BaselineChecker.Outcome baseline, int limit) {
        Comparison comparison = new Comparison(baseline, limit);
        comparison.asOf(engine.asOf());
        engine.obligations().forEach(comparison);
        return comparison.result();
    }

    /**
     * A comparison fed the engine's obligations one at a time, as an audit delivers them, so that they need not all
     * be held at once. Holds the baseline's results that no obligation has matched yet.
     */
    public static final class Comparison implements Consumer<Obligation> {
        private final BaselineChecker.Outcome baseline;
        private final int limit;
        private final List<String> first = new ArrayList<>();
        private final Map<String, BaselineChecker.Result> expected;
        private final Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        private final Map<String, Integer> notCompared = new TreeMap<>();
        private int differences;
        private int compared;

        public Comparison(BaselineChecker.Outcome baseline, int limit) {
            this.baseline = baseline;
            this.limit = limit;
            this.expected = new HashMap<>(baseline.results().size() * 2);
            for (BaselineChecker.Result result : baseline.results()) {
                if (expected.put(result.obligationId(), result) != null) {
                    differ(result.obligationId() + ": the baseline reports it twice");
                }
            }
        }

        private void differ(String text) {
            if (differences++ < limit) {
                first.add(text);
            }
        }

        /** The instant the engine judged at; it must be the baseline's. */
        public void asOf(OffsetDateTime asOf) {
            if (asOf.toInstant().toEpochMilli() != baseline.asOfEpochMilli()) {
                differ("as of: engine " + asOf + ", baseline " + Instant.ofEpochMilli(baseline.asOfEpochMilli()));
            }
        }

        @Override
        public void accept(Obligation o) {
            if (!BaselineChecker.DUTIES.contains(o.duty())) {
                if (o.triggerEventId() == null || o.duty().equals(MONTHLY_REPORT)) {
                    notCompared.merge(o.triggerEventId() == null ? "standing duties" : o.duty(), 1, Integer::sum);
                } else {
                    differ(o.id() + ": the engine opened it (" + o.status() + "), a duty the baseline does not check");
                }
                return;
            }
            compared++;
            BaselineChecker.Result mine = expected.remove(o.id());
            long due = o.dueAt() == null ? BaselineChecker.Result.NO_DUE : o.dueAt().toInstant().toEpochMilli();
            if (mine == null) {
                differ(o.id() + ": engine " + o.status() + " due " + o.dueAt() + "; the baseline has no such obligation");
            } else if (mine.status() != o.status() || mine.dueEpochMilli() != due) {
                differ(o.id() + ": engine " + o.status() + " due " + o.dueAt() + "; baseline " + mine.status()
                        + " due " + describe(mine.dueEpochMilli()));
            } else {
                byStatus.merge(o.status(), 1, Integer::sum);
            }
        }

        /** The agreement, once every obligation has been given. */
        public Agreement result() {
            expected.values().stream().sorted(Comparator.comparing(BaselineChecker.Result::obligationId))
                    .forEach(r -> differ(r.obligationId() + ": baseline " + r.status() + " due "
                            + describe(r.dueEpochMilli()) + "; the engine has no such obligation"));
            expected.clear();
            return new Agreement(compared, differences, List.copyOf(first), byStatus, notCompared);
        }
    }

    private static String describe(long epochMilli) {
        return epochMilli == BaselineChecker.Result.NO_DUE ? "none"
                : Instant.ofEpochMilli(epochMilli).atOffset(CaseLogGenerator.IST).toString();
    }
}
