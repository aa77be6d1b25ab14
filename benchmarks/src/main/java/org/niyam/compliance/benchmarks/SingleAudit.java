package org.niyam.compliance.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;

/**
 * Run in a child JVM by {@link Benchmark} to see whether one audit completes under a heap limit:
 * {@code SingleAudit engine|baseline|baseline-streaming LOG} prints {@code seconds=... obligations=...}. The
 * streaming baseline counts its results instead of keeping them: the memory a bounded audit needs.
 */
public final class SingleAudit {

    private SingleAudit() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !List.of("engine", "baseline", "baseline-streaming").contains(args[0])) {
            System.err.println("usage: SingleAudit engine|baseline|baseline-streaming LOG");
            System.exit(2);
        }
        Path log = Path.of(args[1]);
        int threads = Runtime.getRuntime().availableProcessors();
        ComplianceEngine engine = args[0].equals("engine") ? Audits.indiaEngine(threads) : null;
        long start = System.nanoTime(); // after the engine is built: the audit alone
        long obligations = engine != null ? Audits.engine(engine, log, o -> { }).obligations()
                : args[0].equals("baseline") ? Audits.baseline(log, threads).results().size()
                : Audits.baselineStreaming(log, threads).byStatus().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("seconds=%.1f obligations=%d%n", (System.nanoTime() - start) / 1e9, obligations);
    }
}
