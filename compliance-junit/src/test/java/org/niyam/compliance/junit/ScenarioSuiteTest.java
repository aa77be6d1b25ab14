package org.niyam.compliance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.RulePack;
import org.opentest4j.AssertionFailedError;

/**
 * The suite through the test pack {@code packs/answer}: a complaint or an order must be answered within 10 hours.
 */
class ScenarioSuiteTest {

    private static final ComplianceEngine ENGINE = ComplianceEngine.builder()
            .rulePack(RulePack.classpath("packs/answer"))
            .build();

    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    /** How users write it: one test per file, coverage printed at the end. */
    @Nested
    class AsUsersWriteIt {

        static final ScenarioSuite SUITE = ScenarioSuite.of(ENGINE);

        @TestFactory
        Stream<DynamicTest> scenarios() {
            return SUITE.tests(SCENARIOS);
        }

        @AfterAll
        static void coverage() {
            System.out.println(SUITE.coverage().describe());
            assertThat(SUITE.coverage().fired()).containsExactly("a.complaint-opens-answer", "a.resolution-discharges");
        }
    }

    @Test
    void one_test_per_file_named_by_its_path_and_the_scenario_with_the_file_as_its_source() {
        List<DynamicTest> tests = ScenarioSuite.of(ENGINE).tests(SCENARIOS).toList();

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly(
                "answer/met.yaml: Answered within 10 hours",
                "answer/open.json: Not yet answered, 6 hours in");
        assertThat(tests.get(0).getTestSourceUri()).contains(SCENARIOS.resolve("answer/met.yaml").toUri());
    }

    @Test
    void running_the_tests_gives_the_coverage_of_the_pack() throws Throwable {
        ScenarioSuite suite = ScenarioSuite.of(ENGINE);
        assertThat(suite.coverage().fired()).isEmpty();

        for (DynamicTest test : suite.tests(SCENARIOS).toList()) {
            test.getExecutable().execute();
        }

        assertThat(suite.coverage().neverFired()).containsExactly("a.order-opens-answer");
        assertThat(suite.coverage().untouchedClauses()).singleElement()
                .satisfies(c -> assertThat(c.clause()).isEqualTo("Section 2"));
        assertThat(suite.coverage().firings()).containsEntry("a.complaint-opens-answer", 2L);
    }

    @Test
    void the_classpath_folder_gives_the_same_tests() {
        assertThat(ScenarioSuite.of(ENGINE).testsOnClasspath("scenarios").map(DynamicTest::getDisplayName))
                .containsExactly("answer/met.yaml: Answered within 10 hours",
                        "answer/open.json: Not yet answered, 6 hours in");
    }

    @Test
    void a_failing_scenario_shows_expected_against_actual_field_by_field(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("late.yaml"), """
                name: Answered late but expected met
                asOf: 2026-03-02T22:00:00+05:30
                events:
                  - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: GENERAL}
                  - {type: ComplaintResolved, id: r1, caseId: case-1, at: 2026-03-02T21:00:00+05:30}
                expect:
                  obligations:
                    - {id: answer@c1, status: MET, dischargedAt: 2026-03-02T21:00:00+05:30}
                """);
        DynamicTest test = ScenarioSuite.of(ENGINE).tests(folder).findFirst().orElseThrow();

        Throwable failure = catchThrowable(() -> test.getExecutable().execute());

        assertThat(failure).isInstanceOfSatisfying(AssertionFailedError.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Scenario 'Answered late but expected met' (" + folder.resolve("late.yaml")
                    + ") failed: 1 difference, as of 2026-03-02T22:00+05:30\n"
                    + "  obligation answer@c1\n"
                    + "    status  expected MET\n"
                    + "            actual   MET_LATE");
            assertThat(e.getExpected().getStringRepresentation()).isEqualTo("obligation answer@c1 status: MET\n");
            assertThat(e.getActual().getStringRepresentation()).isEqualTo("obligation answer@c1 status: MET_LATE\n");
        });
    }

    @Test
    void a_file_that_cannot_be_read_is_a_failing_test_naming_the_line_and_field(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("broken.yaml"), """
                asOf: 2026-03-02T22:00:00+05:30
                expect:
                  obligations:
                    - {id: answer@c1, status: DONE}
                """);
        DynamicTest test = ScenarioSuite.of(ENGINE).tests(folder).findFirst().orElseThrow();

        assertThat(test.getDisplayName()).isEqualTo("broken.yaml");
        assertThat(catchThrowable(() -> test.getExecutable().execute()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.field()).isEqualTo("expect.obligations[0].status");
                    assertThat(e.getMessage()).contains("DONE");
                });
    }

    @Test
    void a_folder_without_scenarios_is_an_error_rather_than_no_tests(@TempDir Path folder) {
        assertThatThrownBy(() -> ScenarioSuite.of(ENGINE).tests(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scenario files");
        assertThatThrownBy(() -> ScenarioSuite.of(ENGINE).tests(folder.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scenario folder at");
        assertThatThrownBy(() -> ScenarioSuite.of(ENGINE).testsOnClasspath("no/such/folder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no folder 'no/such/folder' on the class path");
    }
}
