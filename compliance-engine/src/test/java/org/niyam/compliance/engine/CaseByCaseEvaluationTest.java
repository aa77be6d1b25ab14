package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.acknowledged;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * Evaluating case by case: which rules are proved case-local, that a conclusion crossing from one session to
 * another makes the engine fall back to one session with the same report, and that the number of threads and the
 * size of the sessions never change a report or an error.
 */
class CaseByCaseEvaluationTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = T.plusDays(1);

    private static final String HEADER = """
            package org.niyam.test.bycase;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            """;

    /** The clock pack (for its clocks and its own mix of rules) and the given DRL. */
    /**
     * Packs that delete or update facts the engine was given: only a trusted or reviewed pack may (a restricted one
     * may change only its own facts, RestrictedPackFactsTest), so these are loaded unrestricted.
     */
    private static final Set<String> CHANGE_GIVEN_FACTS = Set.of("crossing-d-event", "crossing-d-delete",
            "crossing-d-update");

    private static ComplianceEngine.Builder engine(String name, String drl) {
        RulePack pack = RulePack.drl(name, HEADER + drl);
        return ComplianceEngine.builder()
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePack(CHANGE_GIVEN_FACTS.contains(name) ? pack.unrestricted() : pack);
    }

    /** Several small sessions on two threads, so that each case runs apart from the others. */
    private static ComplianceEngine byCase(String name, String drl) {
        return engine(name, drl).threads(2).eventsPerSession(1).build();
    }

    private static ComplianceEngine oneSession(String name, String drl) {
        return engine(name, drl).oneSession().build();
    }

    @Nested
    @DisplayName("caseLocalRuleIds()")
    class Classification {

        private static final String FORMS = """
                rule "local.single-pattern"
                    @citation("s. 1")
                when
                    $c : ComplaintReceived()
                then
                end

                rule "local.bound-case"
                    @citation("s. 2")
                when
                    $d : Duty(key == "k", $c : caseId)
                    $r : ComplaintResolved(caseId == $c)
                then
                end

                rule "local.bound-case-reversed"
                    @citation("s. 2")
                when
                    $d : Duty(key == "k", $c : caseId)
                    $r : ComplaintResolved($c == caseId)
                then
                end

                rule "local.case-of-pattern"
                    @citation("s. 3")
                when
                    $order : RemovalOrderReceived()
                    $done : ContentRemoved(caseId == $order.caseId)
                then
                end

                rule "local.with-context"
                    @citation("s. 4")
                when
                    $law : LawInForce()
                    PlatformProfile(messagingService)
                    $a : OfficerAppointment(heldAt($law.asOf))
                    $c : ComplaintReceived()
                then
                end

                rule "local.tied-not"
                    @citation("s. 5")
                when
                    $c : ComplaintReceived($case : caseId)
                    not ComplaintResolved(caseId == $case)
                then
                end

                rule "local.tied-exists"
                    @citation("s. 6")
                when
                    $c : ComplaintReceived($case : caseId)
                    exists ComplaintAcknowledged(caseId == $case)
                then
                end

                rule "local.tied-collect"
                    @citation("s. 7")
                when
                    $c : ComplaintReceived($case : caseId)
                    $acks : List(size > 1) from collect(ComplaintAcknowledged(caseId == $case))
                then
                end

                rule "local.tied-accumulate"
                    @citation("s. 8")
                when
                    $c : ComplaintReceived($case : caseId)
                    accumulate(CaseEvent(caseId == $case); $n : count(); $n > 2)
                then
                end

                rule "global.two-cases"
                    @citation("s. 9")
                when
                    $c : ComplaintReceived()
                    $r : ComplaintResolved()
                then
                end

                rule "global.untied-not"
                    @citation("s. 10")
                when
                    $c : ComplaintReceived()
                    not ComplaintResolved()
                then
                end

                rule "global.only-not"
                    @citation("s. 10")
                when
                    not ComplaintResolved()
                then
                end

                rule "global.untied-object"
                    @citation("s. 11")
                when
                    $c : ComplaintReceived()
                    $o : Object(this != $c)
                then
                end

                rule "global.untied-case-event"
                    @citation("s. 12")
                when
                    $c : ComplaintReceived($case : caseId)
                    $e : CaseEvent(caseId != $case)
                then
                end

                rule "global.untied-exists-case-event"
                    @citation("s. 12")
                when
                    $c : ComplaintReceived()
                    exists CaseEvent()
                then
                end

                rule "global.profile"
                    @citation("s. 13")
                when
                    PlatformProfile(messagingService)
                then
                end

                rule "global.law-in-force"
                    @citation("s. 14")
                when
                    $law : LawInForce()
                    $a : OfficerAppointment(heldAt($law.asOf))
                then
                end

                rule "global.tie-through-context"
                    @citation("s. 15")
                when
                    PlatformProfile($name : name)
                    $c : ComplaintReceived(caseId == $name)
                    $r : ComplaintResolved(caseId == $name)
                then
                end

                rule "global.tie-through-context-pattern"
                    @citation("s. 15")
                when
                    $a : OfficerAppointment()
                    $c : ComplaintReceived(caseId == $a.id)
                    $r : ComplaintResolved(caseId == $a.id)
                then
                end
                """;

        private static ComplianceEngine forms;

        private static synchronized ComplianceEngine forms() {
            if (forms == null) {
                forms = engine("forms", FORMS).build();
            }
            return forms;
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "local.single-pattern      | a single pattern over a case type",
                "local.bound-case          | Duty(key == \"k\", $c : caseId) and ComplaintResolved(caseId == $c)",
                "local.bound-case-reversed | Duty($c : caseId) and ComplaintResolved($c == caseId)",
                "local.case-of-pattern     | caseId == $order.caseId",
                "local.with-context        | one case pattern beside the profile, an appointment and the law in force",
                "local.tied-not            | a tied pattern inside not",
                "local.tied-exists         | a tied pattern inside exists",
                "local.tied-collect        | a tied pattern inside collect",
                "local.tied-accumulate     | a tied pattern inside accumulate",
                "t.complaint-opens-answer  | the clock pack: one trigger",
                "t.resolution-discharges-answer | the clock pack: a duty and its discharge, tied by caseId"})
        void case_local(String rule, String form) {
            assertThat(forms().caseLocalRuleIds()).as(form).contains(rule);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "global.two-cases                | two case patterns not tied",
                "global.untied-not               | not ComplaintResolved() beside a case pattern",
                "global.only-not                 | not ComplaintResolved() alone",
                "global.untied-object            | a pattern over Object",
                "global.untied-case-event        | a pattern over CaseEvent of another case",
                "global.untied-exists-case-event | exists CaseEvent() not tied",
                "global.profile                  | only the platform profile",
                "global.law-in-force             | only the law in force and an appointment",
                "global.tie-through-context      | cases tied through a variable bound in the profile",
                "global.tie-through-context-pattern | cases tied through a field of an appointment",
                "t.profile-declared              | the clock pack: the profile",
                "t.grievance-officer.breached    | the clock pack: not an appointment"})
        void global(String rule, String form) {
            assertThat(forms().ruleIds()).as("a rule of the pack").contains(rule);
            assertThat(forms().caseLocalRuleIds()).as(form).doesNotContain(rule);
        }

        @Test
        void lists_case_local_rules_in_pack_and_file_order() {
            List<String> ids = forms().caseLocalRuleIds();

            assertThat(ids).containsExactly(
                    "t.complaint-opens-answer", "t.resolution-discharges-answer", "t.order-opens-removal",
                    "t.removal-discharges", "t.request-opens-information", "t.information-discharges",
                    "t.intimate-imagery-noted",
                    "local.single-pattern", "local.bound-case", "local.bound-case-reversed", "local.case-of-pattern",
                    "local.with-context", "local.tied-not", "local.tied-exists", "local.tied-collect",
                    "local.tied-accumulate");
            assertThat(forms().oneSessionReason()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a conclusion that would cross sessions")
    class Fallback {

        /** Evaluates with both engines; the case-by-case engine must have fallen back, and agree. */
        private Report assertFallsBack(String name, String drl, Evidence evidence) {
            ComplianceEngine byCase = byCase(name, drl);
            ComplianceEngine one = oneSession(name, drl);
            assertThat(byCase.oneSessionReason()).as("before evaluating").isEmpty();

            Report expected = one.evaluate(evidence, AS_OF);
            Firings firings = new Firings();
            Report actual = byCase.evaluate(evidence, AS_OF, firings);

            assertThat(firings.oneSession).as("the evaluation said it ran again in one session").hasSize(1);
            assertThat(byCase.oneSessionReason()).as("only that evaluation fell back").isEmpty();
            assertThat(actual).isEqualTo(expected);
            // The next evaluation tries case by case again, and falls back again, with the same report.
            assertThat(byCase.evaluate(evidence, AS_OF)).isEqualTo(expected);
            assertThat(one.oneSessionReason()).contains("the engine was built with oneSession()");
            return expected;
        }

        private static List<String> codes(Report report) {
            return report.findings().stream().map(f -> f.code() + "@" + f.caseId()).toList();
        }

        @Test
        void a_case_local_rule_concluding_for_another_case_that_case_local_rules_read() {
            String drl = """
                    rule "a.note-on-x"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived(caseId != "x")
                    then
                        insert(new Finding("noted", "x", "complaint " + $c.id(), List.of($c.id())));
                    end

                    rule "a.read-note"
                        @citation("s. 2")
                    when
                        $f : Finding(code == "noted", $case : caseId)
                        $c : ComplaintReceived(caseId == $case)
                    then
                        insert(new Finding("read", $case, $f.message(), List.of($c.id())));
                    end
                    """;
            Evidence evidence = evidence(complaint("c-x", "x", T), complaint("c-1", "case-1", T.plusMinutes(1)),
                    complaint("c-2", "case-2", T.plusMinutes(2)));

            Report report = assertFallsBack("crossing-a", drl, evidence);

            assertThat(codes(report)).containsExactly("noted@x", "noted@x", "read@x", "read@x");
        }

        @Test
        void a_global_rule_reading_a_type_that_case_local_rules_conclude() {
            String drl = """
                    rule "b.some-duty"
                        @citation("s. 1")
                    when
                        exists Duty(key == "test.answer")
                    then
                        insert(new Finding("some-duty", null, "A complaint is to be answered", List.of()));
                    end
                    """;
            Evidence evidence = evidence(complaint("c-1", "case-1", T), complaint("c-2", "case-2", T.plusMinutes(1)),
                    resolved("r-1", "case-1", T.plusMinutes(5)));

            Report report = assertFallsBack("crossing-b", drl, evidence);

            assertThat(codes(report)).containsExactly("some-duty@null");
            assertThat(report.obligations()).hasSize(4); // two answers, the profile, the officer
        }

        @Test
        void a_global_rule_concluding_for_a_case_in_the_log_what_case_local_rules_read() {
            String drl = """
                    rule "c.flag-while-others-resolved"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                        exists ComplaintResolved()
                    then
                        insert(new Finding("flagged", $c.caseId(), "Flagged", List.of($c.id())));
                    end

                    rule "c.flag-acknowledged"
                        @citation("s. 2")
                    when
                        $f : Finding(code == "flagged", $case : caseId)
                        $a : ComplaintAcknowledged(caseId == $case)
                    then
                        insert(new Finding("flagged-acknowledged", $case, "Acknowledged", List.of($a.id())));
                    end
                    """;
            Evidence evidence = evidence(
                    complaint("c-1", "case-1", T, ComplaintCategory.INTIMATE_IMAGERY),
                    acknowledged("a-1", "case-1", T.plusMinutes(3)),
                    complaint("c-2", "case-2", T.plusMinutes(1)),
                    resolved("r-2", "case-2", T.plusMinutes(4)));

            // case-1's own session is given the global rule's finding, as one session would hold it: no fallback.
            ComplianceEngine byCase = byCase("crossing-c", drl);
            Firings firings = new Firings();
            Report report = byCase.evaluate(evidence, AS_OF, firings);

            assertThat(firings.oneSession).as("no fallback").isEmpty();
            assertThat(report).isEqualTo(oneSession("crossing-c", drl).evaluate(evidence, AS_OF));
            assertThat(codes(report)).contains("flagged@case-1", "flagged-acknowledged@case-1");
        }

        @Test
        void a_global_conclusion_for_a_case_on_which_case_local_rules_also_fired_with_the_global_rules() {
            // The platform's rule concludes for case-9, which has events but none the global rules read: case-local
            // rules fire on that conclusion in the global session, and would fire again in case-9's own session.
            String drl = """
                    rule "g.note-case-9"
                        @citation("s. 1")
                    when
                        PlatformProfile()
                    then
                        insert(new Finding("noted", "case-9", "Noted", List.of()));
                    end

                    rule "l.echo"
                        @citation("s. 2")
                    when
                        $f : Finding(code == "noted", $case : caseId)
                    then
                        insert(new Finding("echo", $case, "Echo", List.of()));
                    end

                    rule "l.acknowledged"
                        @citation("s. 3")
                    when
                        $f : Finding(code == "noted", $case : caseId)
                        $a : ComplaintAcknowledged(caseId == $case)
                    then
                        insert(new Finding("noted-acknowledged", $case, "Acknowledged", List.of($a.id())));
                    end
                    """;
            Evidence evidence = evidence(complaint("c-9", "case-9", T), acknowledged("a-9", "case-9", T.plusMinutes(3)));

            Report report = assertFallsBack("crossing-echo", drl, evidence);

            assertThat(codes(report)).containsOnlyOnce("echo@case-9").contains("noted-acknowledged@case-9");
        }

        @Test
        void a_global_rule_concluding_without_a_case_what_case_local_rules_read_does_not_cross() {
            // The caseless finding stays in the global session, where the case-local rule reads it: no case
            // session could match it, so nothing crosses.
            String drl = """
                    rule "c2.platform-note"
                        @citation("s. 1")
                    when
                        PlatformProfile()
                    then
                        insert(new Finding("platform", null, "A platform", List.of()));
                    end

                    rule "c2.read-platform-note"
                        @citation("s. 2")
                    when
                        $f : Finding(code == "platform")
                    then
                        insert(new Finding("platform-read", null, "Read", List.of()));
                    end
                    """;
            ComplianceEngine byCase = byCase("crossing-c2", drl);
            ComplianceEngine one = oneSession("crossing-c2", drl);
            Evidence evidence = evidence(complaint("c-1", "case-1", T), complaint("c-2", "case-2", T.plusMinutes(1)));

            Report expected = one.evaluate(evidence, AS_OF);
            Report actual = byCase.evaluate(evidence, AS_OF);

            assertThat(byCase.caseLocalRuleIds()).contains("c2.read-platform-note").doesNotContain("c2.platform-note");
            assertThat(byCase.oneSessionReason()).isEmpty();
            assertThat(actual).isEqualTo(expected);
            assertThat(codes(expected)).containsExactly("platform@null", "platform-read@null");
        }

        @Test
        void a_case_local_rule_deleting_an_event_that_a_global_rule_reads() {
            String drl = """
                    rule "d.withdraw-duplicate"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        delete($c);
                    end

                    rule "d.none-intimate"
                        @citation("s. 2")
                    when
                        PlatformProfile()
                        not ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        insert(new Finding("none-intimate", null, "No intimate imagery", List.of()));
                    end
                    """;
            Evidence evidence = evidence(complaint("c-1", "case-1", T),
                    complaint("c-2", "case-2", T.plusMinutes(1), ComplaintCategory.INTIMATE_IMAGERY));

            assertFallsBack("crossing-d-event", drl, evidence);
        }

        @Test
        void a_case_local_rule_deleting_a_context_fact() {
            assertFallsBack("crossing-d-delete", profileChangedBy("delete($p);"), threeComplaints());
        }

        @Test
        void a_case_local_rule_updating_a_context_fact() {
            assertFallsBack("crossing-d-update", profileChangedBy("update($p);"), threeComplaints());
        }

        /** A case-local rule that changes the platform profile, which every session holds, and one that reads it. */
        private static String profileChangedBy(String change) {
            return """
                    rule "d.change-profile"
                        @citation("s. 1")
                        no-loop true
                    when
                        $p : PlatformProfile()
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        %s
                    end

                    rule "d.profiled"
                        @citation("s. 2")
                    when
                        PlatformProfile()
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("profiled", $c.caseId(), "Profiled", List.of($c.id())));
                    end
                    """.formatted(change);
        }

        private static Evidence threeComplaints() {
            return evidence(complaint("c-1", "case-1", T),
                    complaint("c-2", "case-2", T.plusMinutes(1), ComplaintCategory.INTIMATE_IMAGERY),
                    complaint("c-3", "case-3", T.plusMinutes(2)));
        }

        @Test
        void the_listener_hears_both_attempts_of_the_evaluation_that_falls_back_and_each_firing_once_after() {
            String drl = """
                    rule "b.some-duty"
                        @citation("s. 1")
                    when
                        exists Duty(key == "test.answer")
                    then
                        insert(new Finding("some-duty", null, "A complaint is to be answered", List.of()));
                    end
                    """;
            ComplianceEngine byCase = byCase("crossing-listener", drl);
            ComplianceEngine one = oneSession("crossing-listener", drl);
            Evidence evidence = evidence(complaint("c-1", "case-1", T), complaint("c-2", "case-2", T.plusMinutes(1)),
                    resolved("r-1", "case-1", T.plusMinutes(5)));
            Firings expected = new Firings();
            Firings actual = new Firings();

            one.evaluate(evidence, AS_OF, expected);
            byCase.evaluate(evidence, AS_OF, actual);

            assertThat(actual.oneSession).hasSize(1);
            expected.counts.forEach((rule, count) ->
                    assertThat(actual.counts.get(rule)).as(rule).isGreaterThanOrEqualTo(count));
            assertThat(expected.oneSession).as("an engine built with oneSession() does not fall back").isEmpty();
        }

        @Test
        void a_pack_that_crosses_nowhere_keeps_running_case_by_case() {
            // A global rule reading events, case-local rules reading their own cases, and a case-local rule that
            // concludes for another case a type that no rule reads.
            String drl = """
                    rule "e.escalate"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                        exists ComplaintResolved()
                    then
                        insert(new Finding("escalated", $c.caseId(), "Escalated", List.of($c.id())));
                    end

                    rule "e.unacknowledged"
                        @citation("s. 2")
                    when
                        $c : ComplaintReceived($case : caseId)
                        not ComplaintAcknowledged(caseId == $case)
                    then
                        insert(new Finding("unacknowledged", $case, "Not acknowledged", List.of($c.id())));
                    end

                    rule "e.note-elsewhere"
                        @citation("s. 3")
                    when
                        $a : ComplaintAcknowledged()
                    then
                        insert(new Finding("acknowledgements", "registry", "Acknowledged " + $a.id(),
                                List.of($a.id())));
                    end
                    """;
            ComplianceEngine byCase = byCase("crossing-none", drl);
            ComplianceEngine one = oneSession("crossing-none", drl);
            Evidence evidence = evidence(
                    complaint("c-1", "case-1", T, ComplaintCategory.INTIMATE_IMAGERY),
                    acknowledged("a-1", "case-1", T.plusMinutes(3)),
                    complaint("c-2", "case-2", T.plusMinutes(1)),
                    resolved("r-2", "case-2", T.plusMinutes(4)),
                    complaint("c-3", "case-3", T.plusMinutes(2)),
                    acknowledged("a-3", "case-3", T.plusMinutes(5)));

            Report expected = one.evaluate(evidence, AS_OF);
            Report actual = byCase.evaluate(evidence, AS_OF);

            assertThat(byCase.caseLocalRuleIds()).contains("e.unacknowledged", "e.note-elsewhere")
                    .doesNotContain("e.escalate");
            assertThat(byCase.oneSessionReason()).isEmpty();
            assertThat(actual).isEqualTo(expected);
            assertThat(codes(expected)).containsExactly("escalated@case-1", "intimate-imagery@case-1",
                    "unacknowledged@case-2",
                    "acknowledgements@registry", "acknowledgements@registry");
        }
    }

    @Nested
    @DisplayName("threads and session sizes")
    class Determinism {

        /** Global rules that read events, case-local rules with not and accumulate, and a rule that can throw. */
        private static final String MIX = """
                rule "m.escalate"
                    @citation("s. 1")
                when
                    $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    exists InformationRequestReceived(agency == "CERT-In")
                then
                    insert(new Finding("escalated", $c.caseId(), "Escalated", List.of($c.id())));
                end

                rule "m.no-resolution-anywhere"
                    @citation("s. 2")
                when
                    not ComplaintResolved()
                then
                    insert(new Finding("none-resolved", null, "No complaint was resolved", List.of()));
                end

                rule "m.unacknowledged"
                    @citation("s. 3")
                when
                    $c : ComplaintReceived($case : caseId)
                    not ComplaintAcknowledged(caseId == $case)
                then
                    insert(new Finding("unacknowledged", $case, "Not acknowledged", List.of($c.id())));
                end

                rule "m.busy-case"
                    @citation("s. 4")
                when
                    $c : ComplaintReceived($case : caseId)
                    accumulate(CaseEvent(caseId == $case); $n : count(); $n > 2)
                then
                    insert(new Finding("busy", $case, "Events: " + $n, List.of($c.id())));
                end

                rule "m.throws"
                    @citation("s. 5")
                when
                    $request : InformationRequestReceived(agency == "boom")
                then
                    throw new IllegalStateException("cannot handle request " + $request.id());
                end
                """;

        private static final int[] THREADS = {1, 2, 4};
        private static final int[] SESSION_SIZES = {1, 7, 2048};

        private static Map<String, ComplianceEngine> engines;

        /** One engine per number of threads and session size, and one that runs in one session. */
        private static synchronized Map<String, ComplianceEngine> engines() {
            if (engines == null) {
                Map<String, ComplianceEngine> built = new LinkedHashMap<>();
                built.put("one session", engine("mix", MIX).oneSession().build());
                for (int threads : THREADS) {
                    for (int size : SESSION_SIZES) {
                        built.put("threads " + threads + ", eventsPerSession " + size,
                                engine("mix", MIX).threads(threads).eventsPerSession(size).build());
                    }
                }
                engines = built;
            }
            return engines;
        }

        /** About three events a case: a trigger and up to three actions, some before and some after the clock. */
        private static Evidence generate(long seed, int cases, String boomCase) {
            Random random = new Random(seed);
            List<CaseEvent> events = new ArrayList<>();
            int next = 0;
            for (int c = 0; c < cases; c++) {
                String caseId = "case-" + c;
                OffsetDateTime at = T.minusHours(30).plusMinutes(random.nextInt(30 * 60));
                int kind = random.nextInt(3);
                String id = "e" + next++;
                events.add(switch (kind) {
                    case 0 -> complaint(id, caseId, at,
                            ComplaintCategory.values()[random.nextInt(ComplaintCategory.values().length)]);
                    case 1 -> TestPacks.order(id, caseId, at);
                    default -> new InformationRequestReceived(id, caseId, at,
                            caseId.equals(boomCase) ? "boom" : random.nextBoolean() ? "CERT-In" : "Police");
                });
                int actions = random.nextInt(4);
                for (int a = 0; a < actions; a++) {
                    OffsetDateTime done = at.plus(Duration.ofMinutes(random.nextInt(14 * 60) - 60));
                    String actionId = "e" + next++;
                    events.add(switch (random.nextInt(5)) {
                        case 0 -> resolved(actionId, caseId, done);
                        case 1 -> acknowledged(actionId, caseId, done);
                        case 2 -> new ContentRemoved(actionId, caseId, done, TakedownAction.DISABLED);
                        case 3 -> new InformationProvided(actionId, caseId, done);
                        default -> complaint(actionId, caseId, done);
                    });
                }
            }
            Collections.shuffle(events, random);
            return evidence(events.toArray(CaseEvent[]::new));
        }

        @Test
        void every_number_of_threads_and_session_size_gives_the_same_report() {
            Evidence evidence = generate(2026L, 100, null);
            assertThat(evidence.events()).hasSizeBetween(200, 400);

            Report expected = engines().get("one session").evaluate(evidence, AS_OF);
            assertThat(expected.obligations()).hasSizeGreaterThan(100);
            assertThat(expected.findings()).extracting(Finding::code)
                    .contains("escalated", "unacknowledged", "busy");

            engines().forEach((name, engine) -> {
                assertThat(engine.evaluate(evidence, AS_OF)).as(name).isEqualTo(expected);
                assertThat(engine.evaluate(evidence, AS_OF)).as(name + ", again").isEqualTo(expected);
            });
            engines().forEach((name, engine) -> {
                if (!name.equals("one session")) {
                    assertThat(engine.oneSessionReason()).as(name).isEmpty();
                }
            });
        }

        @Test
        void every_number_of_threads_and_session_size_fires_the_same_rules_as_often() {
            Evidence evidence = generate(99L, 100, null);
            Firings expected = new Firings();
            engines().get("one session").evaluate(evidence, AS_OF, expected);
            assertThat(expected.counts).containsKeys("m.unacknowledged", "m.busy-case", "t.complaint-opens-answer");

            engines().forEach((name, engine) -> {
                Firings actual = new Firings();
                engine.evaluate(evidence, AS_OF, actual);
                assertThat(actual.counts).as(name).isEqualTo(expected.counts);
            });
        }

        @Test
        void the_listener_is_called_one_at_a_time() {
            List<String> overlaps = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
            EvaluationListener watch = new EvaluationListener() {
                @Override
                public void ruleFired(String ruleId) {
                    if (inside.incrementAndGet() != 1) {
                        overlaps.add(ruleId);
                    }
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                }
            };

            engines().get("threads 4, eventsPerSession 1").evaluate(generate(5L, 100, null), AS_OF, watch);

            assertThat(overlaps).isEmpty();
        }

        @Test
        void a_rule_that_throws_for_one_case_fails_alike_whatever_the_threads_and_sessions() {
            Evidence evidence = generate(7L, 100, "case-57");
            assertThat(evidence.events()).filteredOn(e -> e instanceof InformationRequestReceived r
                    && r.agency().equals("boom")).hasSize(1);

            RuleExecutionException expected = catchThrowableOfType(RuleExecutionException.class,
                    () -> engines().get("one session").evaluate(evidence, AS_OF));
            assertThat(expected).isNotNull();
            assertThat(expected.ruleId()).isEqualTo("m.throws");
            assertThat(expected.getMessage()).contains("cannot handle request");

            engines().forEach((name, engine) -> {
                RuleExecutionException actual = catchThrowableOfType(RuleExecutionException.class,
                        () -> engine.evaluate(evidence, AS_OF));
                assertThat(actual).as(name).isNotNull();
                assertThat(actual.getMessage()).as(name).isEqualTo(expected.getMessage());
                assertThat(actual.ruleId()).as(name).isEqualTo("m.throws");
            });
        }

        @Test
        void a_rule_that_throws_for_several_cases_fails_alike_whatever_the_threads_and_sessions() {
            List<CaseEvent> events = new ArrayList<>(generate(11L, 100, null).events());
            events.add(new InformationRequestReceived("boom-1", "case-12", T.minusHours(3), "boom"));
            events.add(new InformationRequestReceived("boom-2", "case-80", T.minusHours(20), "boom"));
            events.add(new InformationRequestReceived("boom-3", "case-41", T.minusHours(9), "boom"));
            Evidence evidence = evidence(events.toArray(CaseEvent[]::new));

            Map<String, String> messages = new LinkedHashMap<>();
            engines().forEach((name, engine) -> {
                RuleExecutionException actual = catchThrowableOfType(RuleExecutionException.class,
                        () -> engine.evaluate(evidence, AS_OF));
                assertThat(actual).as(name).isNotNull();
                messages.put(name, actual.getMessage());
            });

            assertThat(messages.values().stream().distinct()).as("messages by engine: %s", messages).hasSize(1);
        }
    }

    @Nested
    @DisplayName("the firing limit")
    class FiringLimit {

        private static final String LIMIT = """
                rule "l.pairs"
                    @citation("s. 1")
                when
                    $a : ComplaintResolved($case : caseId)
                    $b : ComplaintResolved(caseId == $case, this != $a)
                then
                end

                rule "l.loop-starts"
                    @citation("s. 2")
                when
                    $r : InformationRequestReceived(agency == "loop")
                then
                    insert(new Finding("loop", $r.caseId(), "looping", List.of()));
                end

                rule "l.loops"
                    @citation("s. 2")
                when
                    $f : Finding(code == "loop")
                then
                    insert(new Finding("loop", $f.caseId(), "looping", List.of()));
                end
                """;

        /** One case with many actions, or a looping one, among many quiet cases of one event each. */
        private static Evidence busyAmongQuiet(CaseEvent... busy) {
            List<CaseEvent> events = new ArrayList<>(List.of(busy));
            for (int i = 0; i < 100; i++) {
                events.add(new ContentRemoved("q-" + i, "quiet-" + i, T.plusMinutes(i), TakedownAction.REMOVED));
            }
            return evidence(events.toArray(CaseEvent[]::new));
        }

        @Test
        void a_loop_fails_with_the_same_message_by_case_and_in_one_session() {
            ComplianceEngine byCase = engine("limit", LIMIT).firingLimitPerFact(1).threads(2).eventsPerSession(1).build();
            ComplianceEngine one = engine("limit", LIMIT).firingLimitPerFact(1).oneSession().build();
            Evidence evidence = busyAmongQuiet(new InformationRequestReceived("q", "looping", T, "loop"));

            RuleExecutionException expected = catchThrowableOfType(RuleExecutionException.class,
                    () -> one.evaluate(evidence, AS_OF));
            RuleExecutionException actual = catchThrowableOfType(RuleExecutionException.class,
                    () -> byCase.evaluate(evidence, AS_OF));

            assertThat(expected).isNotNull();
            assertThat(actual).isNotNull();
            assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
        }

        @Test
        void a_busy_case_among_quiet_ones_is_not_taken_for_a_loop() {
            ComplianceEngine byCase = engine("limit", LIMIT).firingLimitPerFact(1).threads(2).eventsPerSession(1).build();
            ComplianceEngine one = engine("limit", LIMIT).firingLimitPerFact(1).oneSession().build();
            List<CaseEvent> busy = new ArrayList<>(List.of(complaint("c", "busy", T)));
            for (int i = 0; i < 10; i++) {
                busy.add(resolved("r-" + i, "busy", T.plusMinutes(10 + i)));
            }
            Evidence evidence = busyAmongQuiet(busy.toArray(CaseEvent[]::new));

            Report expected = one.evaluate(evidence, AS_OF);
            Report actual = byCase.evaluate(evidence, AS_OF);

            assertThat(actual).isEqualTo(expected);
        }
    }

    /** Counts firings by rule; thread-safe. */
    static final class Firings implements EvaluationListener {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final List<String> oneSession = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void ruleFired(String ruleId) {
            counts.merge(ruleId, 1, Integer::sum);
            threads.add(Thread.currentThread());
        }

        @Override
        public void oneSession(String reason) {
            oneSession.add(reason);
        }
    }
}
