package org.niyam.compliance.scenario;

import java.util.Objects;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;

/**
 * Runs {@link Scenario}s against an engine and compares each report with what the scenario expects, keeping the
 * {@link Coverage} of every run.
 *
 * <pre>{@code
 * ScenarioRunner runner = new ScenarioRunner(engine);
 * for (Scenario scenario : Scenario.loadAll(Path.of("scenarios"))) {
 *     ScenarioResult result = runner.run(scenario);
 *     if (!result.passed()) System.out.println(result.describe());
 * }
 * System.out.println(runner.coverage().describe());
 * }</pre>
 *
 * <p>A scenario the engine cannot evaluate (two different events with one id, a rule that fails) raises the
 * engine's exception instead of giving a result. Thread-safe.
 */
public final class ScenarioRunner {

    private final ComplianceEngine engine;
    private final Coverage coverage;

    /**
     * A runner with no scenario run yet.
     *
     * @param engine the engine to evaluate the scenarios with; its rules are those the coverage counts
     * @throws NullPointerException if {@code engine} is {@code null}
     */
    public ScenarioRunner(ComplianceEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.coverage = new Coverage(engine);
    }

    /**
     * Evaluates the scenario's evidence as of its instant and compares the report with its expectations.
     *
     * @param scenario the scenario
     * @return the report and every difference from what the scenario expects
     * @throws InputException         the scenario's evidence is broken
     * @throws RuleExecutionException a rule failed while evaluating it
     */
    public ScenarioResult run(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        Report report = engine.evaluate(scenario.evidence(), scenario.asOf(), coverage);
        return new ScenarioResult(scenario, report, ScenarioComparison.compare(scenario.expected(), report));
    }

    /** {@return the engine scenarios run against} */
    public ComplianceEngine engine() {
        return engine;
    }

    /**
     * {@return the rules fired and the clauses touched by every scenario this runner has run so far} The same object
     * throughout, updated as scenarios run.
     */
    public Coverage coverage() {
        return coverage;
    }
}
