package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * Packs whose conclusions reach across cases in ways the case-by-case evaluation once missed, each giving another
 * report than one session, with no fallback: the report is now the one-session report at every thread count and
 * session size (docs/performance.md, "How an evaluation runs case by case"), and each one-session report is checked
 * to say what the pack means, so that agreeing on an empty report would not pass.
 */
class CrossingShapesTest {

    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-01T00:00:00+05:30");

    /** Threads and events per session: sessions of one event to all of them. */
    private static final int[][] CONFIGURATIONS = {{1, 1}, {2, 1}, {2, 2}, {1, 1024}, {4, 3}};

    private static final String HEADER = """
            package org.niyam.test.crossing;
            import java.util.List;
            import org.niyam.compliance.model.*;
            import org.niyam.compliance.india.*;

            """;

    /**
     * Events written {@code id case instant kind [name=value|-] [jurisdiction]}, one a line; kind {@code @complaint}
     * is a complaint received, {@code @resolved} its resolution, any other a custom event.
     */
    private static Evidence evidence(String lines) {
        List<CaseEvent> events = new ArrayList<>();
        for (String line : lines.strip().split("\n")) {
            String[] p = line.strip().split("\\s+");
            OffsetDateTime at = OffsetDateTime.parse(p[2]);
            Map<String, String> attributes = p.length > 4 && !p[4].equals("-")
                    ? Map.of(p[4].split("=")[0], p[4].split("=")[1]) : Map.of();
            String jurisdiction = p.length > 5 ? p[5] : null;
            events.add(switch (p[3]) {
                case "@complaint" -> new ComplaintReceived(p[0], p[1], at, ComplaintCategory.GENERAL, jurisdiction);
                case "@resolved" -> new ComplaintResolved(p[0], p[1], at);
                default -> new CustomEvent(p[0], p[1], at, p[3], attributes, jurisdiction);
            });
        }
        return new Evidence((Platform) null, List.of(), events);
    }

    private static Report assertSameAsOneSession(String drl, Evidence evidence) {
        return assertSameAsOneSession(() -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("crossing.drl", HEADER + drl)), evidence);
    }

    private static Report assertSameAsOneSession(java.util.function.Supplier<ComplianceEngine.Builder> engine,
                                                 Evidence evidence) {
        return TestPacks.assertSameAsOneSession(engine, CONFIGURATIONS, evidence, AS_OF);
    }

    private static List<String> findings(Report report) {
        return report.findings().stream().map(f -> f.code() + " " + f.caseId()).toList();
    }

    private static final Evidence HOLD_ELSEWHERE = evidence("""
            e1 C1 2026-02-01T10:00:00+05:30 complaint
            e2 C2 2026-02-01T11:00:00+05:30 hold
            """);

    /** A global rule's conclusion of a declared type is handed to its case's session, like a report's conclusion. */
    @Test
    void a_global_rules_helper_fact_reaches_the_case_local_rules_that_read_it() {
        String drl = """
                declare Tag
                    caseId : String
                end
                rule "g.tag" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists CustomEvent(kind == "hold")
                then
                    insert(new Tag($c));
                end
                rule "l.a" @citation("t") salience 10
                when
                    $t : Tag($c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(new Finding("a", $c, "tag seen", List.of($e.id())));
                end
                """;
        assertThat(findings(assertSameAsOneSession(drl, HOLD_ELSEWHERE))).containsExactly("a C1");
        String chained = drl + """
                rule "l.b" @citation("t") salience 5
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    not Finding(code == "a", caseId == $c)
                then
                    insert(new Finding("b", $c, "no a yet", List.of($e.id())));
                end
                """;
        assertThat(findings(assertSameAsOneSession(chained, HOLD_ELSEWHERE))).containsExactlyInAnyOrder("a C1", "b C1");
    }

    /** A name bound in two branches of an or names two facts: the branch over any case ties nothing. */
    @Test
    void a_binding_reused_in_another_branch_of_an_or_does_not_tie_it_to_the_case() {
        String drl = """
                rule "l.or" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    ( CustomEvent(kind == "escalated", $x : caseId, caseId == $c)
                      or CustomEvent(kind == "hold", $x : caseId) )
                then
                    insert(new Finding("flag", $c, "flagged", List.of($e.id())));
                end
                """;
        assertThat(findings(assertSameAsOneSession(drl, HOLD_ELSEWHERE))).containsExactly("flag C1");
        assertThat(ComplianceEngine.builder().rulePack(RulePack.drl("crossing.drl", HEADER + drl)).build()
                .caseLocalRuleIds()).isEmpty();
    }

    /** The same in sibling scopes: a binding inside exists is not seen by a not beside it, nor by an accumulate. */
    @Test
    void a_binding_reused_in_a_sibling_not_or_accumulate_does_not_tie_it_to_the_case() {
        Evidence escalated = evidence("""
                e1 C1 2026-02-01T10:00:00+05:30 complaint
                e3 C1 2026-02-01T10:30:00+05:30 escalated
                e2 C2 2026-02-01T11:00:00+05:30 hold
                """);
        String not = """
                rule "l.notscope" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists ( CustomEvent(kind == "escalated", $x : caseId, caseId == $c) )
                    not ( CustomEvent(kind == "hold", $x : caseId) )
                then
                    insert(new Finding("unheld", $c, "escalated, no hold", List.of($e.id())));
                end
                """;
        String accumulate = """
                rule "l.acc" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists ( CustomEvent(kind == "escalated", $x : caseId, caseId == $c) )
                    $n : Number(intValue == 0) from accumulate( CustomEvent(kind == "hold", $x : caseId), count(1) )
                then
                    insert(new Finding("no-holds", $c, "escalated and no hold on record", List.of($e.id())));
                end
                """;
        for (String drl : List.of(not, accumulate)) {
            assertThat(findings(assertSameAsOneSession(drl, escalated))).as(drl).isEmpty();
            assertThat(assertSameAsOneSession(drl, evidence("""
                    e1 C1 2026-02-01T10:00:00+05:30 complaint
                    e3 C1 2026-02-01T10:30:00+05:30 escalated
                    """)).findings()).as("without a hold: %s", drl).hasSize(1);
        }
    }

    /** A global rule that deletes its conclusion after a case-local rule read it: one session's report. */
    @Test
    void a_global_rule_deleting_what_case_local_rules_read_gives_the_one_session_report() {
        String drl = """
                rule "g.provisional" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists CustomEvent(kind == "hold")
                then
                    insert(new Finding("provisional", $c, "provisional", List.of($e.id())));
                end
                rule "l.confirm" @citation("t") salience 10
                when
                    $f : Finding(code == "provisional", $c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(new Finding("confirmed", $c, "confirmed", List.of($e.id())));
                end
                rule "g.cleanup" @citation("t") salience -10
                when
                    $f : Finding(code == "provisional")
                    exists CustomEvent(kind == "hold")
                then
                    delete($f);
                end
                """;
        assertThat(findings(assertSameAsOneSession(drl, HOLD_ELSEWHERE))).containsExactly("confirmed C1");
    }

    /**
     * A handed conclusion read positively by a case-local rule whose own conclusion another reads under not: whether
     * that one fires depends on when the first came, two steps on.
     */
    @Test
    void a_handed_conclusion_two_steps_from_a_not_gives_the_one_session_report() {
        String drl = """
                rule "g.duty" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists CustomEvent(kind == "hold")
                then
                    insert(Assessment.about($e, "t.review", "Review held complaint", Status.OPEN, "held",
                            List.of($e.id())));
                end
                rule "l.a" @citation("t") salience 10
                when
                    $d : Assessment(key == "t.review", $c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(new Finding("a", $c, "under review", List.of($e.id())));
                end
                rule "l.b" @citation("t") salience 5
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    not Finding(code == "a", caseId == $c)
                then
                    insert(new Finding("b", $c, "not under review", List.of($e.id())));
                end
                """;
        Report report = assertSameAsOneSession(drl, HOLD_ELSEWHERE);
        assertThat(findings(report)).containsExactlyInAnyOrder("a C1", "b C1");
        assertThat(report.obligations()).extracting(Obligation::id).containsExactly("t.review@e1");
    }

    /**
     * A standing duty that a global rule judges from case-local conclusions: over the period, each earlier instant
     * is judged with what case-local rules concluded then (a case open from 1 to 10 February staffs the desk), as in
     * one session.
     */
    @Test
    void a_standing_duty_judged_from_case_local_conclusions_over_the_period_gives_the_one_session_report() {
        String drl = """
                rule "l.open" @citation("t")
                when
                    $e : CustomEvent(kind == "open", $c : caseId)
                    not CustomEvent(kind == "close", caseId == $c)
                then
                    insert(new Finding("t.staffed", $c, "desk staffed for an open case", List.of($e.id())));
                end
                rule "g.unstaffed" @citation("t")
                when
                    not Finding(code == "t.staffed")
                    not CustomEvent(kind == "rota")
                then
                    insert(new Assessment("t.desk", "Staff the desk while a case is open", Status.BREACHED,
                            "no open case staffed", List.of()));
                end
                rule "g.staffed" @citation("t")
                when
                    exists (Finding(code == "t.staffed") or CustomEvent(kind == "rota"))
                then
                    insert(new Assessment("t.desk", "Staff the desk while a case is open", Status.MET,
                            "an open case is staffed", List.of()));
                end
                """;
        Evidence evidence = evidence("""
                e1 C1 2026-02-01T10:00:00+05:30 open
                e2 C1 2026-02-10T10:00:00+05:30 close
                e3 R1 2026-02-20T10:00:00+05:30 rota
                """);
        Report report = assertSameAsOneSession(drl, evidence);
        assertThat(report.obligations()).filteredOn(o -> o.id().equals("t.desk@period")).singleElement()
                .satisfies(o -> assertThat(o.explanation())
                        .contains("breached from 2026-02-10T10:00+05:30 to 2026-02-20T10:00+05:30 (10 days)"));
        List<String> told = new ArrayList<>();
        ComplianceEngine.builder().rulePack(RulePack.drl("crossing.drl", HEADER + drl)).build().evaluate(evidence,
                AS_OF, new org.niyam.compliance.pack.EvaluationListener() {
                    @Override
                    public void oneSession(String reason) {
                        told.add(reason);
                    }
                });
        assertThat(told).containsExactly("case-local rule 'l.open' may conclude or change Finding, which a global "
                + "rule reads: the standing duties over the period are judged at earlier instants from every "
                + "conclusion then");
    }

    /**
     * A pack applying in one jurisdiction whose global rule reads a conclusion about a case the platform's session
     * holds no event of: the case's own events say where it arose, which one session sees.
     */
    @Test
    void a_scoped_global_rule_on_a_case_whose_events_the_platforms_session_does_not_hold() {
        String drl = """
                rule "g.dup" @citation("t")
                when
                    $e : CustomEvent(kind == "duplicate-of", $c : caseId)
                    exists CustomEvent(kind == "review")
                then
                    insert(new Finding("dup", $e.attributes().get("other"), "named as duplicate by " + $c,
                            List.of($e.id())));
                end
                rule "g.merge" @citation("t")
                when
                    $f : Finding(code == "dup")
                    exists CustomEvent(kind == "review")
                then
                    insert(new Finding("merge", $f.caseId(), "merge it", List.of()));
                end
                """;
        for (String arose : List.of("DE", "IN")) {
            Evidence evidence = evidence("""
                    e1 C2 2026-02-01T10:00:00+05:30 duplicate-of other=C1 IN
                    e2 C3 2026-02-01T11:00:00+05:30 review - IN
                    e3 C1 2026-02-01T09:00:00+05:30 @complaint - %s
                    """.formatted(arose));
            for (String byDefault : java.util.Arrays.asList(null, "DE")) {
                Report report = assertSameAsOneSession(() -> {
                    ComplianceEngine.Builder builder = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                            .rulePack(RulePack.drl("crossing.drl", HEADER + drl).applyingIn("IN"));
                    return byDefault == null ? builder : builder.defaultJurisdiction(byDefault);
                }, evidence);
                assertThat(findings(report)).as("C1 arose in %s, default %s", arose, byDefault)
                        .isEqualTo(arose.equals("IN") ? List.of("dup C1", "merge C1") : List.of("dup C1"));
                // The live monitor, given the events in time order (C1's first), reports the same.
                ComplianceEngine.Builder live = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                        .rulePack(RulePack.drl("crossing.drl", HEADER + drl).applyingIn("IN"));
                try (ComplianceMonitor monitor = ComplianceMonitor.builder((byDefault == null ? live
                        : live.defaultJurisdiction(byDefault)).build()).clock(MonitorClock.eventTime())
                        .offset(java.time.ZoneOffset.ofHoursMinutes(5, 30)).build()) {
                    evidence.events().stream().sorted(java.util.Comparator.comparing(e -> e.at().toInstant()))
                            .forEach(monitor::accept);
                    monitor.endOfInput();
                    assertThat(findings(monitor.report())).as("monitor: C1 arose in %s, default %s", arose,
                            byDefault).containsExactlyInAnyOrderElementsOf(findings(report));
                }
            }
        }
    }

    /**
     * A handed fact of a declared type is an object a rule can change without Drools (a setter, a list it holds):
     * the sessions would share it, so the evaluation runs in one session.
     */
    @Test
    void a_handed_declared_fact_whose_list_case_local_rules_change_gives_the_one_session_report() {
        String drl = """
                declare Roster
                    names : java.util.ArrayList
                end
                declare Seat
                    caseId : String
                    roster : java.util.ArrayList
                end
                rule "g.roster" @citation("t")
                when
                    exists CustomEvent(kind == "hold")
                then
                    insert(new Roster(new java.util.ArrayList()));
                end
                rule "g.seat" @citation("t") salience 20
                when
                    $r : Roster($l : names)
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Seat($c, $l));
                end
                rule "l.take" @citation("t") salience 10
                when
                    $s : Seat($c : caseId, $l : roster)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    $l.add($c);
                end
                rule "l.count" @citation("t")
                when
                    $s : Seat($c : caseId, $l : roster)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(new Finding("seated", $c, "roster holds " + $l.size(), List.of($e.id())));
                end
                """;
        Report report = assertSameAsOneSession(drl, evidence("""
                e1 C1 2026-02-01T10:00:00+05:30 complaint
                e2 C2 2026-02-01T11:00:00+05:30 complaint
                e3 C3 2026-02-01T12:00:00+05:30 hold
                """));
        assertThat(report.findings()).extracting(Finding::message).containsExactly("roster holds 2", "roster holds 2");
    }

    /**
     * What a consequence inserts is typed as Java scopes its names (a block's variable ends with the block; a field
     * of an anonymous class is not a local; a rule's binding is not typed), and not from a function overloaded with
     * another return type: an untyped insert may conclude anything, so a handed fact its rule reads is not handed.
     */
    @Test
    void an_insert_whose_type_a_shadowed_variable_or_an_overload_would_misstate_gives_the_one_session_report() {
        String tagged = """
                declare Tag
                    caseId : String
                end
                function String review(String c) { return "review " + c; }
                function Finding review(String c, String id) { return new Finding("a", c, "under review", List.of(id)); }
                rule "g.tag" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    exists CustomEvent(kind == "hold")
                then
                    insert(new Tag($c));
                end
                rule "l.b" @citation("t") salience 5
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    not Finding(code == "a", caseId == $c)
                then
                    insert(new Finding("b", $c, "not under review", List.of($e.id())));
                end
                """;
        String shadowed = """
                rule "l.a" @citation("t") salience 10
                when
                    $t : Tag($c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    { String f = "under review"; }
                    Finding f = new Finding("a", $c, "under review", List.of($e.id()));
                    insert(f);
                end
                """;
        String overloaded = """
                rule "l.a" @citation("t") salience 10
                when
                    $t : Tag($c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    insert(review($c, $e.id()));
                end
                """;
        String anonymous = """
                rule "l.a" @citation("t") salience 10
                when
                    $t : Tag($c : caseId)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                    f : Finding() from new Finding("a", $c, "under review", List.of($c))
                then
                    Object o = new Object() { String f = "x"; };
                    insert(f);
                end
                """;
        for (String rule : List.of(shadowed, overloaded, anonymous)) {
            assertThat(findings(assertSameAsOneSession(tagged + rule, HOLD_ELSEWHERE))).as(rule)
                    .containsExactlyInAnyOrder("a C1", "b C1");
        }
    }

    /**
     * A standing duty resting on a case-local conclusion that an event only case-local rules read ends (a complaint
     * resolved): that event's instant is among those the period is judged at, case by case and in one session.
     */
    @Test
    void a_standing_duty_is_judged_at_an_event_only_case_local_rules_read() {
        String drl = """
                rule "l.open" @citation("t")
                when
                    $e : ComplaintReceived($c : caseId)
                    not ComplaintResolved(caseId == $c)
                then
                    insert(new Finding("t.staffed", $c, "desk staffed for an open complaint", List.of($e.id())));
                end
                rule "g.unstaffed" @citation("t")
                when
                    not Finding(code == "t.staffed")
                    not CustomEvent(kind == "rota")
                then
                    insert(new Assessment("t.desk", "Staff the desk", Status.BREACHED, "no open complaint staffed",
                            List.of()));
                end
                rule "g.staffed" @citation("t")
                when
                    exists (Finding(code == "t.staffed") or CustomEvent(kind == "rota"))
                then
                    insert(new Assessment("t.desk", "Staff the desk", Status.MET, "staffed", List.of()));
                end
                """;
        Report report = assertSameAsOneSession(() -> ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.drl("crossing.drl", HEADER + drl)), evidence("""
                e1 C1 2026-02-01T10:00:00+05:30 @complaint
                e2 C1 2026-02-10T10:00:00+05:30 @resolved
                e3 R1 2026-02-20T10:00:00+05:30 rota
                """));
        assertThat(report.obligations()).filteredOn(o -> o.id().equals("t.desk@period")).singleElement()
                .satisfies(o -> assertThat(o.explanation())
                        .contains("breached from 2026-02-10T10:00+05:30 to 2026-02-20T10:00+05:30 (10 days)"));
    }

    /** A declared Step of each complaint's case, counted on by rules of the tests below. */
    private static final String STEPS = """
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
            """;

    /**
     * The firing limit counts the whole evaluation's firings, as one session does: ten cases of six firings each pass
     * it (one firing per fact) in one session, and so in sessions of one case each, which fail alike.
     */
    @Test
    void the_firing_limit_counts_every_sessions_firings() {
        String drl = STEPS + """
                rule "l.step" @citation("t")
                when
                    $s : Step($c : caseId, n < 5)
                    $e : CustomEvent(kind == "complaint", caseId == $c)
                then
                    modify($s) { setN($s.getN() + 1) }
                end
                """;
        StringBuilder lines = new StringBuilder();
        for (int i = 10; i < 20; i++) {
            lines.append("e").append(i).append(" C").append(i).append(" 2026-02-01T10:").append(i)
                    .append(":00+05:30 complaint\n");
        }
        Evidence evidence = evidence(lines.toString());
        java.util.function.Supplier<ComplianceEngine.Builder> engine = () -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("crossing.drl", HEADER + drl)).firingLimitPerFact(1);
        String expected = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> engine.get().oneSession().build().evaluate(evidence, AS_OF),
                org.niyam.compliance.pack.RuleExecutionException.class).getMessage();
        assertThat(expected).contains("past the firing limit");
        for (int[] configuration : CONFIGURATIONS) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> engine.get()
                    .threads(configuration[0]).eventsPerSession(configuration[1]).build().evaluate(evidence, AS_OF),
                    org.niyam.compliance.pack.RuleExecutionException.class))
                    .as("%d threads, %d events per session", configuration[0], configuration[1])
                    .isNotNull().hasMessage(expected);
        }
    }

    /**
     * A stream job's step of one case ({@link CaseTracker}, which has no one session of the whole platform to fall
     * back to) that reaches the firing limit fails with the error that names the rules, as one session gives it: it
     * said only that the case "cannot be evaluated on its own: rules reached the firing limit".
     */
    @Test
    void a_case_step_past_the_firing_limit_names_the_rules() {
        String drl = STEPS + """
                rule "l.again" @citation("t")
                when
                    $s : Step($c : caseId)
                then
                    modify($s) { setN($s.getN() + 1) }
                end
                """;
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("crossing.drl", HEADER + drl))
                .build();
        CaseEvent complaint = evidence("e1 C1 2026-02-01T10:00:00+05:30 complaint").events().get(0);

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> CaseTracker.of(engine).step(
                new CaseTracker.Context((org.niyam.compliance.model.Platform) null, null, null),
                CaseTracker.State.empty("C1").withEvent(complaint), AS_OF),
                org.niyam.compliance.pack.RuleExecutionException.class))
                .hasMessageContaining("past the firing limit").hasMessageContaining("Most fired: l.again (");
    }

    /**
     * A pack the engine cannot split (a trusted pack calling a query) is watched in one session from the start, as
     * evaluate runs it: case by case its rule, not proved case-local, saw no case's events and the monitor reported
     * nothing. So is an engine built with oneSession().
     */
    @Test
    void the_monitor_watches_a_pack_the_engine_cannot_split_in_one_session() {
        String drl = """
                query complaintsBesides(String $x)
                    CustomEvent(kind == "complaint", caseId != $x)
                end
                rule "q.peer" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                    complaintsBesides($c;)
                then
                    insert(new Finding("peer", $c, "another complaint is open", List.of($e.id())));
                end
                """;
        Evidence evidence = evidence("""
                e1 C1 2026-02-01T10:00:00+05:30 complaint
                e2 C2 2026-02-01T11:00:00+05:30 complaint
                """);
        for (boolean oneSession : new boolean[] {false, true}) {
            ComplianceEngine.Builder builder = ComplianceEngine.builder()
                    .rulePack(RulePack.drl("crossing.drl", HEADER + drl).unrestricted());
            ComplianceEngine engine = (oneSession ? builder.oneSession() : builder).build();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.manual(AS_OF))
                    .offset(java.time.ZoneOffset.ofHoursMinutes(5, 30)).build()) {
                monitor.acceptAll(evidence.events());
                assertThat(monitor.oneSessionReason()).as("one session: %s", oneSession).isNotNull();
                assertThat(findings(monitor.report())).as("one session: %s", oneSession)
                        .containsExactlyInAnyOrderElementsOf(findings(engine.evaluate(evidence, AS_OF)))
                        .containsExactlyInAnyOrder("peer C1", "peer C2");
            }
        }
    }
}
