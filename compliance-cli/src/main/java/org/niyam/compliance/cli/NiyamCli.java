package org.niyam.compliance.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePackException;
import org.niyam.compliance.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code ./niyam} command line: {@code demo}, {@code audit}, {@code check}, {@code scenarios},
 * {@code monthly-report}, {@code watch} and {@code completion}. {@code niyam COMMAND --help} explains each; docs/cli.md has the whole story.
 *
 * <p>Exit codes: 0 all compliant or all passed; 1 findings or failed scenarios; 2 bad input, broken rules or a
 * usage error.
 */
public final class NiyamCli {

    /** Where the India IT Rules pack lives on the classpath (module compliance-rules). */
    public static final String INDIA_PACK = "org/niyam/compliance/rules/india";

    /** Set by the {@code niyam} script: "1" when standard error is a terminal, else "0". */
    static final String STDERR_TTY = "NIYAM_STDERR_TTY";

    static final List<Command> COMMANDS = List.of(new DemoCommand(), new AuditCommand(), new CheckCommand(),
            new ScenariosCommand(), new MonthlyReportCommand(), new WatchCommand(), new CompletionCommand());

    private NiyamCli() {
    }

    /**
     * Runs a command and exits the process with its code: 0 all compliant or all passed, 1 findings or failed
     * scenarios, 2 bad input, broken rules or a usage error.
     *
     * @param args the command's name, then its arguments
     */
    public static void main(String[] args) {
        String tty = System.getenv(STDERR_TTY);
        boolean terminal = tty != null ? tty.equals("1") : System.console() != null;
        int exit;
        try {
            exit = run(args, new Io(System.out, System.err, terminal, new Io.SystemClock(), Path.of("")));
        } catch (Throwable e) { // only if even reporting the failure failed: never exit 1, which means findings
            exit = Exit.BAD_INPUT;
            try {
                System.err.println("niyam: stopped by an internal error, nothing was reported");
            } catch (Throwable ignored) { // the exit code still says it failed
            }
        }
        System.exit(exit);
    }

    /** Runs a command without progress output; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Io.of(out, err));
    }

    /**
     * Runs a command, as {@link #main} does without exiting: for embedding the command line in another program.
     *
     * @param args the command's name, then its arguments
     * @param io   where it writes, and its clock and working directory
     * @return the process exit code (see {@link Exit})
     */
    public static int run(String[] args, Io io) {
        return run(args, io, COMMANDS);
    }

    /**
     * Runs one of {@code commands}. Whatever it throws ends here: the three error families and usage errors with
     * their own message, anything else (a bug, {@code OutOfMemoryError}) with one line naming it; all exit 2, never
     * with a stack trace, since exit 1 means findings.
     */
    static int run(String[] args, Io io, List<Command> commands) {
        try {
            return dispatch(args, io, commands);
        } catch (OutOfMemoryError e) {
            // What held the memory is unreachable by now; print one line and leave.
            io.err().println("niyam: stopped, out of memory (" + e.getMessage() + "): the input needs more memory "
                    + "than Java was given; give more (JAVA_TOOL_OPTIONS=-Xmx4g) or split the log");
        } catch (StackOverflowError e) {
            io.err().println("niyam: stopped by an internal error: the stack overflowed");
        } catch (Throwable e) { // a checked one too, thrown undeclared
            io.err().println("niyam: stopped by an internal error, nothing was reported: "
                    + TextReport.printable(String.valueOf(e)));
        }
        io.err().flush();
        return Exit.BAD_INPUT;
    }

    private static int dispatch(String[] args, Io io, List<Command> commands) {
        if (args.length == 0) {
            io.err().print(usage());
            return Exit.BAD_INPUT;
        }
        String name = args[0];
        if (List.of("help", "--help", "-h").contains(name)) {
            if (args.length > 1 && command(commands, args[1]) != null) {
                io.out().print(command(commands, args[1]).help());
            } else {
                io.out().print(usage());
            }
            return Exit.OK;
        }
        Command command = command(commands, name);
        if (command == null) {
            io.err().println("niyam: unknown command '" + TextReport.printable(name) + "'"
                    + TextReport.printable(suggestion(commands, name)));
            io.err().print(usage());
            return Exit.BAD_INPUT;
        }
        String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
        String prefix = "niyam " + command.name() + ": ";
        try {
            Args parsed = Args.parse(rest, CommandSpecs.of(command));
            if (parsed.flag("--help")) {
                io.out().print(command.help());
                return Exit.OK;
            }
            return command.run(parsed, io);
        } catch (UsageException e) {
            io.err().println(prefix + TextReport.printable(e.getMessage()));
            io.err().println("Run 'niyam " + command.name() + " --help' for its usage.");
        } catch (RulePackException e) {
            io.err().println(prefix + "the rules are broken; nothing was evaluated.");
            e.getMessage().lines().map(TextReport::printable).forEach(io.err()::println);
            String hint = RuleOptions.builtInGivenTwice(e);
            if (hint != null) {
                io.err().println(hint);
            }
        } catch (InputException e) {
            io.err().println(TextReport.printable(e.getMessage()));
            // A bad line reaches here only with --strict (leniently it is rejected and reported); a case at fault
            // as a whole (its events disagree) has no one line.
            io.err().println(prefix + (e.line() > 0 ? "stopped at the first bad entry (--strict); " : "")
                    + "nothing was evaluated.");
        } catch (RuleExecutionException e) {
            io.err().println(prefix + "a rule failed while evaluating"
                    + (e.ruleId() == null ? "" : " (" + e.ruleId() + ")") + ": " + TextReport.printable(e.getMessage()));
        } catch (UncheckedIOException e) {
            io.err().println(prefix + TextReport.printable(e.getMessage()));
        }
        return Exit.BAD_INPUT;
    }

    private static Command command(List<Command> commands, String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The list of commands and the exit codes, generated by picocli like each command's help. */
    static String usage() {
        return CommandSpecs.usage(niyam(COMMANDS));
    }

    private static CommandSpec niyam(List<Command> commands) {
        return CommandSpecs.niyam(commands, """
                Niyam turns India's platform-regulation law into rules and tells a platform which duties
                arose, when each was due, and whether it was met.
                """, """
                Exit codes: 0 all compliant or all passed; 1 findings or failed scenarios;
                            2 bad input, broken rules, or a usage error.
                More: docs/cli.md
                """);
    }

    /** picocli's suggestions for a misspelt command: "; did you mean audit?", or nothing. */
    private static String suggestion(List<Command> commands, String name) {
        try {
            new CommandLine(niyam(commands)).parseArgs(name);
        } catch (CommandLine.UnmatchedArgumentException e) {
            List<String> suggestions = e.getSuggestions();
            if (!suggestions.isEmpty()) {
                return "; did you mean " + suggestions.get(0) + "?"; // picocli's closest first
            }
        } catch (CommandLine.ParameterException e) {
            return "";
        }
        return "";
    }
}
