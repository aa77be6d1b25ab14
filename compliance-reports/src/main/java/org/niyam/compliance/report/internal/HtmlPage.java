package org.niyam.compliance.report.internal;

import java.util.List;
import java.util.Objects;

/**
 * What one HTML page shows, laid out and counted, for the templates in {@code src/main/jte} to write: every text here
 * is plain text (the templates escape it), every number of a drawing is already formatted. Built by
 * {@code HtmlReport}; nothing here is part of the API.
 *
 * @param title    the page's title and main heading
 * @param details  the lines of the header, in order
 * @param summary  the counts, or {@code null} for a page without a report
 * @param months   the counts by clause and month, or {@code null}
 * @param capped   the note that the lists are capped, or {@code null}
 * @param clauses  what is listed under each clause, or {@code null} for a page without a report
 * @param rejected input that was rejected, or {@code null} when none was
 * @param charts   the charts of figures, in order
 */
public record HtmlPage(String title, List<Detail> details, Summary summary, Months months, Capped capped,
                       Clauses clauses, Rejected rejected, List<Chart> charts) {

    public HtmlPage {
        Objects.requireNonNull(title, "title");
        details = List.copyOf(details);
        charts = List.copyOf(charts);
    }

    /** A label and its value: a line of the header, or a fact of an obligation. */
    public record Detail(String label, String value) {
    }

    /**
     * The tiles, one for each status and one for the findings, then the table of clauses by status.
     *
     * @param tiles   one tile for each status, the most urgent first, then the findings
     * @param columns the columns of the table after the clause: one for each status, then the findings
     * @param rows    one row for each clause, in the law's order; empty when nothing arose
     */
    public record Summary(List<Count> tiles, List<Count> columns, List<ClauseRow> rows) {

        public Summary {
            tiles = List.copyOf(tiles);
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A count with the class that colours it.
     *
     * @param css   the CSS classes: the status's, then {@code zero} when the count is 0
     * @param count how many
     * @param label what is counted, e.g. {@code BREACHED}
     */
    public record Count(String css, long count, String label) {
    }

    /**
     * A row of the summary table.
     *
     * @param clause the clause
     * @param anchor the id of its section further down, or {@code null} when nothing under it is listed
     * @param cells  one cell for each column
     */
    public record ClauseRow(String clause, String anchor, List<Count> cells) {

        public ClauseRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * The counts by clause and the month the clock started.
     *
     * @param months the months, in order
     * @param rows   one row for each clause: its cells, one for each month
     */
    public record Months(List<String> months, List<MonthRow> rows) {

        public Months {
            months = List.copyOf(months);
            rows = List.copyOf(rows);
        }
    }

    /** A row of the table by month. */
    public record MonthRow(String clause, List<MonthCell> cells) {

        public MonthRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A cell of the table by month.
     *
     * @param css  its class, or {@code null} for none
     * @param text how many, and after a slash how many need attention
     */
    public record MonthCell(String css, String text) {
    }

    /**
     * The note that a page of a large report lists only some obligations under each clause.
     *
     * @param cap      how many obligations, and findings, a clause lists at most
     * @param fullList where every obligation and finding can be read
     */
    public record Capped(int cap, String fullList) {
    }

    /**
     * The list by clause.
     *
     * @param listAll  whether every status is listed, not only those that need attention
     * @param sections one section for each clause with something listed, the most urgent first
     * @param quiet    the clauses with nothing to list, joined in words, or {@code null} when there are none
     */
    public record Clauses(boolean listAll, List<ClauseSection> sections, String quiet) {

        public Clauses {
            sections = List.copyOf(sections);
        }
    }

    /**
     * One clause's section.
     *
     * @param anchor     its id
     * @param clause     the clause
     * @param instrument the instrument it belongs to
     * @param cases      its listed obligations, by case
     * @param findings   its findings listed
     * @param notShown   what is not shown for the cap, in words, or {@code null}
     * @param notListed  how many obligations are met or not applicable, in words, or {@code null}
     */
    public record ClauseSection(String anchor, String clause, String instrument, List<CaseGroup> cases,
                                List<FindingItem> findings, String notShown, String notListed) {

        public ClauseSection {
            cases = List.copyOf(cases);
            findings = List.copyOf(findings);
        }
    }

    /** A case's listed obligations under one clause; its heading names the case or says "the platform". */
    public record CaseGroup(String heading, List<ObligationItem> obligations) {

        public CaseGroup {
            obligations = List.copyOf(obligations);
        }
    }

    /**
     * One obligation.
     *
     * @param css      its status's class
     * @param anchor   its id
     * @param status   its status's label
     * @param id       its id
     * @param what     what is owed
     * @param timeline its timeline, or {@code null} for one without a due instant
     * @param facts    its facts, in order
     */
    public record ObligationItem(String css, String anchor, String status, String id, String what, Timeline timeline,
                                 List<Detail> facts) {

        public ObligationItem {
            facts = List.copyOf(facts);
        }
    }

    /**
     * One finding.
     *
     * @param code   its code
     * @param caseId its case, or {@code null}
     * @param facts  its facts, in order
     */
    public record FindingItem(String code, String caseId, List<Detail> facts) {

        public FindingItem {
            facts = List.copyOf(facts);
        }
    }

    /**
     * The timeline of one obligation: trigger, time allowed, due, then the action or "as of". Coordinates are
     * formatted with a decimal point in every locale.
     *
     * @param label        the whole timeline in words, for those who cannot see it
     * @param start        where the trigger is
     * @param axisTo       where the axis ends
     * @param clockWidth   the width of the time allowed
     * @param progressCss  the classes of the line from the trigger to the action or "as of"
     * @param progressTo   where that line ends
     * @param triggeredAt  the trigger instant, in full
     * @param due          where the due line is
     * @param dueAt        the due instant, in full
     * @param done         whether the obligation was discharged (a square), or not yet (a triangle at "as of")
     * @param endCss       the classes of the square or triangle
     * @param endX         where the square starts (done), or where the triangle's tip is (not done)
     * @param endAt        the action's instant, or "as of", in full
     * @param triggerLabel the short label of the trigger, placed where it overlaps no other, or {@code null} where
     *                     none fits (the facts below give every instant)
     * @param dueLabel     the due instant's, likewise
     * @param endLabel     the action's or "as of"'s, likewise
     */
    public record Timeline(String label, String start, String axisTo, String clockWidth, String progressCss,
                           String progressTo, String triggeredAt, String due, String dueAt, boolean done,
                           String endCss, String endX, String endAt, Label triggerLabel, Label dueLabel,
                           Label endLabel) {
    }

    /** A text label of a drawing at (x, y). */
    public record Label(String x, int y, String text) {
    }

    /**
     * Input that was rejected.
     *
     * @param note a sentence saying how many entries were rejected
     * @param rows one row for each listed entry
     */
    public record Rejected(String note, List<RejectedRow> rows) {

        public Rejected {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A rejected entry.
     *
     * @param source  the file
     * @param line    the line, or {@code ""}
     * @param field   the field, or {@code null}
     * @param problem what was wrong, without the values the input held
     */
    public record RejectedRow(String source, String line, String field, String problem) {
    }

    /**
     * A chart of horizontal bars.
     *
     * @param title   its heading
     * @param caption what is counted, or {@code null}
     * @param width   the width of its drawing
     * @param height  the height of its drawing
     * @param rows    group headings and bars, top to bottom
     */
    public record Chart(String title, String caption, int width, int height, List<ChartRow> rows) {

        public Chart {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A row of a chart: a group heading ({@code bar} false: only {@code label} and {@code textY}) or a bar.
     *
     * @param bar      whether this is a bar
     * @param label    the heading, or what the bar counts
     * @param labelX   where the label starts
     * @param textY    the baseline of the label and the value
     * @param barX     where the bar starts
     * @param barY     the top of the bar
     * @param barWidth the bar's width
     * @param value    the count
     * @param valueX   where the count is written
     */
    public record ChartRow(boolean bar, String label, int labelX, int textY, int barX, int barY, String barWidth,
                           long value, String valueX) {
    }
}
