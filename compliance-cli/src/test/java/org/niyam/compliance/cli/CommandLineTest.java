package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every command has in common: --help, the list of commands, usage errors and their exit code. */
class CommandLineTest {

    static Stream<String> commands() {
        return Stream.of("demo", "audit", "check", "scenarios", "monthly-report", "completion");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelpThatExitsZero(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: niyam " + command);
        assertThat(result.err()).isEmpty();
        assertThat(Cli.run(command, "-h").out()).isEqualTo(result.out());
        assertThat(Cli.run("help", command).out()).isEqualTo(result.out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandRejectsAnUnknownOptionWithExitTwo(String command) {
        Cli.Result result = Cli.run(command, "--frobnicate");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).contains("niyam " + command + ": unknown option --frobnicate")
                .contains("Run 'niyam " + command + " --help'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exit()).isZero();
        commands().forEach(c -> assertThat(result.out()).containsPattern("(?m)^  " + c + " +\\S"));
        assertThat(result.out()).contains("0 all compliant or all passed", "1 findings or failed scenarios",
                "2 bad input, broken rules");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).startsWith("Usage: niyam COMMAND");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result result = Cli.run("frobnicate");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).contains("unknown command 'frobnicate'").contains("audit");
    }

    @Test
    void aMisspeltCommandOrOptionGetsWhatWasMeant() {
        Cli.Result command = Cli.run("audti", "x.jsonl");
        assertThat(command.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(command.err()).startsWith("niyam: unknown command 'audti'; did you mean audit?");

        Cli.Result option = Cli.run("audit", "--forma", "json", "x.jsonl");
        assertThat(option.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(option.err()).contains("niyam audit: unknown option --forma; did you mean --format?");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theHelpListsEveryOptionWithItsDescription(String name) {
        Command command = CommandsForTests.named(name);
        String help = Cli.run(name, "--help").out();

        for (CommandOption option : command.options()) {
            String shown = option.isFlag() ? option.name() : option.name() + "=" + option.label();
            assertThat(help).as("niyam %s --help", name).containsPattern("(?m)^ +" + java.util.regex.Pattern.quote(shown)
                    + " +" + java.util.regex.Pattern.quote(option.description().substring(0, 20)));
        }
        assertThat(help).contains("-h, --help");
    }

    @Test
    void completionPrintsABashScriptForEveryCommandAndOption() {
        Cli.Result result = Cli.run("completion");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("complete -F", "monthly-report", "--as-of", "--no-builtin-rules", "--replay");
        assertThat(Cli.run("completion", "extra").exit()).isEqualTo(Exit.BAD_INPUT);
    }
}
