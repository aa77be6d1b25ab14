package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.engine.TestPacks.acknowledged;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * A session's conclusions are what its working memory holds when the rules are done, whether read from what the rules
 * inserted (the usual case) or from the session (after a deletion, a truth-maintained retraction or a replaced fact):
 * every configuration of threads and sessions gives the report one session gives.
 */
class SessionConclusionsTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = T.plusDays(30);

    private static final String HEADER = """
            package org.niyam.test.conclusions;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            """;

    private static final int[][] CONFIGURATIONS = {{1, 1}, {2, 1}, {3, 2}, {2, 1000}};

    private static final Evidence EVIDENCE = evidence(
            complaint("c-1", "case-1", T, ComplaintCategory.INTIMATE_IMAGERY),
            complaint("c-2", "case-2", T.plusMinutes(1)),
            complaint("c-3", "case-3", T.plusMinutes(2)),
            acknowledged("a-2", "case-2", T.plusMinutes(3)),
            resolved("r-3", "case-3", T.plusMinutes(5)));

    private static ComplianceEngine.Builder engine(String drl) {
        return ComplianceEngine.builder()
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted())
                .rulePack(RulePack.drl("conclusions", HEADER + drl).unrestricted());
    }

    private static Report assertSameInEveryConfiguration(String drl) {
        return TestPacks.assertSameAsOneSession(() -> engine(drl), CONFIGURATIONS, EVIDENCE, AS_OF);
    }

    @Test
    void a_conclusion_a_rule_deleted_is_not_reported() {
        Report report = assertSameInEveryConfiguration("""
                rule "x.withdraw-intimate-imagery-answer"
                    @citation("s. 1")
                when
                    $duty : Duty(key == "test.answer")
                    ComplaintReceived(id == $duty.triggerEventId, category == ComplaintCategory.INTIMATE_IMAGERY)
                then
                    delete($duty);
                end
                """);

        assertThat(report.obligations()).extracting(Obligation::id)
                .contains("test.answer@c-2", "test.answer@c-3")
                .doesNotContain("test.answer@c-1");
    }

    @Test
    void a_finding_truth_maintenance_retracted_is_not_reported() {
        Report report = assertSameInEveryConfiguration("""
                declare Answered
                    caseId : String
                end

                rule "x.unanswered"
                    @citation("s. 1")
                when
                    $c : ComplaintReceived()
                    not Answered(caseId == $c.caseId)
                then
                    insertLogical(new Finding("unanswered", $c.caseId(), "not answered yet", List.of($c.id())));
                end

                rule "x.answered"
                    @citation("s. 2")
                    salience -10
                when
                    $a : ComplaintAcknowledged()
                then
                    insert(new Answered($a.caseId()));
                end
                """);

        // case-2's finding was inserted, then retracted when its acknowledgement was answered
        assertThat(report.findings()).filteredOn(f -> f.code().equals("unanswered"))
                .extracting(Finding::caseId).containsExactlyInAnyOrder("case-1", "case-3");
    }

    @Test
    void a_finding_replaced_by_another_object_is_reported_as_replaced() {
        Report report = assertSameInEveryConfiguration("""
                rule "x.first"
                    @citation("s. 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("noted", $c.caseId(), "first wording", List.of($c.id())));
                end

                rule "x.reworded"
                    @citation("s. 2")
                    salience -10
                when
                    $f : Finding(code == "noted", message == "first wording")
                then
                    drools.getKieRuntime().update(drools.getFactHandle($f),
                            new Finding("noted", $f.caseId(), "second wording", $f.evidence()));
                end
                """);

        assertThat(report.findings()).filteredOn(f -> f.code().equals("noted"))
                .extracting(Finding::message).containsOnly("second wording").hasSize(3);
    }

    @Test
    void conclusions_inserted_into_another_entry_point_are_not_the_sessions() {
        Report report = assertSameInEveryConfiguration("""
                rule "x.aside"
                    @citation("s. 1")
                when
                    $c : ComplaintReceived()
                then
                    drools.getEntryPoint("aside").insert(new Finding("aside", $c.caseId(), "aside", List.of($c.id())));
                end

                rule "x.reads-aside"
                    @citation("s. 2")
                when
                    $f : Finding(code == "aside") from entry-point "aside"
                then
                    insert(new Finding("seen-aside", $f.caseId(), "seen aside", $f.evidence()));
                end
                """);

        assertThat(report.findings()).extracting(Finding::code).doesNotContain("aside");
        assertThat(report.findings()).filteredOn(f -> f.code().equals("seen-aside")).hasSize(3);
    }
}
