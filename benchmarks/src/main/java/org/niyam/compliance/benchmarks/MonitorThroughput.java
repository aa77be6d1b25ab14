package org.niyam.compliance.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Transition;

/**
 * How many events a second the live monitor keeps up with, beside the streaming audit of the same log in the same
 * JVM, on one thread each: {@code MonitorThroughput [EVENTS [RUNS [SEED]]] [--standing-check DURATION] [--digest]}
 * (defaults 1e5 events, 3 runs, the generator's seed). Each run replays the generated log through a
 * {@link ComplianceMonitor} on event time (every event evaluated with its case when it arrives, every transition
 * reported, standing duties checked once a day of event time, or every {@code --standing-check}, an ISO-8601
 * duration such as {@code PT1M}) and then audits it with {@code CaseLogAudit}; one unmeasured run of each comes
 * first. Prints, per run, events per second of wall time and of the process's CPU, the transitions reported, and the
 * monitor's share of the audit's throughput; with {@code --digest}, also the SHA-256 of the transitions' JSON in the
 * order reported (one per line), to compare two versions of the monitor on the same log. See docs/performance.md,
 * the live monitor.
 */
public final class MonitorThroughput {

    /**
     * How often the replay checks standing duties, in event time. Live, the default (a minute) costs a check a minute
     * whatever the traffic; a replay of ten months of events checked every minute would measure 440,000 checks, not
     * the events.
     */
    static final Duration STANDING_CHECK = Duration.ofDays(1);

    /** The command line, as printed when it cannot be used. */
    static final String USAGE = """
            usage: MonitorThroughput [EVENTS [RUNS [SEED]]] [--standing-check DURATION] [--digest]
              EVENTS                     events in the generated log (default 1e5)
              RUNS                       measured runs, after one unmeasured (default 3)
              SEED                       the generator's seed (default its own)
              --standing-check DURATION  how often the monitor checks standing duties, in event time (default P1D)
              --digest                   also print the SHA-256 of each run's transitions (JSON, one a line)
            """;

    private MonitorThroughput() {
    }

    /**
     * Runs the measurement; see the class description for the arguments. Arguments it cannot use end it with a
     * message and exit status 2.
     *
     * @param args {@code [EVENTS [RUNS [SEED]]] [--standing-check DURATION] [--digest]}
     * @throws IOException the generated log cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.of(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MonitorThroughput: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        run(options);
    }

    /** What the command line asks for. */
    record Options(long events, int runs, long seed, Duration standingCheck, boolean digest) {

        /** Reads the command line; throws {@link IllegalArgumentException} naming the argument it cannot use. */
        static Options of(String... args) {
            List<String> positional = new ArrayList<>();
            Duration check = STANDING_CHECK;
            boolean digest = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--standing-check" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--standing-check needs a duration, such as PT1M");
                        }
                        check = interval(args[++i]);
                    }
                    case "--digest" -> digest = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]
                                    + "; the options are --standing-check DURATION and --digest");
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() > 3) {
                throw new IllegalArgumentException("at most three arguments besides the options (EVENTS, RUNS, "
                        + "SEED); also given: " + positional.subList(3, positional.size()));
            }
            long events = positional.isEmpty() ? 100_000 : number(positional.get(0), "EVENTS");
            long runs = positional.size() > 1 ? number(positional.get(1), "RUNS") : 3;
            long seed = positional.size() > 2 ? number(positional.get(2), "SEED") : CaseLogGenerator.DEFAULT_SEED;
            if (events < 1 || runs < 1 || runs > 1_000) {
                throw new IllegalArgumentException("EVENTS must be at least 1 and RUNS from 1 to 1000: " + positional);
            }
            return new Options(events, (int) runs, seed, check, digest);
        }

        /** A whole number as given ({@code 2e4} and {@code 20_000} too). */
        private static long number(String text, String name) {
            try {
                return new BigDecimal(text.replace("_", "")).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number", e);
            }
        }
    }

    /** Generates the log, then measures the monitor and the audit on it, and prints the figures. */
    static void run(Options options) throws IOException {
        long events = options.events();
        int runs = options.runs();
        long seed = options.seed();
        Duration check = options.standingCheck();
        boolean digest = options.digest();
        Path log = Files.createTempFile("niyam-monitor", ".jsonl");
        try {
            try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                new CaseLogGenerator(seed).write(events, out);
            }
            ComplianceEngine engine = Audits.indiaEngine(1);
            System.out.printf(Locale.ROOT, "log: %,d events, seed %d; one thread; %d runs after one unmeasured%s%n",
                    events, seed, runs, check.equals(STANDING_CHECK) ? "" : "; standing duties checked every " + check);
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                Transitions seen = new Transitions(digest);
                Measured monitor = measure(() -> monitor(engine, log, check, seen));
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
                if (digest) {
                    System.out.printf(Locale.ROOT, "run %d: transitions SHA-256 %s%n", run, seen.digest());
                }
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "monitor/audit by CPU: median %.3f [%.3f..%.3f]%n",
                    ratios.get((ratios.size() - 1) / 2), ratios.get(0), ratios.get(ratios.size() - 1));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The standing-duty check's interval given on the command line. */
    static Duration interval(String text) {
        Duration value;
        try {
            value = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--standing-check: '" + text
                    + "' is not an ISO-8601 duration such as PT1M or P1D", e);
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("--standing-check must be positive: " + text);
        }
        return value;
    }

    /** Replays the log through a monitor on event time; returns the transitions it reported. */
    static long monitor(ComplianceEngine engine, Path log) {
        return monitor(engine, log, STANDING_CHECK, t -> { });
    }

    /**
     * Replays the log through a monitor on event time checking standing duties every {@code check}, giving each
     * transition to {@code each}; returns how many it reported.
     */
    static long monitor(ComplianceEngine engine, Path log, Duration check, Consumer<Transition> each) {
        AtomicLong transitions = new AtomicLong();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .outOfOrder(Audits.MAX_DISORDER).standingDutyCheck(check)
                .listener(t -> {
                    transitions.incrementAndGet();
                    each.accept(t);
                }).build()) {
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

    /** The SHA-256 of the transitions' JSON, one a line in the order given, when asked for. */
    static final class Transitions implements Consumer<Transition> {
        private static final ObjectWriter JSON = ComplianceJson.mapper().writer()
                .without(SerializationFeature.INDENT_OUTPUT);
        private final MessageDigest sha;

        Transitions(boolean digest) {
            try {
                sha = digest ? MessageDigest.getInstance("SHA-256") : null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
        }

        @Override
        public void accept(Transition transition) {
            if (sha == null) {
                return;
            }
            try {
                sha.update(JSON.writeValueAsBytes(transition));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write transition " + transition.id() + " as JSON", e);
            }
            sha.update((byte) '\n');
        }

        /** The digest of the transitions given so far, in hex; once. */
        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }
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
