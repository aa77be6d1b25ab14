package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * All the calls of a restricted pack's code in one evaluation may take the step limit times the evaluation's facts,
 * counted, never timed: a join whose constraint loops just under the limit of one call, tested for every pair of facts
 * a rule inserted, fails once the pairs take more than that, naming the rule of the one-session run whatever the
 * threads and the sessions' sizes; the same pack with fewer facts, and a pack far below the total, pass
 * (docs/restricted-drl.md, "Termination").
 */
class StepTotalTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T10:00:00+05:30");

    /** The steps each call may take in these tests. */
    private static final int LIMIT = 10_000;

    /**
     * Each complaint {@code k-i} inserts {@code k} tokens of its case, and the constraint of {@code join.spin} takes
     * about 9,000 steps for each pair of them, never matching: a case of one token takes about 9,000 steps, under
     * its share of the total (10,000), one of four about 16 times that.
     */
    private static final String JOIN = """
            package org.example.join;
            import org.niyam.compliance.india.*;

            declare Token
                caseId : String
                n : int
            end

            function boolean spin(int a, int b) {
                long s = 0;
                for (int i = 0; i < 9000; i++) {
                    s += i ^ a;
                }
                return s == 42 && b < 0;
            }

            rule "join.seed"
                @citation("Section 1")
            when
                $c : ComplaintReceived($case : caseId)
            then
                int tokens = Integer.parseInt($c.id().substring(0, $c.id().indexOf('-')));
                for (int i = 0; i < tokens; i++) {
                    insert(new Token($case, i));
                }
            end

            rule "join.spin"
                @citation("Section 2")
            when
                $a : Token($case : caseId)
                $b : Token(caseId == $case, spin($a.getN(), n))
            then
            end
            """;

    private static final Map<String, ComplianceEngine> ENGINES = new ConcurrentHashMap<>();

    private static ComplianceEngine engine(String name, String drl, int threads, int eventsPerSession) {
        return ENGINES.computeIfAbsent(name + "/" + threads + "/" + eventsPerSession, k -> ComplianceEngine.builder()
                .rulePack(RulePack.drl(name + ".drl", drl)).stepLimit(LIMIT).threads(threads)
                .eventsPerSession(eventsPerSession).build());
    }

    /** Complaints of {@code tokens[i]} tokens each, one case each. */
    private static Evidence complaints(int... tokens) {
        List<ComplaintReceived> events = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            events.add(new ComplaintReceived(tokens[i] + "-" + i, "case-" + i, T.plusMinutes(i),
                    ComplaintCategory.GENERAL));
        }
        return new Evidence(null, List.of(), events);
    }

    /** Twenty cases of one token each, and, when {@code heavy}, one of four among them. */
    private static Evidence cases(boolean heavy) {
        int[] tokens = new int[heavy ? 21 : 20];
        java.util.Arrays.fill(tokens, 1);
        if (heavy) {
            tokens[10] = 4;
        }
        return complaints(tokens);
    }

    /**
     * Twenty cases of one token each pass, and a case of four tokens among them, under the limit of one call at every
     * call, passes the total: at 1 and 2 threads, with sessions of one complaint and of all of them, the evaluation
     * fails with the same error, naming the join's rule and the total (the step limit times its 23 facts: the 21
     * complaints, the law in force and the evidence period).
     */
    @Test
    void a_join_that_loops_for_each_pair_fails_past_the_total_naming_its_rule_whatever_the_threads_and_sessions() {
        Set<String> messages = new HashSet<>();
        for (int threads : new int[] {1, 2}) {
            for (int eventsPerSession : new int[] {1, 1_024}) {
                ComplianceEngine engine = engine("join", JOIN, threads, eventsPerSession);
                String where = threads + " threads, sessions of " + eventsPerSession;
                assertThatCode(() -> engine.evaluate(cases(false), T.plusDays(1))).as(where)
                        .doesNotThrowAnyException();

                RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                        () -> engine.evaluate(cases(true), T.plusDays(1)));

                assertThat(e).as(where).isNotNull();
                assertThat(e.ruleId()).as(where).isEqualTo("join.spin");
                assertThat(e.getMessage()).as(where).startsWith("rule 'join.spin' (Section 2, join.drl:")
                        .contains("passed the evaluation's total of steps in a condition: the evaluation's "
                                + "restricted code took more than 230,000 steps in all (the step limit times its 23 "
                                + "facts): a loop too long for a rule, run again and again",
                                "may take 10,000 steps", "ComplianceEngine.Builder.stepLimit", "unrestricted()");
                messages.add(e.getMessage());
            }
        }
        assertThat(messages).as("one error whatever the threads and sessions").hasSize(1);
    }

    /** The count is the evaluation's: the same twenty cases, evaluated again and again, pass each time. */
    @Test
    void each_evaluation_has_a_total_of_its_own() {
        ComplianceEngine engine = engine("join", JOIN, 1, 1);
        for (int i = 0; i < 5; i++) {
            assertThatCode(() -> engine.evaluate(cases(false), T.plusDays(1))).doesNotThrowAnyException();
        }
    }

    /** Three rules whose consequences take a tenth of the limit each, for each of 200 complaints. */
    private static final String HEAVY = """
            package org.example.heavy;
            import org.niyam.compliance.india.*;

            function int sum(int n) {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    s += i;
                }
                return s;
            }

            rule "heavy.one"
                @citation("Section 1")
            when
                $c : ComplaintReceived()
            then
                sum(1000);
            end

            rule "heavy.two"
                @citation("Section 2")
            when
                $c : ComplaintReceived()
            then
                sum(1000);
            end

            rule "heavy.three"
                @citation("Section 3")
            when
                $c : ComplaintReceived()
            then
                sum(1000);
            end
            """;

    /** A pack that takes about 3,000 steps a fact, far below its share of the total, passes however it runs. */
    @Test
    void a_heavy_pack_far_below_the_total_passes() {
        int[] tokens = new int[200];
        for (int threads : new int[] {1, 2}) {
            for (int eventsPerSession : new int[] {1, 1_024}) {
                ComplianceEngine engine = engine("heavy", HEAVY, threads, eventsPerSession);
                assertThatCode(() -> engine.evaluate(complaints(tokens), T.plusDays(1)))
                        .as("%d threads, sessions of %d", threads, eventsPerSession).doesNotThrowAnyException();
            }
        }
    }

    /**
     * The live monitor counts each assessment's sessions in one total: the event whose case passes it fails its
     * {@code accept}, naming the rule.
     */
    @Test
    void the_live_monitor_fails_the_event_that_passes_the_total() {
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine("join", JOIN, 1, 1_024))
                .clock(MonitorClock.manual(T.plusDays(1))).build()) {
            monitor.accept(new ComplaintReceived("1-1", "case-1", T, ComplaintCategory.GENERAL));
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class, () -> monitor.accept(
                    new ComplaintReceived("4-2", "case-2", T, ComplaintCategory.GENERAL)));

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).isEqualTo("join.spin");
            assertThat(e.getMessage()).contains("passed the evaluation's total of steps in a condition: the "
                    + "evaluation's restricted code took more than");
        }
    }
}
