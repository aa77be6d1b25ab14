package org.niyam.compliance.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** Runs the command line in-process and captures what it writes. Paths are relative to the compliance-cli module. */
final class Cli {

    /** Test inputs of the command line. */
    static final String RESOURCES = "src/test/resources/cli/";

    record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(false, () -> 0L, args);
    }

    static Result run(boolean terminal, LongSupplier clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = NiyamCli.run(args, new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, clock, Path.of("")));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Standard error of a {@code --format json} watch less its closing lines: the last, which says what is left to
     * settle, and the one before it that says why the exit code is 1 when nothing breached is left.
     */
    static String notices(String err) {
        return err.replaceAll("(?m)^(niyam watch: exit code 1: [^\n]*\n)?Stopped at [^\n]*\n\\z", "");
    }

    static String log(String name) {
        return RESOURCES + "logs/" + name;
    }
}
