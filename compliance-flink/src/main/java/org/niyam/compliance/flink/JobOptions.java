package org.niyam.compliance.flink;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 *                       happens
 * @param retainEnded    how long, in event time, a case whose obligations have all ended stays in state
 * @param rules          rule packs: {@code classpath:LOCATION} or a folder; the India pack when empty
 * @param atRiskMargin   an obligation is at risk this long before it is due; {@code null} for the engine's fraction
 * @param checkpoint     the checkpoint interval
 * @param strict         whether a bad input line fails the job (otherwise it is logged and left out)
 */
public record JobOptions(List<String> inputs, String bootstrap, String inputTopic, String groupId, boolean bounded,
                         String outputDir, String outputTopic, Duration outOfOrder, Duration idleness,
                         ZoneOffset offset, boolean awaitProfile, Duration standingCheck, Duration retainEnded,
                         List<String> rules, Duration atRiskMargin, Duration checkpoint, boolean strict)
        implements Serializable {

    public static final String INDIA = "classpath:org/niyam/compliance/rules/india";

    public JobOptions {
        inputs = List.copyOf(inputs);
        rules = rules.isEmpty() ? List.of(INDIA) : List.copyOf(rules);
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
        if (standingCheck.isZero() || standingCheck.isNegative()) {
            throw new IllegalArgumentException("--standing-check must be positive: " + standingCheck);
        }
        if (outOfOrder.isNegative() || retainEnded.isNegative() || idleness.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative: --out-of-order " + outOfOrder
                    + ", --idleness " + idleness + ", --retain-ended " + retainEnded);
        }
    }

    /** The options of a job reading {@code inputs} and writing to {@code outputDir}, the rest as by default. */
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

    /** The usage text the job prints for {@code --help} or a bad option. */
    public static final String USAGE = """
            Usage: flink run compliance-flink-VERSION-job.jar (--input FILE... | --input-topic TOPIC) \
            (--output FOLDER | --output-topic TOPIC) [options]
              --input FILE|FOLDER      a JSON Lines case log (repeatable); the job ends with the input
              --input-topic TOPIC      read case-log lines from Kafka (with --bootstrap)
              --bootstrap HOST:PORT    Kafka's bootstrap servers
              --group-id ID            Kafka consumer group (default niyam-compliance)
              --bounded                stop at the Kafka offsets that are latest when the job starts
              --output FOLDER          write transitions as JSON Lines files (exactly once)
              --output-topic TOPIC     write transitions to Kafka, keyed by transition id (exactly once)
              --out-of-order DURATION  how far out of time order events may come (default PT1M)
              --idleness DURATION      a partition quiet this long stops holding time back (default PT1M)
              --offset OFFSET          the offset of written instants (default Z)
              --no-await-profile       evaluate cases before the platform's profile has arrived
              --standing-check DURATION  assess standing duties at least this often in event time (default PT1H)
              --retain-ended DURATION  keep a case whose duties all ended this long (default P7D)
              --rules PACK             classpath:LOCATION or a folder (repeatable; default the India pack)
              --at-risk-margin DURATION  at risk this long before due (default: the engine's fraction)
              --checkpoint DURATION    checkpoint interval (default PT1M)
              --strict                 fail on a bad input line (default: log it and leave it out)
            Durations are ISO-8601, as PT30M or P7D.""";

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException an unknown option, a missing value, or a value that cannot be read, named
     */
    public static JobOptions parse(String... args) {
        List<String> inputs = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        String bootstrap = null;
        String inputTopic = null;
        String groupId = "niyam-compliance";
        boolean bounded = false;
        String outputDir = null;
        String outputTopic = null;
        Duration outOfOrder = Duration.ofMinutes(1);
        Duration idleness = Duration.ofMinutes(1);
        ZoneOffset offset = ZoneOffset.UTC;
        boolean awaitProfile = true;
        Duration standingCheck = Duration.ofHours(1);
        Duration retainEnded = Duration.ofDays(7);
        Duration atRiskMargin = null;
        Duration checkpoint = Duration.ofMinutes(1);
        boolean strict = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--bounded" -> bounded = true;
                case "--no-await-profile" -> awaitProfile = false;
                case "--strict" -> strict = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                                : "unexpected argument '" + option + "'");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--input" -> inputs.add(value);
                        case "--input-topic" -> inputTopic = value;
                        case "--bootstrap" -> bootstrap = value;
                        case "--group-id" -> groupId = value;
                        case "--output" -> outputDir = value;
                        case "--output-topic" -> outputTopic = value;
                        case "--out-of-order" -> outOfOrder = duration(option, value);
                        case "--idleness" -> idleness = duration(option, value);
                        case "--offset" -> offset = offset(value);
                        case "--standing-check" -> standingCheck = duration(option, value);
                        case "--retain-ended" -> retainEnded = duration(option, value);
                        case "--rules" -> rules.add(value);
                        case "--at-risk-margin" -> atRiskMargin = duration(option, value);
                        case "--checkpoint" -> checkpoint = duration(option, value);
                        default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                    }
                }
            }
        }
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, offset, awaitProfile, standingCheck, retainEnded, rules, atRiskMargin, checkpoint, strict);
    }

    /** The same options with a different out-of-order bound and standing-duty check. */
    public JobOptions withTime(Duration bound, Duration check) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, bound, idleness,
                offset, awaitProfile, check, retainEnded, rules, atRiskMargin, checkpoint, strict);
    }

    /** The same options with transitions' instants in {@code value}. */
    public JobOptions withOffset(ZoneOffset value) {
        return new JobOptions(inputs, bootstrap, inputTopic, groupId, bounded, outputDir, outputTopic, outOfOrder,
                idleness, value, awaitProfile, standingCheck, retainEnded, rules, atRiskMargin, checkpoint, strict);
    }

    private static Duration duration(String option, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not an ISO-8601 duration such as PT30M");
        }
    }

    private static ZoneOffset offset(String value) {
        try {
            return ZoneOffset.of(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--offset: '" + value + "' is not an offset such as +05:30 or Z");
        }
    }
}
