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

    public static ComplianceEngine engine() {
        return IndiaPack.engine();
    }
}
