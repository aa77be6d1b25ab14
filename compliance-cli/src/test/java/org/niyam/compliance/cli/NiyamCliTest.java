package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a command throws outside the three error families (a bug, running out of memory or stack) ends in exit
 * 2 and one line on standard error, never a stack trace or exit 1 (which means findings). The failures are injected
 * through a command that throws them, not by exhausting memory.
 */
class NiyamCliTest {

    static List<Object[]> failures() {
        return List.of(
                new Object[] {"out of memory", (Supplier<Throwable>) () -> new OutOfMemoryError("Java heap space"),
                        "niyam: stopped, out of memory (Java heap space): the input needs more memory than Java was "
                                + "given; give more (JAVA_TOOL_OPTIONS=-Xmx4g) or split the log"},
                new Object[] {"stack overflow", (Supplier<Throwable>) StackOverflowError::new,
                        "niyam: stopped by an internal error: the stack overflowed"},
                new Object[] {"a bug", (Supplier<Throwable>) () -> new IllegalStateException("no\nforged line"),
                        "niyam: stopped by an internal error, nothing was reported: "
                                + "java.lang.IllegalStateException: no\\nforged line"},
                new Object[] {"a DateTimeException", (Supplier<Throwable>) () -> new java.time.DateTimeException("Year"),
                        "niyam: stopped by an internal error, nothing was reported: java.time.DateTimeException: Year"},
                new Object[] {"an assertion", (Supplier<Throwable>) () -> new AssertionError("broken"),
                        "niyam: stopped by an internal error, nothing was reported: java.lang.AssertionError: broken"},
                // A checked throwable thrown without declaring it (a generic method can): it said nothing at all.
                new Object[] {"an undeclared checked throwable", (Supplier<Throwable>) () -> new Throwable("raw"),
                        "niyam: stopped by an internal error, nothing was reported: java.lang.Throwable: raw"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void anyOtherFailureExitsTwoWithOneLine(String what, Supplier<Throwable> failure, String line) {
        Command failing = new Command() {
            @Override
            public String name() {
                return "fail";
            }

            @Override
            public String summary() {
                return "fails";
            }

            @Override
            public String synopsis() {
                return "niyam fail";
            }

            @Override
            public String description() {
                return "fails";
            }

            @Override
            public String footer() {
                return "";
            }

            @Override
            public int run(Args args, Io io) {
                Throwable t = failure.get();
                if (t instanceof Error e) {
                    throw e;
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                return NiyamCliTest.<RuntimeException>sneak(t);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = NiyamCli.run(new String[] {"fail"}, Io.of(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), List.of(failing));

        assertThat(exit).isEqualTo(Exit.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> int sneak(Throwable t) throws T {
        throw (T) t;
    }
}
