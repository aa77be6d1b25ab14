package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.junit.ScenarioSuite;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.scenario.Coverage;

// The example of docs/writing-rules.md ("Running scenarios"), as it is printed there from this line on; it runs on
// the page's files in examples/policy. WritingRulesDocTest keeps the two the same.
class PolicyScenariosTest {

    static final ScenarioSuite SCENARIOS = ScenarioSuite.of(ComplianceEngine.builder()
            .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
            .rulePack(RulePack.directory(Path.of("policy")))
            .build());

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return SCENARIOS.tests(Path.of("policy/scenarios"));
    }

    @AfterAll
    static void everyRuleOfThePolicyIsFired() {
        Coverage policy = SCENARIOS.coverage().forPack("examplenet-policy");
        System.out.println(policy.describe());
        assertThat(policy.neverFired()).isEmpty();
    }
}
