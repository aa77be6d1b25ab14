package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * The India pack runs case by case: its case-local rules over small groups of whole cases on two threads, its
 * other rules once. Every generated log gets exactly the report of one session holding all of it. The seed is
 * printed; replay with {@code -Dniyam.seed=<seed>}.
 */
class ByCaseEvaluationTest {

    private static final long SEED = Long.getLong("niyam.seed", 20_261_129L);

    private static final ComplianceEngine ONE_SESSION = IndiaPack.builder().oneSession().build();
    /** Sessions of a case or two, on two threads: the most splitting the engine can do. */
    private static final ComplianceEngine SMALL_SESSIONS = IndiaPack.builder().threads(2).eventsPerSession(4).build();
    private static final ComplianceEngine ONE_THREAD = IndiaPack.builder().threads(1).eventsPerSession(25).build();

    @Test
    void every_rule_about_cases_is_proved_case_local_and_the_rest_are_about_the_platform() {
        assertThat(SMALL_SESSIONS.oneSessionReason()).isEmpty();
        List<String> global = new ArrayList<>(SMALL_SESSIONS.ruleIds());
        global.removeAll(SMALL_SESSIONS.caseLocalRuleIds());
        // The platform's standing duties, the monthly reports the calendar opens (or says are not owed), "no
        // notice at all" and the gap before the first notice of the period, which look at every case: nothing else.
        assertThat(global).containsExactly(
                "in.3-1-c.no-notice-recorded",
                "in.3-1-c.gap-from-period-start",
                "in.4-1-d.month-end-opens-report",
                "in.4-1-d.months-before-rule-4",
                "in.4-1-d.below-threshold",
                "in.4-1-d.platform-unknown",
                "in.3-2-a.grievance-officer.not-in-force",
                "in.3-2-a.grievance-officer.met",
                "in.3-2-a.grievance-officer.met-by-resident-grievance-officer",
                "in.3-2-a.grievance-officer.breached",
                "in.4-1.not-in-force",
                "in.4-1.platform-unknown",
                "in.4-1.below-threshold",
                "in.4-1-a.chief-compliance-officer.met",
                "in.4-1-a.chief-compliance-officer.seniority-unknown",
                "in.4-1-a.chief-compliance-officer.breached",
                "in.4-1-b.nodal-contact-person.met",
                "in.4-1-b.nodal-contact-person.breached",
                "in.4-1-c.resident-grievance-officer.met",
                "in.4-1-c.resident-grievance-officer.breached",
                "in.4-5.address.assessed");
        assertThat(ONE_SESSION.oneSessionReason()).hasValue("the engine was built with oneSession()");
    }

    @Test
    void reports_are_exactly_those_of_one_session() {
        System.out.println("ByCaseEvaluationTest seed=" + SEED + " (replay with -Dniyam.seed=" + SEED + ")");
        Random random = new Random(SEED);
        List<String> fellBack = new ArrayList<>();
        org.niyam.compliance.pack.EvaluationListener told = new org.niyam.compliance.pack.EvaluationListener() {
            @Override
            public void oneSession(String reason) {
                fellBack.add(reason);
            }
        };
        for (int i = 0; i < 120; i++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(40));
            Report expected = ONE_SESSION.evaluate(log.evidence(), log.asOf());
            assertThat(SMALL_SESSIONS.evaluate(log.evidence(), log.asOf(), told)).as("log %d, small sessions", i)
                    .isEqualTo(expected);
            assertThat(ONE_THREAD.evaluate(log.evidence(), log.asOf(), told)).as("log %d, one thread", i)
                    .isEqualTo(expected);
        }
        // Every evaluation ran case by case: none started over in one session.
        assertThat(fellBack).as("evaluations that fell back to one session").isEmpty();
        assertThat(SMALL_SESSIONS.oneSessionReason()).as("no conclusion crossed between sessions").isEmpty();
        assertThat(ONE_THREAD.oneSessionReason()).isEmpty();
    }

    /**
     * A platform rule (reading no case's fact) that discharges a case's duty by its id: the discharge and the duty
     * are in different sessions, and were not brought together case by case, so the duty stayed breached there and
     * was met in one session. The discharge is now placed with the platform's report, and the case's session holding
     * its duty sends the evaluation to one session: the same report either way.
     */
    @Test
    void a_platform_rules_discharge_of_a_cases_duty_gives_the_same_report_case_by_case_as_in_one_session() {
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        Evidence evidence = new Evidence(new PlatformProfile("ExampleNet", 80_000_000, false), List.of(),
                List.of(new ComplaintReceived("c-1", "case-1", at, ComplaintCategory.values()[0])));
        RulePack reviewed = RulePack.drl("u.drl", """
                package org.example.u;
                import org.niyam.compliance.model.*;
                rule "u.discharge-from-afar"
                    @citation("x")
                when
                    $law : LawInForce()
                then
                    insert(new Discharge("complaint.acknowledge@c-1", "c-1", $law.asOf()));
                end
                """).unrestricted();

        List<String> statuses = new ArrayList<>();
        for (ComplianceEngine engine : List.of(IndiaPack.builder().rulePack(reviewed).build(),
                IndiaPack.builder().rulePack(reviewed).oneSession().build())) {
            statuses.add(engine.evaluate(evidence, at.plusDays(2)).obligations().stream()
                    .filter(o -> o.id().equals("complaint.acknowledge@c-1")).map(o -> o.status().name())
                    .findFirst().orElseThrow());
        }

        assertThat(statuses).containsExactly("MET_LATE", "MET_LATE");
    }
}
