package org.niyam.compliance.cli;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/** {@code niyam audit}: evaluates case logs and reports what needs attention. */
public final class AuditCommand implements Command {

    /** What makes the exit code 1, besides findings. */
    static final Set<Status> NEEDS_ATTENTION = Set.of(Status.BREACHED, Status.AT_RISK, Status.MET_LATE,
            Status.INDETERMINATE);

    /** What the text and HTML reports list by default, in this order. */
    static final List<Status> LISTED = Status.MOST_URGENT_FIRST.stream().filter(s -> !s.settled()).toList();

    /** Every status, most urgent first. */
    static final List<Status> ORDER = Status.MOST_URGENT_FIRST;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "Audit case logs: which obligations arose, when each was due, whether it was met.";
    }

    @Override
    public String synopsis() {
        return "niyam audit FILE... [options]";
    }

    @Override
    public String description() {
        return """
                Evaluates one or more case logs (JSON Lines, or a JSON array of entries; see docs/json.md)
                as one, and prints a summary, then every obligation that is breached, at risk,
                indeterminate, met late or open, and every finding, each with its citation, due and
                actual instants.
                """;
    }

    @Override
    public List<CommandOption> options() {
        List<CommandOption> options = new ArrayList<>(List.of(
                CommandOption.value("--as-of", "INSTANT", "Evaluate as of this instant, e.g. 2026-03-01T00:00:00+05:30 "
                        + "(ISO-8601 with its offset). Default: the latest event instant in the logs, so the same logs "
                        + "always give the same report."),
                CommandOption.value("--since", "INSTANT", "The start of the period the logs cover; recurring duties "
                        + "(monthly reports) are assessed from then on. Default: the earliest event."),
                CommandOption.flag("--all", "Also list obligations met or not applicable (text and HTML; JSON always "
                        + "holds every obligation).")));
        options.addAll(Output.AUDIT_OPTIONS);
        options.addAll(CaseLogs.OPTIONS);
        options.addAll(RuleOptions.OPTIONS);
        return options;
    }

    @Override
    public String footer() {
        return """
                Exit codes:
                  0  nothing breached, at risk, met late or indeterminate, and no findings
                     (open obligations are not yet due: they do not count against)
                  1  something needs attention
                  2  bad input (including lines rejected in lenient mode: the report is still written),
                     broken rules, or a usage error

                Examples:
                  niyam audit examples/logs/amendment-2026.jsonl
                  niyam audit cases-*.jsonl --as-of 2026-03-01T00:00:00+05:30 --format html --out report.html
                  niyam audit cases.jsonl --rules my-policies/ --format json
                """;
    }

    @Override
    public int run(Args args, Io io) {
        List<Path> files = CaseLogs.files(args.positionals(), io);
        String format = Output.auditFormat(args);
        OffsetDateTime givenAsOf = args.flag("--as-of") ? CaseLogs.instant("--as-of", args.value("--as-of", null)) : null;
        OffsetDateTime since = args.flag("--since") ? CaseLogs.instant("--since", args.value("--since", null)) : null;
        if (since != null && givenAsOf != null && since.isAfter(givenAsOf)) {
            throw new UsageException("--since " + since + " is after --as-of " + givenAsOf
                    + ": the period audited would be empty; give a start before the instant judged");
        }
        boolean strict = args.flag("--strict");
        ComplianceEngine engine = RuleOptions.engine(args, io);
        Progress progress = Progress.of(io);
        LazyOutput out = new LazyOutput(args, io);
        Results results = new Results(io, progress);
        String asOfFrom = givenAsOf != null ? "option" : "latest-event";
        StreamedReports.End end;
        // The streaming audit: bounded memory whatever the logs' size.
        PlatformScan scan = PlatformScan.of(files, engine.eventTypes());
        results.writer = StreamedReports.of(format,
                new StreamedReports.Start(args.positionals(), engine, scan.platform(), args.flag("--all")), out);
        CaseLogAudit.Builder audit = CaseLogAudit.builder(engine);
        if (strict) {
            audit.strict();
        }
        if (givenAsOf != null) {
            audit.asOf(givenAsOf);
        }
        if (since != null) {
            audit.since(since);
        }
        if (progress.on()) {
            audit.listener(progress);
        }
        CaseLogAudit.Summary summary;
        progress.auditing(files);
        try (ReadPosition watch = ReadPosition.watch(files, progress)) {
            summary = audit.build().run(files, results);
        } catch (InputException e) {
            results.writer.abandon();
            if (e.line() == 0 && e.problem().startsWith("no event to judge")) {
                throw new UsageException("the logs hold no event to take the \"as of\" instant from: give --as-of "
                        + "INSTANT");
            }
            int cut = e.problem().indexOf(": the period");
            if (e.line() == 0 && e.field().equals("since") && cut > 0) {
                // As a --since after an --as-of given: the default --as-of is the latest event, named with its instant.
                String after = e.problem().substring(0, cut);
                throw new UsageException("--" + after + ", the default --as-of: the period audited would be empty; "
                        + "give a start before it, or --as-of INSTANT");
            }
            throw e;
        } catch (RuntimeException e) {
            results.writer.abandon();
            throw e;
        }
        CaseLogs.Input input = new CaseLogs.Input(summary.entries(), scan.platform() == null ? 0 : 1,
                scan.appointments(), summary.events(), summary.duplicates(), summary.replaced(), summary.rejected());
        end = results.end(summary.asOf(), asOfFrom, summary, input);
        progress.audited(summary.entries(), results.byStatus, results.findings);
        results.writer.end(end);
        long rejected = results.rejected.count();
        if (rejected > 0) {
            results.rejected.end(format.equals("json") || format.equals("jsonl") ? "the report lists every one"
                    : "the same command with --format jsonl (or --format json) lists every one");
            io.err().println("niyam audit: " + rejected + (rejected == 1 ? " entry" : " entries")
                    + " rejected (" + results.rejected.listedAbove() + ") and left out of the report; fix them, or "
                    + "run with --strict to stop at the first");
        }
        return end.exitCode();
    }

    /** Receives the audit's results: counts them, lists rejected entries on standard error, feeds the report. */
    private static final class Results implements CaseLogAudit.Sink {

        private final Progress progress;
        final Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        long findings;
        final RejectedEntries rejected;
        StreamedReports.ReportWriter writer;

        Results(Io io, Progress progress) {
            this.progress = progress;
            this.rejected = new RejectedEntries(io, "audit");
        }

        @Override
        public void obligation(Obligation obligation) {
            byStatus.merge(obligation.status(), 1L, Long::sum);
            progress.delivered();
            writer.obligation(obligation);
        }

        @Override
        public void finding(Finding finding) {
            findings++;
            writer.finding(finding);
        }

        @Override
        public void rejected(InputException error) {
            rejected.add(error);
            writer.rejected(new CaseLogs.Rejected(error.source(), error.line(), error.field(), error.problem()), error);
        }

        StreamedReports.End end(OffsetDateTime asOf, String asOfFrom, CaseLogAudit.Summary summary,
                                CaseLogs.Input input) {
            OffsetDateTime since = summary.periodFrom() == CaseLogAudit.PeriodFrom.EARLIEST_EVENT ? null
                    : summary.periodStart();
            String periodFrom = switch (summary.periodFrom()) {
                case GIVEN -> "given with --since";
                case LOG_ENTRY -> "the EvidencePeriod entry of the logs";
                case EARLIEST_EVENT -> summary.events() == 0
                        ? "no event by the instant judged, so the period has no length; an EvidencePeriod entry or "
                                + "--since can give one"
                        : "the earliest event; an EvidencePeriod entry or --since can say otherwise";
            };
            long needsAttention = findings + NEEDS_ATTENTION.stream().mapToLong(s -> byStatus.getOrDefault(s, 0L)).sum();
            int exit = rejected.count() > 0 ? Exit.BAD_INPUT : needsAttention > 0 ? Exit.FINDINGS : Exit.OK;
            return new StreamedReports.End(asOf, asOfFrom, since, summary.periodStart(), periodFrom, input, byStatus,
                    findings, needsAttention, exit);
        }
    }

    /** The platform as a report's header says it: its record's {@link Platform#summary()}. */
    static String platform(Platform platform) {
        if (platform == null) {
            return "no platform record (such as a PlatformProfile) in the logs: duties that depend on the platform's "
                    + "size are INDETERMINATE";
        }
        return platform.summary();
    }

    /**
     * The JSON form of an audit (schema: docs/schemas/audit-report.schema.json), written field by field by
     * {@link StreamedReports.Json}; this record names the fields and documents them.
     *
     * @param format        always {@value #FORMAT}
     * @param formatVersion {@value #VERSION}; raised when a field changes meaning or goes away
     */
    record AuditJson(String format, int formatVersion, List<String> sources, List<Pack> rulePacks,
                     Platform platform, CaseLogs.Input input, List<CaseLogs.Rejected> rejected,
                     OffsetDateTime asOf, String asOfFrom, OffsetDateTime since, Summary summary, Report report) {

        static final String FORMAT = "niyam-audit";
        static final int VERSION = 1;

        record Pack(String id, String instrument, String origin) {
        }

        record Summary(long obligations, Map<String, Long> byStatus, long findings, long needsAttention,
                       int exitCode) {
        }
    }

}
