package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenariosCommandTest {

    private static final String SCENARIOS = Cli.RESOURCES + "scenarios/";

    @Test
    void passingScenariosExitZeroAndReportCoverage() {
        Cli.Result result = Cli.run("scenarios", SCENARIOS + "passes.yaml");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("PASS    " + SCENARIOS + "passes.yaml  A court order removed within")
                .contains("1 scenario: 1 passed, 0 failed\n")
                .containsPattern("Coverage: \\d+ of \\d+ rules fired")
                .contains("rules that never fired:", "in.3-2-b.intimate-imagery-opens-removal");
    }

    @Test
    void aFailureShowsExpectedAgainstActualFieldByField() {
        Cli.Result result = Cli.run("scenarios", SCENARIOS + "passes.yaml", SCENARIOS + "fails.yaml");

        assertThat(result.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(result.out()).contains("FAIL    " + SCENARIOS + "fails.yaml")
                .containsPattern("dueAt +expected 2026-03-03T22:00\\+05:30\\n +actual +2026-03-02T13:00\\+05:30")
                .containsPattern("status +expected MET\\n +actual +MET_LATE")
                .contains("2 scenarios: 1 passed, 1 failed\n");
    }

    @Test
    void aBrokenFileIsReportedWithLineAndFieldAndTheOthersStillRun() {
        Cli.Result result = Cli.run("scenarios", SCENARIOS);

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).contains("BROKEN  " + SCENARIOS + "broken.yaml\n        " + SCENARIOS
                        + "broken.yaml:2: asOf: expected an ISO-8601 instant with offset")
                .contains("PASS    " + SCENARIOS + "passes.yaml", "FAIL    " + SCENARIOS + "fails.yaml")
                .contains("3 scenarios: 1 passed, 1 failed, 1 broken");
    }

    @Test
    void scenariosRunAgainstTheRulesGiven() {
        Cli.Result result = Cli.run("scenarios", SCENARIOS + "passes.yaml", "--no-builtin-rules",
                "--rules", Cli.RESOURCES + "rules/fast-ack");

        assertThat(result.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(result.out()).contains("obligation removal.on-order@order-1: expected in the report, but the report has no obligation");
    }

    @Test
    void aPathWithNoScenariosIsAUsageError() {
        assertThat(Cli.run("scenarios", "nowhere").err()).contains("no such file or folder: nowhere");
        assertThat(Cli.run("scenarios", Cli.RESOURCES + "rules/fast-ack").err()).contains("no scenario file");
    }
}
