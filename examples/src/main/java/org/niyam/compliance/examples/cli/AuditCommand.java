package org.niyam.compliance.examples.cli;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.niyam.compliance.engine.CaseLogReader.CaseLog;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceJson;
import org.niyam.compliance.engine.HtmlReport;
import org.niyam.compliance.engine.TextReport;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.PlatformProfile;
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
    public String help() {
        return """
                Usage: niyam audit FILE... [options]

                Evaluates one or more case logs (JSON Lines, or a JSON array of entries; see docs/json.md)
                as one, and prints a summary, then every obligation that is breached, at risk,
                indeterminate, met late or open, and every finding, each with its citation, due and
                actual instants.

                Options:
                  --as-of INSTANT      Evaluate as of this instant (ISO-8601 with offset, e.g.
                                       2026-03-01T00:00:00+05:30). Default: the latest event instant in the
                                       logs, so the same logs always give the same report.
                  --since INSTANT      The start of the period the logs cover; recurring duties (monthly
                                       reports) are assessed from then on. Default: the earliest event.
                  --all                Also list obligations met or not applicable (text and HTML; JSON
                                       always holds every obligation).
                """ + Output.HELP + CaseLogs.HELP + RuleOptions.HELP + """

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
    public Set<String> flags() {
        return union(Set.of("--all"), CaseLogs.FLAGS, RuleOptions.FLAGS);
    }

    @Override
    public Set<String> options() {
        return union(Set.of("--as-of", "--since"), Output.OPTIONS);
    }

    @Override
    public Set<String> repeatableOptions() {
        return RuleOptions.REPEATABLE;
    }

    @Override
    public int run(Args args, Io io) {
        List<Path> files = CaseLogs.files(args.positionals(), io);
        String format = Output.format(args);
        OffsetDateTime givenAsOf = args.flag("--as-of") ? CaseLogs.instant("--as-of", args.value("--as-of", null)) : null;
        OffsetDateTime since = args.flag("--since") ? CaseLogs.instant("--since", args.value("--since", null)) : null;
        ComplianceEngine engine = RuleOptions.engine(args, io);

        Progress progress = Progress.of(io);
        CaseLog log = CaseLogs.read(files, args.flag("--strict"), io, progress);
        OffsetDateTime asOf = givenAsOf != null ? givenAsOf : CaseLogs.latestEvent(log);
        if (asOf == null) {
            throw new UsageException("the logs hold no event to take the \"as of\" instant from: give --as-of INSTANT");
        }
        Evidence read = log.evidence();
        Evidence evidence = since == null ? read
                : new Evidence(read.platform(), read.appointments(), read.events(), since);
        progress.evaluating(evidence.events().size());
        Report report = engine.evaluate(evidence, asOf, progress);
        progress.evaluated(report);

        Audit audit = new Audit(args.positionals(), engine, log, asOf,
                givenAsOf != null ? "given with --as-of" : "the latest event in the logs", since, report);
        String rendered = switch (format) {
            case "json" -> ComplianceJson.write(audit.json()) + "\n";
            case "html" -> audit.html(args.flag("--all"));
            default -> audit.text(args.flag("--all"));
        };
        Output.write(rendered, args, io);
        if (!log.rejected().isEmpty()) {
            io.err().println("niyam audit: " + log.rejected().size() + (log.rejected().size() == 1 ? " entry" : " entries")
                    + " rejected (listed above) and left out of the report; fix them, or run with --strict to stop "
                    + "at the first");
        }
        return audit.exitCode();
    }

    /** One audit's inputs and result, and its renderings. */
    record Audit(List<String> sources, ComplianceEngine engine, CaseLog log, OffsetDateTime asOf, String asOfFrom,
                 OffsetDateTime since, Report report) {

        long needingAttention() {
            return report.obligations().stream().filter(o -> NEEDS_ATTENTION.contains(o.status())).count()
                    + report.findings().size();
        }

        int exitCode() {
            if (!log.rejected().isEmpty()) {
                return Exit.BAD_INPUT;
            }
            return needingAttention() > 0 ? Exit.FINDINGS : Exit.OK;
        }

        // ---- text ----

        String text(boolean all) {
            StringBuilder text = new StringBuilder();
            text.append("Niyam audit of ").append(sources.size() == 1 ? "" : sources.size() + " case logs: ")
                    .append(String.join(", ", sources)).append('\n');
            header("platform", platform(log.evidence().platform()), text);
            List<String> packs = RuleOptions.describe(engine);
            for (int i = 0; i < packs.size(); i++) {
                header(i == 0 ? "rules" : "", packs.get(i), text);
            }
            header("input", CaseLogs.summary(log), text);
            if (since != null) {
                header("period", "from " + since + " (given with --since)", text);
            }
            header("as of", asOf + " (" + asOfFrom + ")", text);
            text.append('\n').append("Summary: ").append(statusCounts()).append('\n');

            List<Status> listed = new ArrayList<>(LISTED);
            if (all) {
                listed.addAll(List.of(Status.MET, Status.NOT_APPLICABLE));
            }
            List<Obligation> shown = report.obligations().stream().filter(o -> listed.contains(o.status()))
                    .sorted(Comparator.comparing(o -> listed.indexOf(o.status()))).toList();
            if (needingAttention() == 0) {
                text.append("Nothing breached, at risk, met late or indeterminate, and no findings.\n");
            }
            if (!log.rejected().isEmpty()) {
                text.append("Rejected: ").append(log.rejected().size())
                        .append(log.rejected().size() == 1 ? " entry, listed on standard error and left out.\n"
                                : " entries, listed on standard error and left out.\n");
            }
            if (!shown.isEmpty() || !report.findings().isEmpty()) {
                String blocks = TextReport.render(new Report(report.asOf(), shown, report.findings()));
                text.append(blocks, blocks.indexOf('\n') + 1, blocks.length());
            }
            long hidden = report.obligations().size() - shown.size();
            if (hidden > 0) {
                text.append('\n').append("Not listed: ").append(counts(report.obligations().stream()
                        .filter(o -> !listed.contains(o.status())).toList())).append(" (--all lists them).\n");
            }
            return text.toString();
        }

        private static void header(String label, String value, StringBuilder text) {
            text.append(String.format(Locale.ROOT, "  %-9s %s%n", label, TextReport.printable(value)));
        }

        static String platform(PlatformProfile platform) {
            if (platform == null) {
                return "no PlatformProfile in the logs: duties that depend on the platform's size are INDETERMINATE";
            }
            return TextReport.printable(platform.name()) + ", " + String.format(Locale.ROOT, "%,d", platform.registeredUsersInIndia())
                    + " registered users in India" + (platform.messagingService() ? ", a messaging service" : "");
        }

        String statusCounts() {
            return report.obligations().size() + (report.obligations().size() == 1 ? " obligation" : " obligations")
                    + (report.obligations().isEmpty() ? "" : ": " + counts(report.obligations())) + "; "
                    + report.findings().size() + (report.findings().size() == 1 ? " finding" : " findings");
        }

        /** "1 BREACHED, 2 OPEN", most urgent first, leaving out statuses with none. */
        private static String counts(List<Obligation> obligations) {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            obligations.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
            return ORDER.stream().filter(counts::containsKey)
                    .map(s -> counts.get(s) + " " + s.label()).collect(Collectors.joining(", "));
        }

        // ---- JSON ----

        AuditJson json() {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            ORDER.forEach(s -> byStatus.put(s.name(), report.count(s)));
            List<AuditJson.Pack> packs = engine.rulePacks().stream()
                    .map(p -> new AuditJson.Pack(p.id(), p.instrument(), p.origin())).toList();
            return new AuditJson(AuditJson.FORMAT, AuditJson.VERSION, sources, packs, log.evidence().platform(),
                    CaseLogs.Input.of(log), CaseLogs.Rejected.of(log),
                    asOf, givenAsOf() ? "option" : "latest-event", since,
                    new AuditJson.Summary(report.obligations().size(), byStatus, report.findings().size(),
                            needingAttention(), exitCode()),
                    report);
        }

        private boolean givenAsOf() {
            return asOfFrom.startsWith("given");
        }

        // ---- HTML ----

        String html(boolean all) {
            PlatformProfile platform = log.evidence().platform();
            HtmlReport.Builder html = HtmlReport.builder()
                    .title(platform == null ? "Compliance report" : "Compliance report: " + platform.name())
                    .report(report)
                    .listAll(all)
                    .detail("As of", asOf + " (" + asOfFrom + ")");
            if (since != null) {
                html.detail("Period", "from " + since + " (given with --since)");
            }
            html.detail("Sources", String.join(", ", sources))
                    .detail("Platform", platform(platform))
                    .detail("Rules", String.join("; ", RuleOptions.describe(engine)))
                    .detail("Input", CaseLogs.summary(log))
                    .detail("Summary", statusCounts())
                    .rejected(log.rejected());
            MonthlyFigures.monthsOf(log.evidence().events())
                    .forEach(month -> html.chart(MonthlyFigures.of(month, log.evidence().events()).chart()));
            return html.render();
        }
    }

    /**
     * The JSON form of an audit (schema: docs/schemas/audit-report.schema.json).
     *
     * @param format        always {@value #FORMAT}
     * @param formatVersion {@value #VERSION}; raised when a field changes meaning or goes away
     */
    record AuditJson(String format, int formatVersion, List<String> sources, List<Pack> rulePacks,
                     PlatformProfile platform, CaseLogs.Input input, List<CaseLogs.Rejected> rejected,
                     OffsetDateTime asOf, String asOfFrom, OffsetDateTime since, Summary summary, Report report) {

        static final String FORMAT = "niyam-audit";
        static final int VERSION = 1;

        record Pack(String id, String instrument, String origin) {
        }

        record Summary(int obligations, Map<String, Long> byStatus, int findings, long needsAttention,
                       int exitCode) {
        }
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
