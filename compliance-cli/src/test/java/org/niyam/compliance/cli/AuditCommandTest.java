package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class ExitCodes {

        @Test
        void zeroWhenNothingNeedsAttentionEvenWithOpenObligations() {
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"));

            assertThat(result.exit()).isZero();
            assertThat(result.out()).contains("Summary: 8 obligations: 1 OPEN, 3 MET, 4 NOT APPLICABLE; 0 findings")
                    .contains("Nothing breached, at risk, met late or indeterminate, and no findings.")
                    .contains("OPEN            3(1)(c).inform-users@notice-2026-03");
            assertThat(result.err()).isEmpty();
        }

        @Test
        void oneWhenSomethingIsLateBreachedOrFound() {
            Cli.Result result = Cli.run("audit", "../examples/logs/defective-intimation.jsonl");

            assertThat(result.exit()).isEqualTo(Exit.FINDINGS);
            assertThat(result.out()).contains("BREACHED        4(8).prior-notice@own-12-done")
                    .contains("FINDING         defective-intimation");
        }

        @Test
        void twoForAMissingFileABadInstantOrAnUnknownFormat() {
            assertThat(Cli.run("audit", "no-such.jsonl").err()).contains("niyam audit: no such file: no-such.jsonl");
            assertThat(Cli.run("audit", "no-such.jsonl").exit()).isEqualTo(Exit.BAD_INPUT);
            Cli.Result badInstant = Cli.run("audit", Cli.log("compliant.jsonl"), "--as-of", "2026-03-01T00:00");
            assertThat(badInstant.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(badInstant.err()).contains("--as-of needs an ISO-8601 instant with offset");
            Cli.Result badFormat = Cli.run("audit", Cli.log("compliant.jsonl"), "--format", "pdf");
            assertThat(badFormat.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(badFormat.err()).contains("--format must be text, json, jsonl or html: pdf");
            assertThat(Cli.run("audit").err()).contains("no case log given");
            Cli.Result emptyPeriod = Cli.run("audit", Cli.log("compliant.jsonl"), "--since", "2026-03-02T00:00:00Z",
                    "--as-of", "2026-03-01T00:00:00Z");
            assertThat(emptyPeriod.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(emptyPeriod.err()).contains("--since 2026-03-02T00:00Z is after --as-of 2026-03-01T00:00Z: "
                    + "the period audited would be empty");
        }

        @Test
        void twoForBrokenRulesWithFileAndLine() {
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", Cli.RESOURCES + "rules/broken.drl");

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).contains("the rules are broken; nothing was evaluated")
                    .contains(Cli.RESOURCES + "rules/broken.drl:11:");
            assertThat(result.out()).isEmpty();
        }

        /** A loop that never ends ends the audit after the step limit, in one line naming the rule. */
        @Test
        void twoWhenARestrictedPacksLoopDoesNotEndNamingTheRule() {
            String drl = Cli.RESOURCES + "rules/loops-forever.drl";
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", drl, "--no-cache");

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).contains("niyam audit: a rule failed while evaluating (loops.forever): rule "
                    + "'loops.forever' (Policy 1, " + drl + ":5) took more than 100,000,000 steps in its consequence")
                    .doesNotContain("\tat ", "Exception");
            assertThat(result.out()).isEmpty();
        }

        /**
         * A join whose every call stays under the step limit, but whose calls for all the pairs of its facts pass
         * the evaluation's total (the limit times the complaint, the law in force and the period), ends the audit
         * in one line naming the rule.
         */
        @Test
        void twoWhenARestrictedPacksCallsTogetherPassTheTotalNamingTheRule() {
            String drl = Cli.RESOURCES + "rules/joins-past-the-total.drl";
            Cli.Result result = Cli.run("audit", Cli.log("one-complaint.jsonl"), "--rules", drl, "--no-cache");

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).contains("niyam audit: a rule failed while evaluating (joins.spin): rule "
                    + "'joins.spin' (Policy 2, " + drl + ":29) passed the evaluation's total of steps in a condition: "
                    + "the evaluation's restricted code took more than 300,000,000 steps in all (the step limit times "
                    + "its 3 facts): a loop too long for a rule, run again and again")
                    .doesNotContain("\tat ", "Exception");
            assertThat(result.out()).isEmpty();
        }

        @Test
        void twoWhenARestrictedPackDeletesAnotherPacksDutyNamingTheRuleAndThePack() {
            String drl = Cli.RESOURCES + "rules/deletes-duties.drl";
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", drl, "--no-cache");

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).contains("a rule failed while evaluating (deletes.duties): rule 'deletes.duties' "
                    + "(Policy 1, " + drl + ":5) of restricted pack 'deletes-duties.drl' deleted Duty '")
                    .contains("of pack 'india-it-rules' inserted: a restricted pack may update, modify or delete only "
                            + "the facts its own rules inserted")
                    .doesNotContain("\tat ", "Exception");
            assertThat(result.out()).isEmpty();
        }
    }

    @Nested
    class BadLines {

        private static final String LOG = Cli.log("with-bad-lines.jsonl");

        @Test
        void lenientByDefaultListsEachRejectedLineAndUsesEveryValidOne() {
            Cli.Result result = Cli.run("audit", LOG, "--all");

            assertThat(result.exit()).as("rejected lines make the exit code 2").isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).startsWith(LOG + ":3: the text ends before the object is closed: a '}' is missing\n").containsSubsequence(
                    "\n" + LOG + ":5: type: unknown type 'ComplaintEscalated'. The known types are AccountCancelled, ",
                    "\n" + LOG + ":6: category: ComplaintReceived.category is required",
                    "\n" + LOG + ":7: at: expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30, not "
                            + "\"2026-03-02T15:00:00\"\n");
            assertThat(result.err()).contains("niyam audit: 4 entries rejected (listed above)");
            assertThat(result.out())
                    .contains("input     8 entries: 1 platform profile, 0 standing facts, 3 events; "
                            + "0 duplicates; 4 rejected")
                    .contains("Rejected: 4 entries, listed on standard error and left out.")
                    .contains("removal.on-order@ord-1-in", "done      2026-03-02T12:30+05:30 by ord-1-done")
                    .contains("complaint.acknowledge@grv-3-in")
                    .doesNotContain("grv-1-in", "grv-2-in", "ComplaintEscalated");
        }

        @Test
        void strictStopsAtTheFirstBadLineAndEvaluatesNothing() {
            Cli.Result result = Cli.run("audit", LOG, "--strict");

            assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith(LOG + ":3: ")
                    .contains("stopped at the first bad entry (--strict); nothing was evaluated")
                    .doesNotContain(":5:");
        }

        @Test
        void jsonListsTheRejectedEntriesToo() throws IOException {
            JsonNode json = JSON.readTree(Cli.run("audit", LOG, "--format", "json").out());

            assertThat(json.at("/input/rejected").asInt()).isEqualTo(4);
            assertThat(json.at("/summary/exitCode").asInt()).isEqualTo(2);
            List<String> located = new ArrayList<>();
            json.get("rejected").forEach(r -> located.add(r.get("line").asInt() + " " + r.get("field").asText()));
            assertThat(located).containsExactly("3 ", "5 type", "6 category", "7 at");
        }
    }

    @Nested
    class AsOf {

        @Test
        void defaultsToTheLatestEventSoTheSameLogsGiveTheSameReport() {
            Cli.Result first = Cli.run("audit", Cli.log("compliant.jsonl"));
            Cli.Result second = Cli.run("audit", Cli.log("compliant.jsonl"));

            assertThat(first.out()).contains("as of     2026-03-04T12:00+05:30 (the latest event in the logs)")
                    .isEqualTo(second.out());
        }

        @Test
        void givenExplicitlyItDecidesWhatIsKnown() {
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), "--as-of", "2026-03-02T11:00:00+05:30");

            assertThat(result.out()).contains("as of     2026-03-02T11:00+05:30 (given with --as-of)")
                    .contains("OPEN            complaint.acknowledge@grv-1-in")
                    .doesNotContain("grv-1-res");
        }

        /**
         * As docs/cli.md says of --as-of: a standing duty is judged at that instant and over the period, so a vacancy
         * filled before it is reported as the duty's obligation over the period, and the watch's replay of the same
         * log reports it when it began.
         */
        @Test
        void standingDutiesAreJudgedAtTheAsOfInstantAndOverThePeriod() {
            Cli.Result audit = Cli.run("audit", "../examples/logs/ssmi-officer-gap.jsonl", "--all",
                    "--since", "2026-01-01T00:00:00+05:30", "--as-of", "2026-04-01T00:00:00+05:30");
            Cli.Result replay = Cli.run("watch", "--replay", "../examples/logs/ssmi-officer-gap.jsonl");

            assertThat(audit.exit()).isEqualTo(1);
            assertThat(audit.out()).contains("MET             4(1)(c).resident-grievance-officer\n")
                    .contains("BREACHED        4(1)(c).resident-grievance-officer@period\n")
                    .contains("breached from 2026-01-31T00:00+05:30 to 2026-03-16T00:00+05:30 (44 days)")
                    .containsPattern("@period\n  what .*\n  from      2026-01-31T00:00\\+05:30\n");
            assertThat(replay.out())
                    .contains("2026-01-31 00:00         BREACHED        4(1)(c).resident-grievance-officer");
        }

        @Test
        void sinceSetsThePeriodOfRecurringDuties() {
            Cli.Result without = Cli.run("audit", "../examples/logs/ssmi-officer-gap.jsonl", "--all");
            Cli.Result with = Cli.run("audit", "../examples/logs/ssmi-officer-gap.jsonl", "--all",
                    "--since", "2025-12-01T00:00:00+05:30");

            assertThat(without.out()).doesNotContain("monthly-report@month-end:2025-12")
                    .contains("period    from 2026-01-10T00:00+05:30 (the earliest event; an EvidencePeriod entry or "
                            + "--since can say otherwise)");
            assertThat(with.out()).contains("period    from 2025-12-01T00:00+05:30 (given with --since)")
                    .contains("BREACHED        4(1)(d).monthly-report@month-end:2025-12");
        }

        @Test
        void aLogWithoutEventsHasAPeriodOfNoLengthAndSaysSo(@TempDir Path dir) throws IOException {
            Path log = dir.resolve("officers-only.jsonl");
            Files.writeString(log, Files.readString(Path.of("../examples/logs/ssmi-officer-gap.jsonl")).lines()
                    .filter(line -> !line.contains("\"caseId\"")).map(line -> line + "\n").reduce("", String::concat));

            Cli.Result result = Cli.run("audit", log.toString(), "--as-of", "2026-04-01T00:00:00+05:30");

            assertThat(result.out()).contains("period    from 2026-04-01T00:00+05:30 (no event by the instant judged, "
                    + "so the period has no length; an EvidencePeriod entry or --since can give one)")
                    .doesNotContain("@period");
        }

        @Test
        void anEvidencePeriodEntryOfTheLogSetsItAndSinceOverridesIt(@TempDir Path dir) throws IOException {
            Path log = dir.resolve("with-period.jsonl");
            Files.writeString(log, Files.readString(Path.of("../examples/logs/ssmi-officer-gap.jsonl"))
                    + "{\"type\":\"EvidencePeriod\",\"since\":\"2025-12-01T00:00:00+05:30\"}\n");

            Cli.Result fromLog = Cli.run("audit", log.toString(), "--all");
            Cli.Result overridden = Cli.run("audit", log.toString(), "--all", "--since", "2026-01-01T00:00:00+05:30");

            assertThat(fromLog.err()).isEmpty();
            assertThat(fromLog.out()).contains("period    from 2025-12-01T00:00+05:30 (the EvidencePeriod entry of the "
                    + "logs)").contains("BREACHED        4(1)(d).monthly-report@month-end:2025-12");
            assertThat(overridden.out()).contains("period    from 2026-01-01T00:00+05:30 (given with --since)")
                    .doesNotContain("monthly-report@month-end:2025-12");
        }
    }

    @Nested
    class Inputs {

        @Test
        void aJsonArrayOfEntriesReadsLikeJsonLines() {
            Cli.Result lines = Cli.run("audit", Cli.log("compliant.jsonl"), "--format", "json");
            Cli.Result array = Cli.run("audit", Cli.log("compliant-array.json"), "--format", "json");

            assertThat(array.err()).isEmpty();
            assertThat(array.exit()).isZero();
            assertThat(withoutSources(array.out())).isEqualTo(withoutSources(lines.out()));
        }

        @Test
        void severalLogsAreOneEvidence() {
            Cli.Result result = Cli.run("audit", Cli.log("compliant.jsonl"), Cli.log("with-bad-lines.jsonl"), "--all");

            assertThat(result.out()).startsWith("Niyam audit of 2 case logs: " + Cli.log("compliant.jsonl") + ", "
                    + Cli.log("with-bad-lines.jsonl"));
            assertThat(result.out()).contains("platform  Chhota", "grv-1-in", "grv-3-in", "ord-1-in");
            assertThat(result.err()).as("the second log's different profile from the same instant is rejected, the "
                    + "first kept").contains(Cli.log("with-bad-lines.jsonl") + ":1: from: two different "
                    + "PlatformProfiles hold from the start of the evidence");
        }

        @Test
        void morePacksWithRulesAndNoBuiltinRules() {
            Cli.Result both = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", Cli.RESOURCES + "rules/fast-ack");
            Cli.Result alone = Cli.run("audit", Cli.log("compliant.jsonl"), "--no-builtin-rules",
                    "--rules", Cli.RESOURCES + "rules/fast-ack");

            assertThat(both.exit()).isEqualTo(Exit.FINDINGS);
            assertThat(both.out()).contains("test-policy (2 rules): Test Platform Policy")
                    .contains("MET LATE        test.acknowledge@grv-1-in", "in.3-1-c.notice-opens-next");
            assertThat(alone.out()).contains("Summary: 1 obligation: 1 MET LATE; 0 findings")
                    .doesNotContain("india-it-rules");
            assertThat(Cli.run("audit", Cli.log("compliant.jsonl"), "--no-builtin-rules").err())
                    .contains("--no-builtin-rules needs at least one --rules PATH");
        }

        @Test
        void theNiyamCommandsCacheKeepsAPackOfOnesOwnCompiledAndNoCacheLeavesItAlone(@TempDir Path dir)
                throws IOException {
            Path cache = dir.resolve("cache");
            String before = System.getProperty(RuleOptions.CACHE_PROPERTY);
            System.setProperty(RuleOptions.CACHE_PROPERTY, cache.toString());
            try {
                Cli.Result skipped = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules",
                        Cli.RESOURCES + "rules/fast-ack", "--no-cache");
                assertThat(cache).as("--no-cache writes nothing").doesNotExist();
                Cli.Result compiled = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules",
                        Cli.RESOURCES + "rules/fast-ack");
                List<Path> entries;
                try (var files = Files.list(cache)) {
                    entries = files.toList();
                }
                assertThat(entries).hasSize(1);
                assertThat(entries.get(0).getFileName().toString()).matches("[0-9a-f]{64}\\.model");
                Cli.Result cached = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules",
                        Cli.RESOURCES + "rules/fast-ack");

                assertThat(compiled.out()).isEqualTo(skipped.out()).contains("MET LATE        test.acknowledge@grv-1-in");
                assertThat(cached.out()).isEqualTo(compiled.out());
                assertThat(cached.exit()).isEqualTo(compiled.exit()).isEqualTo(Exit.FINDINGS);
                assertThat(cached.err()).isEqualTo(compiled.err());
            } finally {
                if (before == null) {
                    System.clearProperty(RuleOptions.CACHE_PROPERTY);
                } else {
                    System.setProperty(RuleOptions.CACHE_PROPERTY, before);
                }
            }
        }

        /**
         * docs/cli.md: a cache filled by {@code niyam check} (when an image is built) serves a later audit, which
         * reads the entry without writing to the directory, so that it may be read-only.
         */
        @Test
        void aCacheFilledByCheckServesAnAuditThatWritesNothingToIt(@TempDir Path dir) throws IOException {
            Path cache = dir.resolve("image-cache");
            String pack = Cli.RESOURCES + "rules/fast-ack";
            String before = System.getProperty(RuleOptions.CACHE_PROPERTY);
            try {
                Cli.Result compiled = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", pack, "--no-cache");
                System.setProperty(RuleOptions.CACHE_PROPERTY, cache.toString());
                assertThat(Cli.run("check", pack).exit()).isEqualTo(Exit.OK);
                Path entry;
                try (var files = Files.list(cache)) {
                    entry = files.toList().get(0);
                }
                Object file = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                assertThat(file).as("this file system tells files apart").isNotNull();
                byte[] bytes = Files.readAllBytes(entry);

                Cli.Result cached = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", pack);

                assertThat(cached.out()).isEqualTo(compiled.out());
                assertThat(cached.err()).isEqualTo(compiled.err());
                try (var files = Files.list(cache)) {
                    assertThat(files.toList()).containsExactly(entry);
                }
                assertThat(Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                        .as("the same file, not one written again").isEqualTo(file);
                assertThat(Files.readAllBytes(entry)).isEqualTo(bytes);
            } finally {
                if (before == null) {
                    System.clearProperty(RuleOptions.CACHE_PROPERTY);
                } else {
                    System.setProperty(RuleOptions.CACHE_PROPERTY, before);
                }
            }
        }

        @Test
        void aDefaultJurisdictionPlacesCasesThatStateNone() {
            Cli.Result india = Cli.run("audit", Cli.log("compliant.jsonl"), "--all", "--jurisdiction", "IN");
            Cli.Result germany = Cli.run("audit", Cli.log("compliant.jsonl"), "--all", "--jurisdiction", "DE");
            Cli.Result bad = Cli.run("audit", Cli.log("compliant.jsonl"), "--jurisdiction", "India");

            // The India pack applies in IN: its case duties (the complaint's clocks) judge GRV-1 only there.
            assertThat(india.out()).contains("GRV-1");
            assertThat(germany.out()).doesNotContain("GRV-1");
            assertThat(bad.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(bad.err()).contains("--jurisdiction needs an ISO 3166 code such as IN, DE or US-CA: "
                    + "'India'");
        }

        @Test
        void settingsTuneAPacksSettingAndRejectLaw() {
            Cli.Result tuned = Cli.run("audit", Cli.log("compliant.jsonl"), "--rules", Cli.RESOURCES + "rules/fast-ack",
                    "--setting", "test.acknowledge=PT3H");
            Cli.Result law = Cli.run("audit", Cli.log("compliant.jsonl"), "--setting", "removal.on-order=PT48H");

            assertThat(tuned.exit()).isZero();
            assertThat(law.exit()).isEqualTo(Exit.BAD_INPUT);
            assertThat(law.err()).contains("the parameter is law, not a setting");
        }
    }

    @Nested
    class Output {

        @Test
        void outWritesTheReportToAFile(@TempDir Path folder) throws IOException {
            Path file = folder.resolve("reports/audit.html");
            Cli.Result result = Cli.run("audit", "../examples/logs/amendment-2026.jsonl", "--format", "html", "--out",
                    file.toString());

            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo("niyam: wrote " + file + System.lineSeparator());
            assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("Compliance report: Samvad");
        }

        @Test
        void jsonHoldsEveryObligationWithTheSummary() throws IOException {
            Cli.Result result = Cli.run("audit", "../examples/logs/amendment-2026.jsonl", "--format", "json");
            JsonNode json = JSON.readTree(result.out());

            assertThat(json.get("format").asText()).isEqualTo("niyam-audit");
            assertThat(json.get("asOf").asText()).isEqualTo("2026-03-01T09:00:00+05:30");
            assertThat(json.get("asOfFrom").asText()).isEqualTo("latest-event");
            assertThat(json.at("/summary/obligations").asInt()).isEqualTo(json.at("/report/obligations").size());
            assertThat(json.at("/summary/byStatus/MET_LATE").asInt()).isEqualTo(3);
            assertThat(json.at("/summary/exitCode").asInt()).isEqualTo(result.exit()).isEqualTo(1);
        }

        @Test
        void textListsOnlyWhatNeedsAttentionUnlessAll() {
            Cli.Result some = Cli.run("audit", "../examples/logs/amendment-2026.jsonl");
            Cli.Result all = Cli.run("audit", "../examples/logs/amendment-2026.jsonl", "--all");

            assertThat(some.out()).doesNotContainPattern("(?m)^MET {13}").contains("Not listed: 14 MET, 3 NOT APPLICABLE (--all lists them).");
            assertThat(all.out()).containsPattern("(?m)^MET +removal.on-order@ord-0141-in$").doesNotContain("Not listed");
            assertThat(some.out().indexOf("MET LATE  ")).as("most urgent first").isLessThan(some.out().indexOf("OPEN  "));
        }
    }

    private static String withoutSources(String json) {
        return json.replaceAll("\"sources\" : \\[[^]]*]", "");
    }
}
