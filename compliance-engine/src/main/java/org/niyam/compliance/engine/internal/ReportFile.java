package org.niyam.compliance.engine.internal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * A report written to a work file and read back, exactly, in a compact binary form in which the texts that repeat
 * (duties, their wording, citations) are written once and then named by number. Several times faster than JSON,
 * for the part of an audit that must wait before it can deliver. Written and read as a stream, an obligation or a
 * finding at a time, so that an audit can merge many such files holding one record of each (see
 * {@link ReportMerge}). Not API; not a storage format.
 *
 * <p>Layout: a magic number, "as of", the number of obligations, the obligations, the number of findings, the
 * findings. A text or citation seen for the first time is written in full and given the next number, up to
 * {@value #REMEMBERED} of them a file; after that new ones are written in full each time, so that a pack whose
 * wording differs from case to case cannot make a reader's table grow with the report. An obligation's case, trigger
 * event and trigger instant, when the previous obligation's are the same (a case's obligations follow one another,
 * and one event often starts several duties), are written as "the same" and read back as the previous one's.
 */
public final class ReportFile {

    private static final int MAGIC = 0x4E524633; // "NRF3"
    private static final Status[] STATUSES = Status.values();
    /** Texts and citations a file names by number, at most. */
    static final int REMEMBERED = 4096;
    private static final int NEW_REMEMBERED = -2;
    private static final int NEW_NOT_REMEMBERED = -3;
    private static final int NONE = -1;
    /** In place of a text: the same as the previous obligation's (its case, its trigger event). */
    private static final int SAME = -4;
    /** In place of an instant: the same as the previous obligation's trigger instant. */
    private static final int SAME_INSTANT = 2;
    private static final int FLUSH_AT = 1 << 16;

    private ReportFile() {
    }

    /** Writes the whole report. */
    public static void write(Path file, Report report) {
        try (Writer writer = new Writer(file, report.asOf(), report.obligations().size())) {
            report.obligations().forEach(writer::obligation);
            writer.findings(report.findings().size());
            report.findings().forEach(writer::finding);
        }
    }

    /** Reads the whole report back. */
    public static Report read(Path file) {
        try (Reader reader = new Reader(file)) {
            List<Obligation> obligations = new ArrayList<>(reader.obligations());
            for (Obligation o = reader.nextObligation(); o != null; o = reader.nextObligation()) {
                obligations.add(o);
            }
            List<Finding> findings = new ArrayList<>();
            for (Finding f = reader.nextFinding(); f != null; f = reader.nextFinding()) {
                findings.add(f);
            }
            return new Report(reader.asOf(), obligations, findings);
        }
    }

    /**
     * Writes a report a record at a time: the number of obligations is given first, then the obligations, then
     * the number of findings and the findings.
     */
    public static final class Writer implements Closeable {
        private final Path file;
        private final OutputStream stream;
        private final Out out = new Out();
        private long obligationsLeft;
        private long findingsLeft = -1;
        /** The previous obligation's case, trigger event and instant: consecutive obligations often share them. */
        private String lastCase;
        private String lastTrigger;
        private OffsetDateTime lastTriggeredAt;

        public Writer(Path file, OffsetDateTime asOf, long obligations) {
            this.file = file;
            try {
                this.stream = new BufferedOutputStream(Files.newOutputStream(file), FLUSH_AT);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            this.obligationsLeft = obligations;
            out.writeInt(MAGIC);
            out.instant(asOf);
            out.writeLong(obligations);
        }

        public void obligation(Obligation o) {
            if (obligationsLeft-- <= 0) {
                throw new IllegalStateException("more obligations than announced for " + file);
            }
            out.text(o.id());
            out.repeated(o.duty());
            out.repeated(o.what());
            lastCase = out.textOrSame(o.caseId(), lastCase);
            OffsetDateTime triggeredAt = o.triggeredAt();
            if (triggeredAt != null && triggeredAt.equals(lastTriggeredAt)) {
                out.writeByte(SAME_INSTANT);
            } else {
                out.instant(triggeredAt);
                lastTriggeredAt = triggeredAt;
            }
            out.instant(o.dueAt());
            out.writeByte(o.status().ordinal());
            out.citation(o.citation());
            lastTrigger = out.textOrSame(o.triggerEventId(), lastTrigger);
            out.text(o.dischargeEventId());
            out.instant(o.dischargedAt());
            out.text(o.explanation());
            flushIfFull();
        }

        /** Ends the obligations and announces the findings. */
        public void findings(long count) {
            if (obligationsLeft != 0 || findingsLeft != -1) {
                throw new IllegalStateException("findings announced out of turn in " + file);
            }
            findingsLeft = count;
            out.writeLong(count);
        }

        public void finding(Finding f) {
            if (findingsLeft-- <= 0) {
                throw new IllegalStateException("more findings than announced for " + file);
            }
            out.repeated(f.code());
            out.text(f.caseId());
            out.text(f.message());
            out.writeInt(f.evidence().size());
            for (String id : f.evidence()) {
                out.text(id);
            }
            out.citation(f.citation());
            flushIfFull();
        }

        private void flushIfFull() {
            if (out.length() >= FLUSH_AT) {
                flush();
            }
        }

        private void flush() {
            try {
                stream.write(out.array(), 0, out.length());
                out.clear();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                flush();
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads a report file a record at a time, holding one record and the file's table of repeated texts. */
    public static final class Reader implements Closeable {
        private final Path file;
        private final Chunks in;
        private final List<String> texts = new ArrayList<>();
        private final List<Citation> citations = new ArrayList<>();
        private final OffsetDateTime asOf;
        private final long obligations;
        private long obligationsLeft;
        private long findings;
        private long findingsLeft = -1;
        /** The offset of the last instant read: a file's instants nearly all share one. */
        private ZoneOffset offset;
        /** The previous obligation's case, trigger event and instant, for the records that name them "the same". */
        private String lastCase;
        private String lastTrigger;
        private OffsetDateTime lastTriggeredAt;

        public Reader(Path file) {
            this.file = file;
            try {
                this.in = new Chunks(Files.newInputStream(file));
                if (in.readInt() != MAGIC) {
                    in.close();
                    throw new IOException("not a report file");
                }
                this.asOf = instant();
                this.obligations = in.readLong();
                this.obligationsLeft = obligations;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        public OffsetDateTime asOf() {
            return asOf;
        }

        /** The number of obligations in the file. */
        public int obligations() {
            return (int) Math.min(Integer.MAX_VALUE, obligations);
        }

        /** The next obligation, or {@code null} when there is none left. */
        public Obligation nextObligation() {
            if (obligationsLeft == 0) {
                return null;
            }
            obligationsLeft--;
            try {
                String id = text();
                String duty = repeated();
                String what = repeated();
                lastCase = textOrSame(lastCase);
                int kind = in.readByte();
                if (kind != SAME_INSTANT) {
                    lastTriggeredAt = kind == 0 ? null : fullInstant();
                }
                OffsetDateTime dueAt = instant();
                Status status = STATUSES[in.readByte()];
                Citation citation = citation();
                lastTrigger = textOrSame(lastTrigger);
                return new Obligation(id, duty, what, lastCase, lastTriggeredAt, dueAt, status, citation, lastTrigger,
                        text(), instant(), text());
            } catch (IOException e) {
                throw failed(e);
            }
        }

        /** The number of findings in the file; skips what is left of the obligations. */
        public long findingCount() {
            try {
                while (nextObligation() != null) {
                    // the findings follow the obligations
                }
                if (findingsLeft == -1) {
                    findings = in.readLong();
                    findingsLeft = findings;
                }
                return findings;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        /** The next finding, or {@code null} when there is none left; skips what is left of the obligations. */
        public Finding nextFinding() {
            try {
                findingCount();
                if (findingsLeft == 0) {
                    return null;
                }
                findingsLeft--;
                String code = repeated();
                String caseId = text();
                String message = text();
                int evidenceCount = in.readInt();
                List<String> evidence = new ArrayList<>(evidenceCount);
                for (int j = 0; j < evidenceCount; j++) {
                    evidence.add(text());
                }
                return new Finding(code, caseId, message, evidence, citation());
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private UncheckedIOException failed(IOException e) {
            String why = e instanceof EOFException ? "it ends early" : e.getMessage();
            return new UncheckedIOException("cannot read " + file + ": " + why, e);
        }

        private String text() throws IOException {
            int size = in.readInt();
            if (size == NONE) {
                return null;
            }
            return in.text(size);
        }

        private String textOrSame(String last) throws IOException {
            int size = in.readInt();
            return size == SAME ? last : size == NONE ? null : in.text(size);
        }

        private OffsetDateTime instant() throws IOException {
            if (in.readByte() == 0) {
                return null;
            }
            return fullInstant();
        }

        private OffsetDateTime fullInstant() throws IOException {
            long seconds = in.readLong();
            int nanos = in.readInt();
            int offsetSeconds = in.readInt();
            if (offset == null || offset.getTotalSeconds() != offsetSeconds) {
                offset = ZoneOffset.ofTotalSeconds(offsetSeconds); // a concurrent map's look-up: once per change
            }
            return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, nanos, offset), offset);
        }

        private String repeated() throws IOException {
            int number = in.readInt();
            if (number >= 0) {
                return texts.get(number);
            }
            String text = text();
            if (number == NEW_REMEMBERED && text != null) {
                texts.add(text);
            }
            return text;
        }

        private Citation citation() throws IOException {
            int number = in.readInt();
            if (number == NONE) {
                return null;
            }
            if (number >= 0) {
                return citations.get(number);
            }
            Citation citation = new Citation(repeated(), repeated(), repeated(), repeated());
            if (number == NEW_REMEMBERED) {
                citations.add(citation);
            }
            return citation;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // read only: nothing is lost
            }
        }
    }

    /**
     * A file read a chunk at a time into an array, its numbers read from the array: several times faster than a
     * {@code DataInputStream}, whose every number is a synchronized call per byte.
     */
    private static final class Chunks {
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                int[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                long[].class, java.nio.ByteOrder.BIG_ENDIAN);

        private final java.io.InputStream stream;
        private byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Chunks(java.io.InputStream stream) {
            this.stream = stream;
        }

        /** Makes {@code count} bytes readable at {@code position}, or throws at the end of the file. */
        private void need(int count) throws IOException {
            if (limit - position >= count) {
                return;
            }
            int left = limit - position;
            if (count > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(count, buffer.length * 2));
            }
            System.arraycopy(buffer, position, buffer, 0, left);
            position = 0;
            limit = left;
            while (limit < count) {
                int read = stream.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    throw new EOFException();
                }
                limit += read;
            }
        }

        byte readByte() throws IOException {
            need(1);
            return buffer[position++];
        }

        int readInt() throws IOException {
            need(4);
            int value = (int) INT.get(buffer, position);
            position += 4;
            return value;
        }

        long readLong() throws IOException {
            need(8);
            long value = (long) LONG.get(buffer, position);
            position += 8;
            return value;
        }

        String text(int size) throws IOException {
            if (size < 0) {
                throw new IOException("a text of " + size + " bytes");
            }
            need(size);
            String text = new String(buffer, position, size, StandardCharsets.UTF_8);
            position += size;
            return text;
        }

        void close() throws IOException {
            stream.close();
        }
    }

    /** A text that repeats (a duty's key or wording, a citation) is written once and then named by number. */
    private static final class Out extends Bytes.Out {
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<Citation, Integer> citations = new HashMap<>();

        Out() {
            super(FLUSH_AT + 1024);
        }

        /** The text, or "the same" when it equals {@code last}; returns the text. */
        String textOrSame(String text, String last) {
            if (text != null && (text == last || text.equals(last))) {
                writeInt(SAME);
            } else {
                text(text);
            }
            return text;
        }

        void repeated(String text) {
            Integer number = text == null ? null : seen.get(text);
            if (number != null) {
                writeInt(number);
                return;
            }
            boolean remember = text != null && seen.size() < REMEMBERED;
            writeInt(remember ? NEW_REMEMBERED : NEW_NOT_REMEMBERED); // new: the text follows
            text(text);
            if (remember) {
                seen.put(text, seen.size());
            }
        }

        void citation(Citation citation) {
            if (citation == null) {
                writeInt(NONE);
                return;
            }
            Integer number = citations.get(citation);
            if (number != null) {
                writeInt(number);
                return;
            }
            boolean remember = citations.size() < REMEMBERED;
            writeInt(remember ? NEW_REMEMBERED : NEW_NOT_REMEMBERED);
            if (remember) {
                citations.put(citation, citations.size());
            }
            repeated(citation.instrument());
            repeated(citation.clause());
            repeated(citation.version());
            repeated(citation.ruleId());
        }
    }
}
