package org.niyam.compliance.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.report.HtmlReport;

/** {@code niyam monthly-report}: the figures of the Rule 4(1)(d) monthly compliance report. */
public final class MonthlyReportCommand implements Command {

    @Override
    public String name() {
        return "monthly-report";
    }

    @Override
    public String summary() {
        return "Count a month's Rule 4(1)(d) figures: complaints, orders, removals, proactive removals.";
    }

    @Override
    public String synopsis() {
        return "niyam monthly-report --month YYYY-MM FILE... [options]";
    }

    @Override
    public String description() {
        return """
                Counts, from the events of one calendar month in India Standard Time, the figures a
                significant social media intermediary publishes in its monthly compliance report under
                Rule 4(1)(d) of the IT Rules, 2021:
                  - complaints received (ComplaintReceived), by category;
                  - complaints acted on (ComplaintResolved), by the category of the case's complaint;
                  - removal orders and intimations received (RemovalOrderReceived), by issuer kind,
                    and the removals that followed them (ContentRemoved in a case with an earlier order);
                  - items removed proactively (ContentRemoved with basis OWN_INITIATIVE).
                The month runs from the 1st at 00:00 +05:30 (included) to the next 1st (excluded).
                docs/cli.md says exactly what is counted.
                """;
    }

    @Override
    public List<CommandOption> options() {
        List<CommandOption> options = new ArrayList<>();
        options.add(CommandOption.value("--month", "YYYY-MM", "The month to count (required)."));
        options.addAll(Output.OPTIONS);
        options.addAll(CaseLogs.OPTIONS);
        return options;
    }

    @Override
    public String footer() {
        return """
                Exit codes: 0 counted; 2 bad input (including rejected lines: the figures leave them
                out), or a usage error.

                Example:
                  niyam monthly-report --month 2026-02 examples/logs/amendment-2026.jsonl
                """;
    }

    @Override
    public int run(Args args, Io io) {
        String given = args.value("--month", null);
        if (given == null) {
            throw new UsageException("--month YYYY-MM is required");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(given);
        } catch (DateTimeParseException e) {
            throw new UsageException("--month needs a month written YYYY-MM, e.g. 2026-02: " + given);
        }
        List<Path> files = CaseLogs.files(args.positionals(), io);
        String format = Output.format(args);
        RejectedEntries listed = new RejectedEntries(io, "monthly-report");
        MonthScan log = MonthScan.of(files, args.flag("--strict"), month, listed, Progress.of(io));
        MonthlyFigures figures = MonthlyFigures.of(month, log.events());
        List<String> sources = args.positionals();
        String rendered = switch (format) {
            case "json" -> ComplianceJson.write(new MonthlyJson(MonthlyJson.FORMAT, MonthlyJson.VERSION, sources,
                    log.platform(), log.input(), log.rejected().stream().map(e -> new CaseLogs.Rejected(e.source(),
                    e.line(), e.field(), e.problem())).toList(), figures)) + "\n";
            case "html" -> html(figures, sources, log);
            default -> text(figures, sources, log);
        };
        Output.write(rendered, args, io);
        if (!log.rejected().isEmpty()) {
            listed.end(format.equals("text") ? "the same command with --format json (or --format html) lists every one"
                    : "the report lists every one");
            io.err().println("niyam monthly-report: " + log.rejected().size()
                    + (log.rejected().size() == 1 ? " entry" : " entries")
                    + " rejected (" + listed.listedAbove() + ") and left out of the figures");
            return Exit.BAD_INPUT;
        }
        return Exit.OK;
    }

    /** The JSON form (schema: docs/schemas/monthly-report.schema.json). */
    record MonthlyJson(String format, int formatVersion, List<String> sources, Platform platform,
                       CaseLogs.Input input, List<CaseLogs.Rejected> rejected, MonthlyFigures figures) {

        static final String FORMAT = "niyam-monthly-report";
        static final int VERSION = 1;
    }

    static String text(MonthlyFigures f, List<String> sources, MonthScan log) {
        StringBuilder text = new StringBuilder();
        text.append("Rule 4(1)(d) monthly figures for ").append(f.month()).append(", India Standard Time\n");
        text.append("  counted   from ").append(f.from()).append(" (included) to ").append(f.to())
                .append(" (excluded)\n");
        text.append("  sources   ").append(String.join(", ", sources)).append('\n');
        text.append("  platform  ").append(AuditCommand.platform(log.platform())).append('\n');
        text.append("  input     ").append(CaseLogs.summary(log.input())).append("\n\n");

        row(text, "Complaints", "received", "acted on");
        Map<String, Long> received = f.complaints().received();
        Map<String, Long> acted = f.complaints().actedOn();
        for (String key : acted.keySet()) {
            if (key.equals(MonthlyFigures.NOT_IN_LOGS) && acted.get(key) == 0) {
                continue;
            }
            row(text, "  " + MonthlyFigures.complaintLabel(key),
                    received.containsKey(key) ? String.valueOf(received.get(key)) : "-", String.valueOf(acted.get(key)));
        }
        row(text, "  total", String.valueOf(f.complaints().receivedTotal()), String.valueOf(f.complaints().actedOnTotal()));
        text.append('\n');

        row(text, "Removal orders and intimations", "received", "removals that followed");
        Map<String, Long> orders = f.orders().received();
        Map<String, Long> followed = f.orders().removalsThatFollowed();
        for (String key : followed.keySet()) {
            if (key.equals(MonthlyFigures.NOT_IN_LOGS) && followed.get(key) == 0) {
                continue;
            }
            row(text, "  " + MonthlyFigures.orderLabel(key),
                    orders.containsKey(key) ? String.valueOf(orders.get(key)) : "-", String.valueOf(followed.get(key)));
        }
        row(text, "  total", String.valueOf(f.orders().receivedTotal()),
                String.valueOf(f.orders().removalsThatFollowedTotal()));
        text.append('\n');
        text.append("Removed proactively, on the platform's own initiative: ").append(f.proactiveRemovals()).append('\n');
        return text.toString();
    }

    private static void row(StringBuilder text, String label, String first, String second) {
        text.append(String.format(Locale.ROOT, "%-34s %10s %24s", label, first, second).stripTrailing()).append('\n');
    }

    static String html(MonthlyFigures f, List<String> sources, MonthScan log) {
        Platform platform = log.platform();
        return HtmlReport.builder()
                .title("Rule 4(1)(d) monthly figures" + (platform == null ? "" : ": " + platform.name()) + ", "
                        + f.month())
                .detail("Counted", "from " + f.from() + " (included) to " + f.to() + " (excluded), India Standard Time")
                .detail("Sources", String.join(", ", sources))
                .detail("Platform", AuditCommand.platform(platform))
                .detail("Input", CaseLogs.summary(log.input()))
                .rejected(log.rejected())
                .chart(f.chart())
                .render();
    }
}
