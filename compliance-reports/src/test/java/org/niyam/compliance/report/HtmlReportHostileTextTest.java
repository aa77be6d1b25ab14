package org.niyam.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * Text from a case log or a rule pack cannot become markup: a case id, an event id, a platform's name, a rule's name
 * (and every other text the page shows) holding {@code <script>}, quotes or {@code &} comes out escaped in every
 * place it appears, on a page of a report and on a capped page of a tally, listing what needs attention or all.
 */
class HtmlReportHostileTextTest {

    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-02T18:00:00+05:30");
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");

    /** A hostile text naming where it was put, so that each place is checked on its own. */
    private static String hostile(String where) {
        return "\"><script>alert('" + where + "')</script><b a=\"x\" b='y'>&amp;" + where;
    }

    private static final String CASE = hostile("case");
    private static final String TRIGGER = hostile("trigger-event");
    private static final String DISCHARGE = hostile("discharge-event");
    private static final String EVIDENCE = hostile("evidence-event");
    private static final String PLATFORM = hostile("platform");
    private static final String RULE = hostile("rule");
    private static final String CLAUSE = hostile("clause");
    private static final String INSTRUMENT = hostile("instrument");
    private static final String EXPLANATION = hostile("why");
    private static final String CODE = hostile("finding-code");
    private static final String MESSAGE = hostile("finding-message");
    private static final String SOURCE = hostile("source");
    private static final String BAR = hostile("bar");
    private static final String GROUP = hostile("group");
    private static final String CHART = hostile("chart");
    private static final String FULL_LIST = hostile("full-list");

    private static final Citation CITATION = new Citation(INSTRUMENT, CLAUSE, "v1", RULE);

    private static List<Obligation> obligations() {
        return List.of(
                new Obligation("t.answer@" + TRIGGER, "t.answer", "Answer " + CASE, CASE, AT,
                        AT.plusHours(2), Status.MET_LATE, CITATION, TRIGGER, DISCHARGE, AT.plusHours(3), EXPLANATION),
                new Obligation("t.ack@" + TRIGGER, "t.ack", "Acknowledge", CASE, AT, AT.plusHours(1),
                        Status.BREACHED, CITATION, TRIGGER, null, null, EXPLANATION),
                new Obligation("t.met@" + TRIGGER, "t.met", "Met", CASE, AT, AT.plusHours(1),
                        Status.MET, new Citation(INSTRUMENT, hostile("quiet-clause"), "v1", RULE), TRIGGER, DISCHARGE,
                        AT.plusMinutes(5), EXPLANATION));
    }

    private static List<Finding> findings() {
        return List.of(new Finding(CODE, CASE, MESSAGE, List.of(EVIDENCE), CITATION));
    }

    private static HtmlReport.Builder decorated(HtmlReport.Builder page) {
        return page.title("Compliance report: " + PLATFORM).detail("Platform", PLATFORM)
                .detail(hostile("detail-label"), hostile("detail-value"))
                .rejected(List.of(new InputException(SOURCE, 3, hostile("field"), hostile("problem"), null)))
                .chart(new HtmlReport.Chart(CHART, hostile("caption"),
                        List.of(new HtmlReport.Chart.Bar(GROUP, BAR, 3))));
    }

    /** A page of a report and a page of a tally, each listing what needs attention and listing all. */
    static Stream<String> pages() {
        List<String> pages = new ArrayList<>();
        for (boolean all : new boolean[] {false, true}) {
            pages.add(decorated(HtmlReport.builder().report(new Report(AS_OF, obligations(), findings()))
                    .listAll(all)).render());
            // A cap of 2 shows both obligations listed under the clause and leaves a finding unshown: the capped
            // note says where the full list is.
            HtmlReport.Tally tally = new HtmlReport.Tally(2, all);
            obligations().forEach(tally::obligation);
            for (int i = 0; i < 3; i++) {
                findings().forEach(tally::finding);
            }
            pages.add(decorated(HtmlReport.builder().tally(tally, AS_OF, FULL_LIST).listAll(all)).render());
        }
        return pages.stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void noHostileTextBecomesMarkup(String html) {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<b a=");
        assertThat(unknownTags(html)).as("tags not of the page's own").isEmpty();
        assertThat(unknownAttributes(html)).as("attributes not of the page's own").isEmpty();
        // Every '<' starts one of the page's own tags, and every '&' an entity: nothing of the input is left raw.
        assertThat(html.replaceAll(TAG.pattern(), "")).doesNotContain("<", ">");
        assertThat(html).doesNotContainPattern("&(?!amp;|lt;|gt;|#34;|#39;)");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyHostileTextIsShownEscapedWhereItBelongs(String html) {
        // The platform's name: the title, the main heading and the header.
        assertThat(html).contains("<title>Compliance report: " + text(PLATFORM) + "</title>",
                "<h1>Compliance report: " + text(PLATFORM) + "</h1>",
                "<dt>Platform</dt><dd>" + text(PLATFORM) + "</dd>",
                "<dt>" + text(hostile("detail-label")) + "</dt><dd>" + text(hostile("detail-value")) + "</dd>");
        // The case id: each case's heading and each finding's.
        assertThat(html).contains("<h4>Case " + text(CASE) + "</h4>",
                "<code>" + text(CODE) + "</code> in case " + text(CASE));
        // Event ids: in the obligation's id, its trigger and its action, and a finding's evidence.
        assertThat(html).contains("<code>t.answer@" + text(TRIGGER) + "</code>",
                "<dt>triggered</dt><dd>" + AT + " by " + text(TRIGGER) + "</dd>",
                "<dt>done</dt><dd>" + AT.plusHours(3) + " by " + text(DISCHARGE) + "</dd>",
                "<dt>evidence</dt><dd>" + text(EVIDENCE) + "</dd>");
        // The rule's name, the clause and the instrument of its citation; the explanation; the finding's message.
        assertThat(html).contains("<dt>rule</dt><dd>" + text(RULE) + "</dd>",
                "<dt>cite</dt><dd>" + text(CLAUSE) + ", " + text(INSTRUMENT) + "</dd>",
                "<h3>" + text(CLAUSE) + "</h3>", "<p class=\"instrument\">" + text(INSTRUMENT) + "</p>",
                "<dt>why</dt><dd>" + text(EXPLANATION) + "</dd>", "<dt>what</dt><dd>" + text(MESSAGE) + "</dd>",
                ">" + text(CLAUSE) + "</a></th>");
        // Rejected input (the values it quotes are left out), charts (their title also in an attribute).
        assertThat(html).contains("<td>" + text(SOURCE) + "</td><td>3</td><td>" + text(hostile("field")) + "</td>",
                "<b>" + text(CHART) + "</b><br>" + text(hostile("caption")), "aria-label=\"" + attribute(CHART) + "\"",
                ">" + text(GROUP) + "</text>", ">" + text(BAR) + "</text>", "<title>" + text(BAR) + ": 3</title>");
    }

    @Test
    void aQuietClauseAndTheFullListAreEscapedToo() {
        List<String> pages = pages().toList();

        // Listing what needs attention, a clause with only met obligations is named in a sentence.
        assertThat(pages.get(0)).contains("Nothing to list under " + text(hostile("quiet-clause")) + ":");
        assertThat(pages.get(1)).contains("Every obligation and finding: " + text(FULL_LIST) + ".</p>");
    }

    @Test
    void aPageWrittenToAWriterIsThePageRendered() {
        HtmlReport.Builder page = decorated(HtmlReport.builder().report(new Report(AS_OF, obligations(), findings())));
        StringWriter out = new StringWriter();

        page.render(out);

        assertThat(out).hasToString(page.render());
    }

    /** Escaped as element text: {@code &}, {@code <} and {@code >}. */
    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escaped as a double-quoted attribute value: quotes too. */
    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&#34;").replace("'", "&#39;");
    }

    /** A tag of the page: a name, then attributes in double quotes (a value may hold '>', as jte leaves it). */
    private static final Pattern TAG = Pattern.compile("<!DOCTYPE html>|</?([a-zA-Z][a-zA-Z0-9]*)"
            + "((?:\\s+[a-zA-Z][a-zA-Z0-9-]*(?:=\"[^\"<]*\")?)*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z][a-zA-Z0-9-]*)(?:=\"[^\"]*\")?");

    private static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1",
            "h2", "h3", "h4", "dl", "dt", "dd", "main", "section", "p", "span", "b", "br", "table", "thead", "tbody",
            "tr", "th", "td", "a", "article", "div", "code", "svg", "line", "rect", "circle", "path", "text", "figure",
            "figcaption", "footer");
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class",
            "id", "href", "scope", "viewBox", "role", "aria-label", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
            "width", "height", "d");

    private static List<String> unknownTags(String html) {
        List<String> unknown = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            if (m.group(1) != null && !TAGS.contains(m.group(1))) {
                unknown.add(m.group());
            }
        }
        return unknown;
    }

    private static List<String> unknownAttributes(String html) {
        List<String> unknown = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            if (m.group(2) != null) {
                Matcher a = ATTRIBUTE.matcher(m.group(2));
                while (a.find()) {
                    if (!ATTRIBUTES.contains(a.group(1))) {
                        unknown.add(a.group(1) + " in " + m.group());
                    }
                }
            }
        }
        return unknown;
    }
}
