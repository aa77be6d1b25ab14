package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.IndiaPack.ist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.pack.RulePack;

/** Review: a rule name with a space between words (allowed) and a case that leaves the monitor. */
class LeftCasesSpacedRuleReviewTest {

    @Test
    void a_case_whose_obligation_cites_a_rule_named_with_a_space_can_leave() {
        RulePack policy = RulePack.drl("policy.drl", """
                package org.example.policy;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.india.ComplaintAcknowledged;
                import org.niyam.compliance.model.Duty;
                import org.niyam.compliance.model.Discharge;
                rule "policy opens review"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("policy.review", "Review", "complaint.acknowledge", $c));
                end
                rule "policy review done"
                    @citation("Policy 1")
                when
                    $d : Duty(key == "policy.review", $case : caseId)
                    $a : ComplaintAcknowledged(caseId == $case)
                then
                    insert(new Discharge($d, $a));
                end
                """);
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath("org/niyam/compliance/rules/india")).rulePack(policy).build();
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .outOfOrder(Duration.ofHours(2)).offset(IndiaPack.IST)
                .platform(new org.niyam.compliance.india.PlatformProfile("Mahanagar", 90_000_000, false, true))
                .retainEndedCases(Duration.ofDays(1)).listener(heard::add).build()) {
            monitor.accept(new ComplaintReceived("p1-in", "P1", ist("2026-03-01T10:00"), ComplaintCategory.GENERAL));
            monitor.accept(new ComplaintAcknowledged("p1-ack", "P1", ist("2026-03-01T11:00")));
            monitor.accept(new org.niyam.compliance.india.ComplaintResolved("p1-res", "P1", ist("2026-03-01T12:00")));
            monitor.accept(new ComplaintReceived("p2-in", "P2", ist("2026-03-10T10:00"), ComplaintCategory.GENERAL));
            heard.forEach(t -> System.out.println("SPACED " + t.id() + " rule=" + (t.obligation() == null ? "-"
                    : t.obligation().citation().ruleId())));
            assertThat(monitor.report().forCase("P1")).as("P1 left").isEmpty();
        }
    }
}
