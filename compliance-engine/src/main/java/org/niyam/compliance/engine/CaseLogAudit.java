package org.niyam.compliance.engine;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.niyam.compliance.engine.internal.BucketRecord;
import org.niyam.compliance.engine.internal.Evaluation;
import org.niyam.compliance.engine.internal.EventCodec;
import org.niyam.compliance.engine.internal.LongSet;
import org.niyam.compliance.engine.internal.ReportFile;
import org.niyam.compliance.engine.internal.ReportMerge;
import org.niyam.compliance.engine.internal.sandbox.StepTotal;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Jurisdictions;
import org.niyam.compliance.io.internal.ProfileHistory;
import org.niyam.compliance.io.internal.StandingFacts;
import org.niyam.compliance.io.internal.Workers;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RuleExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits case logs too large for memory: the same obligations and findings as reading the logs and calling
 * {@link ComplianceEngine#evaluate}, delivered to a {@link Sink} instead of held in a {@link Report}.
 *
 * <pre>{@code
 * CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).build()
 *         .run(List.of(Path.of("cases.jsonl")), new CaseLogAudit.Sink() {
 *             public void obligation(Obligation o) { if (o.status() == Status.BREACHED) alert(o); }
 *             public void finding(Finding f) { log(f); }
 *         });
 * }</pre>
 *
 * <p>How: one pass reads and checks every entry, as {@link CaseLogReader} does, and puts each event in a bucket
 * chosen by its case. A bucket is held in memory while the audit holds no more than
 * {@link Builder#eventsInMemory} events; past that, every bucket is written, encoded, to a bucket file, and the
 * events that follow go to the files. The rules the engine cannot run case by case run once over the platform's
 * facts and the events they read. Then each bucket is taken back and its cases evaluated, on the engine's threads,
 * and its obligations written out. Memory holds, besides the buckets held in memory, one bucket per thread, the
 * platform's facts, the events global rules read, the hashes of one file of event ids at a time, to find ids used
 * twice, and while delivering one obligation or finding per bucket: an audit of 10^7 events fits in 512 MB of heap.
 * The work files go to {@link Builder#workDirectory} and are deleted at the end. See {@code docs/performance.md}.
 *
 * <p>The sink gets every obligation, then every finding, in the order of the {@link Report} that
 * {@link ComplianceEngine#evaluate} gives for the same logs: the same items in the same order, whatever the number of
 * threads, buckets or events per session. Each bucket's results are written in that order, and the platform's and the
 * buckets' are merged as they are read back, one item of each at a time. Rejected entries reach the sink as
 * they are read; an event id reused for different content is found after the read and reported then. Where a
 * conclusion crosses from one case to another, the audit starts over with everything in memory and one session,
 * before the sink has been given any obligation: it logs that at WARN, tells the listener, and its
 * {@link Summary#oneSession()} says why.
 *
 * <p>A sink that needs no order says so with {@link Builder#unordered()}: each group of cases' obligations and
 * findings then reach it as soon as they are evaluated, without the result files, sorting and merge that report
 * order costs, and the sink must be able to {@link Sink#startOver start over}.
 */
public final class CaseLogAudit {

    /**
     * Receives an audit's results, one call at a time. Called on the thread that runs the audit; in an
     * {@link Builder#unordered() unordered} audit, obligations and findings come from the engine's threads, one call
     * at a time (each call happens-after the one before it).
     */
    public interface Sink {

        /**
         * One obligation, in report order; every obligation comes before the first finding. In an unordered audit,
         * in no particular order.
         *
         * @param obligation the obligation, as {@link ComplianceEngine#evaluate} would report it
         */
        void obligation(Obligation obligation);

        /**
         * One finding, in report order, after every obligation. In an unordered audit, in no particular order.
         *
         * @param finding the finding, with its citation
         */
        void finding(Finding finding);

        /**
         * Unordered audits only: forget every obligation and finding given so far (not the rejected entries); the
         * whole report follows, in report order. Called when a conclusion crossed from one case to another after the
         * sink had part of the report, so that the audit starts over with everything in memory and one session (see
         * {@link Summary#oneSession()}). The default throws {@link UnsupportedOperationException}, which ends the
         * audit: a sink that cannot start over cannot be given a report that may have to.
         *
         * @param reason why the audit starts over
         */
        default void startOver(String reason) {
            throw new UnsupportedOperationException("the audit must start over in one session (" + reason
                    + "), after its sink had part of the report, and the sink does not implement startOver");
        }

        /**
         * An entry rejected. Not called in strict audits, which throw instead.
         *
         * @param error what is wrong, with its source, line and field
         */
        default void rejected(InputException error) {
        }
    }

    /**
     * What an audit read and found.
     *
     * @param asOf        the instant the evidence was judged at
     * @param entries     entries read, valid or not
     * @param events      distinct events evaluated (known at {@code asOf})
     * @param duplicates  entries given more than once with the same content (counted once)
     * @param replaced    standing-fact entries that replaced one read before with the same type and id and other
     *                    content (the last read of a type and id is the fact)
     * @param rejected    entries rejected
     * @param obligations obligations by status
     * @param findings    findings
     * @param buckets     buckets the cases were spread over (in memory or in files); 0 when the audit read
     *                    everything into memory and ran one session
     * @param oneSession  why the audit read everything into memory and ran one session, or {@code null} when it ran
     *                    case by case in bounded memory
     * @param periodStart the start of the period the logs cover, from which recurring duties were assessed
     * @param periodFrom  where that start came from
     */
    public record Summary(OffsetDateTime asOf, long entries, long events, long duplicates, long replaced,
                          long rejected, Map<Status, Long> obligations, long findings, int buckets, String oneSession,
                          OffsetDateTime periodStart, PeriodFrom periodFrom) {

        /** {@return how many obligations the audit found, of every status} */
        public long obligationCount() {
            return obligations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Where the start of the period an audit covers came from. */
    public enum PeriodFrom {
        /** {@link Builder#since}. */
        GIVEN,
        /** An {@code EvidencePeriod} entry of the logs (the earliest, when several give one). */
        LOG_ENTRY,
        /** The earliest event, as neither says otherwise. */
        EARLIEST_EVENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(CaseLogAudit.class);
    /** Bytes of buffer for each bucket file being written. */
    private static final int BUFFER = 8 * 1024;
    /** Bytes a log line takes, about, to size the buckets before reading. */
    private static final long BYTES_PER_EVENT = 120;
    /** Buckets a log of more than a few thousand events is spread over at least. */
    private static final int MIN_BUCKETS = 16;
    /** Bytes of heap an event held in a bucket in memory takes, about (255 measured on the benchmark's log). */
    private static final long HELD_BYTES_PER_EVENT = 300;

    private final ComplianceEngine engine;
    private final boolean strict;
    private final OffsetDateTime asOf;
    private final OffsetDateTime since;
    private final Path workDirectory;
    private final int eventsPerBucket;
    private final EvaluationListener listener;
    private final boolean unordered;
    private final long eventsInMemory;

    private CaseLogAudit(Builder builder) {
        this.engine = builder.engine;
        this.strict = builder.strict;
        this.asOf = builder.asOf;
        this.since = builder.since;
        this.workDirectory = builder.workDirectory;
        this.eventsPerBucket = builder.eventsPerBucket;
        this.listener = builder.listener;
        this.unordered = builder.unordered;
        this.eventsInMemory = builder.eventsInMemory;
    }

    /**
     * A builder of an audit with an engine's rules.
     *
     * @param engine the engine whose rules, threads and event types the audit uses
     * @return a builder with the defaults each of its methods names
     * @throws NullPointerException if {@code engine} is {@code null}
     */
    public static Builder builder(ComplianceEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * Audits the logs, read as one, into the sink.
     *
     * @param logs the case logs, JSON Lines or JSON arrays, read in this order as one platform's evidence
     * @param sink receives every obligation, finding and rejected entry
     * @return what the audit read and found
     *
     * @throws InputException         in a strict audit, at the first bad entry; in any audit, when no entry is valid
     *                                and no instant to judge at was given
     * @throws RuleExecutionException a rule failed or looped
     * @throws UncheckedIOException   a log or a work file cannot be read or written
     */
    public Summary run(List<Path> logs, Sink sink) {
        Objects.requireNonNull(sink, "sink");
        List<Path> files = List.copyOf(logs);
        Evaluation evaluation = engine.evaluation();
        if (!evaluation.byCase()) {
            return inMemory(files, sink, false, evaluation.singleSessionReason());
        }
        Path directory;
        try {
            directory = Files.createTempDirectory(workDirectory, "niyam-audit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + workDirectory + ": " + e.getMessage(), e);
        }
        Spill spill = new Spill(evaluation, directory, buckets(files), files, strict,
                CaseLogReader.lenient().withEventTypes(engine.eventTypes()), eventsInMemory, asOf);
        try {
            long start = System.nanoTime();
            CaseLogReader reader = reader(strict, engine, evaluation.workers());
            for (int i = 0; i < files.size(); i++) {
                spill.file = i;
                spill.entries += reader.scan(files.get(i), spill.forwardingTo(sink));
            }
            spill.close();
            spill.resolveRepeatedIds();
            spill.resolveJurisdictions();
            LOG.debug("audit: {} entries read into {} buckets {} in {} ms", spill.entries, spill.bucketCount(),
                    spill.held == null ? "in files" : "in memory", (System.nanoTime() - start) / 1_000_000);
            Delivery delivery = new Delivery(sink);
            try {
                return byCase(evaluation, spill, delivery);
            } catch (Evaluation.Unpartitionable e) {
                // The reason says why: a conclusion that crossed cases, or the firing limit, whose error must name
                // the firings of the whole evaluation.
                LOG.warn("the audit reads all its logs into memory and evaluates them in one session, since {}",
                        e.getMessage());
                listener.oneSession(e.getMessage());
                if (delivery.started) {
                    sink.startOver(e.getMessage());
                }
                return inMemory(files, sink, true, e.getMessage());
            }
        } finally {
            spill.closeQuietly();
            deleteQuietly(directory);
        }
    }

    /**
     * Enough buckets for {@code eventsPerBucket}, and at least {@value #MIN_BUCKETS} for the threads to share the
     * work: a number that depends on the input and the builder, never on the threads, so that an audit holds the
     * same in memory on any machine. (The order in which the sink gets obligations depends on neither.)
     */
    private int buckets(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        long events = bytes / BYTES_PER_EVENT + 1;
        long bySize = (events + eventsPerBucket - 1) / eventsPerBucket;
        long byWork = Math.min(MIN_BUCKETS, events / 1_000 + 1);
        return (int) Math.max(1, Math.min(4096, Math.max(bySize, byWork)));
    }

    /**
     * Gives the sink obligations and findings, counting them; one call at a time, whichever thread delivers (the
     * worker threads of an unordered audit).
     */
    private static final class Delivery {
        private final Sink sink;
        private final Map<Status, Long> statuses = new EnumMap<>(Status.class);
        private long findings;
        /** Whether the sink has had an obligation or finding. */
        private boolean started;

        Delivery(Sink sink) {
            this.sink = sink;
        }

        synchronized void obligation(Obligation obligation) {
            started = true;
            statuses.merge(obligation.status(), 1L, Long::sum);
            sink.obligation(obligation);
        }

        synchronized void finding(Finding finding) {
            started = true;
            findings++;
            sink.finding(finding);
        }

        synchronized void all(List<Obligation> obligations, List<Finding> found) {
            obligations.forEach(this::obligation);
            found.forEach(this::finding);
        }
    }

    private Summary byCase(Evaluation evaluation, Spill spill, Delivery delivery) {
        OffsetDateTime judgedAt = asOf != null ? asOf : periodBefore(spill.latest());
        // The period covered: given to the builder, else the logs' EvidencePeriod entry, else from the earliest event.
        OffsetDateTime start = this.since != null ? this.since : spill.since != null ? spill.since
                : spill.earliest() == null || spill.earliest().isAfter(judgedAt) ? judgedAt : spill.earliest();
        PeriodFrom from = this.since != null ? PeriodFrom.GIVEN : spill.since != null ? PeriodFrom.LOG_ENTRY
                : PeriodFrom.EARLIEST_EVENT;
        List<Object> context = evaluation.context(spill.profiles.history(), spill.facts.facts(), start,
                judgedAt);
        EvaluationListener serial = Evaluation.serial(listener);
        List<CaseEvent> shared = new ArrayList<>();
        for (Map.Entry<Long, CaseEvent> entry : spill.shared.entrySet()) {
            if (!spill.skipped.contains(entry.getKey()) && !entry.getValue().at().isAfter(judgedAt)) {
                shared.add(entry.getValue());
            }
        }
        long evaluated = System.nanoTime();
        // As evaluate counts them for its firing limit and step total: the events known at the instant judged.
        long facts = context.size() + spill.eventsKnown();
        long[] counted = new long[spill.bucketCount()];
        Report platform = evaluation.pipeline(context, Evaluation.knownAt(shared, judgedAt), new Evaluation.CaseSource() {
            @Override
            public int units() {
                return spill.bucketCount();
            }

            @Override
            public List<CaseEvent> events(int unit) {
                List<CaseEvent> events = spill.take(unit, judgedAt);
                // In time order, as evaluate gives them to sessions: a rule may depend on the order facts arrive in.
                Evaluation.sortByTime(events); // as Evaluation.EVENT_ORDER sorts them
                counted[unit] = events.size();
                return events;
            }
        }, unordered ? new Evaluation.PartStore() {
            @Override
            public boolean ordered() {
                return false;
            }

            @Override
            public void group(int unit, Evaluation.Part part) {
                delivery.all(part.obligations(), part.findings());
            }

            @Override
            public void put(int unit, Report part) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Report get(int unit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkNotPlaced(int units, Set<String> placed) {
                // The groups' obligations are gone to the sink, so which of them a rule settled from elsewhere cannot
                // be looked up: an obligation a group may hold (its id key@event or key@case, as a group's duties
                // and assessments have) counts as crossing. A standing duty's (its key alone) is the platform's.
                for (String id : new TreeSet<>(placed)) {
                    if (id.indexOf('@') >= 0) {
                        throw new Evaluation.Unpartitionable("a rule concluded about obligation " + id + " from "
                                + "another case or the platform's rules, and an unordered audit cannot tell whether "
                                + "a case's group held it", true);
                    }
                }
            }
        } : new Evaluation.PartStore() {
            @Override
            public void put(int unit, Report part) {
                ReportFile.write(spill.result(unit), part);
            }

            @Override
            public Report get(int unit) {
                return ReportFile.read(spill.result(unit));
            }
        }, facts, judgedAt, serial);
        LOG.debug("audit: rules and kernel done in {} ms", (System.nanoTime() - evaluated) / 1_000_000);
        long merged = System.nanoTime();
        if (unordered) {
            delivery.all(platform.obligations(), platform.findings());
        } else {
            List<Path> results = new ArrayList<>(spill.bucketCount());
            for (int b = 0; b < spill.bucketCount(); b++) {
                results.add(spill.result(b));
            }
            // One global report order, whatever the threads and buckets: a k-way merge of the sorted parts.
            ReportMerge.merge(platform, results, spill.directory, ReportMerge.FAN_IN, delivery::obligation,
                    delivery::finding);
        }
        LOG.debug("audit: {} parts merged and delivered in {} ms", spill.bucketCount() + 1,
                (System.nanoTime() - merged) / 1_000_000);
        long events = 0;
        for (long count : counted) {
            events += count;
        }
        return new Summary(judgedAt, spill.entries, events, spill.duplicates, spill.replaced, spill.rejected,
                delivery.statuses, delivery.findings, spill.bucketCount(), null, start, from);
    }

    /** A reader parsing on the engine's threads: its own, or the executor the engine was given. */
    /** A reader of the engine's event types, parsing on the engine's threads (and its executor, when given one). */
    private static CaseLogReader reader(boolean strict, ComplianceEngine engine, Workers workers) {
        CaseLogReader reader = (strict ? CaseLogReader.strict() : CaseLogReader.lenient())
                .withEventTypes(engine.eventTypes());
        return workers.executor() == null ? reader.withThreads(workers.threads())
                : reader.withThreads(workers.threads(), workers.executor());
    }

    /**
     * Reads everything into memory and evaluates it in one session, for the reason given. {@code rejectionsGiven}:
     * the first pass has given the sink every rejection already, the same ones this read finds.
     */
    private Summary inMemory(List<Path> files, Sink sink, boolean rejectionsGiven, String reason) {
        CaseLogReader.CaseLog log = reader(strict, engine, engine.evaluation().workers()).read(files);
        if (!rejectionsGiven) {
            log.rejected().forEach(sink::rejected);
        }
        Evidence read = log.evidence();
        Evidence evidence = since == null ? read
                : new Evidence(read.profiles(), read.facts(), read.events(), since);
        OffsetDateTime judgedAt = asOf != null ? asOf : periodBefore(latest(evidence));
        Evaluation evaluation = engine.evaluation();
        List<Object> context = evaluation.context(evidence.profiles(), evidence.facts(),
                evidence.periodStart(judgedAt), judgedAt);
        List<CaseEvent> known = Evaluation.knownAt(evidence.events(), judgedAt);
        StepTotal total = evaluation.stepTotal(context.size() + (long) known.size());
        Report report = evaluation.overPeriod(evaluation.oneSession(context, known, judgedAt,
                Evaluation.serial(listener), total), context, known, true, total);
        Delivery delivery = new Delivery(sink);
        delivery.all(report.obligations(), report.findings());
        long events = evidence.events().stream().filter(e -> !e.at().isAfter(judgedAt)).count();
        return new Summary(judgedAt, log.entries(), events, log.duplicates(), log.replaced(),
                log.rejected().size(), delivery.statuses, delivery.findings, 0, reason, evidence.periodStart(judgedAt),
                since != null ? PeriodFrom.GIVEN
                        : read.since() != null ? PeriodFrom.LOG_ENTRY : PeriodFrom.EARLIEST_EVENT);
    }

    /**
     * The latest event, the instant judged when none is given; a period given to start after it is refused, as it
     * would be empty.
     */
    private OffsetDateTime periodBefore(OffsetDateTime latest) {
        if (since != null && since.isAfter(latest)) {
            throw new InputException("logs", 0, "since", "since " + since + " is after the latest event of the logs, "
                    + "at " + latest + ": the period judged would be empty; give a start before it, or the instant "
                    + "to judge at (asOf)", null);
        }
        return latest;
    }

    private static OffsetDateTime latest(Evidence evidence) {
        return evidence.events().stream().map(CaseEvent::at)
                .max((a, b) -> a.toInstant().compareTo(b.toInstant()))
                .orElseThrow(() -> new InputException("logs", 0, "", "no event to judge the evidence at: give an "
                        + "instant with asOf(...)", null));
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a work file left behind in the temporary directory
        }
    }

    /**
     * The first pass: keeps the platform's facts, puts each event in its case's bucket with its place in the input
     * (in memory, or in the bucket's file once more than the limit would be held), and notes ids seen twice.
     */
    private static final class Spill implements CaseLogReader.EntryHandler {

        private final Evaluation evaluation;
        private final boolean strict;
        private final Path directory;
        private final List<Path> files;
        private final BufferedOutputStream[] writers;
        private final BucketRecord.Writer record = new BucketRecord.Writer();
        private final OffsetDateTime[] earliest;
        private final OffsetDateTime[] latest;
        /**
         * The bucket's earliest and latest instants as epoch second and nanosecond, so that each event's instant is
         * worked out once (isBefore and isAfter work out both sides' at every call).
         */
        private final long[] earliestSeconds;
        private final int[] earliestNanos;
        private final long[] latestSeconds;
        private final int[] latestNanos;
        /** Each event's id hash, spread over files by hash, so that ids used twice are found a file at a time. */
        private final DataOutputStream[] idWriters;
        private final Set<Long> repeatedIds = new HashSet<>();
        /** Events global rules read, by place in the input. */
        private final Map<Long, CaseEvent> shared = new TreeMap<>();
        /** Places in the input of events not to evaluate: copies of an event, or other content under a used id. */
        private final Set<Long> skipped = new HashSet<>();
        /** Standing facts by type and id: the same fact twice counts once, another of one type and id replaces it. */
        private final StandingFacts facts = new StandingFacts();
        private final ProfileHistory profiles = new ProfileHistory();
        /** The earliest start of the period covered that an EvidencePeriod entry gives, or null. */
        private OffsetDateTime since;
        private int file;
        private long entries;
        private long events;
        /** The instant judged when given, and how many events not set aside come after it. */
        private final OffsetDateTime asOf;
        private long afterAsOf;
        private long duplicates;
        private long replaced;
        private long rejected;
        /** Whether an event stated a jurisdiction ({@link #resolveJurisdictions} has work only then). */
        private boolean jurisdictionStated;
        private Sink sink;

        /** Binds again, with the engine's event types, an event the codec could not encode and kept as JSON. */
        private final CaseLogReader rereader;
        /** The buckets held in memory, each until it is taken; {@code null} once the buckets are in files. */
        private Held[] held;
        /** A bucket held in memory once taken: its events are let go. */
        private static final Held TAKEN = new Held();
        private long heldEvents;
        private final long memoryLimit;

        Spill(Evaluation evaluation, Path directory, int buckets, List<Path> files, boolean strict,
              CaseLogReader rereader, long memoryLimit, OffsetDateTime asOf) {
            this.evaluation = evaluation;
            this.asOf = asOf;
            this.memoryLimit = memoryLimit;
            this.held = new Held[buckets];
            this.rereader = rereader;
            this.strict = strict;
            this.directory = directory;
            this.files = files;
            this.writers = new BufferedOutputStream[buckets];
            this.idWriters = new DataOutputStream[buckets];
            this.earliest = new OffsetDateTime[buckets];
            this.latest = new OffsetDateTime[buckets];
            this.earliestSeconds = new long[buckets];
            this.earliestNanos = new int[buckets];
            this.latestSeconds = new long[buckets];
            this.latestNanos = new int[buckets];
        }

        Spill forwardingTo(Sink value) {
            this.sink = value;
            return this;
        }

        int bucketCount() {
            return writers.length;
        }

        Path bucket(int b) {
            return directory.resolve("bucket-" + b + ".bin");
        }

        Path ids(int b) {
            return directory.resolve("ids-" + b + ".bin");
        }

        Path result(int b) {
            return directory.resolve("result-" + b + ".bin");
        }

        private int bucketOf(String caseId) {
            // Not String.hashCode, which the maps of a bucket's cases use: buckets chosen by it fill a few of their bins.
            return (int) Math.floorMod(LongSet.hash(caseId), (long) writers.length);
        }

        private static long place(int file, int line) {
            return ((long) file << 32) | (line & 0xFFFFFFFFL);
        }

        private String where(long place) {
            return files.get((int) (place >>> 32)) + ":" + (int) place;
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            if (Boolean.FALSE.equals(InputErrors.checked(() -> profiles.add(source, line, profile), this::rejected))) {
                duplicates++;
            }
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            switch (facts.add(fact)) {
                case SAME -> duplicates++;
                case REPLACED -> replaced++;
                case NEW -> { }
            }
        }

        @Override
        public void period(String source, int line, OffsetDateTime value) {
            if (since == null || value.isBefore(since)) {
                since = value;
            }
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            events++;
            if (asOf != null && event.at().isAfter(asOf)) {
                afterAsOf++;
            }
            jurisdictionStated |= event.jurisdiction() != null;
            long place = place(file, line);
            long id = LongSet.hash(event.id());
            if (evaluation.shared(event)) {
                shared.put(place, event);
            }
            int b = bucketOf(event.caseId());
            widen(b, event.at());
            if (held != null && heldEvents >= memoryLimit) {
                toFiles();
            }
            if (held != null) {
                if (held[b] == null) {
                    held[b] = new Held();
                }
                held[b].add(place, id, event, EventCodec.encodable(event) ? null : text);
                heldEvents++;
            } else {
                write(b, place, id, event, text);
            }
        }

        private void write(int b, long place, long id, CaseEvent event, String text) {
            try {
                if (writers[b] == null) {
                    writers[b] = new BufferedOutputStream(Files.newOutputStream(bucket(b)), BUFFER);
                }
                int i = Math.floorMod((int) (id >>> 40), idWriters.length);
                if (idWriters[i] == null) {
                    idWriters[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(ids(i)), BUFFER));
                }
                idWriters[i].writeLong(id);
                writers[b].write(record.encode(place, id, event, text), 0, record.length());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + bucket(b) + ": " + e.getMessage(), e);
            }
        }

        /** Writes every bucket held in memory to its file, in the order read; from now on, events go to the files. */
        private void toFiles() {
            Held[] buckets = held;
            held = null;
            LOG.debug("audit: more than {} events read, the buckets go to files", memoryLimit);
            for (int b = 0; b < buckets.length; b++) {
                Held bucket = buckets[b];
                for (int i = 0; bucket != null && i < bucket.size; i++) {
                    write(b, bucket.places[i], bucket.ids[i], bucket.events[i], bucket.texts[i]);
                }
                buckets[b] = null;
            }
        }

        @Override
        public void rejected(InputException error) {
            if (strict) {
                throw error;
            }
            rejected++;
            sink.rejected(error);
        }

        /** Closes whatever is still open, after a failure. */
        void closeQuietly() {
            for (java.io.Closeable stream : writers) {
                closeQuietly(stream);
            }
            for (java.io.Closeable stream : idWriters) {
                closeQuietly(stream);
            }
        }

        private static void closeQuietly(java.io.Closeable stream) {
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException e) {
                // the work directory goes anyway
            }
        }

        /**
         * Closes the files written and finds the id hashes seen more than once, one id file at a time; or, with the
         * buckets in memory, in one pass over them.
         */
        void close() {
            if (held != null) {
                LongSet seen = new LongSet();
                for (Held bucket : held) {
                    for (int i = 0; bucket != null && i < bucket.size; i++) {
                        if (!seen.add(bucket.ids[i])) {
                            repeatedIds.add(bucket.ids[i]);
                        }
                    }
                }
                return;
            }
            for (int b = 0; b < writers.length; b++) {
                try {
                    if (writers[b] != null) {
                        writers[b].close();
                    } else {
                        Files.write(bucket(b), new byte[0]);
                    }
                    if (idWriters[b] != null) {
                        idWriters[b].close();
                        LongSet seen = new LongSet();
                        ByteBuffer hashes = ByteBuffer.wrap(Files.readAllBytes(ids(b)));
                        while (hashes.hasRemaining()) {
                            long id = hashes.getLong();
                            if (!seen.add(id)) {
                                repeatedIds.add(id);
                            }
                        }
                        Files.delete(ids(b));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + bucket(b) + ": " + e.getMessage(), e);
                }
            }
        }

        /**
         * Ids seen more than once: the first event under an id is kept, the same event again counts as a duplicate,
         * other content under it is rejected, as {@link CaseLogReader} does. Reads only the lines of those ids.
         */
        void resolveRepeatedIds() {
            if (repeatedIds.isEmpty()) {
                return;
            }
            Map<String, TreeMap<Long, CaseEvent>> byId = new HashMap<>();
            Set<Integer> touched = new HashSet<>();
            for (int b = 0; b < writers.length; b++) {
                int bucket = b;
                lines(b, (place, id, entry) -> {
                    if (repeatedIds.contains(id)) {
                        CaseEvent event = bind(place, entry);
                        byId.computeIfAbsent(event.id(), k -> new TreeMap<>()).put(place, event);
                        touched.add(bucket);
                    }
                });
            }
            List<Map.Entry<Long, InputException>> errors = new ArrayList<>();
            for (TreeMap<Long, CaseEvent> events : byId.values()) {
                Map.Entry<Long, CaseEvent> first = events.firstEntry();
                for (Map.Entry<Long, CaseEvent> later : events.tailMap(first.getKey(), false).entrySet()) {
                    setAside(later.getKey(), later.getValue());
                    if (later.getValue().equals(first.getValue())) {
                        duplicates++;
                    } else {
                        long place = later.getKey();
                        errors.add(Map.entry(place, InputErrors.reusedId(files.get((int) (place >>> 32)).toString(),
                                (int) place, "event", first.getValue().id(), where(first.getKey()))));
                    }
                }
            }
            errors.sort(Map.Entry.comparingByKey());
            errors.forEach(error -> rejected(error.getValue()));
            recount(touched);
        }

        /**
         * A case arises in one jurisdiction: an event stating another than the first event of its case (in input
         * order) to state one is rejected, and the case judged without it, as {@link CaseLogReader} does. Reads the
         * buckets again only when an event stated a jurisdiction; holds a bucket's stating events at a time.
         */
        void resolveJurisdictions() {
            if (!jurisdictionStated) {
                return;
            }
            List<Map.Entry<Long, InputException>> errors = new ArrayList<>();
            Set<Integer> touched = new HashSet<>();
            for (int b = 0; b < writers.length; b++) {
                Map<String, TreeMap<Long, CaseEvent>> stating = new HashMap<>();
                lines(b, (place, id, entry) -> {
                    if (!skipped.contains(place)) {
                        CaseEvent event = bind(place, entry);
                        if (event.jurisdiction() != null) {
                            stating.computeIfAbsent(event.caseId(), k -> new TreeMap<>()).put(place, event);
                        }
                    }
                });
                for (TreeMap<Long, CaseEvent> ofCase : stating.values()) {
                    Map.Entry<Long, CaseEvent> first = ofCase.firstEntry();
                    for (Map.Entry<Long, CaseEvent> later : ofCase.tailMap(first.getKey(), false).entrySet()) {
                        long place = later.getKey();
                        InputException conflict = Jurisdictions.conflict(files.get((int) (place >>> 32)).toString(),
                                (int) place, later.getValue(), first.getValue(), where(first.getKey()));
                        if (conflict != null) {
                            setAside(place, later.getValue());
                            errors.add(Map.entry(place, conflict));
                            touched.add(b);
                        }
                    }
                }
            }
            errors.sort(Map.Entry.comparingByKey());
            errors.forEach(error -> rejected(error.getValue()));
            recount(touched);
        }

        /** The earliest or latest instant of a bucket may have been a copy or a rejected event: count again. */
        private void recount(Set<Integer> buckets) {
            for (int b : buckets) {
                earliest[b] = null;
                latest[b] = null;
                int bucket = b;
                lines(b, (place, id, entry) -> {
                    if (!skipped.contains(place)) {
                        OffsetDateTime at = bind(place, entry).at();
                        widen(bucket, at);
                    }
                });
            }
        }

        /** Widens the bucket's earliest and latest instants to hold {@code at}; an equal instant keeps the first. */
        private void widen(int b, OffsetDateTime at) {
            long seconds = at.toEpochSecond();
            int nanos = at.getNano();
            if (earliest[b] == null || seconds < earliestSeconds[b]
                    || seconds == earliestSeconds[b] && nanos < earliestNanos[b]) {
                earliest[b] = at;
                earliestSeconds[b] = seconds;
                earliestNanos[b] = nanos;
            }
            if (latest[b] == null || seconds > latestSeconds[b]
                    || seconds == latestSeconds[b] && nanos > latestNanos[b]) {
                latest[b] = at;
                latestSeconds[b] = seconds;
                latestNanos[b] = nanos;
            }
        }

        /** Events read, less copies and rejected reuses of an id: at least as many as will be evaluated. */
        long eventCount() {
            return events - skipped.size();
        }

        /** The events not set aside that are known at the instant judged when it was given (all, when not). */
        long eventsKnown() {
            return eventCount() - afterAsOf;
        }

        /** An event left out of the audit (a copy, or rejected): it is not counted among its events. */
        private void setAside(long place, CaseEvent event) {
            if (skipped.add(place) && asOf != null && event.at().isAfter(asOf)) {
                afterAsOf--;
            }
        }

        OffsetDateTime earliest() {
            OffsetDateTime result = null;
            for (OffsetDateTime at : earliest) {
                if (at != null && (result == null || at.isBefore(result))) {
                    result = at;
                }
            }
            return result;
        }

        OffsetDateTime latest() {
            OffsetDateTime result = null;
            for (OffsetDateTime at : latest) {
                if (at != null && (result == null || at.isAfter(result))) {
                    result = at;
                }
            }
            if (result == null) {
                throw new InputException(files.isEmpty() ? "logs" : files.get(0).toString(), 0, "",
                        "no event to judge the evidence at: give an instant with asOf(...)", null);
            }
            return result;
        }

        /** An event read and checked once already, back from its bucket; an error names its place in the input. */
        private CaseEvent bind(long place, BucketRecord.Entry entry) {
            try {
                return entry.event();
            } catch (InputException e) {
                throw new InputException(files.get((int) (place >>> 32)).toString(), (int) place, e.field(),
                        e.problem(), e);
            }
        }

        /**
         * The bucket's events known at {@code asOf}, each once, in input order; a bucket held in memory is let go
         * (each is taken once, by the worker that evaluates it).
         */
        List<CaseEvent> take(int b, OffsetDateTime asOf) {
            List<CaseEvent> events = new ArrayList<>(held != null && held[b] != null ? held[b].size : 16);
            lines(b, (place, id, entry) -> {
                if (!skipped.contains(place)) {
                    CaseEvent event = bind(place, entry);
                    if (!event.at().isAfter(asOf)) {
                        events.add(event);
                    }
                }
            });
            if (held != null) {
                held[b] = TAKEN;
            }
            return events;
        }

        private void lines(int b, BucketRecord.Consumer consumer) {
            if (held != null) {
                Held bucket = held[b];
                if (bucket == TAKEN) {
                    throw new IllegalStateException("bucket " + b + " was taken already");
                }
                for (int i = 0; bucket != null && i < bucket.size; i++) {
                    CaseEvent event = bucket.events[i];
                    consumer.accept(bucket.places[i], bucket.ids[i], () -> event);
                }
                return;
            }
            try {
                BucketRecord.read(Files.readAllBytes(bucket(b)), rereader, consumer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + bucket(b) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A bucket held in memory: its events as read, each with its place in the input, its id's hash and, for an event
     * the codec cannot encode, its text (to write it to a file as the file would have had it).
     */
    private static final class Held {
        long[] places = new long[16];
        long[] ids = new long[16];
        CaseEvent[] events = new CaseEvent[16];
        String[] texts = new String[16];
        int size;

        void add(long place, long id, CaseEvent event, String text) {
            if (size == events.length) {
                int length = size * 2;
                places = Arrays.copyOf(places, length);
                ids = Arrays.copyOf(ids, length);
                events = Arrays.copyOf(events, length);
                texts = Arrays.copyOf(texts, length);
            }
            places[size] = place;
            ids[size] = id;
            events[size] = event;
            texts[size] = text;
            size++;
        }
    }

    /** Configures a {@link CaseLogAudit}. */
    public static final class Builder {

        private final ComplianceEngine engine;
        private boolean strict;
        private OffsetDateTime asOf;
        private OffsetDateTime since;
        private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private int eventsPerBucket = 50_000;
        private EvaluationListener listener = EvaluationListener.NONE;
        private boolean unordered;
        private long eventsInMemory = Runtime.getRuntime().maxMemory() / 4 / HELD_BYTES_PER_EVENT;

        private Builder(ComplianceEngine engine) {
            this.engine = engine;
        }

        /**
         * Stops at the first bad entry, with an {@link InputException}, instead of rejecting it and going on.
         *
         * @return this builder
         */
        public Builder strict() {
            this.strict = true;
            return this;
        }

        /**
         * The start of the period the logs cover: recurring duties (a report each month) are assessed from then on.
         * Default: the logs' {@code EvidencePeriod} entry, else the earliest event. Without {@link #asOf}, a start
         * after the latest event (the instant judged) makes {@link #run} refuse the logs with an
         * {@link InputException} of field {@code since} naming that event's instant: the period would be empty.
         *
         * @param value the period's first instant
         * @return this builder
         */
        public Builder since(OffsetDateTime value) {
            this.since = Objects.requireNonNull(value, "since");
            return this;
        }

        /**
         * Judges the evidence at this instant; events after it are not yet known. Default: the latest event.
         *
         * @param value the instant the report describes
         * @return this builder
         */
        public Builder asOf(OffsetDateTime value) {
            this.asOf = Objects.requireNonNull(value, "asOf");
            return this;
        }

        /**
         * Where the bucket files go; they are deleted when the audit ends. Default: the system's temporary directory.
         *
         * @param value an existing, writable directory with room for about the logs' size
         * @return this builder
         */
        public Builder workDirectory(Path value) {
            this.workDirectory = Objects.requireNonNull(value, "workDirectory");
            return this;
        }

        /**
         * About how many events one bucket holds, and so how many the heap holds per thread. Default 50,000.
         *
         * @param value events per bucket, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the value is less than 1
         */
        public Builder eventsPerBucket(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("eventsPerBucket must be positive: " + value);
            }
            this.eventsPerBucket = value;
            return this;
        }

        /**
         * How many events the buckets may hold in memory. A log of no more events is audited without bucket files;
         * past it, every bucket is written to its file and
         * the events that follow go to the files, so that memory holds no more than this many events whatever the
         * log's length. The report is the same either way. Default: as many as a quarter of the heap's maximum holds
         * at about 300 bytes an event (about 450,000 with {@code -Xmx512m}).
         *
         * @param value events held in memory at most; 0 writes every bucket to its file
         * @return this builder
         * @throws IllegalArgumentException if the value is negative
         */
        public Builder eventsInMemory(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("eventsInMemory must not be negative: " + value);
            }
            this.eventsInMemory = value;
            return this;
        }

        /**
         * Told of every rule firing, one call at a time.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(EvaluationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Gives the sink each group of cases' obligations and findings as soon as they are evaluated, in no particular
         * order (not the same from run to run), rather than every obligation and then every finding in report order.
         * The same items as an ordered audit, without the result files, the sorting and the merge that put them in
         * order. Calls come from the engine's threads, one at a time. If a conclusion then turns out to cross cases,
         * the sink has had part of the report: the audit calls {@link Sink#startOver} and gives it the whole report
         * of one session, in report order (so does a rule that discharges or assesses a case's obligation from
         * another case or from the platform's rules, even one no group of cases holds, since an unordered audit no
         * longer has the groups' obligations to look in). An audit that throws has given
         * the sink part of a report. Default: report order.
         *
         * @return this builder
         */
        public Builder unordered() {
            this.unordered = true;
            return this;
        }

        /** {@return the audit, to run once or several times} */
        public CaseLogAudit build() {
            return new CaseLogAudit(this);
        }
    }
}
