package org.niyam.compliance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.report.TextReport;

/**
 * {@code niyam watch}: follows a growing case log and reports each transition as it happens, with a live view of
 * what is at risk on a terminal.
 */
public final class WatchCommand implements Command {

    /** How far ahead of a live watch's clock an event is told on standard error as it is taken. */
    private static final Duration FAR_AHEAD = Duration.ofDays(1);

    /** India Standard Time: the instants the text output shows. */
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    /** The width of the widest status or kind of transition ({@code NOT APPLICABLE}): their column's. */
    private static final int LABEL = java.util.stream.Stream.concat(
            java.util.Arrays.stream(Transition.Kind.values()).map(Enum::name),
            java.util.Arrays.stream(Status.values()).map(Enum::name)).mapToInt(String::length).max().orElseThrow();

    /** The width of an instant to the millisecond: the least of the column of instants that starts a text line. */
    private static final int TO_THE_MILLISECOND = "2026-03-02 13:00:00.001".length();

    private final Clock clock;
    private final BooleanSupplier stopped;
    private final Duration poll;

    /** Watching with the machine's clock until Ctrl-C. */
    public WatchCommand() {
        this(Clock.systemUTC(), null, Duration.ofMillis(250));
    }

    /**
     * For tests: the clock to watch by, and when to stop following (null: at Ctrl-C); {@code poll}: how long to wait
     * for a growing file.
     */
    WatchCommand(Clock clock, BooleanSupplier stopped, Duration poll) {
        this.clock = clock;
        this.stopped = stopped;
        this.poll = poll;
    }

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "Follow a growing case log and report each duty as it opens, falls at risk, is breached or met.";
    }

    @Override
    public String synopsis() {
        return "niyam watch FILE|- [options]";
    }

    @Override
    public String description() {
        return """
                Follows a case log as it grows (like tail -f; - reads standard input) and prints each
                transition the moment it happens: an obligation opened, at risk, breached, met, met late,
                not applicable, a finding, a standing duty that fell vacant. Time is this machine's clock:
                a removal order due at 13:00 is reported breached at 13:00:00.001 with no event at all.
                On a terminal the screen shows what is at risk now, with the time left, refreshed as time
                passes; otherwise each transition is one line. Ctrl-C stops cleanly.
                """;
    }

    @Override
    public List<CommandOption> options() {
        List<CommandOption> options = new ArrayList<>(List.of(
                CommandOption.flag("--replay", "Replay a finished log by its own time (event time) instead of the "
                        + "clock, its lines taken in time order, then stop: obligations still running at the end stay "
                        + "open."),
                CommandOption.value("--format", "FORMAT", "text (the default) or json (one transition per line, "
                        + "with its id)."),
                CommandOption.value("--out-of-order", "DUR", "How far out of time order events may come (ISO-8601, "
                        + "default PT1M): a replay's clock stays that far behind the latest event. Live, time is the "
                        + "clock's and nothing is held back."),
                CommandOption.value("--retain-ended-cases", "DUR", "How long a case whose duties have all ended stays "
                        + "in the watch (ISO-8601, default P7D): an event of the case after that is judged without its "
                        + "earlier events, with a case-came-back finding. Raise it for logs that reuse a case id "
                        + "later."),
                CommandOption.value("--warn", "DUR", "Report at risk this long before a deadline (e.g. PT30M) "
                        + "instead of in the last quarter of its clock."),
                CommandOption.value("--since", "INSTANT", "The start of the period the log covers; recurring duties "
                        + "(monthly reports) are assessed from then on. Default: the log's EvidencePeriod entry, else "
                        + "the earliest event, as for audit.")));
        options.addAll(RuleOptions.OPTIONS);
        options.addAll(CaseLogs.OPTIONS);
        return options;
    }

    @Override
    public String footer() {
        return """
                Exit codes: 0 stopped with nothing breached; 1 a breach, an indeterminate verdict or a finding seen;
                2 bad input (a rejected line) or rules. Stopped by a signal, the signal's status (130 for Ctrl-C).

                Examples:
                  niyam watch /var/log/trust-and-safety/cases.jsonl
                  tail -n 0 -F cases.jsonl | niyam watch - --format json
                  niyam watch --replay examples/logs/late-intimate-imagery.jsonl
                """;
    }

    @Override
    public int run(Args args, Io io) {
        if (args.positionals().size() != 1) {
            throw new UsageException("give one case log to watch, or - for standard input");
        }
        String format = args.value("--format", "text");
        if (!Set.of("text", "json").contains(format)) {
            throw new UsageException("--format must be text or json: " + format);
        }
        boolean replay = args.flag("--replay");
        Duration outOfOrder = duration(args, "--out-of-order", Duration.ofMinutes(1));
        Duration warn = args.value("--warn", null) == null ? null : duration(args, "--warn", null);
        Duration retain = duration(args, "--retain-ended-cases", null);
        OffsetDateTime since = args.flag("--since") ? CaseLogs.instant("--since", args.value("--since", null)) : null;
        String given = args.positionals().get(0);
        Path file = given.equals("-") ? null : CaseLogs.file(given, io);

        // The rule options as for audit: --jurisdiction too, which a watch once took and ignored.
        ComplianceEngine.Builder builder = RuleOptions.builder(RuleOptions.packs(args, io), args);
        if (warn != null) {
            builder.atRiskMargin(warn);
        }
        ComplianceEngine engine = builder.build();

        View view = format.equals("json") ? new JsonView(io) : io.errIsTerminal() && !replay
                ? new LiveView(io, clock) : new LineView(io);
        AtomicBoolean interrupted = new AtomicBoolean();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        // Ctrl-C: stop following, and give the watch a moment to print where things stand before the JVM exits.
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                finished.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "niyam-watch-stop");
        if (stopped == null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        BooleanSupplier stop = () -> interrupted.get() || (stopped != null && stopped.getAsBoolean());
        Seen seen = new Seen();
        ComplianceMonitor.Listener listener = t -> {
            seen.count(t);
            view.transition(t);
        };
        ComplianceMonitor.Builder byEventTime = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .outOfOrder(outOfOrder).offset(IST).listener(listener);
        ComplianceMonitor.Builder byClock = ComplianceMonitor.builder(engine).clock(MonitorClock.wall(clock))
                .outOfOrder(outOfOrder).offset(IST).listener(listener);
        if (retain != null) {
            byEventTime.retainEndedCases(retain);
            byClock.retainEndedCases(retain);
        }
        CaseLogReader reader = (args.flag("--strict") ? CaseLogReader.strict() : CaseLogReader.lenient())
                .withEventTypes(engine.eventTypes());
        RejectedEntries listed = RejectedEntries.live(io, "watch");
        java.util.function.Consumer<String> notices = notice -> io.err().println("niyam watch: " + notice);
        boolean strict = args.flag("--strict");
        java.util.function.Consumer<InputException> refused = e -> reject(e, listed, strict);
        // The platform's records and standing facts are checked as the audit checks them, once for the whole watch.
        Entries entries = new Entries(listed, strict);
        CaseLogReader.EntryHandler checked = CaseLogReader.checkingRecords(entries);
        Live live = null;
        try {
            if (replay) {
                // A finished log: read whole and taken in time order, as the lines a file holds when a watch starts
                // (below), so that lines written out of order are not late and the final states are the audit's.
                live = new Live(byEventTime, view, true, since, notices, null, refused);
                entries.live = live;
                try (Reader input = new InputStreamReader(file == null ? System.in : Files.newInputStream(file),
                        CaseLogReader.decoder())) {
                    List<Held> held = held(reader, given, input, entries, checked);
                    if (held.isEmpty()) {
                        // As audit refuses it: a replay's time is its events', and there is none to take it from.
                        throw new UsageException(given + " holds no event to replay: a replay runs by its events' "
                                + "own time; to judge the platform's standing duties at an instant, run niyam audit "
                                + (file == null ? "FILE" : given) + " --as-of INSTANT");
                    }
                    if (since != null && !held.isEmpty() && since.isAfter(held.get(held.size() - 1).event().at())) {
                        // As audit refuses it: the period would start after the log's last event, and be empty.
                        throw new UsageException("--since " + since + " is after the latest event of the log, at "
                                + held.get(held.size() - 1).event().at() + ": the period replayed would be empty; "
                                + "give a start before it");
                    }
                    for (Held h : held) {
                        take(live, h, listed, strict);
                    }
                }
                live.monitor().endOfInput();
            } else if (file == null) {
                live = new Live(byClock, view, true, since, notices, clock, refused);
                entries.live = live;
                try (Reader input = new InputStreamReader(new Waiting(System.in, entries::waiting),
                        CaseLogReader.decoder())) {
                    reader.scan(given, input, checked);
                }
            } else {
                // The lines the file holds already happened before the watch began: they are replayed by their own
                // time up to this machine's clock, so that an order removed in time is not reported breached because
                // the watch started after its deadline. The watch then goes on by the clock from that state.
                long[] whole = wholeLines(file);
                // Read whole and taken in time order: lines written out of order by more than the bound are not late.
                // The replay stops at the clock: a line stamped after it (a producer's clock running fast, a wrong
                // year) is not replayed, which would move the watch's time past the clock; it waits in the watch
                // below, as an event the clock has not reached waits.
                Live backlog = new Live(byEventTime, view, false, since, notices, null, refused);
                entries.live = backlog;
                List<Held> ahead = new ArrayList<>();
                try (backlog; Reader head = new InputStreamReader(new Head(Files.newInputStream(file), whole[0]),
                        CaseLogReader.decoder())) {
                    List<Held> held = held(reader, given, head, entries, checked);
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    for (Held h : held) {
                        if (h.event().at().isAfter(now)) {
                            ahead.add(h);
                        } else {
                            take(backlog, h, listed, strict);
                        }
                    }
                    if (backlog.monitor != null) {
                        backlog.monitor.advanceTo(now);
                        byClock.restore(backlog.monitor.snapshot());
                    }
                }
                live = new Live(byClock, view, true, since, notices, clock, refused);
                live.since = backlog.since; // the period is the builder's, not the snapshot's: the backlog's goes on
                live.eventTaken = backlog.eventTaken;
                // The records given so far (in the restored state too, when the backlog built a monitor).
                live.platforms.addAll(backlog.platforms);
                live.facts.addAll(backlog.facts);
                if (backlog.monitor != null) {
                    live.monitor(); // restored: the platform's facts are in the state
                }
                entries.live = live;
                for (Held h : ahead) {
                    take(live, h, listed, strict);
                }
                try (Reader rest = new Following(file, stop, poll, whole[0], (int) whole[1], notices,
                        entries::waiting)) {
                    reader.scan(given, rest, checked);
                }
            }
            ComplianceMonitor monitor = live.monitor();
            live.flush(); // the end of input: the standing facts read last, together
            if (!replay) {
                monitor.acceptAll(List.of()); // to the clock's instant: what is left to settle as the watch stops
            }
            String unexplained = listed.count() > 0 ? null : seen.unexplained(monitor);
            if (unexplained != null) {
                io.err().println(unexplained);
            }
            view.close(monitor, stopped(monitor, live));
            monitor.close();
            listed.end("niyam audit " + (file == null ? "FILE" : given) + " --format jsonl lists every one");
            if (listed.count() > 0) {
                // The exit code's reason, as the audit gives it: after a long watch the lines listed scrolled away.
                io.err().println("niyam watch: " + listed.count() + (listed.count() == 1 ? " entry" : " entries")
                        + " rejected (" + listed.listedAbove() + ") and not taken: exit code 2; fix them, or run "
                        + "with --strict to stop at the first");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + given + ": " + e.getMessage(), e);
        } catch (InputException e) {
            int reported = seen.transitions();
            if (reported == 0) {
                throw e; // as audit: nothing was evaluated
            }
            // Under --strict, a bad line stops the watch; what it reported before the line stands.
            io.err().println(TextReport.printable(e.getMessage()));
            io.err().println("niyam watch: stopped at the first bad entry (--strict); the " + reported
                    + (reported == 1 ? " transition" : " transitions") + " reported before it stand");
            return Exit.BAD_INPUT;
        } finally {
            if (live != null) {
                live.close();
            }
            finished.countDown();
            if (stopped == null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
        }
        return listed.count() > 0 ? Exit.BAD_INPUT : seen.breaches > 0 ? Exit.FINDINGS : Exit.OK;
    }

    /**
     * Reads the entries of a finished log (or the lines a file holds when the watch starts) whole, the platform's
     * facts and period to the watch, and gives its events in time order (a stable sort: events of one instant in the
     * order of the log), to be given to the monitor with the platform's facts and period of the whole log: as
     * {@code niyam audit} reads a log, where a line written out of order by more than the bound would otherwise be
     * late, and correct what was reported before it came. Ids used twice and jurisdictions are checked in the log's
     * order before the sort, as the audit checks them: the first line under an id is kept, whatever its instant.
     */
    private static List<Held> held(CaseLogReader reader, String source, Reader input, Entries entries,
                                   CaseLogReader.EntryHandler checked) {
        entries.held = new ArrayList<>();
        reader.scan(source, input, CaseLogReader.checkingEvents(checked));
        List<Held> held = entries.held;
        entries.held = null;
        held.sort(Comparator.comparing((Held h) -> h.event().at().toInstant()));
        return held;
    }

    /**
     * The entries of the log, read into the watch's monitor ({@link #live}, which changes as the watch goes from the
     * lines a file holds to the lines that follow), rejected ones to the list. Given the entries that pass the
     * audit's checks of the platform's records and standing facts ({@link CaseLogReader#checkingRecords}).
     */
    private static final class Entries implements CaseLogReader.EntryHandler {
        private final RejectedEntries listed;
        private final boolean strict;
        private Live live;
        /** When not null, events are kept here, to be taken later in time order. */
        private List<Held> held;

        Entries(RejectedEntries listed, boolean strict) {
            this.listed = listed;
            this.strict = strict;
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            try {
                live.platform(source, line, profile);
            } catch (InputException e) {
                reject(e, listed, strict);
            }
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            live.fact(fact);
        }

        /** Everything available has been read, and the watch is about to wait for more. */
        void waiting() {
            live.waiting();
        }

        @Override
        public void period(String source, int line, OffsetDateTime since) {
            live.period(source, line, since);
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            if (held != null) {
                held.add(new Held(source, line, event));
            } else {
                live.event(new Held(source, line, event));
            }
        }

        @Override
        public void rejected(InputException error) {
            reject(error, listed, strict);
        }
    }

    private static void take(Live live, Held held, RejectedEntries listed, boolean strict) {
        take(live, held.source(), held.line(), held.event(), listed, strict);
    }

    /** An event of a line, given to the watch's monitor; refused, it is a rejected entry of its line. */
    private static void take(Live live, String source, int line, CaseEvent event, RejectedEntries listed,
                             boolean strict) {
        live.flush(); // the standing facts read before the event are taken before it
        try {
            live.monitor().accept(event);
            live.taken(source, line, event);
        } catch (InputException e) {
            reject(new InputException(source, line, e.field(), e.problem(), e), listed, strict);
        }
    }

    private static void reject(InputException error, RejectedEntries listed, boolean strict) {
        if (strict) {
            throw error;
        }
        listed.add(error);
    }

    /** An event read, with where it was read, to be taken later. */
    private record Held(String source, int line, CaseEvent event) {
    }

    /** The length in bytes of the file's whole lines (up to its last line break) and how many lines they are. */
    static long[] wholeLines(Path file) throws IOException {
        long bytes = 0;
        long lines = 0;
        long at = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        bytes = at + i + 1;
                    }
                }
                at += n;
            }
        }
        if (lines > Integer.MAX_VALUE) {
            throw new IOException("more lines than a watch can number: " + lines);
        }
        return new long[] {bytes, lines};
    }

    /**
     * A stream (standard input) that runs {@code waiting} before a read that may wait: when nothing sent so far is
     * left unread ({@code available()} is 0, or cannot be told).
     */
    static final class Waiting extends java.io.FilterInputStream {
        private final Runnable waiting;

        Waiting(java.io.InputStream in, Runnable waiting) {
            super(in);
            this.waiting = waiting;
        }

        @Override
        public int read() throws IOException {
            beforeRead();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            beforeRead();
            return super.read(buffer, offset, length);
        }

        private void beforeRead() {
            int available;
            try {
                available = in.available();
            } catch (IOException e) {
                available = 0;
            }
            if (available == 0) {
                waiting.run();
            }
        }
    }

    /** The first bytes of a stream. */
    private static final class Head extends java.io.FilterInputStream {
        private long left;

        Head(java.io.InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    private static Duration duration(Args args, String option, Duration otherwise) {
        String value = args.value(option, null);
        if (value == null) {
            return otherwise;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new UsageException(option + " cannot be negative: " + value);
            }
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(option + " takes an ISO-8601 duration such as PT30M or PT2H: " + value);
        }
    }

    /**
     * The monitor, built with the platform's facts and period read before it: when the first event is taken, or, by
     * the clock, when the watch has read a profile or appointment line and waits for more (so that the platform's
     * standing duties are reported from then on, with no event).
     */
    private static final class Live implements AutoCloseable {
        private final ComplianceMonitor.Builder builder;
        private final View view;
        private final List<StandingFact> facts = new ArrayList<>();
        /**
         * The standing facts read since the last other entry, once the monitor is built: one change, given to it
         * together ({@link #flush}) when another entry comes, or when the watch has read what there is and waits.
         */
        private final List<StandingFact> changed = new ArrayList<>();
        private final List<Platform> platforms = new ArrayList<>();
        /**
         * The event lines read since the last other entry: given to the monitor together ({@link #flush}) when
         * another entry comes, or when the watch has read what there is and waits, so that lines written together (a
         * removal and its notice) are judged together at the clock's instant, never the first alone.
         */
        private final List<Held> events = new ArrayList<>();
        /** Where an event the monitor refuses goes, as a rejected entry of its line. */
        private final java.util.function.Consumer<InputException> refused;
        /** Whether the monitor has taken an event: an EvidencePeriod entry after it is told apart. */
        private boolean eventTaken;
        private final boolean shown;
        /** {@code --since}, which no EvidencePeriod entry overrides; or null. */
        private final OffsetDateTime given;
        private final java.util.function.Consumer<String> notices;
        /** The start of the period watched: {@code --since}, else the earliest EvidencePeriod entry; or null. */
        private OffsetDateTime since;
        private ComplianceMonitor monitor;
        /** The clock a live watch goes by; null by event time, where no event waits for a clock. */
        private final Clock clock;
        /** The events taken ahead of the clock, by id: they wait in the monitor until it reaches their instant. */
        private final java.util.Map<String, OffsetDateTime> ahead = new java.util.HashMap<>();
        /** The size of {@link #ahead} at which the events the clock has reached are let go. */
        private int pruneAt = 1024;

        /**
         * {@code shown}: whether the view shows this monitor's state (not a replay of what came before the watch);
         * {@code given}: {@code --since}, or null; {@code notices}: where to say that an entry is not taken;
         * {@code clock}: the clock of a live watch, or null by event time; {@code refused}: where an event the monitor
         * refuses goes, located at its line.
         */
        Live(ComplianceMonitor.Builder builder, View view, boolean shown, OffsetDateTime given,
             java.util.function.Consumer<String> notices, Clock clock,
             java.util.function.Consumer<InputException> refused) {
            this.builder = builder;
            this.view = view;
            this.shown = shown;
            this.given = given;
            this.since = given;
            this.notices = notices;
            this.clock = clock;
            this.refused = refused;
        }

        /**
         * An event the monitor took. By the clock, one ahead of it waits until the clock reaches its instant, and is
         * counted as the watch stops; one more than a day ahead (a year typed wrong, say) is told at once.
         */
        void taken(String source, int line, CaseEvent event) {
            eventTaken = true;
            if (clock == null) {
                return;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (event.at().isAfter(now)) {
                if (ahead.size() >= pruneAt) {
                    // Those the clock has reached are no longer waiting: a watch that runs for months keeps few.
                    ahead.values().removeIf(at -> !at.isAfter(now));
                    pruneAt = Math.max(1024, 2 * ahead.size());
                }
                ahead.put(event.id(), event.at());
                if (event.at().isAfter(now.plus(FAR_AHEAD))) {
                    notices.accept(source + ":" + line + ": event '" + TextReport.printable(event.id()) + "' is at "
                            + event.at() + ", more than a day ahead of this machine's clock (" + at(now) + " IST): it "
                            + "waits until the clock reaches that instant, and is judged then; if its date is wrong, "
                            + "correct the line");
                }
            }
        }

        /** The instants of the events taken that still wait for the clock at {@code now}, earliest first. */
        List<OffsetDateTime> waiting(OffsetDateTime now) {
            return ahead.values().stream().filter(at -> at.isAfter(now))
                    .sorted(Comparator.comparing(OffsetDateTime::toInstant)).toList();
        }

        /**
         * An EvidencePeriod entry: before the monitor is built, the earliest one counts (logs read as one cover the
         * union of their periods, as for audit); after it, the period watched is set, and an entry that would move
         * it is not taken, with a notice.
         */
        void period(String source, int line, OffsetDateTime value) {
            flush();
            if (given != null) {
                return; // --since overrides the log's entries, as for audit
            }
            if (monitor == null) {
                if (since == null || value.isBefore(since)) {
                    since = value;
                }
            } else if (since == null || value.isBefore(since)) {
                notices.accept(source + ":" + line + ": the EvidencePeriod entry (since " + value + ") comes after "
                        + (eventTaken ? "the first event the watch took"
                        : "the watch began judging the platform's duties by the clock")
                        + ", and is not taken: the period watched starts at "
                        + (since == null ? "the earliest event" : since.toString()) + "; put the entry "
                        + (eventTaken ? "before the events" : "in the same write as the profile")
                        + ", or give --since");
            }
        }

        /**
         * A record of the platform that passed the audit's checks: it joins the history, as in the audit. A record
         * without {@code from} replaces all of its type in the monitor, so the records of its type with a
         * {@code from} given before are given again with it, in one call: never judged under it alone.
         *
         * @throws InputException when the monitor refuses it (it does not fit the history)
         */
        void platform(String source, int line, Platform profile) {
            flush();
            if (monitor != null) {
                try {
                    List<Platform> records = new ArrayList<>(List.of(profile));
                    if (profile.from() == null) {
                        for (Platform given : platforms) {
                            if (given.getClass() == profile.getClass() && given.from() != null) {
                                records.add(given);
                            }
                        }
                    }
                    monitor.platforms(records);
                } catch (IllegalArgumentException e) {
                    throw new InputException(source, line, "from", e.getMessage(), e);
                }
            }
            platforms.add(profile);
        }

        /**
         * A standing fact: before the monitor is built, one of those it is built with; after, part of the change
         * given to it with the next {@link #flush}, so that lines that come together (an appointment ended, then its
         * successor's) are judged together, never the first alone.
         */
        void fact(StandingFact fact) {
            flushEvents(); // the events read before the fact are taken before it
            if (monitor != null) {
                changed.add(fact);
            }
            facts.add(fact);
        }

        /**
         * An event line read while the watch follows the log: part of the batch given to the monitor with the next
         * {@link #flush}, after the standing facts read before it.
         */
        void event(Held event) {
            flushFacts();
            events.add(event);
        }

        /**
         * The watch has read what there is and waits for more: what it read is taken now, never held back to wait for
         * another line. By the clock, a watch that has read the platform's profile or appointments builds its monitor
         * here if no event did, so that the standing duties are judged, and reported, from now on.
         */
        void waiting() {
            flush();
            if (monitor == null && clock != null && (!platforms.isEmpty() || !facts.isEmpty())) {
                monitor();
            }
        }

        /**
         * Gives the monitor what was read since the last other entry, in one call: the standing facts read together,
         * or the events read together (only one of the two is ever waiting); none, nothing.
         */
        void flush() {
            flushFacts();
            flushEvents();
        }

        private void flushFacts() {
            if (!changed.isEmpty()) {
                List<StandingFact> change = List.copyOf(changed);
                changed.clear();
                monitor.facts(change);
            }
        }

        /**
         * The events read together, to the monitor in one call ({@link ComplianceMonitor#acceptAll}: by the clock,
         * judged together at its instant). An event it refuses is a rejected entry of its line: the monitor names how
         * many it refused, not which, so each of the batch is given again alone, a copy that counts once when it was
         * taken, and refused again, with its own reason, when it was not.
         */
        private void flushEvents() {
            if (events.isEmpty()) {
                return;
            }
            List<Held> batch = List.copyOf(events);
            events.clear();
            if (monitor == null && clock != null) {
                // By the clock, built with the first events: the standing duties are judged with the events read
                // with the platform's lines (users informed, say), never first without them.
                try {
                    monitor(batch.stream().map(Held::event).toList());
                    batch.forEach(h -> taken(h.source(), h.line(), h.event()));
                    return;
                } catch (InputException some) {
                    // One of them refused, and nothing reported: built without them, each is located below.
                }
            }
            ComplianceMonitor taking = monitor();
            try {
                taking.acceptAll(batch.stream().map(Held::event).toList());
                batch.forEach(h -> taken(h.source(), h.line(), h.event()));
            } catch (InputException some) {
                if (batch.size() == 1) {
                    refuse(batch.get(0), some);
                    return;
                }
                for (Held h : batch) {
                    try {
                        taking.accept(h.event());
                        taken(h.source(), h.line(), h.event());
                    } catch (InputException e) {
                        refuse(h, e);
                    }
                }
            }
        }

        private void refuse(Held event, InputException e) {
            refused.accept(new InputException(event.source(), event.line(), e.field(), e.problem(), e));
        }

        ComplianceMonitor monitor() {
            return monitor(List.of());
        }

        /**
         * The monitor, built if it is not yet with the platform's records, facts and period read so far and, by the
         * clock, {@code first}: the events it starts with.
         *
         * @throws InputException one of {@code first} is refused (nothing is built then)
         */
        private ComplianceMonitor monitor(List<CaseEvent> first) {
            if (monitor == null) {
                builder.platform(null);
                // Those without 'from' first: one given after a record with 'from' would replace it.
                platforms.stream().sorted(Comparator.comparing(Platform::from,
                        Comparator.nullsFirst(Comparator.comparing(OffsetDateTime::toInstant))))
                        .forEach(builder::platform);
                if (since != null) {
                    builder.since(since);
                }
                monitor = builder.facts(facts).events(first).build();
                if (shown) {
                    view.attach(monitor);
                }
            }
            return monitor;
        }

        @Override
        public void close() {
            if (monitor != null) {
                monitor.close();
            }
        }
    }

    /** What decides the exit code: the breaches, indeterminate verdicts and findings seen, and the first of them. */
    private static final class Seen {
        private int transitions;
        private int breaches;
        private Transition first;

        synchronized void count(Transition t) {
            transitions++;
            if (t.kind() == Transition.Kind.BREACHED || t.kind() == Transition.Kind.INDETERMINATE
                    || t.kind() == Transition.Kind.FINDING) {
                breaches++;
                if (first == null) {
                    first = t;
                }
            }
        }

        synchronized int transitions() {
            return transitions;
        }

        /**
         * Why the exit code is 1 when nothing breached or indeterminate is left at the stop (a verdict withdrawn or
         * settled since, a finding); null otherwise, where the closing line says it.
         */
        synchronized String unexplained(ComplianceMonitor monitor) {
            if (breaches == 0 || monitor.open().stream().anyMatch(o -> o.status() == Status.BREACHED
                    || o.status() == Status.INDETERMINATE)) {
                return null;
            }
            List<org.niyam.compliance.model.Finding> standing = monitor.report().findings();
            if (!standing.isEmpty()) {
                // A finding is not settled: it stands, and the closing line, which counts obligations, does not say it.
                return "niyam watch: exit code 1: " + standing.size() + (standing.size() == 1 ? " finding stands"
                        : " findings stand") + "; the first: " + TextReport.printable(standing.get(0).code()) + " ("
                        + TextReport.printable(String.valueOf(standing.get(0).caseId())) + ")";
            }
            String what = first.finding() != null ? first.finding().code() : first.obligation().id();
            return "niyam watch: exit code 1: " + breaches + (breaches == 1 ? " breach, indeterminate verdict or "
                    + "finding was" : " breaches, indeterminate verdicts or findings were") + " seen, though none is "
                    + "left at the stop (settled or withdrawn since); the first: " + at(first.at()) + " "
                    + first.kind().name().replace('_', ' ') + " " + TextReport.printable(what);
        }
    }

    /** How transitions are shown. */
    private interface View {
        void transition(Transition transition);

        default void attach(ComplianceMonitor monitor) {
        }

        /** The watch stops: {@code stopped} says what is left to settle. */
        default void close(ComplianceMonitor monitor, String stopped) {
        }
    }

    /** One JSON object per transition, for machines. */
    private static final class JsonView implements View {
        private final Io io;
        private final ObjectMapper mapper = ComplianceJson.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

        JsonView(Io io) {
            this.io = io;
        }

        /** Standard output holds the transitions only: what is left to settle goes to standard error. */
        @Override
        public void close(ComplianceMonitor monitor, String stopped) {
            io.err().println(stopped);
            io.err().flush();
        }

        @Override
        public synchronized void transition(Transition transition) {
            try {
                io.out().println(mapper.writeValueAsString(transition));
                io.out().flush();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One line per transition, as they happen, its instant padded to the width of one to the millisecond, or of the
     * widest printed before when one had a finer fraction: the lines after it line up with it.
     */
    private static class LineView implements View {
        final Io io;
        private int width = TO_THE_MILLISECOND;

        LineView(Io io) {
            this.io = io;
        }

        @Override
        public synchronized void transition(Transition transition) {
            width = Math.max(width, at(transition.at()).length());
            io.out().println(line(transition, width));
            io.out().flush();
        }

        @Override
        public void close(ComplianceMonitor monitor, String stopped) {
            io.out().println(stopped);
            io.out().flush();
        }
    }

    /**
     * The terminal's live view: what is at risk and breached now, with the time left, and the latest transitions,
     * drawn again every second and whenever something changes.
     */
    private static final class LiveView extends LineView {
        private static final String CLEAR = "\u001b[H\u001b[2J";
        private final Clock clock;
        private final List<Transition> recent = new ArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService painter =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "niyam-watch-view");
                    thread.setDaemon(true);
                    return thread;
                });

        LiveView(Io io, Clock clock) {
            super(io);
            this.clock = clock;
        }

        @Override
        public void attach(ComplianceMonitor monitor) {
            painter.scheduleAtFixedRate(() -> paint(monitor), 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public synchronized void transition(Transition transition) {
            recent.add(transition);
            if (recent.size() > 8) {
                recent.remove(0);
            }
        }

        /**
         * Draws the screen. The monitor is asked before this view's lock is taken: the monitor calls
         * {@link #transition} holding its own lock, so taking them in the other order could deadlock.
         */
        private void paint(ComplianceMonitor monitor) {
            List<Obligation> open = new ArrayList<>(monitor.open());
            draw(open);
        }

        private synchronized void draw(List<Obligation> open) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(IST);
            open.sort(Comparator.comparingInt((Obligation o) -> Status.MOST_URGENT_FIRST.indexOf(o.status()))
                    .thenComparing(o -> o.dueAt() == null ? OffsetDateTime.MAX.toInstant() : o.dueAt().toInstant()));
            StringBuilder screen = new StringBuilder(CLEAR);
            screen.append("niyam watch  ").append(at(now)).append("   ").append(obligations(open.size()))
                    .append(" to settle  (Ctrl-C stops)\n\n");
            List<Obligation> shown = open.subList(0, Math.min(open.size(), 20));
            // Each column as wide as its widest entry shown, the due instants' as the widest of them: they line up.
            int due = shown.stream().mapToInt(o -> at(o.dueAt()).length()).max().orElse(0);
            String row = "%-" + LABEL + "s %-26s %-18s %-" + Math.max("DUE".length(), due) + "s %s%n";
            screen.append(String.format(row, "STATUS", "CLAUSE", "CASE", "DUE", "LEFT"));
            for (Obligation o : shown) {
                screen.append(String.format(row, o.status().label(), clip(o.citation().clause(), 26),
                        clip(o.caseId() == null ? "(platform)" : o.caseId(), 18), at(o.dueAt()), left(now, o)));
            }
            if (open.size() > shown.size()) {
                screen.append("  ... and ").append(open.size() - shown.size()).append(" more\n");
            }
            screen.append("\nLatest:\n");
            int width = recent.stream().mapToInt(t -> at(t.at()).length()).reduce(TO_THE_MILLISECOND, Math::max);
            recent.forEach(t -> screen.append("  ").append(line(t, width)).append('\n'));
            io.out().print(screen);
            io.out().flush();
        }

        @Override
        public void close(ComplianceMonitor monitor, String stopped) {
            painter.shutdownNow();
            paint(monitor); // the last screen, as the watch stops
            super.close(monitor, stopped);
        }
    }

    /**
     * What is left to settle as the watch stops, every part counted: {@code Stopped at ...: 4 obligations to settle (1
     * breached, 0 indeterminate, 2 at risk, 1 open).}, and the events taken that still wait for the clock to reach
     * their instant.
     */
    private static String stopped(ComplianceMonitor monitor, Live live) {
        List<Obligation> open = monitor.open();
        long atRisk = open.stream().filter(o -> o.status() == Status.AT_RISK).count();
        long breached = open.stream().filter(o -> o.status() == Status.BREACHED).count();
        long indeterminate = open.stream().filter(o -> o.status() == Status.INDETERMINATE).count();
        long running = open.stream().filter(o -> o.status() == Status.OPEN).count();
        String line = "Stopped at " + at(monitor.now()) + ": " + obligations(open.size()) + " to settle ("
                + breached + " breached, " + indeterminate + " indeterminate, " + atRisk + " at risk, " + running
                + " open)";
        List<OffsetDateTime> waiting = live.waiting(monitor.now());
        if (!waiting.isEmpty()) {
            line += "; " + waiting.size() + (waiting.size() == 1 ? " event waits" : " events wait")
                    + " for the clock to reach " + (waiting.size() == 1 ? "its instant (" : "their instants (latest ")
                    + at(waiting.get(waiting.size() - 1)) + ")";
        }
        return line + ".";
    }

    /**
     * A transition's text line: its instant padded to {@code width}, its kind in a column as wide as the widest
     * ({@code NOT APPLICABLE}) and two spaces, as the audit's text report sets its statuses, then what it is about.
     */
    static String line(Transition t, int width) {
        String head = String.format("%-" + width + "s  %-" + (LABEL + 2) + "s", at(t.at()),
                t.kind().name().replace('_', ' '));
        if (t.finding() != null) {
            String caseId = t.finding().caseId();
            // A finding of no case is the platform's: said so, not as a case named "null".
            return head + t.finding().code() + " " + (caseId == null ? "(platform)" : TextReport.printable(caseId))
                    + ": " + TextReport.printable(t.finding().message());
        }
        Obligation o = t.obligation();
        String due = o.dueAt() == null ? "" : ", due " + at(o.dueAt());
        return head + TextReport.printable(o.id()) + " (" + o.citation().clause() + ")" + due + ": "
                + TextReport.printable(o.what());
    }

    /** The time left until an obligation is due, or how long it is overdue (see {@link #human}); none undated. */
    private static String left(OffsetDateTime now, Obligation o) {
        if (o.dueAt() == null) {
            return "";
        }
        Duration left = Duration.between(now, o.dueAt());
        if (left.isNegative()) {
            return "overdue " + human(left.negated());
        }
        return human(left);
    }

    /**
     * A time left or overdue in whole units, rounded down as a countdown reads: {@code 2 d 3 h}, {@code 1 h 5 min},
     * {@code 12 min}, below a minute {@code 42 s}, below a second {@code under 1 s}; {@code 0 s} only at the due
     * instant itself.
     */
    private static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.isZero() ? "0 s" : d.toSeconds() == 0 ? "under 1 s" : d.toSeconds() + " s";
        }
        return minutes >= 24 * 60 ? minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h"
                : minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    /** {@code 1 obligation}, {@code 3 obligations}. */
    static String obligations(int count) {
        return count + (count == 1 ? " obligation" : " obligations");
    }

    /**
     * An instant in India Standard Time, exactly as it was judged: the minute always ({@code 2026-03-02 13:00}), the
     * second when it has one ({@code 13:00:05}), and a fraction of 3, 6 or 9 digits, as few as hold it exactly
     * ({@code 13:00:00.001}, {@code 13:00:00.000900}); no two instants read the same. {@code -} for none.
     */
    private static String at(OffsetDateTime instant) {
        if (instant == null) {
            return "-";
        }
        java.time.LocalDateTime local = instant.withOffsetSameInstant(IST).toLocalDateTime();
        return local.toLocalDate() + " " + local.toLocalTime(); // LocalTime's own form is the one described
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /**
     * A file read as it grows, from a byte offset: at its end, waits for more until told to stop. Its first
     * {@code lines} are given as empty lines (read before; so that line numbers are the file's). A file truncated
     * in place is read again from its start, and a file replaced under its name (a log rotated) is read from the new
     * file's start, each with a notice; a line cut by either ends there (and is rejected), not joined to the next.
     * Before each wait it runs {@code waiting}: everything the file held has been read.
     */
    static final class Following extends Reader {
        private final Path file;
        private final BooleanSupplier stopped;
        private final Duration poll;
        private final java.util.function.Consumer<String> notices;
        private final Runnable waiting;
        private final CharsetDecoder decoder = CaseLogReader.decoder();
        private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        private FileChannel channel;
        private Object key;
        private int blank;
        private boolean midLine;

        Following(Path file, BooleanSupplier stopped, Duration poll, long from, int lines,
                  java.util.function.Consumer<String> notices, Runnable waiting) throws IOException {
            this.file = file;
            this.stopped = stopped;
            this.poll = poll;
            this.notices = notices;
            this.waiting = waiting;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.channel.position(from);
            this.key = key(file);
            this.blank = lines;
            bytes.flip();
        }

        private static Object key(Path file) {
            try {
                return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (blank > 0) {
                int n = Math.min(blank, length);
                java.util.Arrays.fill(buffer, offset, offset + n, '\n');
                blank -= n;
                return n;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (true) {
                decoder.decode(bytes, out, false);
                if (out.position() > offset) {
                    midLine = buffer[out.position() - 1] != '\n';
                    return out.position() - offset;
                }
                bytes.compact();
                int read = channel.read(bytes);
                bytes.flip();
                if (read < 0 || read == 0 && !bytes.hasRemaining()) {
                    if (reopened()) {
                        if (midLine) {
                            midLine = false;
                            buffer[offset] = '\n';
                            return 1;
                        }
                        continue;
                    }
                    // The lines given out so far have been handed on (a line reader asks for more only when it has
                    // none left): what they changed is taken before the wait.
                    waiting.run();
                    if (stopped.getAsBoolean()) {
                        return -1;
                    }
                    try {
                        Thread.sleep(poll.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
            }
        }

        /** At the end of what was read: whether the file was truncated or replaced, and is read anew. */
        private boolean reopened() throws IOException {
            Object now = key(file);
            if (now != null && key != null && !now.equals(key)) {
                notices.accept(file + " was replaced (rotated?): reading the new file from its start");
                channel.close();
                channel = FileChannel.open(file, StandardOpenOption.READ);
                key = now;
            } else if (channel.size() < channel.position()) {
                notices.accept(file + " was truncated: reading it again from its start");
                channel.position(0);
            } else {
                return false;
            }
            bytes.clear();
            bytes.flip();
            decoder.reset();
            return true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
