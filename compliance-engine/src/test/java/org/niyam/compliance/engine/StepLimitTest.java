package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * A restricted pack's loop that does not end stops the evaluation after a number of steps, never of seconds, with an
 * error naming the rule; the same evidence always gives the same outcome (docs/restricted-drl.md, "Termination and
 * memory"). Each rule runs on the complaint of its own id.
 */
class StepLimitTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-01T10:00:00+05:30");

    private static final String LOOPS = """
            package org.example.loops;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            function boolean spins(String id) {
                int n = 0;
                while (id.length() > 0) {
                    n++;
                }
                return n > 0;
            }

            function boolean spinsAndSwallows(String id) {
                try {
                    while (id.length() > 0) {
                    }
                } catch (Throwable caught) {
                    return false;
                }
                return true;
            }

            function int joinsForever() {
                Iterable<String> endless = new Iterable<String>() {
                    public java.util.Iterator<String> iterator() {
                        return new java.util.Iterator<String>() {
                            public boolean hasNext() {
                                return true;
                            }

                            public String next() {
                                return "";
                            }
                        };
                    }
                };
                return String.join("", endless).length();
            }

            rule "loops.forever"
                @citation("Section 1")
            when
                $c : ComplaintReceived(id == "forever")
            then
                while (true) {
                }
            end

            rule "loops.in-a-condition"
                @citation("Section 2")
            when
                $c : ComplaintReceived(id == "in-a-condition")
                eval(spins($c.id()))
            then
            end

            rule "loops.catches-and-loops-on"
                @citation("Section 3")
            when
                $c : ComplaintReceived(id == "catches-and-loops-on")
            then
                while (true) {
                    try {
                        while (true) {
                        }
                    } catch (Throwable caught) {
                    }
                }
            end

            rule "loops.swallows"
                @citation("Section 4")
            when
                $c : ComplaintReceived(id == "swallows")
            then
                try {
                    while (true) {
                    }
                } catch (Throwable caught) {
                }
            end

            rule "loops.swallows-in-a-condition"
                @citation("Section 5")
            when
                $c : ComplaintReceived(id == "swallows-in-a-condition")
                eval(spinsAndSwallows($c.id()))
            then
            end

            rule "loops.in-the-jdk"
                @citation("Section 6")
            when
                $c : ComplaintReceived(id == "in-the-jdk")
            then
                joinsForever();
            end

            rule "loops.counted"
                @citation("Section 7")
            when
                $c : ComplaintReceived(id matches "[0-9]+-[0-9]+")
            then
                int n = Integer.parseInt($c.id().substring(0, $c.id().indexOf('-')));
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += i;
                }
            end

            function int down(int n) {
                return n == 0 ? 0 : down(n - 1) + 1;
            }

            function boolean downAndSwallow(String id) {
                try {
                    return down(id.length() * 1_000) > 0;
                } catch (Throwable caught) {
                    return false;
                }
            }

            rule "loops.recurses"
                @citation("Section 8")
            when
                $c : ComplaintReceived(id matches "deep-[0-9]+-[0-9]+")
            then
                int depth = Integer.parseInt($c.id().substring(5, $c.id().lastIndexOf('-')));
                down(depth - 1 - CONSEQUENCE_FRAMES);
            end

            rule "loops.recurses-and-swallows"
                @citation("Section 9")
            when
                $c : ComplaintReceived(id == "deep-swallows")
            then
                try {
                    down(5_000);
                } catch (Throwable caught) {
                }
            end

            rule "loops.recurses-and-swallows-in-a-condition"
                @citation("Section 10")
            when
                $c : ComplaintReceived(id == "deep-swallows-in-a-condition")
                eval(downAndSwallow($c.id()))
            then
            end
            """.replace("CONSEQUENCE_FRAMES", String.valueOf(StepLimitTest.CONSEQUENCE_FRAMES));

    /**
     * The frames of the pack's code below the function's when a consequence calls it (the executable model's
     * consequence and the method of the rule's class it calls): {@code down(n)} is then
     * {@code n + 1 + CONSEQUENCE_FRAMES} calls deep. With one, {@code deep-1000} fails: the limit is exact.
     */
    static final int CONSEQUENCE_FRAMES = 2;

    /** The steps each call may take in these tests. */
    private static final int LIMIT = 10_000;
    /**
     * The longest loop of {@code loops.counted} within the limit: its consequence takes a step as it is entered, and
     * one at each test of the loop's condition, {@code n + 1}, one more than that.
     */
    private static final int LONGEST = 9_997;

    private static final Map<String, ComplianceEngine> ENGINES = new ConcurrentHashMap<>();

    private static ComplianceEngine engine(int threads, int eventsPerSession) {
        return ENGINES.computeIfAbsent(threads + "/" + eventsPerSession, k -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("loops.drl", LOOPS)).stepLimit(LIMIT).threads(threads)
                .eventsPerSession(eventsPerSession).build());
    }

    private static Evidence complaints(List<String> ids) {
        List<ComplaintReceived> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.add(new ComplaintReceived(ids.get(i), "case-" + i, T.plusMinutes(i), ComplaintCategory.GENERAL));
        }
        return new Evidence(null, List.of(), events);
    }

    /** How the engine fails on the complaints: it must, within the limit of steps. */
    private static RuleExecutionException failure(ComplianceEngine engine, List<String> ids) {
        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(complaints(ids), T.plusDays(1)));
        assertThat(e).as("the evaluation of %s fails", ids).isNotNull();
        return e;
    }

    private static RuleExecutionException failure(String id) {
        return failure(engine(1, 1_024), List.of(id));
    }

    @Test
    void a_consequence_that_loops_forever_names_its_rule() {
        RuleExecutionException e = failure("forever");

        assertThat(e.ruleId()).isEqualTo("loops.forever");
        assertThat(e.getMessage()).startsWith("rule 'loops.forever' (Section 1, loops.drl:40) took more than 10,000 "
                + "steps in its consequence: a loop that does not end")
                .contains("ComplianceEngine.Builder.stepLimit", "unrestricted()");
    }

    @Test
    void a_function_that_loops_forever_in_a_condition_names_the_rule_of_the_condition() {
        RuleExecutionException e = failure("in-a-condition");

        assertThat(e.ruleId()).isEqualTo("loops.in-a-condition");
        assertThat(e.getMessage()).startsWith("rule 'loops.in-a-condition' (Section 2, loops.drl:")
                .contains("took more than 10,000 steps in a condition");
    }

    /** Past the limit every step throws again: the outer loop's first step ends the consequence. */
    @Test
    void a_consequence_that_catches_the_error_and_loops_on_cannot_escape() {
        RuleExecutionException e = failure("catches-and-loops-on");

        assertThat(e.ruleId()).isEqualTo("loops.catches-and-loops-on");
        assertThat(e.getMessage()).contains("took more than 10,000 steps in its consequence");
    }

    @Test
    void a_consequence_that_catches_the_error_and_returns_fails_all_the_same() {
        RuleExecutionException e = failure("swallows");

        assertThat(e.ruleId()).isEqualTo("loops.swallows");
        assertThat(e.getMessage()).contains("took more than 10,000 steps in its consequence");
    }

    @Test
    void a_condition_that_catches_the_error_and_returns_fails_all_the_same() {
        RuleExecutionException e = failure("swallows-in-a-condition");

        assertThat(e.ruleId()).isEqualTo("loops.swallows-in-a-condition");
        assertThat(e.getMessage()).contains("took more than 10,000 steps in a condition");
    }

    /**
     * A loop in the JDK's code that calls the pack's code at each turn (String.join over an iterator that never ends;
     * the allowlist has no Stream) is counted by the calls: each entry into the pack's code is a step.
     */
    @Test
    void a_loop_in_the_jdk_that_calls_the_packs_code_at_each_turn_is_stopped() {
        RuleExecutionException e = failure("in-the-jdk");

        assertThat(e.ruleId()).isEqualTo("loops.in-the-jdk");
        assertThat(e.getMessage()).contains("took more than 10,000 steps in its consequence");
    }

    /**
     * The limit holds per call of a consequence, whatever else shares its session and its thread: 40 loops just
     * under it pass, at 1 and 2 threads, with sessions of one complaint and of all of them, and one loop just over
     * it fails, naming its rule, in each.
     */
    @Test
    void a_loop_just_under_the_limit_passes_and_one_just_over_fails_whatever_the_threads_and_sessions() {
        List<String> under = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            under.add(LONGEST + "-" + i);
        }
        List<String> over = new ArrayList<>(under);
        over.add(20, (LONGEST + 1) + "-40");
        underPassesOverFails(under, over, e -> {
            assertThat(e.ruleId()).isEqualTo("loops.counted");
            assertThat(e.getMessage()).contains("took more than 10,000 steps in its consequence");
        });
    }

    /** The complaints {@code under} pass and those {@code over} fail as told, at 1 and 2 threads and two sizes. */
    private static void underPassesOverFails(List<String> under, List<String> over,
                                             java.util.function.Consumer<RuleExecutionException> failed) {
        for (int threads : new int[] {1, 2}) {
            for (int eventsPerSession : new int[] {1, 1_024}) {
                ComplianceEngine engine = engine(threads, eventsPerSession);
                assertThatCode(() -> engine.evaluate(complaints(under), T.plusDays(1)))
                        .as("%d threads, sessions of %d", threads, eventsPerSession).doesNotThrowAnyException();
                failed.accept(failure(engine, over));
            }
        }
    }

    /**
     * A recursion is limited by its depth, not by the thread's stack: the pack's code nested 999 and 1,000 deep
     * passes, 1,001 deep fails naming its rule, at 1 and 2 threads (the caller's and the engine's), with sessions of
     * one complaint and of all of them, after other recursions in the same session.
     */
    @Test
    void a_recursion_at_the_depth_limit_passes_and_one_past_it_fails_whatever_the_threads_and_sessions() {
        List<String> under = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            under.add("deep-" + (i % 2 == 0 ? 999 : 1_000) + "-" + i);
        }
        List<String> over = new ArrayList<>(under);
        over.add(10, "deep-1001-20");
        underPassesOverFails(under, over, e -> {
            assertThat(e.ruleId()).isEqualTo("loops.recurses");
            assertThat(e.getMessage()).startsWith("rule 'loops.recurses' (Section 8, loops.drl:")
                    .contains("called its own code more than 1,000 deep in its consequence: a recursion that "
                            + "does not end", "may nest 1,000 calls of the pack's code", "unrestricted()");
        });
    }

    /** Past the depth limit every further step of the call fails again: the rule's handler cannot even return. */
    @Test
    void a_consequence_that_catches_the_depth_error_fails_all_the_same() {
        RuleExecutionException e = failure("deep-swallows");

        assertThat(e.ruleId()).isEqualTo("loops.recurses-and-swallows");
        assertThat(e.getMessage()).contains("called its own code more than 1,000 deep in its consequence");
    }

    @Test
    void a_condition_that_catches_the_depth_error_fails_all_the_same() {
        RuleExecutionException e = failure("deep-swallows-in-a-condition");

        assertThat(e.ruleId()).isEqualTo("loops.recurses-and-swallows-in-a-condition");
        assertThat(e.getMessage()).contains("called its own code more than 1,000 deep in a condition");
    }

    /**
     * The live monitor evaluates at each event: the event that sets the loop off fails its {@code accept} with the
     * error that names the rule.
     */
    @Test
    void the_live_monitor_fails_the_event_that_sets_the_loop_off() {
        List<Object> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine(1, 1_024))
                .clock(MonitorClock.manual(T.plusDays(1))).listener(heard::add).build()) {
            monitor.accept(new ComplaintReceived("1-1", "case-1", T, ComplaintCategory.GENERAL));
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class, () -> monitor.accept(
                    new ComplaintReceived("forever", "case-2", T, ComplaintCategory.GENERAL)));

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).isEqualTo("loops.forever");
            assertThat(e.getMessage()).contains("took more than 10,000 steps in its consequence");
        }
    }

    /** Only restricted packs are counted: the same pack, unrestricted, runs its loop of twice the limit. */
    @Test
    void an_unrestricted_pack_is_not_counted() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("loops.drl", LOOPS).unrestricted())
                .stepLimit(LIMIT).threads(1).build();

        assertThatCode(() -> engine.evaluate(complaints(List.of(2 * LIMIT + "-1")), T.plusDays(1)))
                .doesNotThrowAnyException();
    }

    /** A condition without bindings: Drools runs it as it builds the rule base, a loop of 20,000 turns. */
    private static final String CONSTANT_EVAL = """
            package org.example.constant;
            import org.niyam.compliance.india.*;

            function boolean counts(int n) {
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += i;
                }
                return sum >= 0;
            }

            rule "constant.counts"
                @citation("Section 1")
            when
                $c : ComplaintReceived()
                eval(counts(20000))
            then
            end
            """;

    /**
     * The pack's code that Drools runs as it builds the rule base counts its steps under the engine's limit, not a
     * limit of its own: the default allows the constant eval's loop, a limit of 10,000 refuses it, naming the rule,
     * its line and the steps.
     */
    @Test
    void a_constant_eval_run_as_the_rule_base_is_built_is_limited_by_the_engines_step_limit() {
        assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.drl("constant.drl", CONSTANT_EVAL))
                .build()).doesNotThrowAnyException();

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("constant.drl", CONSTANT_EVAL)).stepLimit(LIMIT).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("constant.drl:12: rule 'constant.counts' took more than 10,000 steps while Drools built "
                        + "the rule base, which runs a condition without bindings (a constant eval, say) as it builds "
                        + "it: a loop or a recursion that does not end")
                .contains("ComplianceEngine.Builder.stepLimit").doesNotContain("cannot be instantiated");
    }

    @Test
    void the_limit_is_positive() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> ComplianceEngine.builder().stepLimit(0))).hasMessage("stepLimit must be positive: 0");
    }
}
