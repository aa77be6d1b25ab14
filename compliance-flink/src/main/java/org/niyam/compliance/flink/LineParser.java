package org.niyam.compliance.flink;

import java.io.Serializable;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one line of a JSON Lines case log into the job's {@link Input}, as {@code CaseLogReader} reads a log: an
 * event, a record of the platform or a standing fact. After an event that moves the earliest or latest instant
 * this reader has seen, it also gives a {@link Input#MARK}, from which every task learns when the input began and,
 * at the end of a bounded input, where it ended.
 *
 * <p>A bad line is logged at WARN with what is wrong and where, counted, and left out; a strict parser throws
 * {@link InputException} instead, which fails the job.
 */
public final class LineParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LineParser.class);

    /** Whether a bad line throws instead of being logged and left out. */
    private final boolean strict;
    /** The packs whose event types it reads ({@link JobOptions#rules()}); none: the class path's. */
    private final List<String> rules;
    /** The folder packs' files as read where the job was submitted ({@link JobOptions#packFiles()}). */
    private final Map<String, RulePack.Contents> files;
    /** The earliest event instant seen, epoch milliseconds; {@code Long.MAX_VALUE} before any. */
    private long earliest = Long.MAX_VALUE;
    /** The latest event instant seen, epoch milliseconds; {@code Long.MIN_VALUE} before any. */
    private long latest = Long.MIN_VALUE;
    /** Lines left out. */
    private long rejected;
    private transient CaseLogReader reader;

    /**
     * A parser reading the event types the class path announces ({@code EventTypes.onClasspath()}).
     *
     * @param strict whether a bad line throws, failing the job, instead of being logged and left out
     */
    public LineParser(boolean strict) {
        this(strict, List.of());
    }

    /**
     * A parser reading the event types the job's packs bring, as the job's engines do.
     *
     * @param strict whether a bad line throws, failing the job, instead of being logged and left out
     * @param rules  the packs, as {@link JobOptions#rules()} gives them; empty for the class path's event types
     */
    public LineParser(boolean strict, List<String> rules) {
        this(strict, rules, Map.of());
    }

    /**
     * A parser reading the event types the job's packs bring, the folder packs' from their files as read where the
     * job was submitted.
     *
     * @param strict whether a bad line throws, failing the job, instead of being logged and left out
     * @param rules  the packs, as {@link JobOptions#rules()} gives them; empty for the class path's event types
     * @param files  the folder packs' files, as {@link JobOptions#packFiles()} gives them
     */
    public LineParser(boolean strict, List<String> rules, Map<String, RulePack.Contents> files) {
        this.strict = strict;
        this.rules = List.copyOf(rules);
        this.files = Map.copyOf(files);
    }

    private CaseLogReader reader() {
        if (reader == null) {
            EventTypes types = rules.isEmpty() ? EventTypes.onClasspath()
                    : Engines.eventTypes(rules, files, Thread.currentThread().getContextClassLoader());
            reader = CaseLogReader.strict().withEventTypes(types);
        }
        return reader;
    }

    /**
     * An unknown type's problem with the types listed as those the job reads: the reader lists an
     * {@code EvidencePeriod} too, a line the job does not read ({@link #parse} says so).
     */
    private String readTypes(String problem) {
        int listed = problem.indexOf(KNOWN);
        if (listed < 0) {
            return problem;
        }
        List<String> names = reader().eventTypes().allTypes().keySet().stream().sorted().toList();
        String words = names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                + " and " + names.get(names.size() - 1);
        return problem.substring(0, listed) + " The types the job reads are " + words;
    }

    /** How the reader lists the known types after an unknown one. */
    private static final String KNOWN = " The known types are ";

    /** {@return how many lines this parser left out} */
    public long rejected() {
        return rejected;
    }

    /**
     * Parses {@code text}; {@code source} names where it was read (a file, or a topic, partition and offset) in
     * errors.
     *
     * @param source where the line was read, for errors
     * @param text   the line; a blank one is skipped
     * @param out    receives the line's element, then a {@link Input#MARK} when the event moved the earliest or latest
     *               instant seen
     * @throws InputException the line is bad and the parser is strict
     */
    public void parse(String source, String text, Consumer<Input> out) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            reader().scan(source, new StringReader(text), new CaseLogReader.EntryHandler() {
                @Override
                public void platform(String s, int line, Platform profile) {
                    out.accept(new Input(Input.PLATFORM, "", Long.MIN_VALUE, 0, Json.DEFAULT.text(profile)));
                }

                @Override
                public void fact(String s, int line, StandingFact fact) {
                    out.accept(new Input(Input.FACT, "", Long.MIN_VALUE, 0, Json.DEFAULT.text(fact)));
                }

                @Override
                public void event(String s, int line, CaseEvent event, String eventText) {
                    long at = event.at().toInstant().toEpochMilli();
                    out.accept(new Input(Input.EVENT, event.caseId(), at, 0, eventText));
                    if (at < earliest || at > latest) {
                        earliest = Math.min(earliest, at);
                        latest = Math.max(latest, at);
                        out.accept(new Input(Input.MARK, "", latest, earliest, ""));
                    }
                }

                @Override
                public void rejected(InputException error) {
                    throw error;
                }

                @Override
                public void period(String s, int line, OffsetDateTime since) {
                    // Lines reach the job's tasks in no order a period could be taken from: the option says it.
                    LOG.warn("{}: an EvidencePeriod entry (since {}) is not read by the job: give --since {} instead",
                            source, since, since);
                }
            });
        } catch (InputException read) {
            // Each line is read alone: the reader's line 1 is no line of the input. The source says where.
            InputException e = new InputException(read.source(), read.line() != 1 ? read.line() : 0, read.field(),
                    readTypes(read.problem()), read.getCause());
            if (strict) {
                throw e;
            }
            rejected++;
            // The line's text may hold what users wrote: only at DEBUG.
            LOG.warn("{} (line left out)", e.getMessage());
            LOG.debug("the line left out: {}", text);
        }
    }
}
