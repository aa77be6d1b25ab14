package org.niyam.compliance.engine;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * A report as plain text for a terminal or a log file: a summary line, then each obligation, most urgent first
 * ({@link Status#MOST_URGENT_FIRST}; in report order within a status), then each finding. Stateless and
 * thread-safe.
 */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Report report) {
        StringBuilder text = new StringBuilder();
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        report.obligations().forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        text.append("As of ").append(report.asOf()).append(": ")
                .append(count(report.obligations().size(), "obligation"));
        for (Status status : Status.MOST_URGENT_FIRST) {
            if (counts.containsKey(status)) {
                text.append(", ").append(counts.get(status)).append(' ').append(status.label());
            }
        }
        text.append(", ").append(count(report.findings().size(), "finding")).append('\n');
        List<Obligation> urgentFirst = report.obligations().stream()
                .sorted(Comparator.comparingInt(o -> Status.MOST_URGENT_FIRST.indexOf(o.status()))).toList();
        for (Obligation o : urgentFirst) {
            text.append('\n').append(String.format("%-16s", o.status().label())).append(o.id()).append('\n');
            line(text, "what", o.what());
            line(text, "case", o.caseId());
            if (o.triggerEventId() != null) {
                line(text, "triggered", o.triggeredAt() + " by " + o.triggerEventId());
            }
            if (o.dueAt() != null) {
                line(text, "due", o.dueAt().toString());
            } else if (o.triggerEventId() == null) {
                line(text, "assessed", o.triggeredAt().toString());
            }
            if (o.dischargedAt() != null) {
                line(text, "done", o.dischargedAt() + " by " + o.dischargeEventId());
            }
            line(text, "why", o.explanation());
            cite(text, o.citation());
        }
        for (Finding f : report.findings()) {
            text.append('\n').append(String.format("%-16s", "FINDING")).append(f.code()).append('\n');
            line(text, "case", f.caseId());
            line(text, "what", f.message());
            line(text, "evidence", String.join(", ", f.evidence()));
            cite(text, f.citation());
        }
        return text.toString();
    }

    /** {@code 1 finding}, {@code 2 findings}. */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void cite(StringBuilder text, Citation citation) {
        line(text, "cite", citation.clause() + ", " + citation.instrument());
        line(text, "version", citation.version());
        line(text, "rule", citation.ruleId());
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isEmpty()) {
            text.append(String.format("  %-10s", label)).append(value).append('\n');
        }
    }
}
