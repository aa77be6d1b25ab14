package org.niyam.compliance.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
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
 * for the part of an audit that must wait before it can deliver. Not API; not a storage format.
 */
public final class ReportFile {

    private static final int MAGIC = 0x4E524631; // "NRF1"
    private static final Status[] STATUSES = Status.values();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ReportFile() {
    }

    public static void write(Path file, Report report) {
        Out out = new Out();
        out.writeInt(MAGIC);
        out.instant(report.asOf());
        out.writeInt(report.obligations().size());
        for (Obligation o : report.obligations()) {
            out.text(o.id());
            out.repeated(o.duty());
            out.repeated(o.what());
            out.text(o.caseId());
            out.instant(o.triggeredAt());
            out.instant(o.dueAt());
            out.writeByte(o.status().ordinal());
            out.citation(o.citation());
            out.text(o.triggerEventId());
            out.text(o.dischargeEventId());
            out.instant(o.dischargedAt());
            out.text(o.explanation());
        }
        out.writeInt(report.findings().size());
        for (Finding f : report.findings()) {
            out.repeated(f.code());
            out.text(f.caseId());
            out.text(f.message());
            out.writeInt(f.evidence().size());
            for (String id : f.evidence()) {
                out.text(id);
            }
            out.citation(f.citation());
        }
        try {
            Files.write(file, out.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Report read(Path file) {
        In in;
        try {
            in = new In(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (in.readInt() != MAGIC) {
            throw new UncheckedIOException(new IOException("not a report file: " + file));
        }
        OffsetDateTime asOf = in.instant();
        int obligationCount = in.readInt();
        List<Obligation> obligations = new ArrayList<>(obligationCount);
        for (int i = 0; i < obligationCount; i++) {
            obligations.add(new Obligation(in.text(), in.repeated(), in.repeated(), in.text(), in.instant(),
                    in.instant(), STATUSES[in.readByte()], in.citation(), in.text(), in.text(), in.instant(),
                    in.text()));
        }
        int findingCount = in.readInt();
        List<Finding> findings = new ArrayList<>(findingCount);
        for (int i = 0; i < findingCount; i++) {
            String code = in.repeated();
            String caseId = in.text();
            String message = in.text();
            int evidenceCount = in.readInt();
            List<String> evidence = new ArrayList<>(evidenceCount);
            for (int j = 0; j < evidenceCount; j++) {
                evidence.add(in.text());
            }
            findings.add(new Finding(code, caseId, message, evidence, in.citation()));
        }
        return new Report(asOf, obligations, findings);
    }

    /**
     * Bytes in a growing array. A text is its length and UTF-8 bytes (-1 for null); a text that repeats (a duty's
     * key or wording, a citation) is written once and then named by number.
     */
    private static final class Out {
        private byte[] buffer = new byte[1 << 16];
        private int length;
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<Citation, Integer> citations = new HashMap<>();

        private void room(int bytes) {
            if (length + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
            }
        }

        void writeByte(int value) {
            room(1);
            buffer[length++] = (byte) value;
        }

        void writeInt(int value) {
            room(4);
            INT.set(buffer, length, value);
            length += 4;
        }

        void writeLong(long value) {
            room(8);
            LONG.set(buffer, length, value);
            length += 8;
        }

        void text(String text) {
            if (text == null) {
                writeInt(-1);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            writeInt(bytes.length);
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        void repeated(String text) {
            Integer number = text == null ? null : seen.get(text);
            if (number != null) {
                writeInt(number);
                return;
            }
            writeInt(-2); // new: the text follows
            text(text);
            if (text != null) {
                seen.put(text, seen.size());
            }
        }

        void citation(Citation citation) {
            if (citation == null) {
                writeInt(-1);
                return;
            }
            Integer number = citations.get(citation);
            if (number != null) {
                writeInt(number);
                return;
            }
            writeInt(-2);
            citations.put(citation, citations.size());
            repeated(citation.instrument());
            repeated(citation.clause());
            repeated(citation.version());
            repeated(citation.ruleId());
        }

        void instant(OffsetDateTime at) {
            if (at == null) {
                writeByte(0);
                return;
            }
            writeByte(1);
            writeLong(at.toEpochSecond());
            writeInt(at.getNano());
            writeInt(at.getOffset().getTotalSeconds());
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int position;
        private final List<String> texts = new ArrayList<>();
        private final List<Citation> citations = new ArrayList<>();
        private final Map<Integer, ZoneOffset> offsets = new HashMap<>();

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        byte readByte() {
            return bytes[position++];
        }

        int readInt() {
            int value = (int) INT.get(bytes, position);
            position += 4;
            return value;
        }

        long readLong() {
            long value = (long) LONG.get(bytes, position);
            position += 8;
            return value;
        }

        String text() {
            int size = readInt();
            if (size == -1) {
                return null;
            }
            String text = new String(bytes, position, size, StandardCharsets.UTF_8);
            position += size;
            return text;
        }

        String repeated() {
            int number = readInt();
            if (number != -2) {
                return texts.get(number);
            }
            String text = text();
            if (text != null) {
                texts.add(text);
            }
            return text;
        }

        Citation citation() {
            int number = readInt();
            if (number == -1) {
                return null;
            }
            if (number != -2) {
                return citations.get(number);
            }
            Citation citation = new Citation(repeated(), repeated(), repeated(), repeated());
            citations.add(citation);
            return citation;
        }

        OffsetDateTime instant() {
            if (readByte() == 0) {
                return null;
            }
            long seconds = readLong();
            int nanos = readInt();
            ZoneOffset offset = offsets.computeIfAbsent(readInt(), ZoneOffset::ofTotalSeconds);
            // Not ofInstant, which asks the offset for its rules and so builds them anew every time.
            return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, nanos, offset), offset);
        }
    }
}
