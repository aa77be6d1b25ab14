package org.niyam.compliance.junit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.scenario.Coverage;
import org.niyam.compliance.scenario.Scenario;
import org.niyam.compliance.scenario.ScenarioResult;
import org.niyam.compliance.scenario.ScenarioRunner;
import org.opentest4j.AssertionFailedError;

/**
 * Scenario files as JUnit 5 tests: one dynamic test per file under a folder, failing with the differences between
 * what the scenario expects and what the engine reported, field by field. Keeps the {@link Coverage} of every
 * scenario it ran.
 *
 * <pre>{@code
 * class OurPolicyScenariosTest {
 *
 *     static final ScenarioSuite SCENARIOS = ScenarioSuite.of(ComplianceEngine.builder()
 *             .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
 *             .rulePack(RulePack.directory(Path.of("policies")))
 *             .build());
 *
 *     @TestFactory
 *     Stream<DynamicTest> scenarios() {
 *         return SCENARIOS.tests(Path.of("src/test/resources/scenarios"));
 *     }
 *
 *     @AfterAll
 *     static void coverage() {
 *         System.out.println(SCENARIOS.coverage().describe());
 *     }
 * }
 * }</pre>
 *
 * <p>A file that cannot be read is a failing test whose message names the file, line and field. Thread-safe.
 */
public final class ScenarioSuite {

    private final ScenarioRunner runner;

    private ScenarioSuite(ComplianceEngine engine) {
        this.runner = new ScenarioRunner(engine);
    }

    /**
     * A suite running scenarios against the engine. Build the engine once, in a static field.
     *
     * @param engine the rules to run the scenarios against
     * @return a suite with nothing run yet
     */
    public static ScenarioSuite of(ComplianceEngine engine) {
        return new ScenarioSuite(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * One test per scenario file below the folder ({@code .yaml}, {@code .yml}, {@code .json}; not
     * {@code pack.yaml}), in path order, named by its path in the folder and the scenario's name. A relative folder
     * is resolved against the working directory, which for Maven and most IDEs is the module's folder.
     *
     * @param folder the folder searched for scenario files, at any depth
     * @return the tests, for a {@code @TestFactory} method to return
     * @throws IllegalArgumentException the folder does not exist or holds no scenario file
     * @throws org.niyam.compliance.model.InputException a scenario file is a link to a file outside the folder, which
     *                                                   is not read ({@link Scenario#filesIn})
     */
    public Stream<DynamicTest> tests(Path folder) {
        List<Path> files = Scenario.filesIn(folder);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no scenario files (.yaml, .yml, .json) under " + folder.toAbsolutePath());
        }
        return files.stream().map(file -> test(folder, file));
    }

    /**
     * As {@link #tests(Path)}, for a folder on the class path, e.g. {@code scenarios} for
     * {@code src/test/resources/scenarios}. The folder must be on the file system, not inside a jar.
     *
     * @param location the folder's path on the class path
     * @return the tests, for a {@code @TestFactory} method to return
     * @throws IllegalArgumentException the folder is not on the class path, or is inside a jar
     */
    public Stream<DynamicTest> testsOnClasspath(String location) {
        String folder = location.replaceAll("^/+|/+$", "");
        URL url = Thread.currentThread().getContextClassLoader().getResource(folder);
        if (url == null) {
            url = ScenarioSuite.class.getClassLoader().getResource(folder);
        }
        if (url == null) {
            throw new IllegalArgumentException("no folder '" + folder + "' on the class path");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new IllegalArgumentException("scenarios must be a folder on the file system, but '" + folder
                    + "' is at " + url + ": use tests(Path) with the folder it was built from");
        }
        try {
            return tests(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the class path folder " + url, e);
        }
    }

    /**
     * The rules fired and the clauses touched by every scenario this suite has run so far.
     *
     * @return the coverage, of the whole engine ({@link Coverage#forPack(String)} for one pack)
     */
    public Coverage coverage() {
        return runner.coverage();
    }

    /**
     * The runner behind the suite, to run a scenario of your own.
     *
     * @return the runner, whose coverage is this suite's
     */
    public ScenarioRunner runner() {
        return runner;
    }

    private DynamicTest test(Path folder, Path file) {
        String path = folder.relativize(file).toString().replace('\\', '/');
        Scenario scenario;
        try {
            scenario = Scenario.load(file, runner.engine().eventTypes());
        } catch (InputException e) {
            return DynamicTest.dynamicTest(path, file.toUri(), () -> {
                throw e;
            });
        }
        return DynamicTest.dynamicTest(path + ": " + scenario.name(), file.toUri(), () -> check(scenario));
    }

    private void check(Scenario scenario) {
        ScenarioResult result = runner.run(scenario);
        if (!result.passed()) {
            throw new AssertionFailedError(result.describe(), result.expectedText(), result.actualText());
        }
    }
}
