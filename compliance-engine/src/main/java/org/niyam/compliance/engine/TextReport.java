package org.niyam.compliance.engine;

import java.util.Map;
import java.util.TreeMap;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * A report as plain text for a terminal or a log file: a summary line, then each obligation and finding.
 * Stateless and thread-safe.
 */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Report report) {
        StringBuilder text = new StringBuilder();
        Map<Status, Long> counts = new TreeMap<>();
        report.obligations().forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        text.append("As of ").append(report.asOf()).append(": ").append(report.obligations().size())
                .append(" obligations");
        counts.forEach((status, n) -> text.append(", ").append(n).append(' ').append(status.label()));
        text.append(", ").append(report.findings().size()).append(" findings\n");
        for (Obligation o : report.obligations()) {
            text.append('\n').append(String.format("%-16s", o.status().label())).append(o.id()).append('\n');
            line(text, "what", o.what());
            line(text, "case", o.caseId());
            if (o.dueAt() != null) {
                line(text, "triggered", o.triggeredAt() + " by " + o.triggerEventId());
                line(text, "due", o.dueAt().toString());
            } else {
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
