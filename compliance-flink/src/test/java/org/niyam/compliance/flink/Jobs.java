package org.niyam.compliance.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Transition;

/** Runs the job on the test's MiniCluster and reads what it wrote. */
final class Jobs {

    /** A platform of 80 million registered users, as a log line. */
    static final String PROFILE_LINE = """
            {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":80000000,"messagingService":false}""";
    /** A court order of case c1 received at 10:00 IST on 2 March 2026, as a log line. */
    static final String ORDER_LINE = """
            {"type":"RemovalOrderReceived","id":"o1","caseId":"c1","at":"2026-03-02T10:00+05:30",\
            "issuer":{"kind":"COURT","authority":"High Court"}}""";

    private Jobs() {
    }

    /** What a run wrote, read back. */
    record Written(List<Transition> transitions, List<PendingAtEnd> pending, List<String> lines, long millis) {
    }

    /** How a run reads its input. */
    enum Feed {
        /** The job's own file source. */
        FILE,
        /** A source that lets a few lines through per checkpoint, and a task that fails once mid-stream. */
        FAIL_ONCE_MID_STREAM,
        /** A source that lets a few lines through per checkpoint, so that watermarks come between them. */
        THROTTLED
    }

    /** The events of a generated log in the order they arrive: each at its instant plus up to {@code bound}. */
    static List<String> arrivalOrder(List<String> lines, Duration bound, Random random) {
        record Arrival(String line, long key) {
        }
        List<String> head = new ArrayList<>();
        List<Arrival> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = Json.DEFAULT.read(line, JsonNode.class);
            String type = node.path("type").asText();
            if (type.equals("PlatformProfile") || type.equals("OfficerAppointment")) {
                head.add(line);
            } else {
                CaseEvent event = Json.DEFAULT.read(line, CaseEvent.class);
                events.add(new Arrival(line, event.at().toInstant().toEpochMilli()
                        + (long) (random.nextDouble() * bound.toMillis())));
            }
        }
        events.sort(Comparator.comparingLong(Arrival::key));
        List<String> all = new ArrayList<>(head);
        events.forEach(a -> all.add(a.line()));
        return all;
    }

    static Written run(Path work, List<String> lines, JobOptions base, Feed feed, String stateBackend)
            throws Exception {
        return run(work, lines, base, feed, stateBackend, 0.5);
    }

    /**
     * Runs the job; {@link Feed#FAIL_ONCE_MID_STREAM} fails its task at the first line after a checkpoint completed
     * past {@code failAt} of the lines (a fraction).
     */
    static Written run(Path work, List<String> lines, JobOptions base, Feed feed, String stateBackend, double failAt)
            throws Exception {
        Path input = work.resolve("input.jsonl");
        Files.write(input, lines);
        Path output = work.resolve("out");
        JobOptions options = JobOptions.parse(args(base, input, output));
        Configuration configuration = ComplianceJob.configuration();
        configuration.addAll(Configuration.fromMap(Map.of(
                "state.backend.type", stateBackend,
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "3",
                "restart-strategy.fixed-delay.delay", "10 ms")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(2);
        env.enableCheckpointing(feed == Feed.FILE ? 500 : 50, CheckpointingMode.EXACTLY_ONCE);
        DataStream<Input> parsed;
        if (feed == Feed.FILE) {
            parsed = ComplianceJob.read(env, options);
        } else {
            FailOnce.reset(feed == Feed.FAIL_ONCE_MID_STREAM ? (long) (lines.size() * failAt) : Long.MAX_VALUE);
            List<String> copy = new ArrayList<>(lines);
            GeneratorFunction<Long, String> line = i -> copy.get(i.intValue());
            DataGeneratorSource<String> source = new DataGeneratorSource<>(line, copy.size(),
                    RateLimiterStrategy.perCheckpoint(Math.max(5, copy.size() / 12)), Types.STRING);
            DataStream<String> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "lines")
                    .setParallelism(1).uid("lines")
                    .map(new FailOnce()).setParallelism(1).uid("fail-once");
            parsed = ComplianceJob.parse(raw, options);
        }
        ComplianceJob.write(ComplianceJob.transitions(parsed, options), options);
        JobExecutionResult result = env.execute("niyam test");
        return read(output, result.getNetRuntime());
    }

    /** Runs the job from a file at {@code parallelism}, checkpointing every ten seconds. */
    static Written runParallel(Path work, List<String> lines, JobOptions base, int parallelism, Path output)
            throws Exception {
        Path input = work.resolve("input-" + parallelism + ".jsonl");
        Files.write(input, lines);
        JobOptions options = JobOptions.parse(args(base, input, output));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ComplianceJob.configuration());
        env.setParallelism(parallelism);
        env.enableCheckpointing(10_000, CheckpointingMode.EXACTLY_ONCE);
        ComplianceJob.build(env, options);
        JobExecutionResult result = env.execute("niyam measurement");
        System.out.printf("  case steps %s (%s ms), platform steps %s (%s ms)%n",
                result.getAccumulatorResult(CaseFunction.CASE_STEPS),
                nanosToMillis(result.getAccumulatorResult(CaseFunction.CASE_STEP_NANOS)),
                result.getAccumulatorResult(PlatformFunction.PLATFORM_STEPS),
                nanosToMillis(result.getAccumulatorResult(PlatformFunction.PLATFORM_STEP_NANOS)));
        return read(output, result.getNetRuntime());
    }

    private static Object nanosToMillis(Object nanos) {
        return nanos instanceof Long n ? n / 1_000_000 : nanos;
    }

    private static String[] args(JobOptions base, Path input, Path output) {
        List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString(),
                "--out-of-order", base.outOfOrder().toString(), "--standing-check", base.standingCheck().toString(),
                "--offset", base.offset().getId(), "--idleness", "PT0S", "--retain-ended", base.retainEnded().toString()));
        if (base.since() != null) {
            args.addAll(List.of("--since", base.since().toString()));
        }
        return args.toArray(String[]::new);
    }

    /** The committed part files' lines (in-progress files are hidden and left out). */
    static Written read(Path output, long millis) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        List<Transition> transitions = new ArrayList<>();
        List<PendingAtEnd> pending = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = Json.DEFAULT.read(line, JsonNode.class);
            if (PendingAtEnd.KIND.equals(node.path("kind").asText())) {
                pending.add(Json.DEFAULT.read(line, PendingAtEnd.class));
            } else {
                transitions.add(Json.DEFAULT.read(line, Transition.class));
            }
        }
        return new Written(transitions, pending, lines, millis);
    }

    /** Fails its task once, at the first line after a checkpoint completed past the middle of the input. */
    static final class FailOnce extends RichMapFunction<String, String> implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong SEEN = new AtomicLong();
        static final AtomicLong AFTER = new AtomicLong();
        private transient boolean checkpointed;

        static void reset(long after) {
            FAILED.set(false);
            SEEN.set(0);
            AFTER.set(after);
        }

        @Override
        public void open(OpenContext context) {
            checkpointed = false;
        }

        @Override
        public String map(String value) {
            if (checkpointed && SEEN.incrementAndGet() > AFTER.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("the test kills this task mid-stream");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    /** A transition's number for its obligation, from its id ({@code ...#2:BREACHED}). */
    static int number(Transition t) {
        String id = t.id();
        int hash = id.lastIndexOf('#');
        return Integer.parseInt(id.substring(hash + 1, id.indexOf(':', hash)));
    }
}
