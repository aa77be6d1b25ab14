package org.niyam.compliance.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.report.HtmlReport;
import org.niyam.compliance.report.TextReport;

/**
 * The reports of {@code niyam audit}, written as the audit delivers its results, each holding only counts and a
 * bounded part of the results in memory:
 * <ul>
 *   <li><b>text</b>: each listed obligation's block goes to a temporary file of its status as it arrives; at the end
 *       the header and summary are written, then the files in order of urgency;</li>
 *   <li><b>json</b>: one document ({@code niyam-audit}, version 1), its obligations written as they arrive, the
 *       findings kept in a temporary file until the obligations are done, the summary last;</li>
 *   <li><b>jsonl</b>: JSON Lines ({@code niyam-audit-lines}): a header line, then a line for each rejected entry,
 *       obligation and finding as it arrives, then a summary line;</li>
 *   <li><b>html</b>: a page built from an {@link HtmlReport.Tally}: every count, and at most {@value #HTML_CAP}
 *       obligations and findings under each clause.</li>
 * </ul>
 */
final class StreamedReports {

    /** Obligations, and findings, the HTML page lists under each clause at most. */
    static final int HTML_CAP = 100;
    /** Rejected entries the HTML page lists at most; the others are counted. */
    static final int HTML_REJECTED_CAP = 200;

    private StreamedReports() {
    }

    /** What is known before the audit starts. */
    record Start(List<String> sources, ComplianceEngine engine, Platform platform, boolean all) {
    }

    /** What is known when the audit ends. */
    record End(OffsetDateTime asOf, String asOfFrom, OffsetDateTime since, OffsetDateTime periodStart,
               String periodFrom, CaseLogs.Input input,
               Map<Status, Long> byStatus, long findings, long needsAttention, int exitCode) {

        long obligations() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** "12 obligations: 1 BREACHED, 11 MET; 0 findings". */
        String statusCounts() {
            long n = obligations();
            return n + (n == 1 ? " obligation" : " obligations") + (n == 0 ? "" : ": " + counts(byStatus)) + "; "
                    + findings + (findings == 1 ? " finding" : " findings");
        }
    }

    /** "1 BREACHED, 2 OPEN", most urgent first, leaving out statuses with none. */
    static String counts(Map<Status, Long> counts) {
        return AuditCommand.ORDER.stream().filter(s -> counts.getOrDefault(s, 0L) > 0)
                .map(s -> counts.get(s) + " " + s.label()).collect(Collectors.joining(", "));
    }

    /** One report being written. */
    interface ReportWriter {

        void rejected(CaseLogs.Rejected rejected, InputException error);

        void obligation(Obligation obligation);

        void finding(Finding finding);

        /** Writes what is left and closes the output. */
        void end(End end);

        /** Deletes temporary files after a failure. */
        default void abandon() {
        }
    }

    static ReportWriter of(String format, Start start, OutputStream out) {
        return switch (format) {
            case "json" -> new Json(start, out);
            case "jsonl" -> new JsonLines(start, out);
            case "html" -> new Html(start, out);
            default -> new Text(start, out);
        };
    }

    private static Path temporary(String kind) {
        try {
            Path file = Files.createTempFile("niyam-report-", "-" + kind);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleted on exit
        }
    }

    /**
     * JSON values written to a temporary file as they come and copied into the report byte for byte at its end: a log
     * may have millions of findings or rejected entries, which the heap need not hold (10^6 findings, or 10^6 rejected
     * lines, held in memory ran out of {@code -Xmx512m}).
     */
    private static final class Spool {
        private final String kind;
        private final String separator;
        private Path file;
        private BufferedWriter writer;

        /**
         * @param kind      the temporary file's name ends so
         * @param separator written between two values
         */
        Spool(String kind, String separator) {
            this.kind = kind;
            this.separator = separator;
        }

        void add(String value) {
            try {
                if (writer == null) {
                    file = temporary(kind);
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                } else {
                    writer.write(separator);
                }
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a temporary file: " + e.getMessage(), e);
            }
        }

        /**
         * Copies the values to {@code out}, where {@code g} stands at a value's place (its empty raw value puts the
         * generator there; flushing it keeps the bytes in order), then deletes the file.
         */
        void copyInto(JsonGenerator g, OutputStream out) throws IOException {
            if (writer != null) {
                writer.close();
                g.writeRawValue("");
                g.flush();
                Files.copy(file, out);
                delete();
            }
        }

        void delete() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    // deleted below
                }
                deleteQuietly(file);
                writer = null;
            }
        }
    }

    private static ObjectWriter jsonWriter() {
        return ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .without(SerializationFeature.CLOSE_CLOSEABLE);
    }

    private static final SerializedString OBLIGATION = new SerializedString("obligation");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString DUTY = new SerializedString("duty");
    private static final SerializedString WHAT = new SerializedString("what");
    private static final SerializedString CASE_ID = new SerializedString("caseId");
    private static final SerializedString TRIGGERED_AT = new SerializedString("triggeredAt");
    private static final SerializedString DUE_AT = new SerializedString("dueAt");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString CITATION = new SerializedString("citation");
    private static final SerializedString INSTRUMENT = new SerializedString("instrument");
    private static final SerializedString CLAUSE = new SerializedString("clause");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString RULE_ID = new SerializedString("ruleId");
    private static final SerializedString TRIGGER_EVENT_ID = new SerializedString("triggerEventId");
    private static final SerializedString DISCHARGE_EVENT_ID = new SerializedString("dischargeEventId");
    private static final SerializedString DISCHARGED_AT = new SerializedString("dischargedAt");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");
    private static final SerializedString LATENESS = new SerializedString("lateness");

    /**
     * Writes an obligation exactly as {@link ComplianceJson#mapper()} writes it (the same fields in the same order,
     * absent ones left out, instants in ISO-8601 with their offset, the lateness as an ISO-8601 duration), through
     * the generator's own calls rather than the mapper's per-object serializer lookups and reflection: the reports'
     * obligations are most of a large audit's output. {@code StreamedReportsTest} holds it to the mapper's text.
     */
    static void writeObligation(JsonGenerator g, Obligation o) throws IOException {
        g.writeStartObject();
        text(g, ID, o.id());
        text(g, DUTY, o.duty());
        text(g, WHAT, o.what());
        text(g, CASE_ID, o.caseId());
        instant(g, TRIGGERED_AT, o.triggeredAt());
        instant(g, DUE_AT, o.dueAt());
        text(g, STATUS, o.status().name());
        Citation citation = o.citation();
        g.writeFieldName(CITATION);
        g.writeStartObject();
        text(g, INSTRUMENT, citation.instrument());
        text(g, CLAUSE, citation.clause());
        text(g, VERSION, citation.version());
        text(g, RULE_ID, citation.ruleId());
        g.writeEndObject();
        text(g, TRIGGER_EVENT_ID, o.triggerEventId());
        text(g, DISCHARGE_EVENT_ID, o.dischargeEventId());
        instant(g, DISCHARGED_AT, o.dischargedAt());
        text(g, EXPLANATION, o.explanation());
        Duration lateness = o.lateness();
        if (lateness != null) {
            text(g, LATENESS, lateness.toString());
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, SerializedString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void instant(JsonGenerator g, SerializedString name, OffsetDateTime value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(isoOffsetDateTime(value));
        }
    }

    /**
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant)}, as the mapper writes instants, without the
     * formatter's general machinery: seconds always, the fraction only as long as it needs, the offset's id
     * ({@code Z}, {@code +05:30}). Years outside 0 to 9999 go to the formatter.
     */
    static String isoOffsetDateTime(OffsetDateTime instant) {
        int year = instant.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant);
        }
        char[] text = new char[38]; // 19 + a fraction of 10 + an offset of 9 ("+05:30:15")
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, instant.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, instant.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, instant.getHour(), 2);
        text[13] = ':';
        digits(text, 14, instant.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, instant.getSecond(), 2);
        int length = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            text[length++] = '.';
            int digitsNeeded = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digitsNeeded--;
            }
            digits(text, length, nano, digitsNeeded);
            length += digitsNeeded;
        }
        String offset = instant.getOffset().getId();
        offset.getChars(0, offset.length(), text, length);
        return new String(text, 0, length + offset.length());
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static List<AuditCommand.AuditJson.Pack> packs(ComplianceEngine engine) {
        return engine.rulePacks().stream().map(p -> new AuditCommand.AuditJson.Pack(p.id(), p.instrument(), p.origin()))
                .toList();
    }

    private static Map<String, Long> byStatusNames(Map<Status, Long> byStatus) {
        Map<String, Long> names = new LinkedHashMap<>();
        AuditCommand.ORDER.forEach(s -> names.put(s.name(), byStatus.getOrDefault(s, 0L)));
        return names;
    }

    // ---- text ----

    /** The text report: the same layout as a report held whole, its obligations spooled by status meanwhile. */
    static final class Text implements ReportWriter {

        private final Start start;
        private final OutputStream out;
        private final List<Status> listed = new ArrayList<>(AuditCommand.LISTED);
        private final Map<Status, Path> files = new EnumMap<>(Status.class);
        private final Map<Status, BufferedWriter> spools = new EnumMap<>(Status.class);
        private final Map<Status, Long> notListed = new EnumMap<>(Status.class);
        private Path findingsFile;
        private BufferedWriter findings;
        private long rejected;

        Text(Start start, OutputStream out) {
            this.start = start;
            this.out = out;
            if (start.all()) {
                listed.addAll(List.of(Status.MET, Status.NOT_APPLICABLE));
            }
        }

        @Override
        public void rejected(CaseLogs.Rejected entry, InputException error) {
            rejected++;
        }

        @Override
        public void obligation(Obligation o) {
            if (!listed.contains(o.status())) {
                notListed.merge(o.status(), 1L, Long::sum);
                return;
            }
            write(spools.computeIfAbsent(o.status(), this::open), block(new Report(o.triggeredAt(), List.of(o), List.of())));
        }

        @Override
        public void finding(Finding f) {
            if (findings == null) {
                findingsFile = temporary("findings.txt");
                findings = writer(findingsFile);
            }
            write(findings, block(new Report(OffsetDateTime.MIN, List.of(), List.of(f))));
        }

        private BufferedWriter open(Status status) {
            Path file = temporary(status.name().toLowerCase(Locale.ROOT) + ".txt");
            files.put(status, file);
            return writer(file);
        }

        private static BufferedWriter writer(Path file) {
            try {
                return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        private static void write(BufferedWriter writer, String text) {
            try {
                writer.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a temporary file: " + e.getMessage(), e);
            }
        }

        /** The blocks of {@link TextReport} without its first line, which counts. */
        private static String block(Report report) {
            String text = TextReport.render(report);
            return text.substring(text.indexOf('\n') + 1);
        }

        @Override
        public void end(End end) {
            try (Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                for (BufferedWriter spool : spools.values()) {
                    spool.close();
                }
                if (findings != null) {
                    findings.close();
                }
                text.write("Niyam audit of " + (start.sources().size() == 1 ? "" : start.sources().size()
                        + " case logs: ") + String.join(", ", start.sources()) + "\n");
                header("platform", AuditCommand.platform(start.platform()), text);
                List<String> packs = RuleOptions.describe(start.engine());
                for (int i = 0; i < packs.size(); i++) {
                    header(i == 0 ? "rules" : "", packs.get(i), text);
                }
                header("input", CaseLogs.summary(end.input()), text);
                header("period", "from " + end.periodStart() + " (" + end.periodFrom() + ")", text);
                header("as of", end.asOf() + " (" + (end.asOfFrom().equals("option") ? "given with --as-of"
                        : "the latest event in the logs") + ")", text);
                text.write("\nSummary: " + end.statusCounts() + "\n");
                if (end.needsAttention() == 0) {
                    text.write("Nothing breached, at risk, met late or indeterminate, and no findings.\n");
                }
                if (rejected > RejectedEntries.LISTED) {
                    text.write("Rejected: " + rejected + " entries, left out; the first " + RejectedEntries.LISTED
                            + " are listed on standard error, every one with --format jsonl (or --format json).\n");
                } else if (rejected > 0) {
                    text.write("Rejected: " + rejected + (rejected == 1
                            ? " entry, listed on standard error and left out.\n"
                            : " entries, listed on standard error and left out.\n"));
                }
                for (Status status : listed) {
                    Path file = files.get(status);
                    if (file != null) {
                        copy(file, text);
                    }
                }
                if (findingsFile != null) {
                    copy(findingsFile, text);
                }
                if (!notListed.isEmpty()) {
                    text.write("\nNot listed: " + counts(notListed) + " (--all lists them).\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            } finally {
                abandon();
            }
        }

        private static void copy(Path file, Writer text) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                in.transferTo(text);
            }
        }

        private static void header(String label, String value, Writer text) throws IOException {
            text.write(String.format(Locale.ROOT, "  %-9s %s%n", label, org.niyam.compliance.report.TextReport.printable(value)));
        }

        @Override
        public void abandon() {
            for (BufferedWriter spool : spools.values()) {
                try {
                    spool.close();
                } catch (IOException e) {
                    // deleted below
                }
            }
            files.values().forEach(StreamedReports::deleteQuietly);
            if (findingsFile != null) {
                try {
                    findings.close();
                } catch (IOException e) {
                    // deleted below
                }
                deleteQuietly(findingsFile);
            }
        }
    }

    // ---- one JSON document ----

    /**
     * {@code niyam-audit} version 1, as a report held whole wrote it: the same fields, in another order (the
     * report's obligations come before the summary, which is known only at the end).
     */
    static final class Json implements ReportWriter {

        private final Start start;
        private final OutputStream out;
        private final ObjectWriter json = jsonWriter();
        private final Spool rejected = new Spool("rejected.json", ",");
        private final Spool findings = new Spool("findings.json", ",");
        private JsonGenerator generator;

        Json(Start start, OutputStream out) {
            this.start = start;
            this.out = out;
        }

        private JsonGenerator generator() {
            if (generator == null) {
                try {
                    generator = ComplianceJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
                    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    generator.useDefaultPrettyPrinter();
                    generator.writeStartObject();
                    generator.writeStringField("format", AuditCommand.AuditJson.FORMAT);
                    generator.writeNumberField("formatVersion", AuditCommand.AuditJson.VERSION);
                    generator.writeFieldName("sources");
                    json.writeValue(generator, start.sources());
                    generator.writeFieldName("rulePacks");
                    json.writeValue(generator, packs(start.engine()));
                    if (start.platform() != null) {
                        generator.writeFieldName("platform");
                        json.writeValue(generator, start.platform());
                    }
                    generator.writeFieldName("report");
                    generator.writeStartObject();
                    generator.writeArrayFieldStart("obligations");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
                }
            }
            return generator;
        }

        @Override
        public void rejected(CaseLogs.Rejected entry, InputException error) {
            rejected.add(string(entry));
        }

        private String string(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }

        @Override
        public void obligation(Obligation o) {
            try {
                writeObligation(generator(), o);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }

        @Override
        public void finding(Finding f) {
            findings.add(string(f));
        }

        @Override
        public void end(End end) {
            try {
                JsonGenerator g = generator();
                g.writeEndArray();
                g.writeArrayFieldStart("findings");
                findings.copyInto(g, out);
                g.writeEndArray();
                g.writeFieldName("asOf");
                json.writeValue(g, end.asOf());
                g.writeEndObject();
                g.writeArrayFieldStart("rejected");
                rejected.copyInto(g, out);
                g.writeEndArray();
                g.writeFieldName("input");
                json.writeValue(g, end.input());
                g.writeFieldName("asOf");
                json.writeValue(g, end.asOf());
                g.writeStringField("asOfFrom", end.asOfFrom());
                if (end.since() != null) {
                    g.writeFieldName("since");
                    json.writeValue(g, end.since());
                }
                g.writeFieldName("summary");
                json.writeValue(g, new AuditCommand.AuditJson.Summary(end.obligations(), byStatusNames(end.byStatus()),
                        end.findings(), end.needsAttention(), end.exitCode()));
                g.writeEndObject();
                g.writeRaw('\n');
                g.close();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            } finally {
                abandon();
            }
        }

        @Override
        public void abandon() {
            findings.delete();
            rejected.delete();
        }
    }

    // ---- JSON Lines ----

    /** {@code niyam-audit-lines} version 1: each line one object with one field naming what it holds. */
    static final class JsonLines implements ReportWriter {

        static final String FORMAT = "niyam-audit-lines";
        static final int VERSION = 1;

        /** The first line's content. */
        record Header(String format, int formatVersion, List<String> sources, List<AuditCommand.AuditJson.Pack> rulePacks,
                      Platform platform) {
        }

        /** The last line's content. */
        record Summary(OffsetDateTime asOf, String asOfFrom, OffsetDateTime since, CaseLogs.Input input,
                       long obligations, Map<String, Long> byStatus, long findings, long needsAttention,
                       int exitCode) {
        }

        private final Start start;
        private final OutputStream out;
        private final ObjectWriter json = jsonWriter();
        /** Rejected entries' lines that come before the header, which waits until the audit has something to say. */
        private final Spool early = new Spool("rejected.jsonl", "");
        private JsonGenerator generator;

        JsonLines(Start start, OutputStream out) {
            this.start = start;
            this.out = out;
        }

        private JsonGenerator generator() throws IOException {
            if (generator == null) {
                generator = ComplianceJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                generator.setRootValueSeparator(null);
                line("audit", new Header(FORMAT, VERSION, start.sources(), packs(start.engine()), start.platform()));
                early.copyInto(generator, out);
            }
            return generator;
        }

        private void line(String field, Object value) throws IOException {
            JsonGenerator g = generator();
            g.writeStartObject();
            g.writeFieldName(field);
            json.writeValue(g, value);
            g.writeEndObject();
            g.writeRaw('\n');
        }

        @Override
        public void rejected(CaseLogs.Rejected entry, InputException error) {
            if (generator == null) {
                try {
                    early.add("{\"rejected\":" + json.writeValueAsString(entry) + "}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
                }
            } else {
                write("rejected", entry);
            }
        }

        @Override
        public void obligation(Obligation o) {
            try {
                JsonGenerator g = generator();
                g.writeStartObject();
                g.writeFieldName(OBLIGATION);
                writeObligation(g, o);
                g.writeEndObject();
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }

        @Override
        public void finding(Finding f) {
            write("finding", f);
        }

        private void write(String field, Object value) {
            try {
                line(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }

        @Override
        public void end(End end) {
            write("summary", new Summary(end.asOf(), end.asOfFrom(), end.since(), end.input(), end.obligations(),
                    byStatusNames(end.byStatus()), end.findings(), end.needsAttention(), end.exitCode()));
            try {
                generator.close();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }

        @Override
        public void abandon() {
            early.delete();
        }
    }

    // ---- HTML ----

    /** A page of counts and capped lists, never every obligation: a browser opens it at once whatever the log. */
    static final class Html implements ReportWriter {

        private final Start start;
        private final OutputStream out;
        private final HtmlReport.Tally tally;
        private final List<InputException> rejected = new ArrayList<>();
        private long rejectedCount;

        Html(Start start, OutputStream out) {
            this.start = start;
            this.out = out;
            this.tally = new HtmlReport.Tally(HTML_CAP, start.all());
        }

        @Override
        public void rejected(CaseLogs.Rejected entry, InputException error) {
            if (rejected.size() < HTML_REJECTED_CAP) {
                rejected.add(error);
            }
            rejectedCount++;
        }

        @Override
        public void obligation(Obligation o) {
            tally.obligation(o);
        }

        @Override
        public void finding(Finding f) {
            tally.finding(f);
        }

        @Override
        public void end(End end) {
            Platform platform = start.platform();
            String sources = String.join(" ", start.sources());
            HtmlReport.Builder html = HtmlReport.builder()
                    .title(platform == null ? "Compliance report" : "Compliance report: " + platform.name())
                    .tally(tally, end.asOf(), "niyam audit " + sources + " --format jsonl (or --format json)")
                    .listAll(start.all())
                    .detail("As of", end.asOf() + " (" + (end.asOfFrom().equals("option") ? "given with --as-of"
                            : "the latest event in the logs") + ")");
            html.detail("Period", "from " + end.periodStart() + " (" + end.periodFrom() + ")");
            html.detail("Sources", String.join(", ", start.sources()))
                    .detail("Platform", AuditCommand.platform(platform))
                    .detail("Rules", String.join("; ", RuleOptions.describe(start.engine())))
                    .detail("Input", CaseLogs.summary(end.input()))
                    .detail("Summary", end.statusCounts());
            if (rejectedCount > rejected.size()) {
                html.detail("Rejected", rejectedCount + " entries; the first " + rejected.size() + " are listed below, "
                        + "and every one by niyam audit " + sources + " --format jsonl (or --format json)");
            }
            html.rejected(rejected);
            try (Writer page = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                html.render(page);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
            }
        }
    }
}
