package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckCommandTest {

    @Test
    void aSoundPackIsListedByClauseWithExitZero() {
        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/fast-ack");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("""
                OK  %srules/fast-ack: pack test-policy, 1 DRL file, 2 rules, 1 parameter
                    Section 1: test.ack-opens, test.ack-discharges
                No problems, checked together with the built-in pack india-it-rules.
                """.formatted(Cli.RESOURCES));
    }

    @Test
    void aPackYamlNamesItsFolderAndNoBuiltinRulesChecksThePackAlone() {
        Cli.Result result = Cli.run("check", "--no-builtin-rules", Cli.RESOURCES + "rules/fast-ack/pack.yaml");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("pack test-policy").endsWith("No problems.\n");
    }

    @Test
    void everyProblemIsListedWithFileAndLineAndExitTwo() {
        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/broken.drl", Cli.RESOURCES + "rules/fast-ack");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).startsWith("PROBLEM  " + Cli.RESOURCES + "rules/broken.drl:11: ")
                .endsWith(" problem. Nothing was run.\n");
    }

    /**
     * docs/cli.md: a pack whose pack.yaml lists event classes of its own needs them on the class path, which the
     * command does not take: the problem names the entry and its line.
     */
    @Test
    void aPackListingEventClassesOfItsOwnIsRefusedNamingTheClass(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("pack.yaml"), """
                id: own-events
                instrument: Test Act, 2020
                events:
                  - com.example.AppealLodged
                """);

        Cli.Result result = Cli.run("check", dir.toString());

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).contains(dir.resolve("pack.yaml") + ":4: events[0]: class com.example.AppealLodged "
                + "is not on the class path");
    }

    @Test
    void theProblemsOfEveryPackYamlAreListedNotOnlyTheFirstPacks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path first = java.nio.file.Files.createDirectories(dir.resolve("first"));
        java.nio.file.Path second = java.nio.file.Files.createDirectories(dir.resolve("second"));
        java.nio.file.Files.writeString(first.resolve("pack.yaml"), "id: first\ninstrument: Test Act\njurisdictions: [India]\n");
        java.nio.file.Files.writeString(second.resolve("pack.yaml"), "id: second\ninstrument: Test Act\njurisdictions: [Germany]\n");

        Cli.Result result = Cli.run("check", first.toString(), second.toString());

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).contains(first.resolve("pack.yaml") + ":3: 'jurisdictions' has 'India'",
                second.resolve("pack.yaml") + ":3: 'jurisdictions' has 'Germany'").endsWith("2 problems. Nothing was run.\n");
    }

    @Test
    void ruleIdsMustBeUniqueAcrossPacks() {
        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/fast-ack", Cli.RESOURCES + "rules/fast-ack");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).contains("test.ack-opens");
    }

    @Test
    void aPathThatIsNotAPackIsAUsageError() {
        assertThat(Cli.run("check", "nowhere/").err()).contains("no such rule file or folder: nowhere/");
        assertThat(Cli.run("check", Cli.log("compliant.jsonl")).err())
                .contains("not a rule pack: " + Cli.log("compliant.jsonl"));
        assertThat(Cli.run("check").err()).contains("no rule file or folder given");
    }
}
