package org.niyam.compliance.flink;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.nio.file.Path;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Preconditions;
import org.niyam.compliance.pack.RulePack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's options, as given on its command line ({@link #parse}).
 *
 * @param inputs         JSON Lines files or folders to read (bounded); empty when reading Kafka
 * @param bootstrap      Kafka's bootstrap servers, for a Kafka input or output
 * @param inputTopic     the topic to read case-log lines from
 * @param groupId        the Kafka consumer group
 * @param bounded        whether a Kafka input ends at the offsets that were latest when the job started
 * @param outputDir      the folder to write transitions to as JSON Lines, or {@code null}
 * @param outputTopic    the topic to write transitions to (key: the transition id), or {@code null}
 * @param outOfOrder     how far out of time order events may come
 * @param idleness       after how long without data a source partition stops holding event time back
 * @param offset         the offset transitions' instants are written in
 * @param awaitProfile   whether cases wait for the platform's profile before their first evaluation
 * @param standingCheck  how often, in event time, the platform's standing duties are assessed when nothing else
 *                       happens: at its whole multiples from midnight, 1 January 1970, at {@code offset}
 * @param retainEnded    how long, in event time, a case whose obligations have all ended stays in state
 * @param rememberLeft   how long, in event time, what is kept of a case that left state (a digest of each event, the
 *                       highest transition number) is kept; {@code null} for the job's life
 * @param rules          rule packs: {@code classpath:LOCATION} or a folder; the bundled pack (compliance-rules) when empty
 * @param settings       platform settings' values by parameter name, written as in {@code pack.yaml}
 * @param jurisdiction   where a case that states no jurisdiction arose (an ISO 3166 code), or {@code null}
 * @param atRiskMargin   an obligation is at risk this long before it is due; {@code null} for the engine's fraction
 * @param checkpoint     the checkpoint interval
 * @param strict         whether a bad input line fails the job (otherwise it is logged and left out)
 * @param packFiles      the files of each pack in {@code rules} given as a folder, as read where the job was
 *                       submitted ({@link #withPackFiles()}), by its entry in {@code rules}: the job's tasks build
 *                       their packs from these, not from the folder on their own machine; empty before
 * @param since          the start of the period the input covers, or {@code null}: the platform's standing duties
 *                       are judged from then on (never before the law begins), and recurring duties (a monthly
 *                       report) run from then; without it, from the input's earliest event
 * @serial exclude Serializable only so that Flink ships the options with the job's functions; the serialized form
 *                 is no part of the API
 */
public record JobOptions(List<String> inputs, String bootstrap, String inputTopic, String groupId, boolean bounded,
                         String outputDir, String outputTopic, Duration outOfOrder, Duration idleness,
                         ZoneOffset offset, boolean awaitProfile, Duration standingCheck, Duration retainEnded,
                         Duration rememberLeft, List<String> rules, Map<String, String> settings, String jurisdiction,
                         Duration atRiskMargin, Duration checkpoint, boolean strict,
                         Map<String, RulePack.Contents> packFiles, OffsetDateTime since)
        implements Serializable {

    /** The bundled pack (compliance-rules), the job's rules when {@code --rules} is not given. */
    public static final String INDIA = "classpath:org/niyam/compliance/rules/india";

    /** The shortest checkpoint interval Flink takes. */
    static final Duration MIN_CHECKPOINT = Duration.ofMillis(10);

    /**
     * Checks that the options make one job.
     *
     * @param inputs        files or folders to read, or empty for Kafka; copied
     * @param bootstrap     Kafka's bootstrap servers, needed for a Kafka input or output
     * @param inputTopic    the topic to read, or {@code null} for files; exactly one of it and {@code inputs}
     * @param groupId       the Kafka consumer group
     * @param bounded       whether a Kafka input ends at the offsets latest at the start
     * @param outputDir     the folder to write, or {@code null}; exactly one of it and {@code outputTopic}
     * @param outputTopic   the topic to write, or {@code null}
     * @param outOfOrder    the out-of-order bound, not negative
     * @param idleness      the idleness timeout, not negative; zero for none
     * @param offset        the offset of written instants, required
     * @param awaitProfile  whether cases wait for the platform's profile
     * @param standingCheck the standing-duty interval, positive
     * @param retainEnded   how long ended cases stay, not negative
     * @param rememberLeft  how long what is kept of a case that left is kept, not negative; {@code null} for the
     *                      job's life
     * @param rules         the packs, or empty for the bundled pack (compliance-rules); copied
     * @param settings      settings' values by name, checked when the packs are built; copied
     * @param jurisdiction  the default jurisdiction, an ISO 3166 code, or {@code null}
     * @param atRiskMargin  the at-risk margin, or {@code null}
     * @param checkpoint    the checkpoint interval, required
     * @param strict        whether a bad line fails the job
     * @param packFiles     the folder packs' files as read, by entry of {@code rules}; copied
     * @param since         the start of the period, or {@code null} for the input's earliest event
     * @throws IllegalArgumentException if the input or output is given twice or not at all, Kafka is used without
     *                                  servers, a duration is out of range, the jurisdiction names no country or
     *                                  {@code since} is outside the instants a log may hold; in the words of the
     *                                  command line
     * @throws NullPointerException     if a required value is missing
     */
    public JobOptions {
        inputs = List.copyOf(inputs);
        rules = rules.isEmpty() ? List.of(INDIA) : List.copyOf(rules);
        // Names and values stripped, as niyam audit reads --setting "monthly-report.grace = P15D".
        Map<String, String> stripped = new LinkedHashMap<>();
        settings.forEach((name, value) -> stripped.put(name.strip(), value.strip()));
        settings = Collections.unmodifiableMap(stripped);
        packFiles = Map.copyOf(packFiles);
        if (jurisdiction != null && !Preconditions.isJurisdiction(jurisdiction)) {
            throw new IllegalArgumentException("--jurisdiction needs an ISO 3166 code such as IN, DE or US-CA: '"
                    + jurisdiction + "'" + Preconditions.notACountry(jurisdiction));
        }
        Objects.requireNonNull(outOfOrder, "outOfOrder");
        Objects.requireNonNull(idleness, "idleness");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(standingCheck, "standingCheck");
        Objects.requireNonNull(retainEnded, "retainEnded");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (inputs.isEmpty() == (inputTopic == null)) {
            throw new IllegalArgumentException("give either --input FILE (one or more) or --input-topic TOPIC");
        }
        if ((outputDir == null) == (outputTopic == null)) {
            throw new IllegalArgumentException("give either --output FOLDER or --output-topic TOPIC");
        }
        if ((inputTopic != null || outputTopic != null) && bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT is needed to read or write Kafka");
        }
        if (since != null && (since.isBefore(CaseLogReader.EARLIEST_INSTANT)
                || !since.isBefore(CaseLogReader.LATEST_INSTANT))) {
            throw new IllegalArgumentException("--since " + since + " is outside the instants a log may hold, from "
                    + CaseLogReader.EARLIEST_INSTANT + " up to (not including) " + CaseLogReader.LATEST_INSTANT);
        }
        if (atRiskMargin != null && atRiskMargin.isNegative()) {
            throw new IllegalArgumentException("--at-risk-margin cannot be negative: " + atRiskMargin);
        }
        if (checkpoint.compareTo(MIN_CHECKPOINT) < 0) {
            throw new IllegalArgumentException("--checkpoint must be at least " + MIN_CHECKPOINT
                    + " (Flink checkpoints no more often): " + checkpoint);
        }
        if (standingCheck.isZero() || standingCheck.isNegative()) {
            throw new IllegalArgumentException("--standing-check must be positive: " + standingCheck);
        }
        if (outOfOrder.isNegative() || retainEnded.isNegative() || idleness.isNegative()
                || rememberLeft != null && rememberLeft.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative: --out-of-order " + outOfOrder
                    + ", --idleness " + idleness + ", --retain-ended " + retainEnded
                    + (rememberLeft == null ? "" : ", --remember-left " + rememberLeft));
        }
    }

    /**
     * The options of a job reading {@code inputs} and writing to {@code outputDir}, the rest as by default.
     *
     * @param inputs    JSON Lines files or folders
     * @param outputDir the folder to write transitions to
     * @return the options
     * @throws IllegalArgumentException if {@code inputs} is empty
     */
    public static JobOptions files(List<String> inputs, String outputDir) {
        return parse(with(inputs, "--output", outputDir));
    }

    private static String[] with(List<String> inputs, String... more) {
        List<String> args = new ArrayList<>();
        inputs.forEach(i -> {
            args.add("--input");
            args.add(i);
        });
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The job's command line, read by picocli. */
    @Command(name = "compliance-flink-VERSION-job.jar", sortOptions = false, usageHelpWidth = 118,
            customSynopsis = {"flink run compliance-flink-VERSION-job.jar (--input FILE... | --input-topic TOPIC)",
                "           (--output FOLDER | --output-topic TOPIC) [options]"},
            footer = "Durations are ISO-8601, as PT30M or P7D.")
    static final class CommandLineOptions {
        @Option(names = "--input", paramLabel = "FILE|FOLDER",
                description = "a JSON Lines case log (repeatable); the job ends with the input")
        List<String> inputs = new ArrayList<>();
        @Option(names = "--input-topic", paramLabel = "TOPIC", description = "read case-log lines from Kafka")
        String inputTopic;
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka's bootstrap servers")
        String bootstrap;
        @Option(names = "--group-id", paramLabel = "ID", description = "Kafka consumer group (default ${DEFAULT-VALUE})")
        String groupId = "niyam-compliance";
        @Option(names = "--bounded", description = "stop at the Kafka offsets that are latest when the job starts")
        boolean bounded;
        @Option(names = "--output", paramLabel = "FOLDER",
                description = "write transitions as JSON Lines files (exactly once)")
        String outputDir;
        @Option(names = "--output-topic", paramLabel = "TOPIC",
                description = "write transitions to Kafka, keyed by transition id (exactly once)")
        String outputTopic;
        @Option(names = "--out-of-order", paramLabel = "DURATION",
                description = "how far out of time order events may come (default ${DEFAULT-VALUE})")
        Duration outOfOrder = Duration.ofMinutes(1);
        @Option(names = "--idleness", paramLabel = "DURATION",
                description = "a partition quiet this long stops holding time back (default ${DEFAULT-VALUE})")
        Duration idleness = Duration.ofMinutes(1);
        @Option(names = "--offset", paramLabel = "OFFSET",
                description = "the offset of written instants (default ${DEFAULT-VALUE})")
        ZoneOffset offset = ZoneOffset.UTC;
        @Option(names = "--no-await-profile",
                description = "evaluate cases before the platform's profile has arrived")
        boolean noAwaitProfile;
        @Option(names = "--standing-check", paramLabel = "DURATION",
                description = "assess standing duties at least this often in event time (default ${DEFAULT-VALUE})")
        Duration standingCheck = Duration.ofHours(1);
        @Option(names = "--retain-ended", paramLabel = "DURATION",
                description = "keep a case whose duties all ended this long (default P7D)")
        Duration retainEnded = Duration.ofDays(7);
        @Option(names = "--remember-left", paramLabel = "DURATION",
                description = "forget a case that left state this long after (default: remember it while the job runs)")
        Duration rememberLeft;
        @Option(names = "--rules", paramLabel = "PACK",
                description = "classpath:LOCATION or a folder (repeatable; default the bundled pack, compliance-rules)")
        List<String> rules = new ArrayList<>();
        @Option(names = "--setting", paramLabel = "NAME=VALUE",
                description = "a platform setting's value, written as in pack.yaml (repeatable)")
        Map<String, String> settings = new LinkedHashMap<>();
        @Option(names = "--jurisdiction", paramLabel = "CODE",
                description = "where a case that states no jurisdiction arose (ISO 3166, e.g. IN)")
        String jurisdiction;
        @Option(names = "--at-risk-margin", paramLabel = "DURATION",
                description = "at risk this long before due (default: the engine's fraction)")
        Duration atRiskMargin;
        @Option(names = "--checkpoint", paramLabel = "DURATION",
                description = "checkpoint interval (default ${DEFAULT-VALUE})")
        Duration checkpoint = Duration.ofMinutes(1);
        @Option(names = "--since", paramLabel = "INSTANT",
                description = "the start of the period the input covers: monthly reports run from then, standing "
                        + "duties are judged from then or from an earlier first event; after the last event of a "
                        + "bounded input, refused at its end (default: the input's earliest event)")
        OffsetDateTime since;
        @Option(names = "--strict", description = "fail on a bad input line (default: log it and leave it out)")
        boolean strict;
        @Option(names = "--help", usageHelp = true, description = "print this help")
        boolean help;
    }

    /** {@return the usage text the job prints for {@code --help} or a bad option} */
    public static String usage() {
        return new CommandLine(new CommandLineOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    /**
     * Reads the command line.
     *
     * @param args the arguments after the jar, e.g. {@code --input cases.jsonl --output out}
     * @return the options
     * @throws IllegalArgumentException an unknown option, a missing value, or a value that cannot be read, named
     */
    public static JobOptions parse(String... args) {
        CommandLineOptions o = new CommandLineOptions();
        try {
            new CommandLine(o)
                    .registerConverter(Duration.class, JobOptions::duration)
                    .registerConverter(ZoneOffset.class, JobOptions::offset)
                    .registerConverter(OffsetDateTime.class, JobOptions::instant)
                    .parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new JobOptions(o.inputs, o.bootstrap, o.inputTopic, o.groupId, o.bounded, o.outputDir, o.outputTopic,
                o.outOfOrder, o.idleness, o.offset, !o.noAwaitProfile, o.standingCheck, o.retainEnded, o.rememberLeft,
                o.rules, o.settings, o.jurisdiction, o.atRiskMargin, o.checkpoint, o.strict, Map.of(), o.since);
    }

    /**
     * The same options with a different out-of-order bound and standing-duty check.
     *
     * @param bound how far out of time order events may come, not negative
     * @param check how often standing duties are assessed, positive
     * @return a copy with those durations
     * @throws IllegalArgumentException if either is out of range
     */
    public JobOptions withTime(Duration bound, Duration check) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, bound, idleness,
                offset, awaitProfile, check, retainEnded, rememberLeft, rules, settings, jurisdiction, atRiskMargin,
                checkpoint, strict, packFiles, since);
    }

    /**
     * The same options with other packs.
     *
     * @param value the packs, as {@code --rules} gives them; empty for the bundled pack
     * @return a copy with those packs (their files read before kept)
     */
    public JobOptions withRules(List<String> value) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, offset, awaitProfile, standingCheck, retainEnded, rememberLeft, value, settings, jurisdiction,
                atRiskMargin, checkpoint, strict, packFiles, since);
    }

    /**
     * The same options with transitions' instants in {@code value}.
     *
     * @param value the offset, e.g. {@code +05:30}
     * @return a copy with that offset
     */
    public JobOptions withOffset(ZoneOffset value) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, value, awaitProfile, standingCheck, retainEnded, rememberLeft, rules, settings, jurisdiction,
                atRiskMargin, checkpoint, strict, packFiles, since);
    }

    /**
     * The same options with the start of the period the input covers ({@code --since}).
     *
     * @param value the period's start, or {@code null} for the input's earliest event
     * @return a copy with that start
     * @throws IllegalArgumentException if {@code value} is outside the instants a log may hold
     */
    public JobOptions withSince(OffsetDateTime value) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, offset, awaitProfile, standingCheck, retainEnded, rememberLeft, rules, settings, jurisdiction,
                atRiskMargin, checkpoint, strict, packFiles, value);
    }

    /**
     * The same options with the files of every pack given as a folder read now ({@link RulePack#read}), for the
     * job's tasks to build the packs from: where the job is submitted, so that every task of the job runs the same
     * rules, those checked before submission, whatever the folders on the cluster's machines hold. Entries read
     * before are kept.
     *
     * @return a copy with {@link #packFiles()} for every folder of {@link #rules()}
     * @throws org.niyam.compliance.pack.RulePackException if a folder is no pack, naming it and why
     */
    public JobOptions withPackFiles() {
        Map<String, RulePack.Contents> read = new LinkedHashMap<>(packFiles);
        for (String entry : rules) {
            if (!entry.startsWith("classpath:") && !read.containsKey(entry)) {
                read.put(entry, RulePack.read(Path.of(entry)));
            }
        }
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, offset, awaitProfile, standingCheck, retainEnded, rememberLeft, rules, settings, jurisdiction,
                atRiskMargin, checkpoint, strict, read, since);
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an ISO-8601 duration such as PT30M or P7D");
        }
    }

    private static OffsetDateTime instant(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an ISO-8601 instant with an offset such as 2026-04-01T00:00+05:30");
        }
    }

    private static ZoneOffset offset(String value) {
        try {
            return ZoneOffset.of(value);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an offset such as +05:30 or Z");
        }
    }
}
