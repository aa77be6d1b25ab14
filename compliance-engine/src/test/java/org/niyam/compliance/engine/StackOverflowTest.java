package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * A rule that recurses without end, or builds more than the heap holds, is named, not lost in a bare error. A
 * restricted pack's recursion stops at the depth limit, before the JVM's stack runs out; a trusted pack's runs the
 * stack out.
 */
class StackOverflowTest {

    /** The pack's DRL: a function that never returns, then the rules. */
    private static final String DEEP = """
            package org.example.deep;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            function int deeper(int n) {
                return deeper(n + 1) + 1;
            }

            """;

    /** How an engine of the rules, restricted, fails on one complaint: it must. */
    private static RuleExecutionException failure(String rules) {
        return failure(RulePack.drl("deep.drl", DEEP + rules));
    }

    /** How an engine of the rules, unrestricted, fails on one complaint: it must. */
    private static RuleExecutionException unrestrictedFailure(String rules) {
        return failure(RulePack.drl("deep.drl", DEEP + rules).unrestricted());
    }

    private static RuleExecutionException failure(RulePack pack) {
        return failure(ComplianceEngine.builder().rulePack(pack).threads(1).build());
    }

    /** How the engine fails on one complaint, evaluated on the calling thread: it must. */
    private static RuleExecutionException failure(ComplianceEngine engine) {
        OffsetDateTime t = OffsetDateTime.parse("2026-03-01T10:00:00+05:30");
        Evidence evidence = new Evidence(null, List.of(),
                List.of(new ComplaintReceived("c1", "case-1", t, ComplaintCategory.GENERAL)));
        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(evidence, t));
        assertThat(e).as("the evaluation fails").isNotNull();
        return e;
    }

    /**
     * A consequence that builds more than any heap holds (a text of 2^31 characters) is named, not reported as an input
     * too large for the memory given. (The JVM refuses the array at once, whatever the heap.)
     */
    @Test
    void aConsequenceThatBuildsMoreThanTheHeapNamesTheRule() {
        RuleExecutionException e = failure("""
                rule "deep.builds"
                    @citation("Section 10")
                when
                    $c : ComplaintReceived()
                then
                    String text = "ab".repeat(Integer.MAX_VALUE / 2 + 1);
                    insert(new Finding("deep.long", $c.caseId(), "length " + text.length(), java.util.List.of()));
                end
                """);

        assertThat(e.ruleId()).isEqualTo("deep.builds");
        assertThat(e.getMessage()).contains("deep.builds", "deep.drl", "ran out of memory while its consequence ran");
        assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
    }

    private static final String RECURSES = """
            rule "deep.recurses"
                @citation("Section 9")
            when
                $c : ComplaintReceived()
            then
                int depth = deeper(0);
            end
            """;

    private static final String RECURSES_IN_A_CONDITION = """
            rule "deep.fires-first"
                @citation("Section 8")
            when
                $c : ComplaintReceived()
            then
                insert(new Finding("seen", $c.caseId(), "Seen", java.util.List.of($c.id())));
            end

            rule "deep.recurses-in-a-condition"
                @citation("Section 9")
            when
                $f : Finding(code == "seen")
                eval(deeper($f.code().length()) > 0)
            then
            end
            """;

    @Test
    void aRecursionWithoutEndNamesTheRule() {
        RuleExecutionException e = unrestrictedFailure(RECURSES);

        assertThat(e.ruleId()).isEqualTo("deep.recurses");
        assertThat(e.getMessage()).contains("deep.recurses", "Section 9", "deep.drl", "ran out of stack");
    }

    /**
     * A stack run out inside the JDK's code (a regular expression's recursion over a long text) depends on the
     * thread's stack: a restricted pack that caught it and went on reported one thing on one machine and another
     * elsewhere. The JVM's errors are not the pack's to catch: the evaluation fails, naming the rule.
     */
    @Test
    void aRestrictedPackCannotCatchTheJvmsStackRunningOut() {
        RuleExecutionException e = failure("""
                rule "deep.catches"
                    @citation("Section 9")
                when
                    $c : ComplaintReceived()
                then
                    String said;
                    try {
                        said = "matched " + "ab".repeat(2_000_000).matches("(a|b)*");
                    } catch (Throwable t) {
                        said = "ran out";
                    } finally {
                        said = "finally";
                    }
                    insert(new Finding("deep.said", $c.caseId(), said, java.util.List.of()));
                end
                """);

        assertThat(e.ruleId()).isEqualTo("deep.catches");
        assertThat(e.getMessage()).contains("deep.catches", "ran out of stack in its consequence, in the JDK's code "
                + "(a regular expression over a long text, say)").doesNotContain("recursion without end");
    }

    /**
     * A regular expression over a long text in a pattern's constraint runs the stack out in the JDK's code, below
     * the pack's: the rule is named from the classes on the stack, as for a condition's exception, and the error does
     * not speak of a recursion the pack does not have. (Four million characters overflow any thread's stack.)
     */
    @Test
    void aRestrictedPacksRegularExpressionThatRunsTheStackOutInAConstraintNamesItsRule() {
        RuleExecutionException e = failure("""
                declare Text
                    caseId : String
                    s : String
                end

                rule "deep.seeds"
                    @citation("Section 8")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Text($c.caseId(), "ab".repeat(2_000_000)));
                end

                rule "deep.matches"
                    @citation("Section 9")
                when
                    Text(s matches "(a|b)*")
                then
                end
                """);

        assertThat(e.ruleId()).isEqualTo("deep.matches");
        assertThat(e.getMessage()).startsWith("rule 'deep.matches' (Section 9, deep.drl:")
                .contains("ran out of stack in a condition, in the JDK's code (a regular expression over a long "
                        + "text, say), which the step and depth limits do not count")
                .doesNotContain("recursion without end", "deep.seeds");
    }

    /** The same in an {@code eval}. */
    @Test
    void aRestrictedPacksRegularExpressionThatRunsTheStackOutInAnEvalNamesItsRule() {
        RuleExecutionException e = failure("""
                rule "deep.matches-in-an-eval"
                    @citation("Section 9")
                when
                    $c : ComplaintReceived()
                    eval($c.caseId().repeat(1000000).matches("(c|a|s|e|-|1)*"))
                then
                end
                """);

        assertThat(e.ruleId()).isEqualTo("deep.matches-in-an-eval");
        assertThat(e.getMessage()).contains("ran out of stack in a condition, in the JDK's code");
    }

    /**
     * A function whose frames hold 200 longs alive across its call of itself, 900 deep ("c1" is 2 long; under the
     * depth limit), on a thread of 256 KB of stack: at least 1.6 KB a frame, 1.4 MB in all, so the stack runs out in
     * the pack's own code, in an {@code eval}, whatever the JIT. The rule is named, and the error says what ran the
     * stack out.
     */
    @Test
    void aRestrictedPacksRecursionOfLargeFramesInAConditionNamesItsRule() throws InterruptedException {
        StringBuilder locals = new StringBuilder();
        StringBuilder sum = new StringBuilder("0");
        for (int i = 0; i < 200; i++) {
            locals.append("    long v").append(i).append(" = n + ").append(i).append(";\n");
            sum.append(" + v").append(i);
        }
        String drl = "function long fat(int n) {\n" + locals + "    long below = n == 0 ? 0 : fat(n - 1);\n"
                + "    return below + " + sum + ";\n}\n\n" + """
                rule "deep.large-frames"
                    @citation("Section 9")
                when
                    $c : ComplaintReceived()
                    eval(fat($c.id().length() + 898) > 0)
                then
                end
                """;
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("deep.drl", DEEP + drl))
                .threads(1).build();
        RuleExecutionException[] failed = new RuleExecutionException[1];
        Thread small = new Thread(null, () -> failed[0] = failure(engine), "small-stack", 256 * 1024);
        small.start();
        small.join();

        RuleExecutionException e = failed[0];
        assertThat(e).as("the evaluation fails on the small stack").isNotNull();
        assertThat(e.ruleId()).isEqualTo("deep.large-frames");
        assertThat(e.getMessage()).startsWith("rule 'deep.large-frames' (Section 9, deep.drl:")
                .contains("ran out of stack in a condition: a recursion within the depth limit whose frames are too "
                        + "large for the thread's stack")
                .doesNotContain("recursion without end");
    }

    /** A restricted pack's recursion stops at the depth limit, whatever the thread's stack. */
    @Test
    void aRestrictedPacksRecursionWithoutEndStopsAtTheDepthLimit() {
        RuleExecutionException e = failure(RECURSES);

        assertThat(e.ruleId()).isEqualTo("deep.recurses");
        assertThat(e.getMessage()).startsWith("rule 'deep.recurses' (Section 9, deep.drl:")
                .contains("called its own code more than 1,000 deep in its consequence")
                .doesNotContain("ran out of stack");
    }

    /**
     * A recursion in a condition evaluated after another rule fired was blamed on that rule (the last whose
     * consequence had run); it names no rule now.
     */
    @Test
    void aRecursionWithoutEndInAConditionBlamesNoRuleThatFiredBefore() {
        RuleExecutionException e = unrestrictedFailure(RECURSES_IN_A_CONDITION);

        assertThat(e.ruleId()).isNull();
        assertThat(e.getMessage()).startsWith("a rule condition ran out of stack").doesNotContain("deep.fires-first");
    }

    /** A restricted pack's recursion in a condition is named as a condition's loop is. */
    @Test
    void aRestrictedPacksRecursionWithoutEndInAConditionNamesItsRule() {
        RuleExecutionException e = failure(RECURSES_IN_A_CONDITION);

        assertThat(e.ruleId()).isEqualTo("deep.recurses-in-a-condition");
        assertThat(e.getMessage()).startsWith("rule 'deep.recurses-in-a-condition' (Section 9, deep.drl:")
                .contains("called its own code more than 1,000 deep in a condition").doesNotContain("deep.fires-first");
    }
}
