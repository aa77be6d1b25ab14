package org.niyam.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/** The HTML form of a report: self-contained, escaped, grouped by clause, with timelines and charts. */
class HtmlReportTest {

    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-02T18:00:00+05:30");

    private static Citation cite(String clause) {
        return new Citation("Test Act, 2020", clause, "as amended in 2026", "t." + clause.replaceAll("\\W", ""));
    }

    private static Obligation timed(String id, String caseId, String clause, Status status, String due, String done) {
        return new Obligation(id, id.substring(0, id.indexOf('@')), "Act on it", caseId,
                OffsetDateTime.parse("2026-03-02T10:00:00+05:30"), OffsetDateTime.parse(due), status, cite(clause),
                id.substring(id.indexOf('@') + 1), done == null ? null : "done-" + caseId,
                done == null ? null : OffsetDateTime.parse(done), "Because.");
    }

    private static final Report REPORT = new Report(AS_OF, List.of(
            new Obligation("s.officer", "s.officer", "Appoint an officer", null, AS_OF, null, Status.BREACHED,
                    cite("Section 10"), null, null, null, "Vacant."),
            timed("t.remove@e1", "case-1", "Section 3(1)(d)", Status.MET_LATE, "2026-03-02T13:00:00+05:30",
                    "2026-03-02T14:10:00+05:30"),
            timed("t.remove@e2", "case-2", "Section 3(1)(d)", Status.MET, "2026-03-02T13:00:00+05:30",
                    "2026-03-02T12:00:00+05:30"),
            timed("t.answer@e3", "case-3", "Proviso to Section 3(2)", Status.OPEN, "2026-03-05T10:00:00+05:30", null),
            timed("t.answer@e4", "case-4", "Section 3(2)", Status.BREACHED, "2026-03-02T12:00:00+05:30", null),
            timed("t.ask@<e5>", "<img src=x>", "Section 3(2)", Status.AT_RISK, "2026-03-02T19:00:00+05:30", null)),
            List.of(new Finding("odd-order", "case-9", "An order <b>without</b> a URL & no reasons", List.of("e9"),
                    cite("Section 3(1)(d)"))));

    private static String html() {
        return HtmlReport.builder().title("Report for \"Samvad\" <test>").report(REPORT)
                .detail("Sources", "a.jsonl")
                .rejected(List.of(new InputException("a.jsonl", 7, "at", "expected an instant <with offset>", null)))
                .chart(new HtmlReport.Chart("Figures for 2026-03", "Counted in IST.", List.of(
                        new HtmlReport.Chart.Bar("Complaints", "general", 4),
                        new HtmlReport.Chart.Bar("Complaints", "intimate imagery", 0),
                        new HtmlReport.Chart.Bar(null, "proactive removals", 2))))
                .render();
    }

    @Nested
    class FromATally {

        @Test
        void countsEveryObligationListsAtMostTheCapAndSaysWhereTheRestAre() {
            HtmlReport.Tally tally = new HtmlReport.Tally(2, false);
            for (int i = 0; i < 5; i++) {
                tally.obligation(timed("t.answer@b" + i, "case-b" + i, "Section 3(2)", Status.BREACHED,
                        "2026-03-02T12:00:00+05:30", null));
            }
            tally.obligation(timed("t.answer@o1", "case-o1", "Section 3(2)", Status.OPEN, "2026-03-05T10:00:00+05:30",
                    null));
            tally.obligation(timed("t.remove@m1", "case-m1", "Section 3(1)(d)", Status.MET, "2026-03-02T13:00:00+05:30",
                    "2026-03-02T12:00:00+05:30"));
            REPORT.findings().forEach(tally::finding);

            String html = HtmlReport.builder().tally(tally, AS_OF, "the JSON report").render();

            assertThat(tally.obligations()).isEqualTo(7);
            assertThat(tally.count(Status.BREACHED)).isEqualTo(5);
            assertThat(html).contains("<b>5</b> BREACHED", "<b>1</b> OPEN", "<b>1</b> MET", "<b>1</b> FINDING")
                    .contains("Not shown here: 4 more obligations to list", "Every obligation and finding: the JSON "
                            + "report.", "<h2>By clause and month</h2>", "<th>2026-03</th>")
                    .contains("t.answer@b0", "t.answer@b1").doesNotContain("t.answer@b2", "t.answer@o1")
                    .contains("odd-order");
        }

        @Test
        void aPageShowsAReportOrATallyNotBoth() {
            HtmlReport.Builder both = HtmlReport.builder().report(REPORT).tally(new HtmlReport.Tally(1, true), AS_OF, "x");

            org.assertj.core.api.Assertions.assertThatThrownBy(both::render).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class SelfContained {

        @Test
        void noScriptNoExternalResourceAndAPolicyThatForbidsLoading() {
            String html = html();

            assertThat(html).startsWith("<!DOCTYPE html>")
                    .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                            + "style-src 'unsafe-inline'\">")
                    .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                    .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("@import")
                    .doesNotContain("http://", "https://", "url(");
            assertThat(attributes(html, "src")).isEmpty();
            assertThat(attributes(html, "href")).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith("#"));
        }

        @Test
        void everyInPageLinkHasItsTarget() {
            String html = html();

            assertThat(attributes(html, "href")).allSatisfy(href ->
                    assertThat(html).contains("id=\"" + href.substring(1) + "\""));
        }
    }

    @Nested
    class Escaping {

        @Test
        void everyTextFromTheInputIsEscaped() {
            String html = html();

            // Text is escaped for where it stands: a quote needs no escape in an element's text, only in an attribute.
            assertThat(html).contains("<title>Report for \"Samvad\" &lt;test&gt;</title>")
                    .contains("Case &lt;img src=x&gt;")
                    .contains("<code>t.ask@&lt;e5&gt;</code>")
                    .contains("An order &lt;b&gt;without&lt;/b&gt; a URL &amp; no reasons")
                    .contains("expected an instant &lt;with offset&gt;")
                    .doesNotContain("<img src=x>", "<b>without", "<e5>", "<test>");
        }

    }

    @Nested
    class Layout {

        @Test
        void theSummaryTableHasTheClausesInTheLawsOrderWithAProvisoAfterItsClause() {
            String html = html();

            assertThat(html).containsSubsequence(">Section 3(1)(d)</a></th>", ">Section 3(2)</a></th>",
                    ">Proviso to Section 3(2)</a></th>", ">Section 10</a></th>");
        }

        @Test
        void theListHasTheMostUrgentClausesFirstThenTheLawsOrder() {
            String html = html();

            // 3(2) and 10 have a breach; 3(1)(d) a finding and a late action; the proviso only an open obligation.
            assertThat(html).containsSubsequence("<h3>Section 3(2)</h3>", "<h3>Section 10</h3>",
                    "<h3>Section 3(1)(d)</h3>", "<h3>Proviso to Section 3(2)</h3>");
        }

        @Test
        void listsWhatNeedsAttentionAndCountsTheRest() {
            String html = html();

            assertThat(html).contains("<code>t.remove@e1</code>", "<code>t.answer@e3</code>", "<code>s.officer</code>")
                    .doesNotContain("<code>t.remove@e2</code>")
                    .contains("1 other obligation under this clause met or not applicable.");
            assertThat(HtmlReport.builder().report(REPORT).listAll(true).render()).contains("<code>t.remove@e2</code>");
        }

        @Test
        void summaryCountsEveryStatusAndFindingByClause() {
            String html = html();

            assertThat(html).contains("<span class=\"tile breached\"><b>2</b> BREACHED</span>")
                    .contains("<span class=\"tile met\"><b>1</b> MET</span>")
                    .contains("<span class=\"tile indeterminate zero\"><b>0</b> INDETERMINATE</span>")
                    .contains("<span class=\"tile finding\"><b>1</b> FINDING</span>")
                    .contains("<tr><th scope=\"row\"><a href=\"#c-section-3-1-d\">Section 3(1)(d)</a></th>");
        }

        @Test
        void aTimelineForEachListedTimeBoundObligationNoneForStandingDuties() {
            String html = html();

            // Listed: t.remove@e1, t.answer@e3, t.answer@e4, t.ask@<e5>; s.officer has no due instant.
            assertThat(count(html, "<svg class=\"timeline\"")).isEqualTo(4);
            assertThat(html).contains("<title>triggered 2026-03-02T10:00+05:30</title>")
                    .contains("<title>due 2026-03-02T13:00+05:30</title>")
                    .contains("<title>done 2026-03-02T14:10+05:30</title>")
                    .contains("<title>as of 2026-03-02T18:00+05:30</title>")
                    .contains("aria-label=\"Triggered 2026-03-02T10:00+05:30, due 2026-03-02T13:00+05:30, done "
                            + "2026-03-02T14:10+05:30\"")
                    .contains("<dt>late by</dt><dd>1 h 10 min</dd>")
                    .contains("<dt>assessed</dt><dd>2026-03-02T18:00+05:30</dd>");
        }

        @Test
        void aVerdictOnOneMatterShowsItsTriggerNoDueInstantAndNoTimeline() {
            Report report = new Report(AS_OF, List.of(new Obligation("t.notice@e9", "t.notice", "Tell the user",
                    "case-9", OffsetDateTime.parse("2026-03-02T09:00:00+05:30"), null, Status.INDETERMINATE, cite("Section 4(8)"), "e9", null, null,
                    "The basis is not recorded.")), List.of());

            String html = HtmlReport.builder().report(report).render();

            assertThat(html).contains("<dt>triggered</dt><dd>2026-03-02T09:00+05:30 by e9</dd>")
                    .doesNotContain("<dt>assessed</dt>").doesNotContain("<dt>due</dt>")
                    .doesNotContain("<svg class=\"timeline\"");
        }

        @Test
        void aStandingDutyOverThePeriodShowsWhenItsFirstStretchBegan() {
            Report report = new Report(AS_OF, List.of(new Obligation("s.officer@period", "s.officer",
                    "Appoint an officer", null, OffsetDateTime.parse("2026-03-01T00:00:00+05:30"), null,
                    Status.BREACHED, cite("Section 10"), null, null, null, "Over the period ...")), List.of());

            assertThat(HtmlReport.builder().report(report).render())
                    .contains("<dt>from</dt><dd>2026-03-01T00:00+05:30</dd>").doesNotContain("<dt>assessed</dt>");
        }

        @Test
        void coordinatesDoNotDependOnTheLocale() {
            Locale before = Locale.getDefault();
            try {
                Locale.setDefault(Locale.GERMANY);
                assertThat(html()).doesNotContainPattern("[xy][12]?=\"\\d+,\\d");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        void chartsDrawEveryBarWithItsValue() {
            String html = html();

            assertThat(html).contains("<figcaption><b>Figures for 2026-03</b><br>Counted in IST.</figcaption>")
                    .contains("<text class=\"group\" x=\"0\" y=\"19\">Complaints</text>")
                    .contains("<title>general: 4</title>", "<title>intimate imagery: 0</title>",
                            "<title>proactive removals: 2</title>");
        }

        @Test
        void rejectedInputIsListedWithLineAndField() {
            assertThat(html()).contains("<tr><td>a.jsonl</td><td>7</td><td>at</td><td>expected an instant "
                    + "&lt;with offset&gt;</td></tr>");
        }

        @Test
        void aPageWithoutAReportShowsItsDetailsAndCharts() {
            String html = HtmlReport.builder().title("Figures").detail("Month", "2026-02")
                    .chart(new HtmlReport.Chart("Bars", null, List.of(new HtmlReport.Chart.Bar(null, "one", 1))))
                    .render();

            assertThat(html).contains("<dt>Month</dt><dd>2026-02</dd>", "<title>one: 1</title>")
                    .doesNotContain("Summary", "As of");
        }
    }


    private static List<String> attributes(String html, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(html);
        java.util.ArrayList<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void aWriterThatFailsGivesItsOwnError() {
        java.io.Writer broken = new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.builder().report(REPORT).render(broken))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("No space left on device");
    }

    @Test
    void rejectedLinesAreListedWithoutTheValuesTheyQuote() {
        String html = HtmlReport.builder().title("Audit").rejected(List.of(new InputException("a.jsonl", 3, "person",
                "Cannot deserialize value of type `java.lang.Integer` from String \"Asha Verma\": not a valid number",
                null))).render();

        assertThat(html).contains("from String \"…\"").doesNotContain("Asha Verma");
    }
}
