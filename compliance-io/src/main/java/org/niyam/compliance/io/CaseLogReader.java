package org.niyam.compliance.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Jurisdictions;
import org.niyam.compliance.io.internal.LineReader;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.io.internal.PlainEvents;
import org.niyam.compliance.io.internal.ProfileHistory;
import org.niyam.compliance.io.internal.StandingFacts;
import org.niyam.compliance.io.internal.Workers;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * Reads a platform's case log: JSON Lines (one entry per line) or a JSON array of entries, where an entry is an
 * event ({@code "type": "ComplaintReceived"}, ...), a record of the platform (a {@link Platform} type the registry
 * knows, named by its {@code type} as an event is), a standing fact (a {@link StandingFact} type, such as an
 * officer's appointment) or the period the log covers
 * ({@code {"type": "EvidencePeriod", "since": "2025-12-01T00:00:00+05:30"}}, which becomes {@link Evidence#since()};
 * without it the period starts at the earliest event). See {@code docs/json.md}.
 *
 * <p>Lenient by default: a bad entry (malformed JSON, an unknown type, a missing or mistyped field, an instant
 * without offset, an event id reused for different content) is rejected with its line and field, and reading goes
 * on; nothing valid is dropped. The same event twice counts once. A standing fact given again with the type and id of
 * one before and other content replaces it (a later line tells an officer's end, say): the last read is the fact, and
 * {@link CaseLog#replaced()} counts such lines. {@link #strict()} stops at the first bad entry.
 * A line that is not valid UTF-8, longer than {@link #MAX_LINE_LENGTH}, holding a key twice, a lone surrogate escape
 * or an instant outside {@link #EARLIEST_INSTANT} to {@link #LATEST_INSTANT} is rejected like any other bad line.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * CaseLog log = CaseLogReader.lenient().read(Path.of("cases.jsonl"));
 * log.rejected().forEach(e -> System.err.println(e.getMessage()));
 * Report report = engine.evaluate(log.evidence(), asOf);
 * }</pre>
 *
 * <p>A log too large to keep is read entry by entry with {@link #scan(Path, EntryHandler)}: the same parsing and the
 * same errors as {@link #read(Path)}, but nothing is kept and ids are not checked for reuse.
 */
public final class CaseLogReader {

    /** The entry that says from when the log covers the platform: {@code {"type": "EvidencePeriod", "since": ...}}. */
    public static final String PERIOD = "EvidencePeriod";

    /**
     * The mappers of one registry of event types, made once per registry and shared by every reader of it: making
     * them costs far more than reading a line.
     */
    private static final class Binding {

        private static final Map<EventTypes, Binding> ALL = new ConcurrentHashMap<>();

        private final ObjectMapper mapper;
        /** Reads one entry of an array, leaving the rest of the array to the parser. */
        private final ObjectReader entry;
        /** Parses JSON arrays: keys given twice are looked for entry by entry (see {@link #keyGivenTwice}). */
        private final com.fasterxml.jackson.core.JsonFactory array;
        /**
         * Binds a line straight to its record, without a tree. It fails where binding through a tree could give
         * another value: on {@code -0} given for text (a tree reads it as 0). A failure here is not an error of the
         * entry: the tree path then decides, and names the fault.
         */
        private final ObjectMapper direct;
        private final ObjectReader event;
        private final ObjectReader platform;
        private final ObjectReader fact;
        /** Binds the plain lines of events without Jackson, where it gives the same events; see {@link PlainEvents}. */
        private final PlainEvents plain;

        private Binding(EventTypes types) {
            mapper = ComplianceJson.mapper(types);
            entry = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            array = mapper.getFactory().copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            direct = direct(ComplianceJson.mapper(types));
            event = direct.readerFor(CaseEvent.class);
            platform = direct.readerFor(Platform.class);
            fact = direct.readerFor(StandingFact.class);
            plain = PlainEvents.of(direct, types);
        }

        static Binding of(EventTypes types) {
            return ALL.computeIfAbsent(Objects.requireNonNull(types, "types"), Binding::new);
        }
    }

    private static final int LOOK_AHEAD = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * What bytes that are not UTF-8 are decoded to: half of a UTF-16 surrogate pair, which decoding valid UTF-8 never
     * gives alone. A lone surrogate in decoded text marks bytes that were not UTF-8, while a valid U+FFFD is text.
     */
    private static final char MALFORMED = '\uD800';

    /**
     * The longest line of a JSON Lines log that is read, in characters: 1 MiB. A longer line is rejected as bad input
     * without being held in memory, and reading goes on with the next line. An entry of a JSON array has no such
     * limit (see docs/robustness.md).
     */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    /** The first instant a log may hold: {@code 1990-01-01T00:00Z}. Earlier instants are rejected as bad input. */
    public static final OffsetDateTime EARLIEST_INSTANT = Mappers.EARLIEST;
    /** The end of the instants a log may hold, exclusive: {@code 2200-01-01T00:00Z}. */
    public static final OffsetDateTime LATEST_INSTANT = Mappers.LATEST;
    /** Names the text given to {@link #event(String)} in its errors. */
    private static final String EVENT_TEXT = "event";

    /** Told how far a read has got, every {@link #PROGRESS_EVERY} entries, on the reading thread. */
    @FunctionalInterface
    public interface ReadProgress {

        /**
         * Called as the read goes on.
         *
         * @param entries  entries read so far, valid or not, over every file of the read
         * @param rejected how many of them were rejected
         */
        void entriesRead(long entries, long rejected);
    }

    /** How many entries between two calls of a {@link ReadProgress}. */
    public static final int PROGRESS_EVERY = 4096;

    /**
     * Receives a log's entries in input order, as they are read; nothing is kept. Called on the reading thread;
     * an exception thrown here ends the scan.
     */
    public interface EntryHandler {

        /**
         * A record of the platform (an entry whose {@code type} names a {@link Platform} type), at {@code line} of
         * {@code source}.
         *
         * @param source  the file or stream, as errors name it
         * @param line    the 1-based line of the entry (of its start, in a JSON array)
         * @param profile the record read
         */
        void platform(String source, int line, Platform profile);

        /**
         * A standing fact (an entry whose {@code type} names a {@link StandingFact} type, such as an officer's
         * appointment), at {@code line} of {@code source}.
         *
         * @param source the file or stream, as errors name it
         * @param line   the 1-based line of the entry (of its start, in a JSON array)
         * @param fact   the fact read
         */
        void fact(String source, int line, StandingFact fact);

        /**
         * An event, at {@code line} of {@code source}.
         *
         * @param source the file or stream, as errors name it
         * @param line   the 1-based line of the entry (of its start, in a JSON array)
         * @param event  the event read
         * @param text the entry's JSON text (the line itself for JSON Lines), to store or re-read later with
         *             {@link CaseLogReader#event(String)}
         */
        void event(String source, int line, CaseEvent event, String text);

        /**
         * A bad entry; not called by a strict reader, which throws instead.
         *
         * @param error what is wrong, with its source, line and field, as {@link CaseLog#rejected()} lists it
         */
        void rejected(InputException error);

        /**
         * The start of the period the log covers, from an {@code EvidencePeriod} entry at {@code line} of
         * {@code source}. Ignored unless a handler needs it.
         *
         * @param source the file or stream, as errors name it
         * @param line   the 1-based line of the entry
         * @param since  the first instant the log covers
         */
        default void period(String source, int line, OffsetDateTime since) {
        }
    }

    /** An {@code EvidencePeriod} entry, as read. */
    private record Period(OffsetDateTime since) {
    }

    private final boolean strict;
    private final ReadProgress progress;
    /** Parses lines of JSON Lines logs on this many threads; {@code null} for the reading thread alone. */
    private final Workers workers;
    private final EventTypes eventTypes;
    private final Binding binding;
    /** The names an unknown event type is listed with, beside the events': the platform's, the facts', the period. */
    private final List<String> otherTypes;
    /** The registry's platform and standing-fact type names, which the direct binding looks for first. */
    private final String[] standingNames;

    private CaseLogReader(boolean strict, ReadProgress progress, Workers workers, EventTypes eventTypes) {
        this.strict = strict;
        this.progress = progress;
        this.workers = workers;
        this.eventTypes = eventTypes;
        this.binding = Binding.of(eventTypes);
        List<String> others = new ArrayList<>(eventTypes.platformTypes().keySet());
        others.addAll(eventTypes.factTypes().keySet());
        this.standingNames = others.toArray(String[]::new);
        others.add(PERIOD);
        this.otherTypes = List.copyOf(others);
    }

    /**
     * {@return a reader that rejects bad entries, reports them, and goes on} It knows the event types the class path
     * announces, and parses on the reading thread.
     */
    public static CaseLogReader lenient() {
        return new CaseLogReader(false, (entries, rejected) -> { }, null, EventTypes.onClasspath());
    }

    /**
     * {@return a reader that throws an {@link InputException} at the first bad entry} It knows the event types the
     * class path announces, and parses on the reading thread.
     */
    public static CaseLogReader strict() {
        return new CaseLogReader(true, (entries, rejected) -> { }, null, EventTypes.onClasspath());
    }

    /**
     * The same reader, telling {@code progress} how far it has got as it reads (for long logs).
     *
     * @param value called every {@link #PROGRESS_EVERY} entries, on the reading thread
     * @return a reader like this one that reports its progress
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public CaseLogReader withProgress(ReadProgress value) {
        return new CaseLogReader(strict, Objects.requireNonNull(value, "progress"), workers, eventTypes);
    }

    /**
     * The same reader, parsing the lines of JSON Lines logs on {@code threads} threads (the reading thread and
     * pooled daemon threads that end when idle). Entries still reach the reader's result or handler one at a time,
     * in input order, on the reading thread: only the parsing is shared. Default 1.
     *
     * @param threads how many threads parse, the reading thread included; 1 for the reading thread alone
     * @return a reader like this one that parses on that many threads
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public CaseLogReader withThreads(int threads) {
        return new CaseLogReader(strict, progress, threads == 1 ? null : new Workers(threads), eventTypes);
    }

    /**
     * The same reader, reading events as the registry {@code types} names them, such as an engine's
     * ({@code ComplianceEngine.eventTypes()}): an event whose {@code type} it does not name is rejected, with the names
     * it knows. Default: the types the class path announces ({@link EventTypes#onClasspath()}).
     *
     * @param types the registry to read events by
     * @return a reader like this one that knows those types
     * @throws NullPointerException if {@code types} is {@code null}
     */
    public CaseLogReader withEventTypes(EventTypes types) {
        return new CaseLogReader(strict, progress, workers, Objects.requireNonNull(types, "types"));
    }

    /** {@return the event types this reader knows, by their JSON {@code type} names} */
    public EventTypes eventTypes() {
        return eventTypes;
    }

    /**
     * As {@link #withThreads(int)}, the parsing helpers running on the application's executor in place of the
     * reader's own daemon threads. The reading thread parses too and waits only for helpers that started, so
     * reading completes on an executor that is saturated or rejects. The reader never shuts the executor down.
     *
     * @param threads  how many threads parse, the reading thread included; 1 leaves the executor unused
     * @param executor where the parsing helpers run
     * @return a reader like this one that parses on that many threads
     * @throws IllegalArgumentException if {@code threads} is less than 1
     * @throws NullPointerException     if {@code executor} is {@code null}
     */
    public CaseLogReader withThreads(int threads, Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new CaseLogReader(strict, progress, threads == 1 ? null : new Workers(threads, executor), eventTypes);
    }

    /**
     * What was read: the evidence made of every valid entry, the entries rejected, and counts.
     *
     * @param evidence   the valid entries; of standing facts given more than once with one type and id, the last
     * @param rejected   one error per rejected entry, in input order, each with source, line and field
     * @param entries    entries read, valid or not
     * @param duplicates entries given more than once with the same content (counted once)
     * @param replaced   standing-fact entries that replaced one read before with the same type and id and other
     *                   content
     */
    public record CaseLog(Evidence evidence, List<InputException> rejected, long entries, long duplicates,
                          long replaced) {

        /**
         * What was read, no standing fact replaced.
         *
         * @param evidence   the valid entries
         * @param rejected   one error per rejected entry, in input order
         * @param entries    entries read, valid or not
         * @param duplicates entries given more than once with the same content (counted once)
         */
        public CaseLog(Evidence evidence, List<InputException> rejected, long entries, long duplicates) {
            this(evidence, rejected, entries, duplicates, 0);
        }
    }

    /**
     * Reads one log file.
     *
     * @param file a JSON Lines file, or a file holding a JSON array of entries; UTF-8
     * @return the evidence of its valid entries, and the entries rejected
     * @throws InputException       in a strict reader, at the first bad entry
     * @throws UncheckedIOException if the file cannot be read (it is missing, a directory, or unreadable)
     */
    public CaseLog read(Path file) {
        return read(List.of(file));
    }

    /**
     * Reads several logs as one: a platform's evidence split over files.
     *
     * @param files the files, read in this order; each JSON Lines or a JSON array
     * @return the evidence of every file's valid entries, and the entries rejected
     * @throws InputException       in a strict reader, at the first bad entry
     * @throws UncheckedIOException if a file cannot be read
     */
    public CaseLog read(List<Path> files) {
        Accumulator all = new Accumulator(strict, progress);
        for (Path file : files) {
            readInto(file, all, false, workers);
        }
        return all.result();
    }

    /**
     * Reads one log from a stream.
     *
     * @param source names the log in errors, e.g. {@code <stdin>}
     * @param reader the log's text; not closed
     * @return the evidence of its valid entries, and the entries rejected
     * @throws InputException       in a strict reader, at the first bad entry
     * @throws UncheckedIOException if reading fails
     */
    public CaseLog read(String source, Reader reader) {
        Accumulator all = new Accumulator(strict, progress);
        readInto(source, reader, all, false, workers);
        return all.result();
    }

    /**
     * Reads {@code file} entry by entry into {@code handler}; returns the number of entries read, valid or not.
     * Does no duplicate detection (the handler owns that). Strict readers throw at the first bad entry instead of
     * calling {@link EntryHandler#rejected}. Progress is reported as by {@link #read(Path)}.
     *
     * @param file    a JSON Lines file, or a file holding a JSON array of entries; UTF-8
     * @param handler receives each entry
     * @return the number of entries read, valid or not
     * @throws InputException       in a strict reader, at the first bad entry
     * @throws UncheckedIOException if the file cannot be read
     */
    public long scan(Path file, EntryHandler handler) {
        Counting counting = new Counting(Objects.requireNonNull(handler, "handler"), strict, progress);
        readInto(file, counting, true, workers);
        return counting.entries;
    }

    /**
     * Reads one log from a stream entry by entry, as {@link #scan(Path, EntryHandler)}.
     *
     * @param source  names the log in errors
     * @param reader  the log's text; not closed
     * @param handler receives each entry
     * @return the number of entries read, valid or not
     * @throws InputException       in a strict reader, at the first bad entry
     * @throws UncheckedIOException if reading fails
     */
    public long scan(String source, Reader reader, EntryHandler handler) {
        Counting counting = new Counting(Objects.requireNonNull(handler, "handler"), strict, progress);
        readInto(source, reader, counting, true, workers);
        return counting.entries;
    }

    /**
     * A handler that checks the platform's records and standing facts of a log {@link #scan scanned} entry by entry
     * as {@link #read(Path)} checks them, and hands on to {@code handler} what passes: a record that does not fit the
     * history of those handed on before (a second one of its type with no {@code from}, or from the same instant; one
     * whose {@code until} runs past the next one's {@code from}) goes to {@link EntryHandler#rejected} with the error
     * {@link CaseLog#rejected()} lists for it (the first is kept); a standing fact whose type and id were given before
     * with other content is handed on, as it replaces the one before (as in {@code read}); the same record or fact
     * given again is not handed on; events and periods are handed on as they come. For a reader that takes a log's
     * records as they come (a monitor following a growing log, which replaces a fact of the same type and id) and
     * must take what reading the whole log would. The checks go to {@code handler.rejected} whether the reader is
     * strict or not: the handler decides whether to stop. One handler keeps the records of the logs it is
     * given, read as one; it is not thread-safe.
     *
     * @param handler receives the entries that pass, and the rejected ones
     * @return a new checking handler, with no record given yet
     */
    public static EntryHandler checkingRecords(EntryHandler handler) {
        ProfileHistory profiles = new ProfileHistory();
        StandingFacts facts = new StandingFacts();
        return new Forwarding(handler) {
            @Override
            public void platform(String source, int line, Platform profile) {
                if (Boolean.TRUE.equals(InputErrors.checked(() -> profiles.add(source, line, profile),
                        next::rejected))) {
                    next.platform(source, line, profile);
                }
            }

            @Override
            public void fact(String source, int line, StandingFact fact) {
                if (facts.add(fact) != StandingFacts.Added.SAME) {
                    next.fact(source, line, fact);
                }
            }
        };
    }

    /**
     * A handler that checks the events of a log {@link #scan scanned} entry by entry as {@link #read(Path)} checks
     * them, in the order read, and hands on to {@code handler} the events that pass: an event under an id used before
     * for other content, or stating another jurisdiction than the first event of its case to state one, goes to
     * {@link EntryHandler#rejected} with the error {@link CaseLog#rejected()} lists for it (the first is kept); the same
     * event again is not handed on. Everything else is handed on as it comes. For a reader that takes a log's events
     * in another order than the log's (in time order, say) and must keep the events reading the whole log keeps. It
     * holds every event handed on; one handler keeps the events of the logs it is given, read as one; it is not
     * thread-safe.
     *
     * @param handler receives the entries that pass, and the rejected ones
     * @return a new checking handler, with no event given yet
     */
    public static EntryHandler checkingEvents(EntryHandler handler) {
        Accumulator kept = new Accumulator(false, (entries, rejected) -> { });
        return new Forwarding(handler) {
            @Override
            public void event(String source, int line, CaseEvent event, String text) {
                switch (kept.take(source, line, event)) {
                    case NEW -> next.event(source, line, event, text);
                    case SAME -> { }
                    case REJECTED -> next.rejected(kept.lastRejected());
                }
            }
        };
    }

    /** Hands every entry on to the next handler; a checking handler overrides what it checks. */
    private static class Forwarding implements EntryHandler {
        final EntryHandler next;

        Forwarding(EntryHandler next) {
            this.next = Objects.requireNonNull(next, "handler");
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            next.platform(source, line, profile);
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            next.fact(source, line, fact);
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            next.event(source, line, event, text);
        }

        @Override
        public void rejected(InputException error) {
            next.rejected(error);
        }

        @Override
        public void period(String source, int line, OffsetDateTime since) {
            next.period(source, line, since);
        }
    }

    /**
     * The event whose JSON text {@link EntryHandler#event} was given, bound again: the same event, checked the same
     * way. Errors name the source {@code "event"}; see {@link #event(String, int, String)} to name the text's place.
     *
     * @param text the event's JSON text
     * @return the event
     *
     * @throws InputException when the text is not an event, naming the field at fault
     */
    public static CaseEvent event(String text) {
        return event(EVENT_TEXT, 0, text);
    }

    /**
     * The event whose JSON text {@link EntryHandler#event} was given, bound again; errors name {@code source} and
     * {@code line}, typically where the text was read.
     *
     * @param source names the text's origin in errors
     * @param line   the 1-based line the text was read at, or 0
     * @param text   the event's JSON text
     * @return the event
     *
     * @throws InputException when the text is not an event, naming the field at fault
     */
    public static CaseEvent event(String source, int line, String text) {
        return lenient().eventFrom(source, line, text);
    }

    /**
     * As {@link #event(String, int, String)}, reading the event as this reader's {@link #eventTypes()} name it.
     *
     * @param source names the text's origin in errors
     * @param line   the 1-based line the text was read at, or 0
     * @param text   the event's JSON text
     * @return the event
     *
     * @throws InputException when the text is not an event, naming the field at fault
     */
    public CaseEvent eventFrom(String source, int line, String text) {
        Object entry = entry(source, line, Objects.requireNonNull(text, "text"));
        if (entry instanceof CaseEvent event) {
            return event;
        }
        throw new InputException(source, line, "type", "expected an event, not an entry of type "
                + (entry instanceof Period ? PERIOD : eventTypes.nameOf(entry.getClass())), null);
    }

    /** Bytes that are not UTF-8 become {@link #MALFORMED}, so the line holding them is rejected and the rest is read. */
    private static Reader open(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), decoder());
    }

    /**
     * A UTF-8 decoder for the readers given to {@link #scan(String, Reader, EntryHandler)} and
     * {@link #read(String, Reader)}: bytes that are not UTF-8 are decoded to a mark that makes the line holding them
     * rejected ("not valid UTF-8"), as when a file is read, where a decoder's usual U+FFFD would be read as text.
     *
     * @return a new decoder
     */
    public static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(MALFORMED));
    }

    /** Whether decoded text holds bytes that were not UTF-8 (see {@link #MALFORMED}). */
    private static boolean malformed(String text) {
        return text.indexOf(MALFORMED) >= 0 && Mappers.loneSurrogate(text) >= 0;
    }

    private void readInto(Path file, EntryHandler handler, boolean texts, Workers workers) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A device such as /dev/zero never ends; a pipe is read through read(String, Reader).
            throw new UncheckedIOException("cannot read " + file + ": " + (Files.isDirectory(file) ? "a directory"
                    : "not a regular file (a device, a pipe or a socket)") + ", not a case log",
                    new IOException("not a regular file: " + file));
        }
        try (Reader reader = open(file)) {
            readInto(file.toString(), reader, handler, texts, workers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one log into {@code handler}; {@code texts}: whether events of an array need their JSON text. */
    private void readInto(String source, Reader reader, EntryHandler handler, boolean texts,
                                 Workers workers) {
        try {
            BufferedReader in = new BufferedReader(reader, LOOK_AHEAD);
            if (startsWithArray(in)) {
                readArray(source, in, handler, texts);
            } else {
                readLines(source, in, handler, workers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Whether the first character other than white space and a byte-order mark is '['; the reader is left as found. */
    private static boolean startsWithArray(BufferedReader in) throws IOException {
        in.mark(LOOK_AHEAD);
        int c;
        int read = 0;
        do {
            c = in.read();
            read++;
        } while (c != -1 && read < LOOK_AHEAD && (Character.isWhitespace(c) || c == BYTE_ORDER_MARK));
        in.reset();
        return c == '[';
    }

    /** Lines parsed at once when several threads parse; each thread takes an equal share. */
    private static final int LINES_PER_THREAD = 2048;

    private void readLines(String source, BufferedReader reader, EntryHandler handler, Workers workers)
            throws IOException {
        int batch = workers == null ? 1 : LINES_PER_THREAD * workers.threads();
        List<Object> lines = new ArrayList<>(batch);
        List<Integer> numbers = new ArrayList<>(batch);
        LineReader in = new LineReader(reader, MAX_LINE_LENGTH);
        String line;
        int number = 0;
        while ((line = in.next()) != null || in.tooLong()) {
            number++;
            Object entry; // the line's text, or the error that rejects it unread
            if (line == null) {
                entry = tooLong(source, number, in.length());
            } else {
                if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                entry = line;
            }
            if (workers == null) {
                deliver(source, number, parsed(source, number, entry), line, handler);
                continue;
            }
            lines.add(entry);
            numbers.add(number);
            if (lines.size() == batch) {
                deliverAll(source, lines, numbers, handler, workers);
            }
        }
        if (!lines.isEmpty()) {
            deliverAll(source, lines, numbers, handler, workers);
        }
    }

    /** A line longer than {@link #MAX_LINE_LENGTH}, rejected unread. */
    private static InputException tooLong(String source, int number, long length) {
        return new InputException(source, number, "", String.format(java.util.Locale.ROOT,
                "the line is %,d characters long, over the maximum of %,d (1 MiB): it is not read", length,
                MAX_LINE_LENGTH), null);
    }

    /**
     * Parses the lines (texts, or errors that reject a line unread) on the worker threads, then hands the entries
     * over in order; empties both lists.
     */
    private void deliverAll(String source, List<Object> lines, List<Integer> numbers, EntryHandler handler,
                                   Workers workers) {
        int share = (lines.size() + workers.threads() - 1) / workers.threads();
        List<Integer> starts = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += share) {
            starts.add(start);
        }
        List<Object[]> parts = workers.map(starts, start -> {
            Object[] entries = new Object[Math.min(share, lines.size() - start)];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = parsed(source, numbers.get(start + i), lines.get(start + i));
            }
            return entries;
        });
        int i = 0;
        for (Object[] entries : parts) {
            for (Object entry : entries) {
                deliver(source, numbers.get(i), entry, lines.get(i) instanceof String text ? text : null, handler);
                i++;
            }
        }
        lines.clear();
        numbers.clear();
    }

    /** The entry a line holds, or the {@link InputException} that rejects it ({@code line} may be one already). */
    private Object parsed(String source, int number, Object line) {
        if (line instanceof InputException rejected) {
            return rejected;
        }
        String text = (String) line;
        try {
            if (malformed(text)) {
                throw new InputException(source, number, "", "the line is not valid UTF-8", null);
            }
            return entry(source, number, text);
        } catch (InputException e) {
            return e;
        }
    }

    private void readArray(String source, Reader reader, EntryHandler handler, boolean texts)
            throws IOException {
        ReplacementWatch in = new ReplacementWatch(reader);
        try (JsonParser parser = binding.array.createParser(in)) {
            parser.nextToken(); // [, after any byte-order mark and white space
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    // The array itself is broken: nothing after this point can be located reliably.
                    handler.rejected(ComplianceJson.inputError(source, lineOf(e, parser), e));
                    return;
                }
                if (token == null) {
                    return;
                }
                if (token == JsonToken.END_ARRAY) {
                    rejectTrailingText(source, parser, handler);
                    return;
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node;
                try (TokenBuffer copy = new TokenBuffer(parser)) {
                    copy.copyCurrentStructure(parser);
                    String twice = keyGivenTwice(copy);
                    if (twice != null) {
                        handler.rejected(new InputException(source, line, twice, "the key '" + twice
                                + "' is given twice in one object: which value is meant is unknown", null));
                        continue;
                    }
                    node = binding.entry.readTree(copy.asParserOnFirstToken());
                } catch (JsonProcessingException e) {
                    handler.rejected(ComplianceJson.inputError(source, lineOf(e, parser), e));
                    return;
                }
                // Outside strings a replaced byte is a syntax error; inside one it is found here. Only logs that had
                // bytes replaced, or scans that hand the text on, pay for writing the entry out.
                String text = texts || in.replaced > 0 ? node.toString() : null;
                Object entry;
                try {
                    if (in.replaced > 0 && malformed(text)) {
                        throw new InputException(source, line, "", "the entry is not valid UTF-8", null);
                    }
                    entry = entry(source, line, node);
                } catch (InputException e) {
                    handler.rejected(e);
                    continue;
                }
                deliver(source, line, entry, text, handler);
            }
        }
    }

    /**
     * Where an error of an array's syntax lies: where Jackson saw it, or, for errors that carry no place (nesting too
     * deep, a number or a name too long), where the parser stopped.
     */
    private static int lineOf(JsonProcessingException e, JsonParser parser) {
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return e.getLocation().getLineNr();
        }
        return Math.max(parser.currentLocation().getLineNr(), 0);
    }

    /**
     * The first key given twice in one object of the entry, or null. The array's parser does not look for them (its
     * error would leave it inside the entry, and every entry after it would be lost); this does, on the entry's copy.
     */
    private static String keyGivenTwice(TokenBuffer entry) throws IOException {
        java.util.ArrayDeque<java.util.Set<String>> open = new java.util.ArrayDeque<>();
        try (JsonParser tokens = entry.asParser()) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    open.push(new java.util.HashSet<>());
                } else if (token == JsonToken.END_OBJECT) {
                    open.pop();
                } else if (token == JsonToken.FIELD_NAME && !open.peek().add(tokens.currentName())) {
                    return tokens.currentName();
                }
            }
        }
        return null;
    }

    /** Counts the {@link #MALFORMED} characters that decoding put in place of bytes that are not UTF-8. */
    private static final class ReplacementWatch extends java.io.FilterReader {

        private long replaced;

        ReplacementWatch(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c == MALFORMED) {
                replaced++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == MALFORMED) {
                    replaced++;
                }
            }
            return n;
        }
    }

    private static void rejectTrailingText(String source, JsonParser parser, EntryHandler handler) throws IOException {
        try {
            if (parser.nextToken() != null) {
                handler.rejected(new InputException(source, parser.currentTokenLocation().getLineNr(), "",
                        "text after the array's closing ']' is not read: put every entry inside the array", null));
            }
        } catch (JsonProcessingException e) {
            handler.rejected(ComplianceJson.inputError(source, lineOf(e, parser), e));
        }
    }

    private static void deliver(String source, int line, Object entry, String text, EntryHandler handler) {
        if (entry instanceof InputException rejected) {
            handler.rejected(rejected);
        } else if (entry instanceof CaseEvent event) {
            handler.event(source, line, event, text);
        } else if (entry instanceof StandingFact fact) {
            handler.fact(source, line, fact);
        } else if (entry instanceof Period period) {
            handler.period(source, line, period.since());
        } else {
            handler.platform(source, line, (Platform) entry);
        }
    }

    // ---- One entry: a Platform, a StandingFact or a CaseEvent, or an InputException naming the fault

    /** The entry one line of JSON text holds. */
    private Object entry(String source, int line, String text) {
        Object entry = direct(text);
        if (entry != null) {
            return entry;
        }
        JsonNode node;
        try {
            node = binding.mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw ComplianceJson.inputError(source, line, e);
        }
        return entry(source, line, node);
    }

    /**
     * The entry, bound straight from its text to its record; null when that fails, for the tree to bind it and name
     * any fault. An event is bound wherever its {@code "type"} is; a platform record or a standing fact when its
     * {@code "type"} comes first, as exporters write it.
     */
    private Object direct(String text) {
        try {
            String type = leadingType(text, standingNames);
            if (type == null) {
                CaseEvent event = binding.plain.read(text);
                if (event != null) {
                    return event;
                }
            }
            ObjectReader reader = type == null ? binding.event
                    : eventTypes.platformType(type) != null ? binding.platform : binding.fact;
            return reader.readValue(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The one of {@code names} (the registry's platform and standing-fact types) that the text's first field, a
     * {@code "type"}, names, found without a parser or a copy of the text; else null (an event, most lines). Only
     * chooses how to bind: the binding checks the text.
     */
    private static String leadingType(String text, String[] names) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            return null;
        }
        i = skipSpace(text, i + 1);
        if (!text.startsWith("\"type\"", i)) {
            return null;
        }
        i = skipSpace(text, i + 6);
        if (i >= text.length() || text.charAt(i) != ':') {
            return null;
        }
        i = skipSpace(text, i + 1);
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        for (String name : names) {
            if (isText(text, i + 1, name)) {
                return name;
            }
        }
        return null;
    }

    /** Whether {@code text} holds {@code value} and its closing quote at {@code at}. */
    private static boolean isText(String text, int at, String value) {
        return text.startsWith(value, at) && text.startsWith("\"", at + value.length());
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r'
                || text.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    /** The entry a parsed JSON value holds. */
    private Object entry(String source, int line, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new InputException(source, line, "", "expected a JSON object with a \"type\" field", null);
        }
        JsonNode typeNode = object.get("type");
        String type = typeNode == null ? null : typeNode.asText();
        try {
            if (PERIOD.equals(type)) {
                return period(source, line, object);
            }
            Class<?> kind = type == null ? CaseEvent.class : eventTypes.platformType(type) != null ? Platform.class
                    : eventTypes.factType(type) != null ? StandingFact.class : CaseEvent.class;
            return binding.mapper.treeToValue(object, kind);
        } catch (JsonProcessingException e) {
            InputException misspelt = InputErrors.unknownKey(source, line, object, e); // before a field it left out
            throw misspelt != null ? misspelt : InputErrors.of(source, line, null, e, otherTypes);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, line, "", e.getMessage(), e);
        }
    }

    /** An {@code EvidencePeriod} entry: {@code "since"}, an instant with its offset, and nothing else. */
    private Period period(String source, int line, ObjectNode object) throws JsonProcessingException {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !name.equals("since")) {
                throw new InputException(source, line, name, "unknown field of an EvidencePeriod, which has only "
                        + "\"since\"", null);
            }
        }
        JsonNode since = object.get("since");
        if (since == null || since.isNull()) {
            throw new InputException(source, line, "since", "missing: the instant from which the log covers the "
                    + "platform, with its offset, e.g. \"2025-12-01T00:00:00+05:30\"", null);
        }
        try {
            return new Period(binding.mapper.treeToValue(since, OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new InputException(source, line, "since", "expected an instant with its offset, e.g. "
                    + "\"2025-12-01T00:00:00+05:30\", not " + since, e);
        }
    }

    /** The mapper of {@link Binding#direct}. */
    private static ObjectMapper direct(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("niyam-direct-text").addDeserializer(String.class, new Text()));
        return mapper;
    }

    /**
     * Text as Jackson reads it, except {@code -0} for text: a tree reads that number as 0 and gives "0", the text
     * itself is "-0". Every other integer is written the same both ways, so an id given as a number stays direct.
     */
    private static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) && "-0".equals(parser.getText())) {
                return (String) context.handleWeirdNumberValue(String.class, parser.getNumberValue(),
                        "-0 is read as 0 through a tree");
            }
            return Mappers.Text.INSTANCE.deserialize(parser, context);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    // ---- What is done with the entries

    /** Hands a scan's entries on, counting them, telling progress, and throwing at the first bad one when strict. */
    private static final class Counting implements EntryHandler {

        private final EntryHandler handler;
        private final boolean strict;
        private final ReadProgress progress;
        private long entries;
        private long rejected;

        Counting(EntryHandler handler, boolean strict, ReadProgress progress) {
            this.handler = handler;
            this.strict = strict;
            this.progress = progress;
        }

        private void counted() {
            entries++;
            if (entries % PROGRESS_EVERY == 0) {
                progress.entriesRead(entries, rejected);
            }
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            counted();
            handler.platform(source, line, profile);
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            counted();
            handler.fact(source, line, fact);
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            counted();
            handler.event(source, line, event, text);
        }

        @Override
        public void period(String source, int line, OffsetDateTime since) {
            counted();
            handler.period(source, line, since);
        }

        @Override
        public void rejected(InputException error) {
            counted();
            if (strict) {
                throw error;
            }
            rejected++;
            handler.rejected(error);
        }
    }

    /** Collects entries in input order, keeping every valid one and rejecting the rest. */
    /** What {@link Accumulator#take} did with an event. */
    private enum Taken { NEW, SAME, REJECTED }

    private static final class Accumulator implements EntryHandler {

        private final boolean strict;
        private final ReadProgress progress;
        /** The sources read so far; a place is kept as a source's index and a line (see {@link #place}). */
        private final List<String> sources = new ArrayList<>();
        private String lastSource;
        private int lastSourceIndex;
        private final ProfileHistory profiles = new ProfileHistory();
        private OffsetDateTime since;
        /** Standing facts, kept by type and id: the last read of each. */
        private final StandingFacts facts = new StandingFacts();
        private final Kept<CaseEvent> events = new Kept<>("event", CaseEvent::id);
        /** The index in {@link #events} of each case's first event to state a jurisdiction, by case id. */
        private final Map<String, Integer> stating = new HashMap<>();
        private final List<InputException> rejected = new ArrayList<>();
        private long entries;
        private long duplicates;
        private long replaced;

        Accumulator(boolean strict, ReadProgress progress) {
            this.strict = strict;
            this.progress = progress;
        }

        /** Counts an entry read, valid or not, and tells the progress listener now and then. */
        private void counted() {
            entries++;
            if (entries % PROGRESS_EVERY == 0) {
                progress.entriesRead(entries, rejected.size());
            }
        }

        @Override
        public void rejected(InputException e) {
            counted();
            if (strict) {
                throw e;
            }
            rejected.add(e);
        }

        @Override
        public void platform(String source, int line, Platform profile) {
            counted(InputErrors.checked(() -> profiles.add(source, line, profile), this::rejected));
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            counted();
            switch (facts.add(fact)) {
                case SAME -> duplicates++;
                case REPLACED -> replaced++;
                case NEW -> { }
            }
        }

        /** A record checked: counted when taken ({@code true}) or the same again ({@code false}, a duplicate). */
        private void counted(Boolean added) {
            if (added != null) {
                counted();
                if (!added) {
                    duplicates++;
                }
            }
        }

        /** Logs read as one cover the union of their periods: the earliest {@code since} counts. */
        @Override
        public void period(String source, int line, OffsetDateTime value) {
            counted();
            if (since == null || value.isBefore(since)) {
                since = value;
            } else if (value.isEqual(since)) {
                duplicates++;
            }
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            take(source, line, event);
        }

        /**
         * Checks an event against those kept before, in the order given, and keeps it if it is new: the same event
         * again is counted once; another under a used id, or stating another jurisdiction than its case's first, is
         * rejected (given to {@link #rejected}), the first kept.
         */
        Taken take(String source, int line, CaseEvent event) {
            if (event.jurisdiction() != null && events.indexOf(event.id()) < 0) {
                // A case arises in one jurisdiction: an event stating another than its case's first is rejected.
                Integer first = stating.get(event.caseId());
                if (first == null) {
                    stating.put(event.caseId(), events.size()); // the index keep() gives it
                } else {
                    InputException conflict = Jurisdictions.conflict(source, line, event, events.value(first),
                            where(events.place(first)));
                    if (conflict != null) {
                        rejected(conflict);
                        return Taken.REJECTED;
                    }
                }
            }
            return keep(source, line, event.id(), event, events);
        }

        private <T> Taken keep(String source, int line, String id, T value, Kept<T> kept) {
            int twin = kept.indexOf(id);
            if (twin < 0) {
                counted();
                kept.add(id, value, place(source, line));
                return Taken.NEW;
            } else if (kept.value(twin).equals(value)) {
                counted();
                duplicates++;
                return Taken.SAME;
            } else {
                rejected(InputErrors.reusedId(source, line, kept.what, id, where(kept.place(twin))));
                return Taken.REJECTED;
            }
        }

        /** The last entry rejected. */
        InputException lastRejected() {
            return rejected.get(rejected.size() - 1);
        }

        /** A source and a line in one number: the source's index above, the line below. */
        private long place(String source, int line) {
            if (source != lastSource) {
                int index = sources.indexOf(source);
                if (index < 0) {
                    index = sources.size();
                    sources.add(source);
                }
                lastSource = source;
                lastSourceIndex = index;
            }
            return (long) lastSourceIndex << 32 | (line & 0xFFFF_FFFFL);
        }

        /** {@code source:line} of a {@link #place}. */
        private String where(long place) {
            return sources.get((int) (place >>> 32)) + ":" + (int) place;
        }

        CaseLog result() {
            Evidence evidence = new Evidence(profiles.history(), facts.facts(), events.values(), since);
            return new CaseLog(evidence, List.copyOf(rejected), entries, duplicates, replaced);
        }
    }

    /**
     * The values of one kind kept so far, in input order, each with the place it was first seen, found by id through
     * an open-addressing table: no entry objects, boxed indexes or built keys per value.
     */
    private static final class Kept<T> {

        private final String what;
        private final Function<T, String> idOf;
        private final List<T> values = new ArrayList<>();
        private long[] places = new long[16];
        /**
         * Per slot, the hash of an id above and its value's index + 1 below; 0 when empty. At most half full, so a
         * search reads few slots, and looks at an id only when its hash matches.
         */
        private long[] slots = new long[32];

        Kept(String what, Function<T, String> idOf) {
            this.what = what;
            this.idOf = idOf;
        }

        int indexOf(String id) {
            int hash = hash(id);
            int mask = slots.length - 1;
            for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                long entry = slots[slot];
                int index = (int) entry - 1;
                if ((int) (entry >>> 32) == hash && Objects.equals(idOf.apply(values.get(index)), id)) {
                    return index;
                }
            }
            return -1;
        }

        void add(String id, T value, long place) {
            int index = values.size();
            values.add(value);
            if (index == places.length) {
                places = Arrays.copyOf(places, index * 2);
            }
            places[index] = place;
            if (2 * (index + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long entry : old) {
                    if (entry != 0) {
                        insert(entry);
                    }
                }
            }
            insert((long) hash(id) << 32 | (index + 1));
        }

        private void insert(long entry) {
            int mask = slots.length - 1;
            int slot = (int) (entry >>> 32) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry;
        }

        private static int hash(String id) {
            int h = id == null ? 0 : id.hashCode();
            return h ^ (h >>> 16);
        }

        T value(int index) {
            return values.get(index);
        }

        int size() {
            return values.size();
        }

        long place(int index) {
            return places[index];
        }

        List<T> values() {
            return List.copyOf(values);
        }
    }
}
