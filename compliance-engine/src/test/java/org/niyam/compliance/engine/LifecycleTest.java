package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.AMENDED;
import static org.niyam.compliance.engine.TestPacks.AMENDMENT;
import static org.niyam.compliance.engine.TestPacks.AS_MADE;
import static org.niyam.compliance.engine.TestPacks.INSTRUMENT;
import static org.niyam.compliance.engine.TestPacks.PLATFORM;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.grievanceOfficer;
import static org.niyam.compliance.engine.TestPacks.order;
import static org.niyam.compliance.engine.TestPacks.removed;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * The obligation lifecycle, through the test pack {@code packs/clock}: {@code test.clock} is 10 h for clocks that
 * start before the 2026 amendment and 2 h from then on.
 */
class LifecycleTest {

    private static final ComplianceEngine ENGINE = TestPacks.clockEngine();
    private static final Duration MS = Duration.ofMillis(1);

    private static ComplianceEngine noAtRiskEngine;

    private static synchronized ComplianceEngine noAtRiskEngine() {
        if (noAtRiskEngine == null) {
            noAtRiskEngine = ComplianceEngine.builder().rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                    .atRiskFraction(0).build();
        }
        return noAtRiskEngine;
    }

    /** One complaint clock in each law version: when it starts, how long it runs, which version gives it. */
    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of(at("2025-06-01T10:00:00+05:30"), Duration.ofHours(10), AS_MADE),
                Arguments.of(at("2026-03-02T10:00:00+05:30"), Duration.ofHours(2), AMENDED));
    }

    private static Obligation answer(Report report, String complaintId) {
        return obligation(report, "test.answer@" + complaintId);
    }

    private static Obligation obligation(Report report, String id) {
        return report.obligations().stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no obligation " + id + " in " + report.obligations()));
    }

    private static Obligation evaluateAnswer(Evidence evidence, OffsetDateTime asOf) {
        return answer(ENGINE.evaluate(evidence, asOf), "c1");
    }

    @Nested
    class Deadline {

        @ParameterizedTest(name = "{2}")
        @MethodSource("org.niyam.compliance.engine.LifecycleTest#versions")
        void one_millisecond_before_due_is_met(OffsetDateTime trigger, Duration length, String version) {
            OffsetDateTime due = trigger.plus(length);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", due.minus(MS))), due.plusHours(1));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dueAt()).isEqualTo(due);
            assertThat(o.triggeredAt()).isEqualTo(trigger);
            assertThat(o.triggerEventId()).isEqualTo("c1");
            assertThat(o.dischargeEventId()).isEqualTo("r1");
            assertThat(o.dischargedAt()).isEqualTo(due.minus(MS));
            assertThat(o.lateness()).isNull();
            assertThat(o.citation().version()).isEqualTo(version);
        }

        @ParameterizedTest(name = "{2}")
        @MethodSource("org.niyam.compliance.engine.LifecycleTest#versions")
        void exactly_at_due_is_met(OffsetDateTime trigger, Duration length, String version) {
            OffsetDateTime due = trigger.plus(length);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", due)), due.plusHours(1));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.lateness()).isNull();
        }

        @ParameterizedTest(name = "{2}")
        @MethodSource("org.niyam.compliance.engine.LifecycleTest#versions")
        void one_millisecond_after_due_is_met_late_by_one_millisecond(OffsetDateTime trigger, Duration length,
                                                                      String version) {
            OffsetDateTime due = trigger.plus(length);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", due.plus(MS))), due.plusHours(1));

            assertThat(o.status()).isEqualTo(Status.MET_LATE);
            assertThat(o.lateness()).isEqualTo(MS);
            assertThat(o.explanation()).contains("1 ms after");
        }

        @ParameterizedTest(name = "{2}")
        @MethodSource("org.niyam.compliance.engine.LifecycleTest#versions")
        void undischarged_is_breached_one_millisecond_after_due(OffsetDateTime trigger, Duration length,
                                                               String version) {
            OffsetDateTime due = trigger.plus(length);
            Evidence evidence = evidence(complaint("c1", "case-1", trigger));

            assertThat(evaluateAnswer(evidence, due).status()).isEqualTo(Status.AT_RISK);
            Obligation breached = evaluateAnswer(evidence, due.plus(MS));
            assertThat(breached.status()).isEqualTo(Status.BREACHED);
            assertThat(breached.dischargeEventId()).isNull();
            assertThat(breached.explanation()).contains("overdue by 1 ms");
        }

        @Test
        void offsets_do_not_matter_only_instants_do() {
            // 04:30 UTC is 10:00 in India; 12:00 in India is exactly due on the 2-hour clock.
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", at("2026-03-02T04:30:00Z")),
                    resolved("r1", "case-1", at("2026-03-02T12:00:00+05:30"))), at("2026-03-03T00:00:00Z"));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dueAt().toInstant()).isEqualTo(at("2026-03-02T06:30:00Z").toInstant());
        }
    }

    @Nested
    class OpenAndAtRisk {

        private final OffsetDateTime trigger = at("2026-03-02T10:00:00+05:30");
        private final OffsetDateTime due = trigger.plusHours(2);
        private final Evidence evidence = evidence(complaint("c1", "case-1", trigger));

        @Test
        void open_while_more_than_a_quarter_of_the_clock_is_left() {
            // A quarter of 2 h is 30 min.
            Obligation o = evaluateAnswer(evidence, due.minusMinutes(30).minus(MS));

            assertThat(o.status()).isEqualTo(Status.OPEN);
            assertThat(o.explanation()).contains("30 min 1 ms left of the 2 h");
        }

        @Test
        void at_risk_once_no_more_than_a_quarter_is_left() {
            assertThat(evaluateAnswer(evidence, due.minusMinutes(30)).status()).isEqualTo(Status.AT_RISK);
            assertThat(evaluateAnswer(evidence, due.minus(MS)).status()).isEqualTo(Status.AT_RISK);
        }

        @Test
        void open_right_after_the_trigger() {
            assertThat(evaluateAnswer(evidence, trigger).status()).isEqualTo(Status.OPEN);
        }

        @Test
        void at_risk_fraction_zero_turns_at_risk_off() {
            ComplianceEngine engine = noAtRiskEngine();

            assertThat(answer(engine.evaluate(evidence, due.minus(MS)), "c1").status()).isEqualTo(Status.OPEN);
            assertThat(answer(engine.evaluate(evidence, due), "c1").status())
                    .as("the builder promises \"0 turns AT_RISK off\", so at the due instant the duty is still OPEN")
                    .isEqualTo(Status.OPEN);
            assertThat(answer(engine.evaluate(evidence, due.plus(MS)), "c1").status()).isEqualTo(Status.BREACHED);
        }
    }

    @Nested
    class Discharges {

        private final OffsetDateTime trigger = at("2026-03-02T10:00:00+05:30");
        private final OffsetDateTime due = trigger.plusHours(2);

        @Test
        void the_earliest_of_several_discharges_wins() {
            Obligation o = evaluateAnswer(evidence(
                    resolved("r-late", "case-1", due.plusHours(1)),
                    complaint("c1", "case-1", trigger),
                    resolved("r-early", "case-1", due.minusHours(1)),
                    resolved("r-middle", "case-1", due)), due.plusHours(2));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).isEqualTo("r-early");
            assertThat(o.dischargedAt()).isEqualTo(due.minusHours(1));
        }

        @Test
        void discharges_at_one_instant_are_ordered_by_event_id() {
            OffsetDateTime done = trigger.plusHours(1);
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r-b", "case-1", done), resolved("r-a", "case-1", done.withOffsetSameInstant(
                            java.time.ZoneOffset.UTC))), due);

            assertThat(o.dischargeEventId()).isEqualTo("r-a");
        }

        @Test
        void a_discharge_before_the_trigger_is_met() {
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", trigger.minusHours(1))), due.plusDays(1));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).isEqualTo("r1");
            assertThat(o.explanation()).contains("1 h before the clock started");
        }

        @Test
        void a_discharge_in_another_case_does_not_count() {
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-2", trigger.plusMinutes(5))), due.plus(MS));

            assertThat(o.status()).isEqualTo(Status.BREACHED);
        }

        @Test
        void events_after_as_of_are_not_yet_known() {
            OffsetDateTime asOf = trigger.plusMinutes(10);
            Report report = ENGINE.evaluate(evidence(
                    complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", asOf.plus(MS)),
                    complaint("c2", "case-2", asOf.plus(MS))), asOf);

            assertThat(answer(report, "c1").status()).isEqualTo(Status.OPEN);
            assertThat(answer(report, "c1").dischargeEventId()).isNull();
            assertThat(report.forCase("case-2")).isEmpty();
        }

        @Test
        void an_event_exactly_at_as_of_is_known() {
            OffsetDateTime asOf = trigger.plusMinutes(10);
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger),
                    resolved("r1", "case-1", asOf)), asOf);

            assertThat(o.status()).isEqualTo(Status.MET);
        }
    }

    @Nested
    class LawVersions {

        @Test
        void a_trigger_before_the_clock_has_a_value_is_not_applicable() {
            OffsetDateTime trigger = TestPacks.IN_FORCE.minus(MS);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger)), trigger.plusDays(30));

            assertThat(o.status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).isNull();
            assertThat(o.explanation()).contains("applies from " + TestPacks.IN_FORCE);
            assertThat(o.citation().version()).contains("not yet in force");
        }

        @Test
        void a_clock_that_spans_the_amendment_keeps_its_length_and_says_so() {
            OffsetDateTime trigger = AMENDMENT.minusHours(4);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger)), trigger.plusDays(1));

            assertThat(o.dueAt()).isEqualTo(trigger.plusHours(10));
            assertThat(o.status()).isEqualTo(Status.BREACHED);
            assertThat(o.citation().version()).isEqualTo(AS_MADE);
            assertThat(o.explanation()).contains("'" + AS_MADE + "'", "keeps its 10 h", "2 h in force from "
                    + AMENDMENT);
        }

        @Test
        void a_clock_that_starts_one_millisecond_before_the_amendment_runs_the_old_length() {
            OffsetDateTime trigger = AMENDMENT.minus(MS);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger)), trigger);

            assertThat(o.dueAt()).isEqualTo(trigger.plusHours(10));
            assertThat(o.citation().version()).isEqualTo(AS_MADE);
        }

        @Test
        void a_clock_that_starts_at_the_amendment_runs_the_new_length_without_a_note() {
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", AMENDMENT)), AMENDMENT);

            assertThat(o.dueAt()).isEqualTo(AMENDMENT.plusHours(2));
            assertThat(o.citation().version()).isEqualTo(AMENDED);
            assertThat(o.explanation()).doesNotContain("keeps its");
        }

        @Test
        void a_clock_that_ends_before_the_amendment_has_no_note() {
            OffsetDateTime trigger = AMENDMENT.minusHours(10).minus(MS);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger)), trigger);

            assertThat(o.explanation()).doesNotContain("keeps its");
        }
    }

    @Nested
    class Citations {

        private final OffsetDateTime trigger = at("2026-03-02T10:00:00+05:30");

        @Test
        void a_time_bound_duty_cites_instrument_clause_version_at_the_trigger_and_rule() {
            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", trigger)), trigger);

            assertThat(o.citation()).isEqualTo(new Citation(INSTRUMENT, "Section 1", AMENDED, "t.complaint-opens-answer"));
            assertThat(o.duty()).isEqualTo("test.answer");
            assertThat(o.id()).isEqualTo("test.answer@c1");
            assertThat(o.what()).isEqualTo("Answer the complaint");
            assertThat(o.caseId()).isEqualTo("case-1");
        }

        @Test
        void the_version_is_the_one_in_force_when_the_clock_started_not_at_as_of() {
            OffsetDateTime before = AMENDMENT.minusDays(3);

            Obligation o = evaluateAnswer(evidence(complaint("c1", "case-1", before)), AMENDMENT.plusDays(3));

            assertThat(o.citation().version()).isEqualTo(AS_MADE);
        }

        @Test
        void a_rule_with_its_own_instrument_overrides_the_pack_instrument() {
            Report report = ENGINE.evaluate(evidence(order("o1", "case-1", trigger),
                    removed("d1", "case-1", trigger.plusHours(1))), trigger.plusHours(3));

            Obligation o = obligation(report, "test.remove@o1");
            assertThat(o.citation()).isEqualTo(new Citation("Other Act, 1999", "Section 2", AMENDED, "t.order-opens-removal"));
            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).isEqualTo("d1");
        }

        @Test
        void a_finding_gets_the_citation_of_the_rule_that_inserted_it() {
            OffsetDateTime asOf = trigger.plusHours(1);
            Report report = ENGINE.evaluate(evidence(complaint("c1", "case-1", trigger, ComplaintCategory.INTIMATE_IMAGERY)),
                    asOf);

            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("intimate-imagery");
                assertThat(f.caseId()).isEqualTo("case-1");
                assertThat(f.evidence()).containsExactly("c1");
                assertThat(f.citation()).isEqualTo(new Citation(INSTRUMENT, "Section 4", AMENDED, "t.intimate-imagery-noted"));
            });
        }

        @Test
        void an_assessment_becomes_a_standing_obligation_with_the_citation_of_its_rule() {
            OffsetDateTime asOf = trigger;
            Report report = ENGINE.evaluate(evidence(), asOf);

            Obligation profile = obligation(report, "test.profile");
            assertThat(profile.status()).isEqualTo(Status.MET);
            assertThat(profile.citation()).isEqualTo(new Citation(INSTRUMENT, "Section 5", AMENDED, "t.profile-declared"));
            assertThat(profile.caseId()).isNull();
            assertThat(profile.dueAt()).isNull();
            assertThat(profile.triggeredAt()).isEqualTo(asOf);
            assertThat(profile.triggerEventId()).isNull();

            Obligation officer = obligation(report, "test.grievance-officer");
            assertThat(officer.status()).isEqualTo(Status.MET);
            assertThat(officer.citation().ruleId()).isEqualTo("t.grievance-officer.met");
            assertThat(officer.explanation()).endsWith("Evidence: a1.");
        }

        @Test
        void assessments_of_one_duty_with_one_status_merge_their_evidence() {
            OfficerAppointment second = new OfficerAppointment("a0", OfficerRole.GRIEVANCE_OFFICER, "B. Officer",
                    true, true, true, TestPacks.IN_FORCE, null);
            Report report = ENGINE.evaluate(new Evidence(PLATFORM, List.of(grievanceOfficer(), second), List.of()),
                    trigger);

            assertThat(obligation(report, "test.grievance-officer").explanation()).endsWith("Evidence: a0, a1.");
        }

        @Test
        void without_a_platform_profile_the_rule_for_missing_facts_answers() {
            Report report = ENGINE.evaluate(new Evidence(null, List.of(), List.of()), trigger);

            assertThat(obligation(report, "test.profile").status()).isEqualTo(Status.INDETERMINATE);
            assertThat(obligation(report, "test.profile").citation().ruleId()).isEqualTo("t.profile-missing");
            assertThat(obligation(report, "test.grievance-officer").status()).isEqualTo(Status.BREACHED);
        }

        @Test
        void two_assessments_of_one_duty_with_different_statuses_are_refused() {
            Evidence contradicting = new Evidence(new PlatformProfile("Chat", 10, true), List.of(), List.of());

            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> ENGINE.evaluate(contradicting, trigger));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("'test.profile'", "t.profile-declared",
                    "t.messaging-profile-contradicts", "MET", "BREACHED");
        }

        @Test
        void every_obligation_and_finding_carries_a_citation() {
            Report report = ENGINE.evaluate(evidence(complaint("c1", "case-1", trigger, ComplaintCategory.INTIMATE_IMAGERY),
                    order("o1", "case-2", trigger), TestPacks.request("q1", "case-3", trigger)), trigger.plusDays(5));

            assertThat(report.obligations()).hasSize(5).allSatisfy(o -> assertThat(o.citation()).isNotNull());
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.citation()).isNotNull());
            // Platform duties first, then by case.
            assertThat(report.obligations()).extracting(Obligation::id).containsExactly("test.grievance-officer",
                    "test.profile", "test.answer@c1", "test.remove@o1", "test.inform@q1");
        }
    }

    @Test
    void nothing_happened_gives_only_standing_duties() {
        Report report = ENGINE.evaluate(evidence(), at("2026-03-02T10:00:00+05:30"));

        assertThat(report.obligations()).extracting(Obligation::caseId).containsOnlyNulls();
        assertThat(report.findings()).extracting(Finding::code).isEmpty();
    }
}
