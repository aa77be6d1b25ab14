package org.niyam.compliance.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Platform;

/**
 * How many events a second the live monitor keeps up with, beside the streaming audit of the same log in the same
 * JVM, on one thread each: {@code MonitorThroughput [EVENTS [RUNS [SEED]]]} (defaults 1e5 events, 3 runs, the
 * generator's seed). Each run replays the generated log through a {@link ComplianceMonitor} on event time (every
 * event evaluated with its case when it arrives, every transition reported, standing duties checked once a day of
 * event time) and then audits it with {@code CaseLogAudit}; one unmeasured run of each comes first. Prints, per run,
 * events per second of wall time and of the process's CPU, the transitions reported, and the monitor's share of
 * the audit's throughput. See docs/performance.md, the live monitor.
 */
public final class MonitorThroughput {

    /**
     * How often the replay checks standing duties, in event time. Live, the default (a minute) costs a check a minute
     * whatever the traffic; a replay of ten months of events checked every minute would measure 440,000 checks, not
     * the events.
     */
    private static final Duration STANDING_CHECK = Duration.ofDays(1);

    private MonitorThroughput() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? new BigDecimal(args[0].replace("_", "")).longValueExact() : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : CaseLogGenerator.DEFAULT_SEED;
        Path log = Files.createTempFile("niyam-monitor", ".jsonl");
        try {
            try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                new CaseLogGenerator(seed).write(events, out);
            }
            ComplianceEngine engine = Audits.indiaEngine(1);
            System.out.printf(Locale.ROOT, "log: %,d events, seed %d; one thread; %d runs after one unmeasured%n",
                    events, seed, runs);
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                Measured monitor = measure(() -> monitor(engine, log));
                Measured audit = measure(() -> Audits.engine(engine, log, o -> { }).events());
                if (run == 0) {
                    continue;
                }
                double ratio = monitor.cpuRate(events) / audit.cpuRate(events);
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "run %d: monitor %,.0f events/s wall, %,.0f events/s CPU, %,d "
                        + "transitions; audit %,.0f events/s wall, %,.0f events/s CPU; monitor/audit by CPU %.3f%n",
                        run, monitor.wallRate(events), monitor.cpuRate(events), monitor.count,
                        audit.wallRate(events), audit.cpuRate(events), ratio);
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "monitor/audit by CPU: median %.3f [%.3f..%.3f]%n",
                    ratios.get((ratios.size() - 1) / 2), ratios.get(0), ratios.get(ratios.size() - 1));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Replays the log through a monitor on event time; returns the transitions it reported. */
    static long monitor(ComplianceEngine engine, Path log) {
        AtomicLong transitions = new AtomicLong();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .outOfOrder(Audits.MAX_DISORDER).standingDutyCheck(STANDING_CHECK)
                .listener(t -> transitions.incrementAndGet()).build()) {
            CaseLogReader.lenient().scan(log, new CaseLogReader.EntryHandler() {
                @Override
                public void platform(String source, int line, Platform profile) {
                    monitor.platform(profile);
                }

                @Override
                public void fact(String source, int line, StandingFact appointment) {
                    monitor.fact(appointment);
                }

                @Override
                public void event(String source, int line, CaseEvent event, String text) {
                    monitor.accept(event);
                }

                @Override
                public void rejected(InputException error) {
                    throw new IllegalStateException("an entry of " + log + " was rejected: " + error.getMessage());
                }

                @Override
                public void period(String source, int line, OffsetDateTime since) {
                }
            });
            monitor.endOfInput();
        }
        return transitions.get();
    }

    private interface Work {
        long run();
    }

    /** Wall and process CPU nanoseconds of one piece of work (every thread's: the JIT and GC too), and its count. */
    private record Measured(long wallNanos, long cpuNanos, long count) {
        double wallRate(long events) {
            return events / (wallNanos / 1e9);
        }

        double cpuRate(long events) {
            return events / (cpuNanos / 1e9);
        }
    }

    private static Measured measure(Work work) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long wall = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        long count = work.run();
        return new Measured(System.nanoTime() - wall, os.getProcessCpuTime() - cpu, count);
    }
}
