package org.niyam.compliance.examples;

import java.io.PrintStream;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.RulePack;
import org.niyam.compliance.engine.TextReport;
import org.niyam.compliance.model.Report;

/**
 * The {@code ./niyam} command line.
 *
 * <pre>
 * ./niyam demo     run the bundled example compliance checks against the India IT Rules pack
 * ./niyam --help   this text
 * </pre>
 */
public final class NiyamCli {

    /** Where the India IT Rules pack lives on the classpath (module compliance-rules). */
    public static final String INDIA_PACK = "org/niyam/compliance/rules/india";

    static final String USAGE = """
            Usage: niyam COMMAND

            Commands:
              demo     Run the bundled example compliance checks against the India IT Rules pack
                       and print each report: every obligation, its status, due and actual
                       instants, and its citation.
              help     Show this text.
            """;

    private NiyamCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code (0 done, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "demo" -> {
                demo(out);
                return 0;
            }
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                return 0;
            }
            default -> {
                err.println("niyam: unknown command '" + command + "'");
                err.print(USAGE);
                return 2;
            }
        }
    }

    static void demo(PrintStream out) {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA_PACK)).build();
        List<ExampleCheck> checks = ExampleChecks.all();
        for (int i = 0; i < checks.size(); i++) {
            ExampleCheck check = checks.get(i);
            Report report = engine.evaluate(check.evidence(), check.asOf());
            String heading = "Example " + (i + 1) + " of " + checks.size() + ": " + check.title();
            out.println("=".repeat(heading.length()));
            out.println(heading);
            out.println("=".repeat(heading.length()));
            if (check.description() != null) {
                out.println(check.description());
                out.println();
            }
            out.println(TextReport.render(report));
        }
    }
}
