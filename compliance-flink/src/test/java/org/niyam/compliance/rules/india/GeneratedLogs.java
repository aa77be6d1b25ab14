package org.niyam.compliance.rules.india;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.Evidence;

/** The India pack's generated case logs ({@code CaseLogs}), for the Flink job's tests. */
public final class GeneratedLogs {

    public static final ZoneOffset IST = IndiaPack.IST;

    /** A generated log: its JSON Lines and the evidence they hold. */
    public record Log(List<String> lines, Evidence evidence) {
    }

    private GeneratedLogs() {
    }

    public static Log generate(Random random, int cases) {
        CaseLogs.Log log = CaseLogs.generate(random, cases);
        return new Log(log.lines().stream().map(CaseLogs.Line::json).toList(), log.evidence());
    }

    /**
     * A generated log with the events a case that left cannot judge alone ({@code LeftCasesDifferentialTest}), its
     * lines in the order they arrive: the platform's first, then each event at its instant plus a delay (within two
     * hours mostly, by up to twenty days now and then: later than a case is kept).
     */
    public static Log withStragglers(Random random, int cases) {
        CaseLogs.Log log = CaseLogs.generate(random, cases);
        Evidence evidence = LeftCasesDifferentialTest.withStragglers(log.evidence(), random);
        List<String> lines = new java.util.ArrayList<>(log.lines().stream().filter(CaseLogs.Line::platformWide)
                .map(CaseLogs.Line::json).toList());
        LeftCasesDifferentialTest.arrivals(evidence.events(), random, false).forEach(e -> lines.add(CaseLogs.event(e)));
        return new Log(List.copyOf(lines), evidence);
    }

    public static ComplianceEngine engine() {
        return IndiaPack.engine();
    }
}
