package org.niyam.compliance.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
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
 * for the part of an audit that must wait before it can deliver. Not API; not a storage format.
 */
public final class ReportFile {

    private static final int MAGIC = 0x4E524631; // "NRF1"
    private static final Status[] STATUSES = Status.values();

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

    /** A text that repeats (a duty's key or wording, a citation) is written once and then named by number. */
    private static final class Out extends Bytes.Out {
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<Citation, Integer> citations = new HashMap<>();

        Out() {
            super(1 << 16);
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
    }

    private static final class In extends Bytes.In {
        private final List<String> texts = new ArrayList<>();
        private final List<Citation> citations = new ArrayList<>();

        In(byte[] bytes) {
            super(bytes);
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
    }
}
