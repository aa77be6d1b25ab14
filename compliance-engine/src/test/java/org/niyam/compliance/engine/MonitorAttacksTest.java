package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * Packs of one's own watched by the monitor in shapes where its report once parted from {@link
 * ComplianceEngine#evaluate} of the same events, or where it failed with an unclear error: each test compares with
 * {@code evaluate} or names what the error must say (and one refusal met while writing them).
 */
class MonitorAttacksTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-02-01T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-01T00:00:00+05:30");

    private static final String HEADER = """
            package org.niyam.test.attacks;
            import java.util.List;
            import org.niyam.compliance.model.*;

            """;

    private static RulePack pack(String drl) {
        return RulePack.drl("attacks.drl", HEADER + drl);
    }

    private static CaseEvent event(String id, String caseId, OffsetDateTime at, String kind) {
        return new CustomEvent(id, caseId, at, kind, Map.of(), null);
    }

    private static List<String> findings(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + " " + f.caseId()).sorted().toList();
    }

    private static List<String> obligations(List<Obligation> obligations) {
        return obligations.stream().map(o -> o.id() + " " + o.status()).sorted().toList();
    }

    private static Report evaluate(ComplianceEngine engine, List<CaseEvent> events, OffsetDateTime asOf) {
        return engine.evaluate(new Evidence((Platform) null, List.of(), events), asOf);
    }

    /** Feeds the events one at a time, in the order given, under event time, then moves the watermark on. */
    private static Report watch(ComplianceEngine engine, List<CaseEvent> events, OffsetDateTime asOf) {
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            events.forEach(monitor::accept);
            monitor.advanceTo(asOf);
            return monitor.report();
        }
    }

    @Test
    void a_monitor_of_a_one_session_engine_lists_the_platforms_obligations_and_findings_once() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                rule "g.busy" @citation("t")
                when
                    exists CustomEvent(kind == "complaint")
                then
                    insert(new Finding("busy", null, "complaints on the platform", List.of()));
                    insert(new Assessment("t.desk", "Staff the desk", Status.BREACHED, "no desk", List.of()));
                end
                """)).oneSession().build();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            monitor.accept(event("e1", "C1", T, "complaint"));
            monitor.advanceTo(T.plusHours(1));
            assertThat(obligations(monitor.open())).containsExactly("t.desk BREACHED");
            assertThat(obligations(monitor.report().obligations())).containsExactly("t.desk BREACHED");
            assertThat(findings(monitor.report().findings())).containsExactly("busy null");
        }
    }

    private static final String PAIRS = """
            rule "g.pairs" @citation("t")
            when
                $a : CustomEvent(kind == "complaint")
                $b : CustomEvent(kind == "complaint", id.compareTo($a.id) > 0)
            then
            end

            rule "l.triage" @citation("t")
            when
                $e : CustomEvent(kind == "complaint", $c : caseId)
            then
                insert(new Assessment("t.triage", "Triage", Status.MET, "triaged", List.of($e.id()), $c));
            end
            """;

    @Test
    void the_monitors_firing_limit_counts_the_events_of_cases_that_left_as_evaluate_counts_them() {
        // 20 complaints: 190 firings of the platform's rule over all of them, under evaluate's limit of
        // (21 events + context) x 20; once their cases have left, a limit of the held events alone was passed.
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(PAIRS)).firingLimitPerFact(20).build();
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event(String.format("e%02d", i), String.format("C%02d", i), T.plusSeconds(i), "complaint"));
        }
        events.add(event("n1", "N1", T.plusDays(19), "noise"));
        Report expected = evaluate(engine, events, AS_OF);
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            events.forEach(monitor::accept);
            monitor.advanceTo(AS_OF);
            assertThat(monitor.oneSessionReason()).isNull();
            assertThat(findings(monitor.report().findings())).isEqualTo(findings(expected.findings()));
        }
    }

    @Test
    void past_the_firing_limit_the_monitor_throws_the_rules_error_and_never_an_internal_one() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                rule "g.log" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    not CustomEvent(kind == "freeze")
                then
                    insert(new Finding("logged", null, "complaint " + $e.id() + " logged", List.of($e.id())));
                end

                rule "l.triage" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Assessment("t.triage", "Triage", Status.MET, "triaged", List.of($e.id()), $c));
                end
                """)).firingLimitPerFact(1).build();
        List<RuntimeException> thrown = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            for (int i = 1; i <= 6; i++) {
                CaseEvent complaint = event("e" + i, "C" + i, T.plusDays(i), "complaint");
                catching(() -> monitor.accept(complaint), thrown);
            }
            catching(() -> monitor.accept(event("n1", "C9", T.plusDays(40), "noise")), thrown);
            catching(() -> monitor.advanceTo(T.plusDays(41)), thrown);
            catching(() -> monitor.advanceTo(T.plusDays(42)), thrown);
            catching(monitor::report, thrown);
        }
        // Whether a call passes the limit depends on the instant (evaluate as of it counts the events known then);
        // what it throws is the rules' error.
        assertThat(thrown).allSatisfy(e -> assertThat(e).isInstanceOf(RuleExecutionException.class)
                .hasMessageNotContaining("Unpartitionable").hasMessageContaining("firing limit"));
    }

    @Test
    void a_pack_past_the_firing_limit_only_over_every_case_fails_in_the_monitor_as_in_evaluate() {
        // Each complaint's case fires 7 times: under a limit of 3 a fact, one case alone stays under it (3 facts with
        // the context), two together pass it; the monitor, which runs only the new case, counts the others' firings.
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                declare Step
                    caseId : String
                    n : int
                end

                rule "l.start" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Step($c, 0));
                end

                rule "l.step" @citation("t")
                when
                    $s : Step($c : caseId, n < 5)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    modify($s) { setN($s.getN() + 1) }
                end

                rule "l.done" @citation("t")
                when
                    $s : Step($c : caseId, n == 5)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(new Finding("done", $c, "five steps taken", List.of($e.id())));
                end
                """)).firingLimitPerFact(3).build();
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event("e" + i, "C" + i, T.plusMinutes(i), "complaint"));
        }
        assertThatThrownBy(() -> evaluate(engine, events, AS_OF)).isInstanceOf(RuleExecutionException.class)
                .hasMessageContaining("past the firing limit");
        List<RuntimeException> thrown = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            for (CaseEvent complaint : events) {
                catching(() -> monitor.accept(complaint), thrown);
            }
            catching(() -> monitor.advanceTo(AS_OF), thrown);
        }
        assertThat(thrown).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOf(RuleExecutionException.class)
                .hasMessageContaining("past the firing limit"));
    }

    private static void catching(Runnable call, List<RuntimeException> thrown) {
        try {
            call.run();
        } catch (RuntimeException e) {
            thrown.add(e);
        }
    }

    @Test
    void an_older_event_moving_the_periods_start_back_runs_again_the_held_cases_that_read_the_period() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                rule "l.first-hour" @citation("t")
                when
                    EvidencePeriod($s : since)
                    $e : CustomEvent(kind == "complaint", $c : caseId, at.isBefore($s.plusHours(1)))
                then
                    insert(new Finding("early", $c, "complaint in the period's first hour", List.of($e.id())));
                end
                """)).build();
        List<CaseEvent> events = List.of(event("e1", "C1", T, "complaint"), event("n1", "C0", T.plusHours(2), "noise"),
                event("e2", "C2", T.minusHours(2), "complaint"));
        assertThat(findings(evaluate(engine, events, AS_OF).findings())).containsExactly("early C2");
        assertThat(findings(watch(engine, events, AS_OF).findings())).containsExactly("early C2");
    }

    @Test
    void a_case_local_rule_reading_the_law_in_force_runs_again_when_the_laws_value_changes(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), """
                id: attacks-lawdate
                instrument: Attack policy
                parameters:
                  attack.strict:
                    description: whether complaints are escalated
                    type: flag
                    values:
                      - {from: 2026-01-01T00:00:00+05:30, value: false, source: "v1"}
                      - {from: 2026-02-15T00:00:00+05:30, value: true, source: "v2"}
                """);
        Files.writeString(dir.resolve("rules.drl"), HEADER + """
                rule "l.strict" @citation("t")
                when
                    LawInForce(flag("attack.strict"))
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Finding("strict", $c, "strict regime", List.of($e.id())));
                end
                """);
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.directory(dir)).build();
        List<CaseEvent> events = List.of(event("e1", "C1", T, "complaint"));
        assertThat(findings(evaluate(engine, events, AS_OF).findings())).containsExactly("strict C1");
        assertThat(findings(watch(engine, events, AS_OF).findings())).containsExactly("strict C1");
    }

    private static final String PARSE = """
            rule "l.many" @citation("t")
            when
                $e : CustomEvent(kind == "complaint", $c : caseId)
                eval(Integer.parseInt($e.attribute("reports")) > 10)
            then
                insert(new Finding("many", $c, "a complaint reported many times", List.of($e.id())));
            end
            """;

    @Test
    void a_rule_failing_on_one_event_of_a_batch_names_it_and_loses_no_other_events_transitions() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(PARSE)).build();
        MonitorClock.Manual clock = MonitorClock.manual(T.plusHours(2));
        CaseEvent good = new CustomEvent("e1", "C1", T, "complaint", Map.of("reports", "12"), null);
        CaseEvent bad = new CustomEvent("e2", "C2", T.plusHours(1), "complaint", Map.of("reports", "lots"), null);
        List<String> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(clock)
                .listener(t -> heard.add(t.kind() + " " + (t.finding() == null ? "" : t.finding().caseId())))
                .build()) {
            assertThatThrownBy(() -> monitor.acceptAll(List.of(good, bad)))
                    .isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("l.many").hasMessageContaining("case C2").hasMessageContaining("e2");
            assertThat(heard).containsExactly("FINDING C1");
            assertThat(findings(monitor.report().findings())).containsExactly("many C1");
        }
    }

    /**
     * docs/monitoring.md (Limits): in one session every call that moves the monitor evaluates everything (under event
     * time report() and open() too), so after a rule failed on an event they throw the rule's error.
     */
    @Test
    void in_one_session_a_rule_failure_makes_every_call_throw_report_included() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(PARSE)).oneSession().build();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            monitor.accept(new CustomEvent("e1", "C1", T, "complaint", Map.of("reports", "12"), null));
            monitor.accept(new CustomEvent("e2", "C2", T.plusHours(1), "complaint", Map.of("reports", "lots"), null));
            assertThatThrownBy(() -> monitor.advanceTo(T.plusHours(2))).isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("l.many");
            assertThatThrownBy(monitor::report).isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("l.many");
            assertThatThrownBy(monitor::open).isInstanceOf(RuleExecutionException.class);
        }
    }

    @Test
    void after_the_monitor_falls_back_to_one_session_the_platforms_rules_still_read_the_cases_that_left() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                rule "g.busy" @citation("t")
                when
                    accumulate(CustomEvent(kind == "complaint"); $n : count(); $n >= 2)
                then
                    insert(new Finding("busy", null, "two or more complaints on the platform", List.of()));
                end

                rule "l.triage" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Assessment("t.triage", "Triage", Status.MET, "triaged", List.of($e.id()), $c));
                end

                rule "l.link" @citation("t")
                when
                    $e : CustomEvent(kind == "link", $c : caseId)
                then
                    insert(new Finding("linked", $e.attribute("other"), "linked from " + $c, List.of($e.id())));
                end

                rule "l.linked" @citation("t")
                when
                    $f : Finding(code == "linked", $c : caseId)
                    $e : CustomEvent(caseId == $c)
                then
                    insert(new Finding("has-link", $c, "another case links here", List.of($e.id())));
                end
                """)).build();
        List<CaseEvent> events = List.of(event("e1", "C1", T, "complaint"),
                event("e2", "C2", T.plusDays(1), "complaint"),
                new CustomEvent("e3", "C3", T.plusDays(19), "link", Map.of("other", "C9"), null));
        assertThat(findings(evaluate(engine, events, AS_OF).findings())).containsExactly("busy null", "linked C9");
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            events.forEach(monitor::accept);
            monitor.advanceTo(AS_OF);
            assertThat(monitor.oneSessionReason()).isNotNull();
            assertThat(findings(monitor.report().findings())).containsExactly("busy null", "linked C9");
        }
        // C1 left (its duties ended a week before) and came back with a noise event: it holds only the new event,
        // and the fallback's one session read its complaint all the same (busy was withdrawn).
        List<CaseEvent> cameBack = new ArrayList<>(events);
        cameBack.add(2, event("n1", "C1", T.plusDays(14), "noise"));
        assertThat(findings(evaluate(engine, cameBack, AS_OF).findings())).containsExactly("busy null", "linked C9");
        List<String> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .listener(t -> heard.add(t.id())).build()) {
            cameBack.forEach(monitor::accept);
            monitor.advanceTo(AS_OF);
            assertThat(monitor.oneSessionReason()).isNotNull();
            assertThat(findings(monitor.report().findings())).contains("busy null", "linked C9");
        }
        assertThat(heard).doesNotHaveDuplicates().noneMatch(id -> id.contains("busy") && id.endsWith("WITHDRAWN"));
    }

    /** A complaint's case triaged at once, and a "give" event that records the triage of the case it names. */
    private static final String TRIAGE = """
                rule "l.triage" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Assessment("t.triage", "Triage the complaint", Status.MET, "triaged", List.of($e.id()),
                            $c));
                end
                rule "l.give" @citation("t")
                when
                    $e : CustomEvent(kind == "give")
                then
                    insert(new Assessment("t.triage", "Triage the complaint", Status.MET, "triaged elsewhere",
                            List.of($e.id()), $e.attribute("other")));
                end
                """;

    /**
     * A crossing found at the end of a stop (a case-local rule of C3 concluded about C1's triage) sends the monitor to
     * one session; the stop's transitions were recorded as reported before the check, so the fallback found nothing to
     * send for C4 (its triage was never reported). Now nothing is recorded before every check passed: each obligation
     * of evaluate's report has its transition, each id sent once.
     */
    @Test
    void a_crossing_found_at_the_end_of_a_stop_loses_no_transition() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(TRIAGE)).build();
        List<CaseEvent> events = List.of(event("e1", "C1", T, "complaint"),
                event("e4", "C4", T.plusHours(1), "complaint"),
                new CustomEvent("e3", "C3", T.plusHours(1), "give", Map.of("other", "C1"), null),
                event("n1", "C1", T.plusHours(1), "noise"));
        List<String> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .listener(t -> heard.add(t.id())).build()) {
            events.forEach(monitor::accept);
            monitor.advanceTo(AS_OF);

            assertThat(obligations(monitor.report().obligations()))
                    .isEqualTo(obligations(evaluate(engine, events, AS_OF).obligations()));
        }
        assertThat(heard).doesNotHaveDuplicates().contains("t.triage@C1#1:MET", "t.triage@C4#1:MET");
    }

    /**
     * The same crossing when the case concluded about is not among the stop's cases (a live batch of C4's complaint and
     * C3's "give" for C1): the platform's report had placed C3's conclusion as its own, sent t.triage@C1#1:MET a
     * second time, and withdrawn it at the fallback, while report() and evaluate say MET. Every held case is now
     * checked against what the platform placed.
     */
    @Test
    void a_crossing_about_a_case_outside_the_stop_is_found_at_that_stop() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(TRIAGE)).build();
        MonitorClock.Manual clock = MonitorClock.manual(T);
        List<String> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(clock)
                .listener(t -> heard.add(t.id())).build()) {
            monitor.accept(event("e1", "C1", T, "complaint"));
            clock.set(T.plusMinutes(10));
            monitor.acceptAll(List.of(event("e4", "C4", T.plusMinutes(9), "complaint"),
                    new CustomEvent("e3", "C3", T.plusMinutes(9), "give", Map.of("other", "C1"), null)));
            clock.set(T.plusHours(4));

            assertThat(obligations(monitor.report().obligations())).containsExactly("t.triage@C1 MET",
                    "t.triage@C4 MET");
        }
        assertThat(heard).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("t.triage@C1") && id.endsWith(
                "WITHDRAWN"));
    }

    /** A rule of one case: a finding for each "noise" event. */
    private static final String NOISE = """
            rule "p.noise" @citation("t")
            when
                $e : CustomEvent(kind == "noise", $c : caseId)
            then
                insert(new Finding("noise", $c, "noise", List.of($e.id())));
            end
            """;

    /** The snapshot of a monitor of {@code engine} that took one "noise" event of case C0. */
    private static byte[] noiseSnapshot(ComplianceEngine engine) {
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime()).build()) {
            monitor.accept(event("e0", "C0", T, "noise"));
            monitor.advanceTo(T.plusMinutes(30));
            return monitor.snapshot();
        }
    }

    @Test
    void a_snapshot_is_refused_by_a_monitor_of_other_rules() {
        String v1 = NOISE;
        String v2 = v1 + """
                rule "g.busy" @citation("t")
                when
                    accumulate(CustomEvent(); $n : count(); $n >= 2)
                then
                    insert(new Finding("busy", null, "two or more events", List.of()));
                end
                """;
        ComplianceEngine first = ComplianceEngine.builder().rulePack(pack(v1)).build();
        ComplianceEngine second = ComplianceEngine.builder().rulePack(pack(v2)).build();
        byte[] snapshot = noiseSnapshot(first);
        assertThatThrownBy(() -> ComplianceMonitor.builder(second).clock(MonitorClock.eventTime()).restore(snapshot)
                .build()).isInstanceOf(InputException.class).hasMessageContaining("other rules");
        // The same DRL under another pack.yaml (here where it applies): other rules too.
        ComplianceEngine scoped = ComplianceEngine.builder().rulePack(pack(v1).applyingIn("IN")).build();
        assertThatThrownBy(() -> ComplianceMonitor.builder(scoped).clock(MonitorClock.eventTime()).restore(snapshot)
                .build()).isInstanceOf(InputException.class).hasMessageContaining("other rules");
        // The same rules, in another engine: restored.
        ComplianceEngine again = ComplianceEngine.builder().rulePack(pack(v1)).build();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(again).clock(MonitorClock.eventTime())
                .restore(snapshot).build()) {
            monitor.accept(event("e1", "C1", T.plusHours(1), "noise"));
            monitor.advanceTo(T.plusDays(1));
            assertThat(findings(monitor.report().findings())).containsExactly("noise C0", "noise C1");
        }
    }

    @Test
    void a_snapshot_is_refused_by_an_engine_of_the_same_packs_with_other_options_that_change_verdicts() {
        String drl = NOISE;
        byte[] snapshot = noiseSnapshot(ComplianceEngine.builder().rulePack(pack(drl)).build());
        // Restored, each would keep the old engine's verdicts until a case's next event: a rule switched off would
        // leave its finding or obligation standing for good.
        List<ComplianceEngine.Builder> others = List.of(
                ComplianceEngine.builder().rulePack(pack(drl)).disableRules("p.noise"),
                ComplianceEngine.builder().rulePack(pack(drl)).atRiskFraction(0.5),
                ComplianceEngine.builder().rulePack(pack(drl)).atRiskMargin(java.time.Duration.ofMinutes(150)),
                ComplianceEngine.builder().rulePack(pack(drl)).defaultJurisdiction("IN"));
        for (ComplianceEngine.Builder other : others) {
            ComplianceEngine engine = other.build();
            assertThatThrownBy(() -> ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                    .restore(snapshot).build()).isInstanceOf(InputException.class)
                    .hasMessageContaining("other options that change verdicts");
        }
        // Options that change no verdict restore.
        ComplianceEngine same = ComplianceEngine.builder().rulePack(pack(drl)).threads(1).eventsPerSession(1)
                .build();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(same).clock(MonitorClock.eventTime())
                .restore(snapshot).build()) {
            assertThat(findings(monitor.report().findings())).containsExactly("noise C0");
        }
    }

    @Test
    void a_snapshot_restored_over_a_one_session_engine_is_watched_in_one_session() {
        String drl = NOISE;
        byte[] snapshot = noiseSnapshot(ComplianceEngine.builder().rulePack(pack(drl)).build());
        ComplianceEngine one = ComplianceEngine.builder().rulePack(pack(drl)).oneSession().build();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(one).clock(MonitorClock.eventTime())
                .restore(snapshot).build()) {
            assertThat(monitor.oneSessionReason()).isNotNull();
        }
    }

    /** Built while writing the pairs above: {@code >} between two Strings is refused in the author's words. */
    @Test
    void a_restricted_packs_greater_than_between_strings_is_refused_naming_the_comparison_not_a_drools_helper() {
        assertThatThrownBy(() -> ComplianceEngine.builder().rulePack(pack("""
                rule "g.pairs" @citation("t")
                when
                    $a : CustomEvent(kind == "complaint")
                    $b : CustomEvent(kind == "complaint", id > $a.id)
                then
                end
                """)).build()).isInstanceOf(RulePackException.class)
                .hasMessageContaining("rule 'g.pairs' compares two values by > that are neither numbers nor dates")
                .hasMessageContaining("id.compareTo($a.id) > 0")
                .hasMessageNotContaining("EvaluationUtil");
    }

    /**
     * A platform finding made twice on the same evidence (both branches of a rule's {@code or} matching) is one
     * finding, as the monitor records it. Counting the two apart made every instant differ from what was recorded, so
     * that the search for the first change of the standing duties in a quiet stretch stepped a millisecond at a time:
     * setting the clock two days on took hours.
     */
    @Test
    void a_finding_made_twice_leaves_the_search_for_the_standing_duties_first_change_its_pace() {
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted()).rulePack(pack("""
                        rule "g.twice" @citation("t")
                        when
                            $c : CustomEvent(kind == "complaint")
                            ( CustomEvent(kind == "complaint") or CustomEvent(kind == "complaint", id == $c.id()) )
                        then
                            insert(new Finding("twice", null, "a complaint", List.of($c.id())));
                        end
                        """)).build();
        List<CaseEvent> events = List.of(event("c1", "case-1", T, "complaint"));
        OffsetDateTime asOf = T.plusDays(2);
        MonitorClock.Manual clock = MonitorClock.manual(T.minusMinutes(1));
        Report watched = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120),
                () -> {
                    try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(clock)
                            .offset(T.getOffset()).platform(TestPacks.PLATFORM).build()) {
                        monitor.acceptAll(events);
                        clock.set(asOf);
                        return monitor.report();
                    }
                });
        Report evaluated = engine.evaluate(new Evidence(TestPacks.PLATFORM, List.of(), events), asOf);

        assertThat(findings(watched.findings())).containsExactly("twice null");
        assertThat(obligations(watched.obligations())).isEqualTo(obligations(evaluated.obligations()));
    }
}
