package org.niyam.compliance.report;

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
 *
 * <p>Every value taken from the evidence or the rules (ids, case ids, explanations, messages) is written through
 * {@link #printable(String)}: a case id holding a newline or a terminal escape cannot start a line of its own, move
 * the cursor or recolour the report. The JSON report holds the exact text.
 */
public final class TextReport {

    private TextReport() {
    }

    /**
     * The report as text.
     *
     * <pre>{@code
     * System.out.print(TextReport.render(engine.evaluate(evidence, asOf)));
     * }</pre>
     *
     * @param report the report to show
     * @return a summary line ({@code As of ...: 12 obligations, 2 BREACHED, ..., 1 finding}), then a block of
     *         labelled lines for each obligation and finding; every line ends with a newline
     */
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
            pad(text.append('\n'), o.status().label(), 16).append(printable(o.id())).append('\n');
            line(text, "what", o.what());
            line(text, "case", o.caseId());
            if (o.triggerEventId() != null) {
                line(text, "triggered", o.triggeredAt() + " by " + o.triggerEventId());
            }
            if (o.dueAt() != null) {
                line(text, "due", o.dueAt().toString());
            } else if (o.triggerEventId() == null) {
                line(text, o.id().endsWith(Obligation.OVER_PERIOD) ? "from" : "assessed", o.triggeredAt().toString());
            }
            if (o.dischargedAt() != null) {
                line(text, "done", o.dischargedAt() + " by " + o.dischargeEventId());
            }
            line(text, "why", o.explanation());
            cite(text, o.citation());
        }
        for (Finding f : report.findings()) {
            pad(text.append('\n'), "FINDING", 16).append(printable(f.code())).append('\n');
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
            pad(text.append("  "), label, 10).append(printable(value)).append('\n');
        }
    }

    /** Appends {@code label} left-aligned in {@code width} characters, as {@code %-<width>s} formats it. */
    private static StringBuilder pad(StringBuilder text, String label, int width) {
        text.append(label);
        for (int n = label.length(); n < width; n++) {
            text.append(' ');
        }
        return text;
    }

    /**
     * {@code text} safe to print on one line of a terminal: control characters (C0, DEL, C1: newline, carriage
     * return, escape, ...), the Unicode line and paragraph separators, the bidirectional controls that reorder how a
     * line is shown, and lone surrogates are written as escapes: {@code \n}, {@code \r}, {@code \t}, else
     * {@code \}{@code uXXXX}. Everything else, any script and emoji included, is kept. {@code null} stays {@code null}.
     *
     * <pre>{@code
     * TextReport.printable("k1\nSummary: all compliant")   // k1\\nSummary: all compliant, on one line
     * }</pre>
     *
     * @param text the text, or {@code null}
     * @return the text with those characters escaped; the same string when none is
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !escaped(text, first)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escaped(text, i)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Whether the character at {@code i} is written as an escape by {@link #printable}. */
    private static boolean escaped(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if (c < 0x200E) {
            return false;
        }
        if (c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
