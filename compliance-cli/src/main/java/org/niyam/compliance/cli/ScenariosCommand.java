package org.niyam.compliance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.scenario.Scenario;
import org.niyam.compliance.scenario.ScenarioResult;
import org.niyam.compliance.scenario.ScenarioRunner;

/** {@code niyam scenarios}: runs scenario files and reports passes, failures and rule coverage. */
public final class ScenariosCommand implements Command {

    @Override
    public String name() {
        return "scenarios";
    }

    @Override
    public String summary() {
        return "Run scenario files; report passes, failures (expected against actual) and rule coverage.";
    }

    @Override
    public String synopsis() {
        return "niyam scenarios PATH... [options]";
    }

    @Override
    public String description() {
        return """
                Runs scenario files (YAML or JSON: facts and events, an "as of" instant, and the
                obligations and findings the law should give) against the rules, and reports each pass,
                each failure field by field (expected against actual), and which rules and clauses no
                scenario exercised. PATH is a scenario file or a folder searched for .yaml, .yml and
                .json files (pack.yaml excepted).
                """;
    }

    @Override
    public List<CommandOption> options() {
        return RuleOptions.OPTIONS;
    }

    @Override
    public String footer() {
        return """
                Exit codes: 0 every scenario passed; 1 a scenario failed; 2 a scenario file is broken
                or cannot be evaluated, the rules are broken, or a usage error.

                Example:
                  niyam scenarios compliance-rules/src/test/resources/scenarios
                """;
    }

    @Override
    public int run(Args args, Io io) {
        if (args.positionals().isEmpty()) {
            throw new UsageException("no scenario file or folder given");
        }
        List<Path> files = new ArrayList<>();
        for (String given : args.positionals()) {
            Path path = io.path(given);
            if (Files.isDirectory(path)) {
                List<Path> found = Scenario.filesIn(path);
                if (found.isEmpty()) {
                    throw new UsageException("no scenario file (.yaml, .yml, .json) in " + given);
                }
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UsageException("no such file or folder: " + given);
            }
        }
        ComplianceEngine engine = RuleOptions.engine(args, io);
        ScenarioRunner runner = new ScenarioRunner(engine);
        int passed = 0;
        int failed = 0;
        int broken = 0;
        for (Path file : files) {
            Scenario scenario;
            try {
                scenario = Scenario.load(file, engine.eventTypes());
            } catch (InputException e) {
                broken++;
                io.out().println("BROKEN  " + file);
                io.out().println("        " + CaseLogs.located(e));
                continue;
            }
            ScenarioResult result;
            try {
                result = runner.run(scenario);
            } catch (InputException | RuleExecutionException e) {
                broken++;
                io.out().println("BROKEN  " + file + "  " + scenario.name());
                io.out().println("        cannot be evaluated: " + e.getMessage());
                continue;
            }
            if (result.passed()) {
                passed++;
                io.out().println("PASS    " + file + "  " + scenario.name());
            } else {
                failed++;
                io.out().println("FAIL    " + file + "  " + scenario.name());
                result.describe().lines().skip(1).forEach(line -> io.out().println("      " + line));
            }
        }
        io.out().println();
        io.out().println(files.size() + (files.size() == 1 ? " scenario: " : " scenarios: ") + passed + " passed, "
                + failed + " failed" + (broken > 0 ? ", " + broken + " broken" : ""));
        io.out().println(runner.coverage().describe());
        return broken > 0 ? Exit.BAD_INPUT : failed > 0 ? Exit.FINDINGS : Exit.OK;
    }
}
