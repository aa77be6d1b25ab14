package org.niyam.compliance.engine.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * A report written to a work file and read back, exactly: a compact binary form in which every text is written
 * once and then named by number, since most of a report's texts (duties, clauses, citations) repeat. Several times
 * faster than JSON, for the part of an audit that must wait before it can deliver. Not API; not a storage format.
 */
public final class ReportFile {

    private static final int MAGIC = 0x4E524631; // "NRF1"
    private static final Status[] STATUSES = Status.values();

    private ReportFile() {
    }

    public static void write(Path file, Report report) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            Writer writer = new Writer(out);
            out.writeInt(MAGIC);
            writer.instant(report.asOf());
            out.writeInt(report.obligations().size());
            for (Obligation o : report.obligations()) {
                writer.text(o.id());
                writer.text(o.duty());
                writer.text(o.what());
                writer.text(o.caseId());
                writer.instant(o.triggeredAt());
                writer.instant(o.dueAt());
                out.writeByte(o.status().ordinal());
                writer.citation(o.citation());
                writer.text(o.triggerEventId());
                writer.text(o.dischargeEventId());
                writer.instant(o.dischargedAt());
                writer.text(o.explanation());
            }
            out.writeInt(report.findings().size());
            for (Finding f : report.findings()) {
                writer.text(f.code());
                writer.text(f.caseId());
                writer.text(f.message());
                out.writeInt(f.evidence().size());
                for (String id : f.evidence()) {
                    writer.text(id);
                }
                writer.citation(f.citation());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Report read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Reader reader = new Reader(in);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a report file");
            }
            OffsetDateTime asOf = reader.instant();
            int obligationCount = in.readInt();
            List<Obligation> obligations = new ArrayList<>(obligationCount);
            for (int i = 0; i < obligationCount; i++) {
                obligations.add(new Obligation(reader.text(), reader.text(), reader.text(), reader.text(),
                        reader.instant(), reader.instant(), STATUSES[in.readByte()], reader.citation(), reader.text(),
                        reader.text(), reader.instant(), reader.text()));
            }
            int findingCount = in.readInt();
            List<Finding> findings = new ArrayList<>(findingCount);
            for (int i = 0; i < findingCount; i++) {
                String code = reader.text();
                String caseId = reader.text();
                String message = reader.text();
                int evidenceCount = in.readInt();
                List<String> evidence = new ArrayList<>(evidenceCount);
                for (int j = 0; j < evidenceCount; j++) {
                    evidence.add(reader.text());
                }
                findings.add(new Finding(code, caseId, message, evidence, reader.citation()));
            }
            return new Report(asOf, obligations, findings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Texts as numbers into a table built as they first appear; -1 for null. */
    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<Citation, Integer> citations = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void text(String text) throws IOException {
            if (text == null) {
                out.writeInt(-1);
                return;
            }
            Integer number = seen.get(text);
            if (number != null) {
                out.writeInt(number);
                return;
            }
            out.writeInt(seen.size() | 0x4000_0000); // new: the text follows
            seen.put(text, seen.size());
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        void citation(Citation citation) throws IOException {
            if (citation == null) {
                out.writeInt(-1);
                return;
            }
            Integer number = citations.get(citation);
            if (number != null) {
                out.writeInt(number);
                return;
            }
            out.writeInt(citations.size() | 0x4000_0000);
            citations.put(citation, citations.size());
            text(citation.instrument());
            text(citation.clause());
            text(citation.version());
            text(citation.ruleId());
        }

        void instant(OffsetDateTime at) throws IOException {
            if (at == null) {
                out.writeByte(0);
                return;
            }
            out.writeByte(1);
            out.writeLong(at.toEpochSecond());
            out.writeInt(at.getNano());
            out.writeInt(at.getOffset().getTotalSeconds());
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<String> texts = new ArrayList<>();
        private final List<Citation> citations = new ArrayList<>();
        private final Map<Integer, ZoneOffset> offsets = new HashMap<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        String text() throws IOException {
            int number = in.readInt();
            if (number == -1) {
                return null;
            }
            if ((number & 0x4000_0000) == 0) {
                return texts.get(number);
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            texts.add(text);
            return text;
        }

        Citation citation() throws IOException {
            int number = in.readInt();
            if (number == -1) {
                return null;
            }
            if ((number & 0x4000_0000) == 0) {
                return citations.get(number);
            }
            Citation citation = new Citation(text(), text(), text(), text());
            citations.add(citation);
            return citation;
        }

        OffsetDateTime instant() throws IOException {
            if (in.readByte() == 0) {
                return null;
            }
            long seconds = in.readLong();
            int nanos = in.readInt();
            ZoneOffset offset = offsets.computeIfAbsent(in.readInt(), ZoneOffset::ofTotalSeconds);
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
        }
    }
}
