package org.niyam.compliance.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.ComplaintCategory;
import org.niyam.compliance.model.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.PlatformProfile;
import org.niyam.compliance.model.Report;

/**
 * Run in a fresh JVM by {@link Benchmark}: builds the India pack engine and evaluates one complaint, and prints how
 * long after the JVM started each was done, as {@code ready-ms=... build-ms=... first-evaluation-ms=...}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        ComplianceEngine engine = Audits.indiaEngine();
        long built = System.nanoTime();
        long ready = ManagementFactory.getRuntimeMXBean().getUptime();
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        Report report = engine.evaluate(new Evidence(new PlatformProfile("Charcha", 80_000_000, false), List.of(),
                List.of(new ComplaintReceived("c-1-in", "c-1", at, ComplaintCategory.GENERAL))), at.plusHours(1));
        long evaluated = System.nanoTime();
        if (report.obligations().isEmpty()) {
            throw new IllegalStateException("the India pack found no obligation for a complaint");
        }
        System.out.println("ready-ms=" + ready + " build-ms=" + (built - start) / 1_000_000
                + " first-evaluation-ms=" + (evaluated - built) / 1_000_000);
    }
}
