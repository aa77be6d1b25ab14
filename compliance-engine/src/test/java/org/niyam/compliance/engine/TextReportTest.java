package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.engine.TestPacks.at;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

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

    @Test
    void renders_an_evaluated_report() {
        Report report = TestPacks.clockEngine().evaluate(TestPacks.evidence(
                TestPacks.complaint("e1", "case-1", at("2026-03-02T10:00:00+05:30"), ComplaintCategory.GENERAL)), AS_OF);

        String text = TextReport.render(report);

        assertThat(block(text, "BREACHED")).containsPattern("^BREACHED +test\\.answer@e1\n")
                .containsPattern("(?m)^ +due +2026-03-02T12:00\\+05:30$")
                .contains("Section 1", "Test Act, 2020", "as amended in 2026", "t.complaint-opens-answer");
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
}
