package org.niyam.compliance.rules.india;

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
 * The India pack's scenario files, one test each (src/test/resources/scenarios), and the coverage they give:
 * every rule of the pack must be fired by some scenario, so a rule added without one fails here.
 */
@DisplayName("India pack scenarios")
class IndiaScenariosTest {

    private static final ScenarioSuite SCENARIOS = ScenarioSuite.of(ComplianceEngine.builder()
            .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
            .build());

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return SCENARIOS.tests(Path.of("src/test/resources/scenarios"));
    }

    @AfterAll
    static void everyRuleIsFiredBySomeScenario() {
        Coverage coverage = SCENARIOS.coverage();
        System.out.println(coverage.describe());
        assertThat(coverage.neverFired())
                .as("rules of the India pack that no scenario fires; add a scenario under "
                        + "compliance-rules/src/test/resources/scenarios that makes each fire.\n%s", coverage.describe())
                .isEmpty();
    }
}
