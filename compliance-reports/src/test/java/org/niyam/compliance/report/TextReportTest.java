package org.niyam.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/** The plain-text form of a report, as the command line prints it. */
class TextReportTest {

    private static final OffsetDateTime AS_OF = at("2026-03-02T18:00:00+05:30");
    private static final Citation CITATION = new Citation("Test Act, 2020", "Section 1", "as amended in 2026", "t.rule");

    @Test
    void renders_a_summary_then_each_obligation_and_finding() {
        Report report = new Report(AS_OF, List.of(
                new Obligation("test.profile", "test.profile", "Declare the platform's profile", null, AS_OF, null,
                        Status.MET, CITATION, null, null, null, "The platform declared its profile."),
                new Obligation("test.answer@e1", "test.answer", "Answer the complaint", "case-1",
                        at("2026-03-02T10:00:00+05:30"), at("2026-03-02T12:00:00+05:30"), Status.MET_LATE, CITATION,
                        "e1", "e2", at("2026-03-02T12:00:00.001+05:30"), "Done 1 ms late."),
                new Obligation("test.answer@e3", "test.answer", "Answer the complaint", "case-2",
                        at("2026-03-02T11:00:00+05:30"), at("2026-03-02T13:00:00+05:30"), Status.BREACHED, CITATION,
                        "e3", null, null, "Not done.")),
                List.of(new Finding("intimate-imagery", "case-1", "A complaint about intimate imagery was received",
                        List.of("e1"), CITATION)));

        String text = TextReport.render(report);

        assertThat(text).startsWith("As of 2026-03-02T18:00+05:30: 3 obligations, 1 BREACHED, 1 MET LATE, 1 MET, 1 finding\n");
        assertThat(text.indexOf("\nBREACHED ")).as("most urgent first")
                .isLessThan(text.indexOf("\nMET LATE ")).isLessThan(text.indexOf("\nMET "));
        String late = block(text, "MET LATE");
        assertThat(late).containsPattern("^MET LATE +test\\.answer@e1\n")
                .containsPattern("(?m)^ +case +case-1$")
                .containsPattern("(?m)^ +triggered +2026-03-02T10:00\\+05:30 by e1$")
                .containsPattern("(?m)^ +due +2026-03-02T12:00\\+05:30$")
                .containsPattern("(?m)^ +done +2026-03-02T12:00:00\\.001\\+05:30 by e2$")
                .contains("Section 1", "Test Act, 2020", "as amended in 2026", "t.rule");
        String breached = block(text, "BREACHED");
        assertThat(breached).containsPattern("^BREACHED +test\\.answer@e3\n")
                .containsPattern("(?m)^ +due +2026-03-02T13:00\\+05:30$")
                .doesNotContainPattern("(?m)^ +done ");
        // A standing duty has neither case nor due instant: it is assessed at "as of".
        String standing = block(text, "MET  ");
        assertThat(standing).containsPattern("^MET +test\\.profile\n")
                .containsPattern("(?m)^ +assessed +2026-03-02T18:00\\+05:30$")
                .doesNotContainPattern("(?m)^ +(case|due|done) ");
        String period = TextReport.render(new Report(AS_OF, List.of(new Obligation("test.profile@period",
                "test.profile", "Declare the platform's profile", null, at("2026-03-01T00:00:00+05:30"), null,
                Status.BREACHED, CITATION, null, null, null, "Over the period ...")), List.of()));
        assertThat(period).as("a standing duty over the period: from when its first stretch began")
                .containsPattern("(?m)^ +from +2026-03-01T00:00\\+05:30$").doesNotContain("assessed");
        String finding = block(text, "FINDING");
        assertThat(finding).containsPattern("^FINDING +intimate-imagery\n")
                .containsPattern("(?m)^ +evidence +e1$")
                .contains("A complaint about intimate imagery was received", "Section 1", "t.rule");
    }

    /** The lines of the first entry whose heading starts with the label, up to the blank line after it. */
    private static String block(String text, String label) {
        int start = text.indexOf("\n\n" + label);
        assertThat(start).as("an entry starting with %s in%n%s", label, text).isNotNegative();
        int end = text.indexOf("\n\n", start + 2);
        return text.substring(start + 2, end < 0 ? text.length() : end + 1);
    }

    /** A complaint never acknowledged, read as the command line reads it and evaluated by the India pack. */
    private static final String LOG = """
            {"type":"PlatformProfile","name":"Samvad","registeredUsersInIndia":2000000,"messagingService":false}
            {"type":"OfficerAppointment","id":"appt-1","role":"GRIEVANCE_OFFICER","person":"N. Gupta",\
            "residentInIndia":true,"employee":true,"contactPublished":true,"from":"2024-01-01T00:00:00+05:30"}
            {"type":"ComplaintReceived","id":"e1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30",\
            "category":"GENERAL"}
            """;

    @Test
    void renders_an_evaluated_report() {
        Report report = ComplianceEngine.builder().rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .build().evaluate(CaseLogReader.strict().read("cases.jsonl", new StringReader(LOG)).evidence(),
                        at("2026-03-20T18:00:00+05:30"));

        String text = TextReport.render(report);

        assertThat(block(text, "BREACHED")).containsPattern("^BREACHED +\\S+@e1\n")
                .containsPattern("(?m)^ +case +case-1$")
                .containsPattern("(?m)^ +due +2026-03-0\\dT\\d\\d:\\d\\d\\+05:30$")
                .containsPattern("(?m)^ +cite +Rule 3\\(2\\)");
    }

    @Test
    void a_verdict_on_one_matter_shows_its_trigger_and_no_due_instant() {
        Report report = new Report(AS_OF, List.of(new Obligation("test.answer@e1", "test.answer",
                "Answer the complaint", "case-1", at("2026-03-02T10:00:00+05:30"), null, Status.NOT_APPLICABLE,
                CITATION, "e1", null, null, "Not a complaint this Act covers.")), List.of());

        String text = TextReport.render(report);

        assertThat(text).startsWith("As of 2026-03-02T18:00+05:30: 1 obligation, 1 NOT APPLICABLE, 0 findings\n");
        assertThat(block(text, "NOT APPLICABLE")).containsPattern("(?m)^ +triggered +2026-03-02T10:00\\+05:30 by e1$")
                .doesNotContainPattern("(?m)^ +(due|assessed) ");
    }

    @Test
    void renders_an_empty_report() {
        assertThat(TextReport.render(new Report(AS_OF, List.of(), List.of())))
                .isEqualTo("As of 2026-03-02T18:00+05:30: 0 obligations, 0 findings\n");
    }

    @Test
    @DisplayName("a case id holding a newline and a terminal escape cannot forge a line of the text report")
    void noForgedLines() {
        String forged = "k1\n\u001b[2KSummary: 0 obligations; all compliant";
        Report report = new Report(OffsetDateTime.parse("2026-03-03T00:00:00+05:30"), List.of(new Obligation(
                "t.answer@e\u001b1", "t.answer", "Answer", forged, at("2026-03-02T10:00:00+05:30"),
                at("2026-03-02T12:00:00+05:30"), Status.BREACHED, CITATION, "e\u001b1", null, null, "Not answered.")),
                List.of(new Finding("code\r\u009b", forged, "message\u2028with \u202Ereversed", List.of(forged),
                        new Citation("Act", "Section 1", "v1", "rule"))));

        String text = TextReport.render(report);

        assertThat(text.lines()).as("no line starts with forged text")
                .noneMatch(l -> l.startsWith("Summary") || l.startsWith("\u001b"));
        assertThat(text).doesNotContain("\u001b", "\r", "\u009b", "\u2028", "\u202E")
                .contains("  case      k1\\n\\u001b[2KSummary: 0 obligations; all compliant\n")
                .contains("BREACHED        t.answer@e\\u001b1\n")
                .contains("FINDING         code\\r\\u009b\n")
                .contains("  what      message\\u2028with \\u202ereversed\n");
    }

    @Test
    @DisplayName("TextReport.printable escapes controls only: scripts, emoji, joiners and pairs are kept")
    void printable() {
        assertThat(TextReport.printable("a\tb\u0000c\u007fd")).isEqualTo("a\\tb\\u0000c\\u007fd");
        assertThat(TextReport.printable("\u2066x\u2069\u200F")).isEqualTo("\\u2066x\\u2069\\u200f");
        assertThat(TextReport.printable("\uD800x\uDC00")).isEqualTo("\\ud800x\\udc00");
        String kept = "मामला क्‍ष \uD83D\uDC69\u200D\uD83D\uDCBB \uFFFD C:\\logs";
        assertThat(TextReport.printable(kept)).isSameAs(kept);
        assertThat(TextReport.printable(null)).isNull();
    }

    private static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }
}
