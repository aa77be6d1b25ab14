package org.niyam.compliance.engine.internal.drl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.niyam.compliance.pack.RulePack;

/** The one parse of a DRL file: rules, queries, functions and the Java syntax tree of their code, placed by line. */
class DrlAnalysisTest {

    private static final String DRL = String.join("\n",
            "package p;",                                     // 1
            "rule \"a\"",                                     // 2
            "when",                                           // 3
            "    $c : ComplaintReceived() // Dutyx in a comment", // 4
            "then",                                           // 5
            "    String s = \"Dutyx in a string\";",          // 6
            "    insert(new Dutyx(1));",                      // 7
            "end",                                            // 8
            "rule \"b\"",                                     // 9
            "when then",                                      // 10
            "    insert(new Dutyx(2));",                      // 11
            "end");

    private static final DrlAnalysis ANALYSIS = DrlAnalysis.of(new RulePack.DrlSource("x.drl", DRL));

    @Test
    void anErrorInAConsequenceIsPlacedOnTheLineNamingWhatIsWrong() {
        assertThat(ANALYSIS.consequenceLine(2, "Rule Compilation error Dutyx cannot be resolved to a type"))
                .isEqualTo(7);
        assertThat(ANALYSIS.consequenceLine(9, "Rule Compilation error Dutyx cannot be resolved to a type"))
                .isEqualTo(11);
    }

    @Test
    void otherwiseTheRuleLineStays() {
        assertThat(ANALYSIS.consequenceLine(2, "Rule Compilation error Other cannot be resolved to a type"))
                .as("a name the consequence does not use").isEqualTo(2);
        assertThat(ANALYSIS.consequenceLine(2, "Unable to resolve ObjectType 'Dutyx'"))
                .as("not a consequence error").isEqualTo(2);
        assertThat(ANALYSIS.consequenceLine(0, "Rule Compilation error Dutyx cannot be resolved")).isZero();
    }

    @Test
    void codeIsPlacedOnItsLinesInTheFile() {
        String drl = String.join("\n",
                "package p;",                                        // 1
                "import org.niyam.compliance.model.*;",              // 2
                "function long twice(long x) {",                     // 3
                "    return",                                        // 4
                "        2 * x;",                                    // 5
                "}",                                                 // 6
                "query open(String c)",                              // 7
                "    Duty(caseId == c)",                             // 8
                "end",                                               // 9
                "rule \"a\" salience 3",                           // 10
                "when",                                              // 11
                "    $c : ComplaintReceived($case : caseId,",        // 12
                "        id != \"x\")",                            // 13
                "then",                                              // 14
                "    insert(new Finding(\"f\", $case,",            // 15
                "        \"m\", java.util.List.of()));",           // 16
                "end");

        DrlAnalysis analysis = DrlAnalysis.of(new RulePack.DrlSource("y.drl", drl));

        assertThat(analysis.parsed()).isTrue();
        assertThat(analysis.queries()).extracting(q -> q.getName()).containsExactly("open");
        assertThat(analysis.rules()).extracting(DrlAnalysis.Rule::name).containsExactly("a");
        DrlAnalysis.Rule rule = analysis.rules().get(0);
        assertThat(rule.descr().getAttributes()).containsKey("salience");
        DrlAnalysis.Code consequence = rule.consequences().get(0);
        assertThat(consequence.root().findAll(com.github.javaparser.ast.expr.StringLiteralExpr.class))
                .extracting(consequence::lineOf).containsExactly(15, 16);
        assertThat(rule.conditions()).extracting(DrlAnalysis.Code::line).containsExactly(12, 13);
        DrlAnalysis.Code function = analysis.functions().values().iterator().next();
        assertThat(function.root().findAll(com.github.javaparser.ast.expr.BinaryExpr.class))
                .extracting(function::lineOf).containsExactly(5);
    }

    @Test
    void aModifyBlockIsReadWithDroolsOwnParser() {
        String drl = String.join("\n",
                "package p;",
                "rule \"a\"",
                "when",
                "    $c : Object()",
                "then",
                "    modify($c) { setX(1) }",
                "end");

        DrlAnalysis.Code code = DrlAnalysis.of(new RulePack.DrlSource("z.drl", drl)).rules().get(0).consequences().get(0);

        assertThat(code.readable()).isTrue();
        assertThat(code.positioned()).isFalse();
        assertThat(code.line()).isEqualTo(6);
    }

    /**
     * The guard against long chains of operators counts within one expression: many rules with a binding each and no
     * comma or semicolon between them (empty consequences) are read, where one chain of the same length is not.
     */
    @Test
    void operatorsOfManyRulesAreNotOneChain() {
        StringBuilder many = new StringBuilder("package p;\nimport org.niyam.compliance.model.*;\n");
        for (int i = 0; i < 600; i++) {
            many.append("rule \"r").append(i).append("\" when $f : Finding(code != null) then end\n");
        }
        assertThat(DrlAnalysis.of(new RulePack.DrlSource("many.drl", many.toString())).compilable()).isTrue();

        String chain = "package p;\nrule \"r\" when then int n = 1" + " + 1".repeat(600) + "; end\n";
        assertThat(DrlAnalysis.of(new RulePack.DrlSource("chain.drl", chain)).compilable()).isFalse();
    }

    @Test
    void aFileWithASyntaxErrorHasNoRules() {
        DrlAnalysis analysis = DrlAnalysis.of(new RulePack.DrlSource("bad.drl", "package p;\nrule \"a\" when then"));

        assertThat(analysis.parsed()).isFalse();
        assertThat(analysis.rules()).isEmpty();
    }
}
