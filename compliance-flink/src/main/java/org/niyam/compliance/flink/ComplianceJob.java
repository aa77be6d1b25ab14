package org.niyam.compliance.flink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.niyam.compliance.pack.RulePackException;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.InputException;

/**
 * The Niyam compliance job: case-log lines in (JSON Lines files or a Kafka topic), transitions out (JSON Lines files
 * or a Kafka topic keyed by transition id), exactly once. See {@code docs/streaming.md}.
 *
 * <p>Operators, each with a stable uid so that savepoints stay valid: {@code niyam-parse} (lines to events,
 * profile, appointments), {@code niyam-watermarks}, {@code niyam-case-jurisdictions} and {@code niyam-event-ids}
 * (the events {@code niyam audit} would refuse, refused: {@link Admission}), {@code niyam-cases} (keyed by case, the
 * platform's context as broadcast state), {@code niyam-platform} (parallelism 1: the platform's global rules), and
 * the sink.
 */
public final class ComplianceJob {

    private ComplianceJob() {
    }

    /**
     * Runs the job: prints the usage for no argument or {@code --help}, exits with status 2 after the usage for a bad
     * command line, and with status 2 after the problems of a rule pack that does not build (built here once, before
     * the job is submitted), and otherwise builds the job with exactly-once checkpoints at the options' interval and
     * runs it until its input ends (files, or {@code --bounded} Kafka) or it is cancelled. A failure that a restart
     * cannot cure (a bad line of a {@code --strict} job, a rule that failed) fails the job without restarts; its
     * message is printed and the status is 2 for bad input, 1 for anything else ({@link #status}).
     *
     * @param args the command line, as {@link JobOptions#parse} reads it
     * @throws Exception what Flink throws when the job cannot start or fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            System.out.println(JobOptions.usage());
            return;
        }
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(JobOptions.usage());
            System.exit(2);
            return;
        }
        String problem;
        try {
            // Read once, here: every task builds its packs from these files, the ones checked now.
            options = options.withPackFiles();
            problem = packProblem(options);
        } catch (RulePackException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            System.err.println(problem);
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        env.enableCheckpointing(options.checkpoint().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        build(env, options);
        try {
            env.execute("niyam compliance");
        } catch (Exception e) {
            String why = failure(e);
            if (why == null) {
                throw e;
            }
            System.err.println("niyam compliance job failed: " + why);
            System.exit(status(e));
        }
    }

    /**
     * {@return the message of the failure a restart cannot cure (a bad line of a strict job, a pack that does not
     * build, a rule that failed) that ended the job, naming what, where and why; {@code null} for any other failure}
     *
     * @param failure what the job's execution threw
     */
    static String failure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RuntimeException e && Unrecoverable.is(e)) {
                return e.getMessage();
            }
        }
        return null;
    }

    /**
     * {@return the exit status for a failure a restart cannot cure: 2 for bad input (a bad line or a refused event of a
     * strict job, a {@code --since} after every event), as {@code niyam audit} exits for it; 1 otherwise}
     *
     * @param failure what the job's execution threw
     */
    static int status(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RuntimeException e && Unrecoverable.is(e)) {
                return e instanceof InputException ? 2 : 1;
            }
        }
        return 1;
    }

    /**
     * Builds the options' packs once, where the job is submitted, so that a pack that does not build (a syntax error,
     * a missing folder, a rule the restricted mode refuses) is named before the job is submitted.
     *
     * @return the {@code RulePackException}'s message (each problem with its file and line), or {@code null} when the
     *         packs build
     */
    static String packProblem(JobOptions options) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ComplianceEngine engine;
        try {
            engine = Engines.build(options, loader);
        } catch (SuppressRestartsException e) {
            return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // a value the engine's builder refuses, in its words
        }
        String why = CaseTracker.of(engine).notCaseByCase();
        if (why == null) {
            return null;
        }
        return "the job evaluates each case on its own, and these packs cannot be: " + why + ". " + culprits(
                options, loader, engine) + "niyam audit and the monitor evaluate such packs in one session; the job "
                + "would fail at the first case whose conclusion a global rule reads";
    }

    /**
     * The packs without which the others could be evaluated case by case, each but the bundled one with its global
     * rules (file and line): the engine's own analysis, asked again of the packs without each in turn.
     */
    private static String culprits(JobOptions options, ClassLoader loader, ComplianceEngine engine) {
        if (options.rules().size() < 2) {
            return "";
        }
        Set<String> local = Set.copyOf(engine.caseLocalRuleIds());
        StringBuilder named = new StringBuilder();
        for (String entry : options.rules()) {
            List<String> others = new ArrayList<>(options.rules());
            others.remove(entry);
            ComplianceEngine without;
            try {
                without = Engines.build(options.withRules(others), loader);
            } catch (RuntimeException e) {
                continue; // a setting or type only that pack brings: not asked
            }
            if (CaseTracker.of(without).notCaseByCase() != null) {
                continue;
            }
            Set<String> kept = Set.copyOf(without.ruleIds());
            List<String> global = engine.rules().stream()
                    .filter(r -> !kept.contains(r.id()) && !local.contains(r.id()))
                    .map(r -> "'" + r.id() + "' (" + r.origin() + ":" + r.line() + ")").toList();
            named.append(named.isEmpty() ? "Without " : "; without ").append(entry).append(" they could be");
            if (!entry.equals(JobOptions.INDIA) && !global.isEmpty()) {
                named.append(": its global rule").append(global.size() == 1 ? " " : "s ")
                        .append(String.join(", ", global)).append(global.size() == 1 ? " reads" : ": one of them reads")
                        .append(" what a case-local rule concludes");
            }
        }
        return named.isEmpty() ? "" : named.append(". ").toString();
    }

    /**
     * {@return what the job needs of Flink's configuration: no Kryo (every type it sends has a Flink serialiser)} Pass
     * it to the environment that runs the job, as {@link #main} does.
     */
    public static Configuration configuration() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        return configuration;
    }

    /**
     * Adds the whole job to {@code env}: source, evaluation, sink. Checkpointing is the caller's to enable.
     *
     * @param env     the environment, made with {@link #configuration()}
     * @param options where to read and write, and how to evaluate
     */
    public static void build(StreamExecutionEnvironment env, JobOptions options) {
        JobOptions shipped = options.withPackFiles();
        write(transitions(read(env, shipped), shipped), shipped);
    }

    /**
     * The input, parsed, with timestamps and watermarks.
     *
     * @param env     the environment to add the source to
     * @param given   the files or the Kafka topic to read, and the parsing and watermark options; the packs given as
     *                folders are read now ({@link JobOptions#withPackFiles()}) unless they were read before: give
     *                {@link #read}, {@link #parse} and {@link #transitions} the same options of {@code withPackFiles()}
     *                so that they all take the same files
     * @return the parsed input: events, profiles, appointments and marks
     */
    public static DataStream<Input> read(StreamExecutionEnvironment env, JobOptions given) {
        JobOptions options = given.withPackFiles();
        if (options.inputTopic() != null) {
            var builder = KafkaSource.<Input>builder()
                    .setBootstrapServers(options.bootstrap())
                    .setTopics(options.inputTopic())
                    .setGroupId(options.groupId())
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setDeserializer(new KafkaLines(options));
            if (options.bounded()) {
                builder.setBounded(OffsetsInitializer.latest());
            }
            KafkaSource<Input> source = builder.build();
            return env.fromSource(source, watermarks(options), "kafka " + options.inputTopic())
                    .uid("niyam-kafka-source");
        }
        FileSource<String> files = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                options.inputs().stream().map(Path::new).toArray(Path[]::new)).build();
        DataStream<String> lines = env.fromSource(files, WatermarkStrategy.noWatermarks(), "files")
                .uid("niyam-file-source");
        return parse(lines, options);
    }

    /**
     * Lines of a case log, parsed, with timestamps and watermarks: for a source of the caller's own.
     *
     * @param lines   the lines, one entry of a case log each
     * @param options whether a bad line fails the job, which packs' event types to read (those given as folders read
     *                now, {@link JobOptions#withPackFiles()}, unless they were before), and the watermark options
     * @return the parsed input
     */
    public static DataStream<Input> parse(DataStream<String> lines, JobOptions options) {
        return lines.process(new ParseLines(options.withPackFiles())).uid("niyam-parse").name("parse")
                .assignTimestampsAndWatermarks(watermarks(options)).uid("niyam-watermarks");
    }

    /** Event time from events' instants; out of order within the bound; a quiet partition stops holding time back. */
    static WatermarkStrategy<Input> watermarks(JobOptions options) {
        WatermarkStrategy<Input> strategy = WatermarkStrategy.<Input>forBoundedOutOfOrderness(options.outOfOrder())
                .withTimestampAssigner((SerializableTimestampAssigner<Input>) (in, previous) ->
                        in.kind == Input.EVENT ? in.at : Long.MIN_VALUE);
        return options.idleness().isZero() ? strategy : strategy.withIdleness(options.idleness());
    }

    /**
     * The evaluation: parsed input in, transitions and obligations pending at the end out.
     *
     * @param inputs  the parsed input, as {@link #read} or {@link #parse} gives it
     * @param given   the packs and the monitor's options; the packs given as folders are read now, where the job is
     *                built ({@link JobOptions#withPackFiles()}), unless they were read before
     * @return the transitions of the cases and of the platform, and the obligations pending at the end of a bounded
     *         input, each as one JSON object with its stable id
     */
    public static DataStream<Output> transitions(DataStream<Input> inputs, JobOptions given) {
        JobOptions options = given.withPackFiles();
        // Events are admitted (or refused, as the audit refuses a line) before their cases see them; the marks of
        // the input's first and last instants are the admitted events', not the parsers'.
        DataStream<Input> admitted = inputs.filter(i -> i.kind == Input.EVENT).name("events")
                .keyBy(i -> i.caseId, Types.STRING)
                .process(new Admission.Cases(options), TypeInformation.of(Input.class))
                .uid("niyam-case-jurisdictions").name("case jurisdictions")
                .keyBy(new EventId(), Types.STRING)
                .process(new Admission.Ids(options), TypeInformation.of(Input.class))
                .uid("niyam-event-ids").name("event ids");
        DataStream<Input> events = admitted.filter(i -> i.kind == Input.EVENT).name("admitted events");
        DataStream<Input> context = inputs.filter(i -> i.kind != Input.EVENT && i.kind != Input.MARK)
                .name("platform facts").union(admitted.filter(i -> i.kind == Input.MARK).name("marks"));
        BroadcastStream<Input> broadcast = context.broadcast(CaseFunction.CONTEXT);
        SingleOutputStreamOperator<Output> cases = events.keyBy(i -> i.caseId, Types.STRING)
                .connect(broadcast)
                .process(new CaseFunction(options), TypeInformation.of(Output.class))
                .uid("niyam-cases").name("cases");
        DataStream<Input> toPlatform = cases.getSideOutput(CaseFunction.SHARED)
                .union(cases.getSideOutput(CaseFunction.LEFTOVERS), context);
        SingleOutputStreamOperator<Output> platform = toPlatform.keyBy(i -> "", Types.STRING)
                .process(new PlatformFunction(options), TypeInformation.of(Output.class))
                .uid("niyam-platform").name("platform")
                .setParallelism(1).setMaxParallelism(1);
        return cases.union(platform);
    }

    /**
     * The sink: files or Kafka, exactly once.
     *
     * @param out     what the evaluation gives
     * @param options the output folder, or the Kafka topic and servers
     */
    public static void write(DataStream<Output> out, JobOptions options) {
        if (options.outputTopic() != null) {
            KafkaSink<Output> sink = KafkaSink.<Output>builder()
                    .setBootstrapServers(options.bootstrap())
                    .setRecordSerializer(new KafkaTransitions(options.outputTopic()))
                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix("niyam-" + options.outputTopic())
                    // Below the broker's 15-minute maximum.
                    .setProperty("transaction.timeout.ms", Long.toString(10 * 60 * 1000))
                    .build();
            out.sinkTo(sink).uid("niyam-kafka-sink").name("kafka " + options.outputTopic());
            return;
        }
        FileSink<String> sink = FileSink.forRowFormat(new Path(options.outputDir()),
                        new SimpleStringEncoder<String>(StandardCharsets.UTF_8.name()))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("transitions")
                        .withPartSuffix(".jsonl").build())
                .build();
        out.map(o -> o.json).returns(Types.STRING).name("json").sinkTo(sink).uid("niyam-file-sink").name("files");
    }

    /** An event's id, read from its JSON: the key of {@link Admission.Ids}. */
    static final class EventId implements KeySelector<Input, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Input in) throws Exception {
            return Json.DEFAULT.mapper.readTree(in.json).path("id").asText();
        }
    }

    /** Parses lines of files. */
    static final class ParseLines extends ProcessFunction<String, Input> {
        private static final long serialVersionUID = 1L;
        private final LineParser parser;

        private transient Counter rejected;

        ParseLines(JobOptions options) {
            this.parser = new LineParser(options.strict(), options.rules(), options.packFiles());
        }

        @Override
        public void open(OpenContext openContext) {
            rejected = getRuntimeContext().getMetricGroup().counter(REJECTED_LINES);
        }

        @Override
        public void processElement(String line, Context ctx, Collector<Input> out) {
            parse(parser, "input", line, out::collect, rejected);
        }
    }

    /** The task metric that counts the lines left out. */
    static final String REJECTED_LINES = "niyamRejectedLines";

    /** Parses one line: a line left out is counted; in a strict job, a bad line fails the job without restarts. */
    static void parse(LineParser parser, String source, String line, java.util.function.Consumer<Input> out,
                      Counter rejected) {
        long before = parser.rejected();
        try {
            parser.parse(source, line, out);
        } catch (InputException e) {
            throw Unrecoverable.of(e); // the same line would fail the job again after a restart
        }
        if (rejected != null && parser.rejected() > before) {
            rejected.inc();
        }
    }

    /** Parses records of a Kafka topic; errors name the topic, partition and offset. */
    static final class KafkaLines implements KafkaRecordDeserializationSchema<Input> {
        private static final long serialVersionUID = 1L;
        private final LineParser parser;

        private transient Counter rejected;

        KafkaLines(JobOptions options) {
            this.parser = new LineParser(options.strict(), options.rules(), options.packFiles());
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            rejected = context.getMetricGroup().counter(REJECTED_LINES);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Input> out) {
            if (record.value() != null) {
                parse(parser, record.topic() + "-" + record.partition() + "@" + record.offset(),
                        new String(record.value(), StandardCharsets.UTF_8), out::collect, rejected);
            }
        }

        @Override
        public TypeInformation<Input> getProducedType() {
            return TypeInformation.of(Input.class);
        }
    }

    /** Writes an output to Kafka: the stable id as key, the JSON as value, the producer's time as timestamp. */
    record KafkaTransitions(String topic) implements KafkaRecordSerializationSchema<Output> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Output output, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, output.id.getBytes(StandardCharsets.UTF_8),
                    output.json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
