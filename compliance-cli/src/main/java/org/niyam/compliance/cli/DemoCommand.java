package org.niyam.compliance.cli;

import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.report.TextReport;

/** {@code niyam demo}: runs the bundled example compliance checks and prints their reports. */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "Run the bundled example compliance checks and print their reports.";
    }

    @Override
    public String synopsis() {
        return "niyam demo";
    }

    @Override
    public String description() {
        return """
                Runs the bundled example compliance checks against the India IT Rules pack and prints
                each report: every obligation, its status, due and actual instants, and its citation.
                The same cases, as case logs to audit, are in examples/logs/.
                """;
    }

    @Override
    public String footer() {
        return "Exit code: 0.";
    }

    @Override
    public int run(Args args, Io io) {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("demo takes no arguments");
        }
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath(RuleOptions.INDIA_PACK)).build();
        List<ExampleCheck> checks = ExampleChecks.all();
        for (int i = 0; i < checks.size(); i++) {
            ExampleCheck check = checks.get(i);
            Report report = engine.evaluate(check.evidence(), check.asOf());
            String heading = "Example " + (i + 1) + " of " + checks.size() + ": " + check.title();
            io.out().println("=".repeat(heading.length()));
            io.out().println(heading);
            io.out().println("=".repeat(heading.length()));
            if (check.description() != null) {
                io.out().println(check.description());
                io.out().println();
            }
            io.out().println(TextReport.render(report));
        }
        return Exit.OK;
    }
}
