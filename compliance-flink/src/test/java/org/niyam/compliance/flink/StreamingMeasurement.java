package org.niyam.compliance.flink;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.rules.india.GeneratedLogs;
import org.slf4j.LoggerFactory;

/**
 * The figures of docs/streaming.md, measured on demand ({@code -Dniyam.flink.measure=true}, with
 * {@code -Dniyam.flink.measure.cases=N}): events per second of the job per task slot against the single-JVM
 * {@link CaseLogAudit} on the same generated log; keyed-state bytes per open obligation; checkpoint sizes and times
 * with the heap and RocksDB state backends.
 */
class StreamingMeasurement {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void measure(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("niyam.flink.measure"), "measured on demand");
        int cases = Integer.getInteger("niyam.flink.measure.cases", 5_000);
        long seed = 20261209L;
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.generate(random, cases);
        List<String> lines = Jobs.arrivalOrder(log.lines(), JobDifferentialTest.BOUND, random);
        long events = log.evidence().events().size();
        Path file = work.resolve("log.jsonl");
        Files.write(file, lines);
        System.out.printf("log: seed %d, %d cases, %d events, %d bytes; load %s%n", seed, cases, events,
                Files.size(file), load());

        // The single-JVM audit, one thread (one slot's worth).
        ComplianceEngine oneThread = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india")).threads(1).build();
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            CaseLogAudit.Summary summary = CaseLogAudit.builder(oneThread).workDirectory(work).build()
                    .run(List.of(file), new CaseLogAudit.Sink() {
                        @Override
                        public void obligation(Obligation obligation) {
                        }

                        @Override
                        public void finding(Finding finding) {
                        }
                    });
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("audit (1 thread), run %d: %d ms, %.0f events/s, %d obligations; load %s%n", run,
                    millis, events * 1000.0 / millis, summary.obligationCount(), load());
        }

        // The job, on one slot and on two, its net run time (tasks started, engines built, all processed).
        for (int parallelism : new int[] {1, 2, 1, 2}) {
            Path out = Files.createDirectories(work.resolve("out-" + parallelism + "-" + System.nanoTime()));
            Jobs.Written written = Jobs.runParallel(work, lines, JobDifferentialTest.OPTIONS, parallelism, out);
            System.out.printf("job, parallelism %d: %d ms, %.0f events/s, %.0f events/s per slot, %d outputs; load %s%n",
                    parallelism, written.millis(), events * 1000.0 / written.millis(),
                    events * 1000.0 / written.millis() / parallelism, written.lines().size(), load());
        }

        stateBytes(log.evidence());

        // Checkpoints while the input streams in, a few lines per checkpoint.
        Logger coordinator = (Logger) LoggerFactory.getLogger("org.apache.flink.runtime.checkpoint.CheckpointCoordinator");
        ListAppender<ILoggingEvent> completed = new ListAppender<>();
        completed.start();
        coordinator.addAppender(completed);
        coordinator.setLevel(Level.INFO);
        List<String> head = lines.subList(0, Math.min(lines.size(), 4_000));
        for (String backend : List.of("hashmap", "rocksdb")) {
            completed.list.clear();
            Jobs.FailOnce.reset(Long.MAX_VALUE);
            Jobs.run(Files.createDirectories(work.resolve("cp-" + backend)), head, JobDifferentialTest.OPTIONS,
                    Jobs.Feed.FAIL_ONCE_MID_STREAM, backend);
            List<String> done = completed.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("Completed checkpoint")).toList();
            System.out.printf("checkpoints, %s, %d lines streamed: %d completed; load %s%n", backend, head.size(),
                    done.size(), load());
            java.util.regex.Pattern figures = java.util.regex.Pattern.compile("\\((\\d+) bytes, checkpointDuration=(\\d+) ms");
            List<long[]> sizes = new ArrayList<>();
            for (String m : done) {
                java.util.regex.Matcher matcher = figures.matcher(m);
                if (matcher.find()) {
                    sizes.add(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
                }
            }
            long[] largest = sizes.stream().max(Comparator.comparingLong(a -> a[0])).orElse(new long[2]);
            List<Long> durations = sizes.stream().map(a -> a[1]).sorted().toList();
            System.out.printf("  largest %d bytes in %d ms; durations median %d ms, max %d ms%n", largest[0],
                    largest[1], durations.isEmpty() ? 0 : durations.get(durations.size() / 2),
                    durations.isEmpty() ? 0 : durations.get(durations.size() - 1));
        }
        coordinator.detachAppender(completed);
    }

    /**
     * What one event dated far ahead (a mistyped year) in a 2026 log costs the platform: its evaluations and their
     * time, with {@code -Dniyam.flink.measure.years=2028,2199} (the years of that event).
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void an_event_years_ahead(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("niyam.flink.measure"), "measured on demand");
        for (String year : System.getProperty("niyam.flink.measure.years", "2028,2199").split(",")) {
            List<String> lines = List.of(Jobs.PROFILE_LINE, """
                    {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-1","at":"2026-03-02T10:00:00+05:30",\
                    "category":"GENERAL"}""", """
                    {"type":"ComplaintReceived","id":"c-typo","caseId":"GRV-T","at":"%s-03-02T10:00:00+05:30",\
                    "category":"GENERAL"}""".formatted(year));
            JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--offset", "+05:30");
            Path out = Files.createDirectories(work.resolve("far-" + year));
            Jobs.Written written = Jobs.runParallel(out, lines, options, 2, out.resolve("out"));
            System.out.printf("an event in %s: %d ms, %d outputs; load %s%n", year, written.millis(),
                    written.lines().size(), load());
        }
    }

    /** Keyed-state bytes per open obligation at the middle of the log's time, from the same steps the job takes. */
    private static void stateBytes(Evidence evidence) {
        ComplianceEngine engine = GeneratedLogs.engine();
        CaseTracker tracker = CaseTracker.of(engine);
        List<CaseEvent> sorted = new ArrayList<>(evidence.events());
        sorted.sort(Comparator.comparing(e -> e.at().toInstant()));
        OffsetDateTime middle = sorted.get(sorted.size() / 2).at().withOffsetSameInstant(GeneratedLogs.IST);
        OffsetDateTime earliest = sorted.get(0).at();
        Map<String, List<CaseEvent>> byCase = new LinkedHashMap<>();
        for (CaseEvent event : evidence.events()) {
            byCase.computeIfAbsent(event.caseId(), c -> new ArrayList<>()).add(event);
        }
        CaseTracker.Context context = new CaseTracker.Context(evidence.platform(), evidence.facts(), earliest);
        long bytes = 0;
        long open = 0;
        long held = 0;
        for (Map.Entry<String, List<CaseEvent>> entry : byCase.entrySet()) {
            CaseTracker.State state = CaseTracker.State.empty(entry.getKey());
            for (CaseEvent event : entry.getValue()) {
                state = state.withEvent(event);
            }
            if (state.events().get(0).at().isAfter(middle)) {
                continue;
            }
            CaseTracker.Step step = tracker.step(context, state, middle);
            CaseFunction.Kept kept = new CaseFunction.Kept(step.state(), middle.toInstant().toEpochMilli(),
                    List.of(), null, 0);
            bytes += Json.DEFAULT.bytes(kept).length;
            held++;
            open += step.state().obligations().stream().filter(h -> !h.obligation().status().name().startsWith("MET")
                    && h.obligation().status() != org.niyam.compliance.model.Status.NOT_APPLICABLE).count();
        }
        System.out.printf("state at %s: %d cases held, %d open obligations, %d bytes of case state, %.0f bytes per "
                + "open obligation%n", middle, held, open, bytes, (double) bytes / Math.max(1, open));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
