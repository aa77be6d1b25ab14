package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.engine.TestPacks.acknowledged;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * DRL constructs that tie the firings of different cases together, or reach the session beyond a rule's match:
 * each makes its rule global or the engine run in one session, says which rule and why, and gives the report one
 * session gives, whatever the number of threads and the size of the sessions.
 */
class LocalityConstructsTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");
    private static final OffsetDateTime AS_OF = T.plusDays(1);

    private static final String HEADER = """
            package org.niyam.test.constructs;

            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            """;

    /** Threads and events per session: every thread count from 1 to 4, sessions of one case to all cases. */
    private static final int[][] CONFIGURATIONS = {{1, 1}, {2, 1}, {3, 2}, {4, 3}, {2, 1000}, {4, 5}};

    /** Three cases: complaints, one about intimate imagery, acknowledgements and a resolution. */
    private static final Evidence EVIDENCE = evidence(
            complaint("c-1", "case-1", T, ComplaintCategory.INTIMATE_IMAGERY),
            complaint("c-2", "case-2", T.plusMinutes(1)),
            complaint("c-3", "case-3", T.plusMinutes(2)),
            acknowledged("a-2", "case-2", T.plusMinutes(3)),
            acknowledged("a-3", "case-3", T.plusMinutes(4)),
            resolved("r-3", "case-3", T.plusMinutes(5)),
            resolved("r-1", "case-1", T.plusMinutes(6)));

    private static ComplianceEngine.Builder engine(String name, String drl) {
        return ComplianceEngine.builder()
                .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK).unrestricted())
                // Unrestricted: restricted mode refuses several of these constructs outright (docs/restricted-drl.md).
                .rulePack(RulePack.drl(name, HEADER + drl).unrestricted());
    }

    /** The one-session report, after checking that every configuration gives it too. */
    private static Report assertSameAsOneSession(String name, String drl) {
        return TestPacks.assertSameAsOneSession(() -> engine(name, drl), CONFIGURATIONS, EVIDENCE, AS_OF);
    }

    private static List<String> codes(Report report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    @Nested
    @DisplayName("attributes that tie firings of cases together make the rule global")
    class GlobalAttributes {

        @Test
        void activation_group() {
            String drl = """
                    rule "ag.complaint"
                        @citation("s. 1")
                        activation-group "one"
                        salience 10
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("complaint", $c.caseId(), "first of the group", List.of($c.id())));
                    end

                    rule "ag.acknowledged"
                        @citation("s. 2")
                        activation-group "one"
                    when
                        $a : ComplaintAcknowledged()
                    then
                        insert(new Finding("acknowledged", $a.caseId(), "second of the group", List.of($a.id())));
                    end
                    """;
            ComplianceEngine engine = engine("activation-group", drl).build();

            assertThat(engine.caseLocalRuleIds()).doesNotContain("ag.complaint", "ag.acknowledged");
            assertThat(engine.oneSessionReason()).isEmpty();
            Report report = assertSameAsOneSession("activation-group", drl);
            // One firing of the group cancels every other match of it, of every case.
            assertThat(codes(report)).filteredOn(c -> !c.equals("intimate-imagery")).containsExactly("complaint");
        }

        @Test
        void agenda_group_with_auto_focus() {
            String drl = """
                    rule "af.focus"
                        @citation("s. 1")
                        agenda-group "review"
                        auto-focus true
                    when
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        insert(new Finding("reviewed", $c.caseId(), "under review", List.of($c.id())));
                    end

                    rule "af.acknowledged-in-review"
                        @citation("s. 2")
                        agenda-group "review"
                    when
                        $a : ComplaintAcknowledged()
                    then
                        insert(new Finding("acknowledged-in-review", $a.caseId(), "seen in review", List.of($a.id())));
                    end
                    """;
            ComplianceEngine engine = engine("agenda-group", drl).build();

            assertThat(engine.caseLocalRuleIds()).doesNotContain("af.focus", "af.acknowledged-in-review");
            Report report = assertSameAsOneSession("agenda-group", drl);
            // The focus the imagery complaint of case-1 gives lets the acknowledgements of the other cases fire.
            assertThat(codes(report)).contains("reviewed", "acknowledged-in-review");
        }
    }

    @Nested
    @DisplayName("constructs the engine cannot split run every evaluation in one session")
    class OneSession {

        @Test
        void a_window_over_a_pattern() {
            String drl = """
                    declare ComplaintReceived @role(event) end

                    rule "w.last-two"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived() over window:length(2)
                    then
                        insert(new Finding("recent", $c.caseId(), "among the last two", List.of($c.id())));
                    end
                    """;
            ComplianceEngine engine = engine("window", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'w.last-two'", "window:length"));
            assertSameAsOneSession("window", drl);
        }

        @Test
        void a_window_inside_accumulate() {
            String drl = """
                    declare ComplaintReceived @role(event) end

                    rule "w.accumulate"
                        @citation("s. 1")
                    when
                        $r : ComplaintResolved($case : caseId)
                        accumulate(ComplaintReceived(caseId == $case) over window:length(1); $n : count(); $n > 0)
                    then
                        insert(new Finding("latest-resolved", $case, "the latest complaint", List.of($r.id())));
                    end
                    """;
            ComplianceEngine engine = engine("window-accumulate", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'w.accumulate'", "window:length"));
            assertSameAsOneSession("window-accumulate", drl);
        }

        @Test
        void get_kie_runtime_insert() {
            String drl = """
                    rule "k.mark"
                        @citation("s. 1")
                        salience 10
                    when
                        $c : ComplaintReceived()
                    then
                        drools.getKieRuntime().insert("marked " + $c.id());
                    end

                    rule "k.count"
                        @citation("s. 2")
                    when
                        $r : ComplaintResolved($case : caseId)
                        $n : Number() from accumulate(String(this str[startsWith] "marked"), count(1))
                    then
                        insert(new Finding("marks", $case, "marks " + $n, List.of($r.id())));
                    end
                    """;
            ComplianceEngine engine = engine("kie-insert", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'k.mark'", "drools.getKieRuntime()"));
            Report report = assertSameAsOneSession("kie-insert", drl);
            assertThat(report.findings()).filteredOn(f -> f.code().equals("marks"))
                    .extracting(Finding::message).containsOnly("marks 3");
        }

        @Test
        void get_kie_runtime_delete() {
            String drl = """
                    rule "k.delete-profile"
                        @citation("s. 1")
                    when
                        $p : PlatformProfile()
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        drools.getKieRuntime().delete(drools.getKieRuntime().getFactHandle($p));
                    end

                    rule "k.without-profile"
                        @citation("s. 2")
                    when
                        $a : ComplaintAcknowledged()
                        not PlatformProfile()
                    then
                        insert(new Finding("no-profile", $a.caseId(), "no profile", List.of($a.id())));
                    end
                    """;
            ComplianceEngine engine = engine("kie-delete", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'k.delete-profile'", "drools.getKieRuntime()"));
            assertSameAsOneSession("kie-delete", drl);
        }

        @Test
        void get_kie_runtime_set_global() {
            String drl = """
                    global String flagged;

                    rule "k.set-global"
                        @citation("s. 1")
                        salience 10
                    when
                        $c : ComplaintReceived(category == ComplaintCategory.INTIMATE_IMAGERY)
                    then
                        drools.getKieRuntime().setGlobal("flagged", $c.caseId());
                    end

                    rule "k.read-global"
                        @citation("s. 2")
                    when
                        $a : ComplaintAcknowledged()
                    then
                        if (flagged != null) {
                            insert(new Finding("flagged-elsewhere", $a.caseId(), "flagged " + flagged, List.of($a.id())));
                        }
                    end
                    """;
            ComplianceEngine engine = engine("kie-global", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'k.set-global'", "drools.getKieRuntime()"));
            assertSameAsOneSession("kie-global", drl);
        }

        @Test
        void kcontext_in_a_consequence() {
            String drl = """
                    rule "k.context"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived()
                    then
                        kcontext.getKieRuntime().insert("marked");
                    end
                    """;
            assertThat(engine("kcontext", drl).build().oneSessionReason()).hasValueSatisfying(reason ->
                    assertThat(reason).contains("rule 'k.context'", "kcontext"));
        }
    }

    @Nested
    @DisplayName("the allowlist, rule by rule")
    class Allowlist {

        @Test
        void attributes_that_tie_cases_and_logical_inserts_make_only_their_rules_global() {
            String drl = """
                    rule "l.plain"
                        @citation("s. 1")
                        salience 5
                        no-loop true
                    when
                        $c : ComplaintReceived($case : caseId)
                    then
                        insert(new Finding("plain", $case, "m", List.of($c.id())));
                    end

                    rule "l.child" extends "l.plain"
                        @citation("s. 2")
                    when
                        $r : ComplaintResolved(caseId == $case)
                    then
                        insert(new Finding("child", $case, "m", List.of($r.id())));
                    end

                    rule "g.child-untied" extends "l.plain"
                        @citation("s. 3")
                    when
                        $r : ComplaintResolved()
                    then
                        insert(new Finding("untied", $case, "m", List.of($r.id())));
                    end

                    rule "g.ruleflow"
                        @citation("s. 4")
                        ruleflow-group "flow"
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "g.lock-on-active"
                        @citation("s. 5")
                        lock-on-active true
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "g.dated"
                        @citation("s. 6")
                        date-effective "1-Jan-2020"
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "g.logical"
                        @citation("s. 7")
                    when
                        $c : ComplaintReceived()
                    then
                        insertLogical(new Finding("logical", $c.caseId(), "m", List.of()));
                    end
                    """;
            ComplianceEngine engine = engine("allowlist-global", drl).build();

            assertThat(engine.caseLocalRuleIds()).contains("l.plain", "l.child")
                    .doesNotContain("g.child-untied", "g.ruleflow", "g.lock-on-active", "g.dated", "g.logical");
            assertThat(engine.oneSessionReason()).isEmpty();
            assertSameAsOneSession("allowlist-global", drl);
        }

        /**
         * A restricted pack writes a logical insert as {@code drools.logicalInsert} (its compiler's form; DRL's
         * {@code insertLogical} keyword is refused there): global as {@code insertLogical} is, not one session.
         */
        @Test
        void a_restricted_pack_s_logical_insert_makes_its_rule_global_not_one_session() {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("logical.drl", HEADER + """
                    rule "r.plain"
                        @citation("s. 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("plain", $c.caseId(), "m", List.of()));
                    end

                    rule "r.logical"
                        @citation("s. 2")
                    when
                        $c : ComplaintAcknowledged()
                    then
                        drools.logicalInsert(new Finding("logical", $c.caseId(), "m", List.of()));
                    end
                    """)).build();

            assertThat(engine.caseLocalRuleIds()).contains("r.plain").doesNotContain("r.logical");
            assertThat(engine.oneSessionReason()).isEmpty();
        }

        @Test
        void timers_calendars_entry_points_and_drools_beyond_its_actions_run_one_session_naming_each_rule() {
            String drl = """
                    rule "o.timer"
                        @citation("s. 1")
                        timer (int: 1h)
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "o.calendar"
                        @citation("s. 2")
                        calendars "weekdays"
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "o.entry-point"
                        @citation("s. 3")
                    when
                        $c : ComplaintReceived() from entry-point "side"
                    then
                    end

                    rule "o.focus"
                        @citation("s. 4")
                    when
                        $c : ComplaintReceived()
                    then
                        drools.setFocus("elsewhere");
                    end

                    rule "o.passed-on"
                        @citation("s. 5")
                    when
                        $c : ComplaintReceived()
                    then
                        Object helper = drools;
                    end
                    """;
            ComplianceEngine engine = engine("allowlist-one-session", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason).contains(
                    "rule 'o.timer'", "timer", "rule 'o.calendar'", "calendars", "rule 'o.entry-point'",
                    "entry-point \"side\"", "rule 'o.focus'", "drools.setFocus()", "rule 'o.passed-on'",
                    "passes drools on"));
            assertThat(engine.caseLocalRuleIds()).isEmpty();
        }
    }

    @Nested
    @DisplayName("queries")
    class Queries {

        private static final String QUERY = """
                query "open complaints"(String c)
                    ComplaintReceived(caseId == c)
                end

                """;

        @Test
        void a_query_needs_no_citation_and_alone_changes_nothing() {
            ComplianceEngine engine = engine("query", QUERY).build();

            assertThat(engine.ruleIds()).doesNotContain("open complaints");
            assertThat(engine.oneSessionReason()).isEmpty();
        }

        @Test
        void a_rule_calling_a_query_is_named_with_the_query_not_as_an_unknown_type() {
            String drl = QUERY.replace("\"open complaints\"", "openComplaints") + """
                    rule "q.caller"
                        @citation("s. 1")
                    when
                        $r : ComplaintResolved($case : caseId)
                        openComplaints($case;)
                    then
                        insert(new Finding("resolved-open", $case, "resolved", List.of($r.id())));
                    end
                    """;
            ComplianceEngine engine = engine("query-call", drl).build();

            assertThat(engine.oneSessionReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("rule 'q.caller'", "calls query openComplaints").doesNotContain("cannot be resolved"));
            assertSameAsOneSession("query-call", drl);
        }
    }
}
