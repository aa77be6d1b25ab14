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

    /** Two packs (not one given twice, which is used once) with a rule of one id. */
    @Test
    void ruleIdsMustBeUniqueAcrossPacks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path drl = dir.resolve("twin.drl");
        java.nio.file.Files.writeString(drl, """
                package org.example.twin;
                import org.niyam.compliance.india.ComplaintReceived;
                rule "test.ack-opens"
                    @citation("Twin 1")
                when
                    ComplaintReceived()
                then
                end
                """);

        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/fast-ack", drl.toString());

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).contains(drl + ":3: rule id 'test.ack-opens' is already used at " + Cli.RESOURCES
                + "rules/fast-ack/acknowledgement.drl:8");
    }

    @Test
    void aPathThatIsNotAPackIsAUsageError() {
        assertThat(Cli.run("check", "nowhere/").err()).contains("no such rule file or folder: nowhere/");
        assertThat(Cli.run("check", Cli.log("compliant.jsonl")).err())
                .contains("not a rule pack: " + Cli.log("compliant.jsonl"));
        assertThat(Cli.run("check").err()).contains("no rule file or folder given");
    }

    /**
     * docs/cli.md: a duty key that two packs conclude is a warning, naming both packs, their rules with file and
     * line, and when it fails; the check still passes (exit 0).
     */
    @Test
    void aDutyKeyTwoPacksConcludeIsAWarningAndTheExitStaysZero(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path drl = otherConcludingTestAcknowledge(dir);

        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/fast-ack", drl.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("WARNING  " + drl + ":4: duty key 'test.acknowledge' is concluded by 2 "
                + "packs: pack 'test-policy' (rule 'test.ack-opens', " + Cli.RESOURCES
                + "rules/fast-ack/acknowledgement.drl:8) and pack 'other.drl' (rule 'other.ack-opens', " + drl
                + ":4); a restricted pack may conclude only keys of its own")
                .contains("OK  " + drl + ": pack other.drl")
                .endsWith("No problems, checked together with the built-in pack india-it-rules. 1 warning.\n");
    }

    /** A DRL file of a pack of its own whose rule (line 4) concludes the duty key of the fast-ack pack. */
    private static java.nio.file.Path otherConcludingTestAcknowledge(java.nio.file.Path dir)
            throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("other.drl"), """
                package org.example.other;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Duty;
                rule "other.ack-opens"
                    @citation("Other 1")
                when
                    $complaint : ComplaintReceived()
                then
                    insert(new Duty("test.acknowledge", "Acknowledge", "test.acknowledge", $complaint));
                end
                """);
    }

    /** What {@code run} logs at WARN or above, as the command's logging would print it on standard error. */
    private static java.util.List<String> warnLog(Runnable run) {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            run.run();
        } finally {
            root.detachAppender(captured);
        }
        return captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(e -> e.getLoggerName() + " - " + e.getFormattedMessage()).toList();
    }

    /**
     * docs/cli.md: check lists each warning once, on standard output, and does not log it too (on a terminal it was
     * read twice); other warnings (a compiled-model cache that cannot be written) are still logged, on standard
     * error. The other commands log it, once.
     */
    @Test
    void checkListsAWarningOnceOnStandardOutputAndStillLogsOtherWarnings(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path drl = otherConcludingTestAcknowledge(dir);
        // A cache directory below a plain file cannot be created, so cannot be written.
        java.nio.file.Path cache = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "").resolve("cache");
        String before = System.getProperty(RuleOptions.CACHE_PROPERTY);
        System.setProperty(RuleOptions.CACHE_PROPERTY, cache.toString());
        Cli.Result[] check = new Cli.Result[1];
        Cli.Result[] audit = new Cli.Result[1];
        java.util.List<String> checkLog;
        java.util.List<String> auditLog;
        try {
            checkLog = warnLog(() -> check[0] = Cli.run("check", Cli.RESOURCES + "rules/fast-ack", drl.toString()));
            auditLog = warnLog(() -> audit[0] = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules",
                    Cli.RESOURCES + "rules/fast-ack", "--rules", drl.toString(), "--no-cache"));
        } finally {
            if (before == null) {
                System.clearProperty(RuleOptions.CACHE_PROPERTY);
            } else {
                System.setProperty(RuleOptions.CACHE_PROPERTY, before);
            }
        }

        assertThat(check[0].exit()).isZero();
        assertThat(check[0].out().lines().filter(l -> l.contains("duty key 'test.acknowledge'"))).singleElement()
                .asString().startsWith("WARNING  " + drl + ":4: ");
        assertThat(checkLog).noneMatch(line -> line.contains("duty key")).anySatisfy(line -> assertThat(line)
                .contains("the compiled-model cache " + cache + " cannot be written"));
        assertThat(check[0].err()).doesNotContain("duty key");
        assertThat(auditLog).filteredOn(line -> line.contains("duty key 'test.acknowledge'")).singleElement()
                .asString().startsWith("org.niyam.compliance.engine.ComplianceEngine - " + drl + ":4: ");
        assertThat(audit[0].out() + audit[0].err()).doesNotContain("duty key");
    }

    /**
     * docs/cli.md: when the check fails, the warnings the build had found are listed too, after the problems, and
     * counted; the exit code stays 2. The other commands print them after the problems, on standard error, once.
     */
    @Test
    void aFailedCheckListsTheWarningsFoundBesideItsProblems(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path drl = otherConcludingTestAcknowledge(dir);
        Cli.Result[] check = new Cli.Result[1];
        Cli.Result[] audit = new Cli.Result[1];
        java.util.List<String> checkLog = warnLog(() -> check[0] = Cli.run("check", Cli.RESOURCES + "rules/broken.drl",
                Cli.RESOURCES + "rules/fast-ack", drl.toString()));
        java.util.List<String> auditLog = warnLog(() -> audit[0] = Cli.run("audit", Cli.log("compliant.jsonl"),
                "--rules", Cli.RESOURCES + "rules/broken.drl", "--rules", Cli.RESOURCES + "rules/fast-ack",
                "--rules", drl.toString()));

        assertThat(check[0].exit()).isEqualTo(Exit.BAD_INPUT);
        java.util.List<String> lines = check[0].out().lines().toList();
        assertThat(lines.get(0)).startsWith("PROBLEM  " + Cli.RESOURCES + "rules/broken.drl:11: ");
        assertThat(lines.subList(1, lines.size())).filteredOn(l -> !l.startsWith("PROBLEM  ")).satisfiesExactly(
                l -> assertThat(l).startsWith("WARNING  " + drl + ":4: duty key 'test.acknowledge' is concluded by 2 "
                        + "packs: pack 'test-policy' (rule 'test.ack-opens', " + Cli.RESOURCES
                        + "rules/fast-ack/acknowledgement.drl:8) and pack 'other.drl' (rule 'other.ack-opens', " + drl
                        + ":4)"),
                l -> assertThat(l).matches("\\d+ problems?, 1 warning\\. Nothing was run\\."));
        assertThat(checkLog).noneMatch(line -> line.contains("duty key"));
        assertThat(audit[0].exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(audit[0].err().lines().filter(l -> l.contains("duty key 'test.acknowledge'"))).singleElement()
                .asString().startsWith("  " + drl + ":4: ");
        assertThat(audit[0].err()).contains("\n1 warning:\n");
        assertThat(auditLog).noneMatch(line -> line.contains("duty key"));
    }

    /** docs/cli.md: a pack given twice is checked, and listed, once, with a warning. */
    @Test
    void aPackGivenTwiceIsCheckedOnceWithAWarning() {
        Cli.Result result = Cli.run("check", Cli.RESOURCES + "rules/fast-ack", "./" + Cli.RESOURCES + "rules/fast-ack/");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("""
                WARNING  ./%1$srules/fast-ack: pack 'test-policy' is given twice (at %1$srules/fast-ack and at \
                ./%1$srules/fast-ack): it is used once
                OK  %1$srules/fast-ack: pack test-policy, 1 DRL file, 2 rules, 1 parameter
                    Section 1: test.ack-opens, test.ack-discharges
                No problems, checked together with the built-in pack india-it-rules. 1 warning.
                """.formatted(Cli.RESOURCES));
    }

    /**
     * A copy of the India pack's folder beside the built-in pack (loaded restricted, the built-in one not) is one
     * problem, whose advice "give it once" the user could not follow without knowing the built-in pack is always
     * there: the command names the option that leaves it out, in check and in every other command.
     */
    @Test
    void aCopyOfTheBuiltInPackNamesTheOptionThatLeavesItOut() {
        String copy = "../compliance-rules/src/main/resources/org/niyam/compliance/rules/india";
        Cli.Result check = Cli.run("check", copy);
        Cli.Result audit = Cli.run("audit", "../examples/logs/amendment-2026.jsonl", "--rules", copy);
        Cli.Result alone = Cli.run("check", "--no-builtin-rules", copy);

        assertThat(check.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(check.out()).contains("pack 'india-it-rules' is given twice", "differently")
                .endsWith("The built-in pack is loaded unless --no-builtin-rules is given: give that option to check "
                        + "or run a copy of it.\n");
        assertThat(audit.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(audit.err()).contains("give that option to check or run a copy of it.");
        assertThat(alone.exit()).isZero();
    }

    /** The India pack alone concludes no key twice: no warning. */
    @Test
    void theIndiaPackAloneGivesNoWarning() {
        Cli.Result result = Cli.run("check", "--no-builtin-rules", "classpath:org/niyam/compliance/rules/india");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("OK  classpath:org/niyam/compliance/rules/india/pack.yaml: pack "
                + "india-it-rules").doesNotContain("WARNING").endsWith("\nNo problems.\n");
        assertThat(result.err()).doesNotContain("WARN");
    }
}
