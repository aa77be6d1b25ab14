package org.niyam.compliance.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.OfficerAppointment;
import org.niyam.compliance.model.PlatformProfile;

/**
 * Reads a platform's case log: JSON Lines (one entry per line) or a JSON array of entries, where an entry is an
 * event ({@code "type": "ComplaintReceived"}, ...), the platform's profile ({@code "type": "PlatformProfile"}) or an
 * officer appointment ({@code "type": "OfficerAppointment"}). See {@code docs/json.md}.
 *
 * <p>Lenient by default: a bad entry (malformed JSON, an unknown type, a missing or mistyped field, an instant
 * without offset, an event id reused for different content) is rejected with its line and field, and reading goes
 * on; nothing valid is dropped. The same event twice counts once. {@link #strict()} stops at the first bad entry.
 * A line that is not valid UTF-8 is rejected like any other bad line. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * CaseLog log = CaseLogReader.lenient().read(Path.of("cases.jsonl"));
 * log.rejected().forEach(e -> System.err.println(e.getMessage()));
 * Report report = engine.evaluate(log.evidence(), asOf);
 * }</pre>
 */
public final class CaseLogReader {

    /** The entry types besides events. */
    public static final String PLATFORM = "PlatformProfile";
    public static final String APPOINTMENT = "OfficerAppointment";

    private static final ObjectMapper MAPPER = ComplianceJson.mapper();
    /** Reads one entry of an array, leaving the rest of the array to the parser. */
    private static final ObjectReader ENTRY = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int LOOK_AHEAD = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    /** Told how far a read has got, every {@link #PROGRESS_EVERY} entries, on the reading thread. */
    @FunctionalInterface
    public interface ReadProgress {
        void entriesRead(long entries, long rejected);
    }

    /** How many entries between two calls of a {@link ReadProgress}. */
    public static final int PROGRESS_EVERY = 4096;

    private final boolean strict;
    private final ReadProgress progress;

    private CaseLogReader(boolean strict, ReadProgress progress) {
        this.strict = strict;
        this.progress = progress;
    }

    /** Rejects bad entries, reports them, and goes on. */
    public static CaseLogReader lenient() {
        return new CaseLogReader(false, (entries, rejected) -> { });
    }

    /** Throws an {@link InputException} at the first bad entry. */
    public static CaseLogReader strict() {
        return new CaseLogReader(true, (entries, rejected) -> { });
    }

    /** The same reader, telling {@code progress} how far it has got as it reads (for long logs). */
    public CaseLogReader withProgress(ReadProgress value) {
        return new CaseLogReader(strict, java.util.Objects.requireNonNull(value, "progress"));
    }

    /**
     * What was read: the evidence made of every valid entry, the entries rejected, and counts.
     *
     * @param evidence   the valid entries
     * @param rejected   one error per rejected entry, in input order, each with source, line and field
     * @param entries    entries read, valid or not
     * @param duplicates events given more than once with the same content (counted once)
     */
    public record CaseLog(Evidence evidence, List<InputException> rejected, long entries, long duplicates) {
    }

    public CaseLog read(Path file) {
        return read(List.of(file));
    }

    /** Reads several logs as one: a platform's evidence split over files. */
    public CaseLog read(List<Path> files) {
        Accumulator all = new Accumulator(strict, progress);
        for (Path file : files) {
            try (Reader reader = open(file)) {
                readInto(file.toString(), reader, all);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return all.result();
    }

    /** Bytes that are not UTF-8 become U+FFFD, so the line holding them is rejected and the rest is read. */
    private static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** Reads one log; {@code source} names it in errors. */
    public CaseLog read(String source, Reader reader) {
        Accumulator all = new Accumulator(strict, progress);
        readInto(source, reader, all);
        return all.result();
    }

    private static void readInto(String source, Reader reader, Accumulator all) {
        try {
            BufferedReader in = new BufferedReader(reader);
            if (startsWithArray(in)) {
                readArray(source, in, all);
            } else {
                readLines(source, in, all);
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

    private static void readLines(String source, BufferedReader in, Accumulator all) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf(REPLACEMENT) >= 0) {
                all.reject(new InputException(source, number, "", "the line is not valid UTF-8", null));
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                all.reject(ComplianceJson.inputError(source, number, e));
                continue;
            }
            all.accept(source, number, node);
        }
    }

    private static void readArray(String source, Reader reader, Accumulator all) throws IOException {
        ReplacementWatch in = new ReplacementWatch(reader);
        try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
            parser.nextToken(); // [, after any byte-order mark and white space
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    // The array itself is broken: nothing after this point can be located reliably.
                    all.reject(ComplianceJson.inputError(source, 0, e));
                    return;
                }
                if (token == null) {
                    return;
                }
                if (token == JsonToken.END_ARRAY) {
                    rejectTrailingText(source, parser, all);
                    return;
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node;
                try {
                    node = ENTRY.readTree(parser);
                } catch (JsonProcessingException e) {
                    all.reject(ComplianceJson.inputError(source, 0, e));
                    return;
                }
                // Outside strings a replaced byte is a syntax error; inside one it is found here. Only logs that had
                // bytes replaced pay for the search.
                if (in.replaced > 0 && node.toString().indexOf(REPLACEMENT) >= 0) {
                    all.reject(new InputException(source, line, "", "the entry is not valid UTF-8", null));
                    continue;
                }
                all.accept(source, line, node);
            }
        }
    }

    /** Counts the U+FFFD characters that decoding put in place of bytes that are not UTF-8. */
    private static final class ReplacementWatch extends java.io.FilterReader {

        private long replaced;

        ReplacementWatch(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c == REPLACEMENT) {
                replaced++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == REPLACEMENT) {
                    replaced++;
                }
            }
            return n;
        }
    }

    private static void rejectTrailingText(String source, JsonParser parser, Accumulator all) throws IOException {
        try {
            if (parser.nextToken() != null) {
                all.reject(new InputException(source, parser.currentTokenLocation().getLineNr(), "",
                        "text after the array's closing ']' is not read: put every entry inside the array", null));
            }
        } catch (JsonProcessingException e) {
            all.reject(ComplianceJson.inputError(source, 0, e));
        }
    }

    /** Collects entries in input order, keeping every valid one and rejecting the rest. */
    private static final class Accumulator {

        private final boolean strict;
        private final ReadProgress progress;
        private PlatformProfile platform;
        private final Map<String, OfficerAppointment> appointments = new LinkedHashMap<>();
        private final Map<String, CaseEvent> events = new LinkedHashMap<>();
        private final Map<String, String> firstSeenAt = new HashMap<>();
        private final List<InputException> rejected = new ArrayList<>();
        private long entries;
        private long duplicates;

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

        void reject(InputException e) {
            counted();
            if (strict) {
                throw e;
            }
            rejected.add(e);
        }

        void accept(String source, int line, JsonNode node) {
            if (!(node instanceof ObjectNode object)) {
                reject(new InputException(source, line, "", "expected a JSON object with a \"type\" field", null));
                return;
            }
            JsonNode typeNode = object.get("type");
            String type = typeNode == null ? null : typeNode.asText();
            try {
                if (PLATFORM.equals(type)) {
                    ObjectNode fields = object.deepCopy();
                    fields.remove("type");
                    PlatformProfile profile = MAPPER.treeToValue(fields, PlatformProfile.class);
                    if (platform != null && !platform.equals(profile)) {
                        reject(new InputException(source, line, "", "a second, different PlatformProfile; the first, "
                                + "at " + firstSeenAt.get("platform") + ", is kept", null));
                        return;
                    }
                    counted();
                    if (platform != null) {
                        duplicates++;
                    }
                    platform = profile;
                    firstSeenAt.putIfAbsent("platform", source + ":" + line);
                } else if (APPOINTMENT.equals(type)) {
                    ObjectNode fields = object.deepCopy();
                    fields.remove("type");
                    OfficerAppointment appointment = MAPPER.treeToValue(fields, OfficerAppointment.class);
                    keep(source, line, "appointment", appointment.id(), appointment, appointments);
                } else {
                    CaseEvent event = MAPPER.treeToValue(object, CaseEvent.class);
                    keep(source, line, "event", event.id(), event, events);
                }
            } catch (JsonProcessingException e) {
                reject(ComplianceJson.inputError(source, line, e));
            } catch (IllegalArgumentException e) {
                reject(new InputException(source, line, "", e.getMessage(), e));
            }
        }

        private <T> void keep(String source, int line, String what, String id, T value, Map<String, T> kept) {
            T twin = kept.get(id);
            if (twin == null) {
                counted();
                kept.put(id, value);
                firstSeenAt.put(what + ":" + id, source + ":" + line);
            } else if (twin.equals(value)) {
                counted();
                duplicates++;
            } else {
                reject(new InputException(source, line, "id", what + " id '" + id + "' was already used at "
                        + firstSeenAt.get(what + ":" + id) + " for different content; the first is kept", null));
            }
        }

        CaseLog result() {
            Evidence evidence = new Evidence(platform, List.copyOf(appointments.values()), List.copyOf(events.values()));
            return new CaseLog(evidence, List.copyOf(rejected), entries, duplicates);
        }
    }
}
