package org.niyam.compliance.benchmarks;

import java.time.Instant;
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
        List<String> first = new ArrayList<>();
        int[] differences = {0};
        Consumer<String> differ = text -> {
            if (differences[0]++ < limit) {
                first.add(text);
            }
        };
        if (engine.asOf().toInstant().toEpochMilli() != baseline.asOfEpochMilli()) {
            differ.accept("as of: engine " + engine.asOf() + ", baseline " + Instant.ofEpochMilli(baseline.asOfEpochMilli()));
        }
        Map<String, BaselineChecker.Result> expected = new HashMap<>(baseline.results().size() * 2);
        for (BaselineChecker.Result result : baseline.results()) {
            if (expected.put(result.obligationId(), result) != null) {
                differ.accept(result.obligationId() + ": the baseline reports it twice");
            }
        }
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        Map<String, Integer> notCompared = new TreeMap<>();
        int compared = 0;
        for (Obligation o : engine.obligations()) {
            if (!BaselineChecker.DUTIES.contains(o.duty())) {
                if (o.triggerEventId() == null || o.duty().equals(MONTHLY_REPORT)) {
                    notCompared.merge(o.triggerEventId() == null ? "standing duties" : o.duty(), 1, Integer::sum);
                } else {
                    differ.accept(o.id() + ": the engine opened it (" + o.status() + "), a duty the baseline does not check");
                }
                continue;
            }
            compared++;
            BaselineChecker.Result mine = expected.remove(o.id());
            long due = o.dueAt() == null ? BaselineChecker.Result.NO_DUE : o.dueAt().toInstant().toEpochMilli();
            if (mine == null) {
                differ.accept(o.id() + ": engine " + o.status() + " due " + o.dueAt() + "; the baseline has no such obligation");
            } else if (mine.status() != o.status() || mine.dueEpochMilli() != due) {
                differ.accept(o.id() + ": engine " + o.status() + " due " + o.dueAt() + "; baseline " + mine.status()
                        + " due " + describe(mine.dueEpochMilli()));
            } else {
                byStatus.merge(o.status(), 1, Integer::sum);
            }
        }
        expected.values().stream().sorted(Comparator.comparing(BaselineChecker.Result::obligationId))
                .forEach(r -> differ.accept(r.obligationId() + ": baseline " + r.status() + " due "
                        + describe(r.dueEpochMilli()) + "; the engine has no such obligation"));
        return new Agreement(compared, differences[0], List.copyOf(first), byStatus, notCompared);
    }

    private static String describe(long epochMilli) {
        return epochMilli == BaselineChecker.Result.NO_DUE ? "none"
                : Instant.ofEpochMilli(epochMilli).atOffset(CaseLogGenerator.IST).toString();
    }
}
