package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.junit.ScenarioSuite;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.scenario.Coverage;

/**
 * A platform's own 12-hour acknowledgement target, a pack of its own loaded beside the India pack's legal 24 hours.
 */
@DisplayName("Internal policy beside the India pack")
class InternalPolicyPackTest {

    static final String PACK = "org/niyam/compliance/examples/internal-policy";

    private static final ScenarioSuite SCENARIOS = ScenarioSuite.of(ComplianceEngine.builder()
            .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
            .rulePack(RulePack.classpath(PACK))
            .build());

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return SCENARIOS.tests(Path.of("src/main/resources", PACK, "scenarios"));
    }

    @AfterAll
    static void everyPolicyRuleIsFired() {
        Coverage coverage = SCENARIOS.coverage();
        assertThat(coverage.clauses()).filteredOn(c -> c.pack().equals("examplenet-policy"))
                .flatExtracting(Coverage.Clause::ruleIds)
                .as(coverage.describe())
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(coverage.fired()).contains(rule));
    }
}
