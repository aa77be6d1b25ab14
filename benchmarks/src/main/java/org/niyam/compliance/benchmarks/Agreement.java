package org.niyam.compliance.benchmarks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * Whether the engine and the baseline found the same obligations: the same ids, and for each the same status, due
 * instant, discharging event, discharge instant and lateness. Case obligations and the platform's own (standing duties,
 * monthly reports) are compared alike; any obligation only one side has is a difference.
 *
 * @param compared     obligations compared
 * @param differences  how many differ, in either direction
 * @param first        the first few differences, described
 * @param byStatus     the compared obligations by status (the baseline's, where they agree)
 * @param platform     of the compared obligations, those of the platform rather than of a case
 */
public record Agreement(int compared, int differences, List<String> first, Map<Status, Integer> byStatus,
                        int platform) {

    static final String MONTHLY_REPORT = BaselineChecker.MONTHLY_REPORT;

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
        private int differences;
        private int compared;
        private int platform;

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
        public synchronized void accept(Obligation o) {
            compared++;
            if (o.triggerEventId() == null || o.duty().equals(MONTHLY_REPORT)) {
                platform++;
            }
            BaselineChecker.Result mine = expected.remove(o.id());
            if (mine == null) {
                differ(o.id() + ": engine " + describe(o) + "; the baseline has no such obligation");
            } else if (!same(o, mine)) {
                differ(o.id() + ": engine " + describe(o) + "; baseline " + describe(mine));
            } else {
                byStatus.merge(o.status(), 1, Integer::sum);
            }
        }

        private static boolean same(Obligation o, BaselineChecker.Result mine) {
            return mine.status() == o.status()
                    && mine.duty().equals(o.duty())
                    && mine.dueEpochMilli() == millis(o.dueAt())
                    && Objects.equals(mine.dischargeEventId(), o.dischargeEventId())
                    && mine.dischargedEpochMilli() == millis(o.dischargedAt())
                    && mine.latenessMillis() == (o.lateness() == null ? BaselineChecker.Result.NO_DUE
                            : o.lateness().toMillis());
        }

        /** The agreement, once every obligation has been given. */
        public Agreement result() {
            expected.values().stream().sorted(Comparator.comparing(BaselineChecker.Result::obligationId))
                    .forEach(r -> differ(r.obligationId() + ": baseline " + describe(r)
                            + "; the engine has no such obligation"));
            expected.clear();
            return new Agreement(compared, differences, List.copyOf(first), byStatus, platform);
        }
    }

    private static long millis(OffsetDateTime at) {
        return at == null ? BaselineChecker.Result.NO_DUE : at.toInstant().toEpochMilli();
    }

    private static String describe(Obligation o) {
        return o.status() + " due " + o.dueAt() + ", discharged by " + o.dischargeEventId() + " at " + o.dischargedAt()
                + (o.lateness() == null ? "" : ", late by " + o.lateness());
    }

    private static String describe(BaselineChecker.Result r) {
        return r.status() + " due " + describe(r.dueEpochMilli()) + ", discharged by " + r.dischargeEventId() + " at "
                + describe(r.dischargedEpochMilli())
                + (r.latenessMillis() == BaselineChecker.Result.NO_DUE ? ""
                        : ", late by " + java.time.Duration.ofMillis(r.latenessMillis()));
    }

    private static String describe(long epochMilli) {
        return epochMilli == BaselineChecker.Result.NO_DUE ? "none"
                : Instant.ofEpochMilli(epochMilli).atOffset(CaseLogGenerator.IST).toString();
    }
}
