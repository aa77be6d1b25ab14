package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.scenario.Coverage;
import org.niyam.compliance.scenario.Scenario;
import org.niyam.compliance.scenario.ScenarioResult.Mismatch;
import org.niyam.compliance.scenario.ScenarioResult;
import org.niyam.compliance.scenario.ScenarioRunner;

/**
 * Scenario files, through the test pack {@code packs/clock}: a complaint opens {@code test.answer} on
 * {@code test.clock} (10 h, 2 h from 20 Feb 2026), resolved discharges it; an intimate-imagery complaint is also a
 * finding; the platform's profile and grievance officer are standing duties.
 */
@DisplayName("Scenarios")
class ScenarioTest {

    /** A complaint under the 2 h clock, resolved 3 h later: met late by 1 h. */
    private static final String LATE_ANSWER = """
            name: A complaint answered 3 hours after receipt, under the 2-hour clock
            description: |
              The amended Test Act gives 2 hours.
            asOf: 2026-03-02T18:00:00+05:30
            platform: {name: Example, registeredUsersInIndia: 1000, messagingService: false}
            appointments:
              - {id: a1, role: GRIEVANCE_OFFICER, person: A. Officer, residentInIndia: true, employee: true,
                 contactPublished: true, from: 2020-01-01T00:00:00+05:30}
            events:
              - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: INTIMATE_IMAGERY}
              - {type: ComplaintResolved, id: r1, caseId: case-1, at: 2026-03-02T13:00:00+05:30}
            expect:
              obligations:
                - id: test.answer@c1
                  status: MET_LATE
                  dueAt: 2026-03-02T12:00:00+05:30
                  lateness: PT1H
                  dischargeEventId: r1
                  citation: {clause: Section 1, version: as amended in 2026}
                  explanationContains: 1 h after the 2 h allowed
                - {id: test.grievance-officer, status: MET}
              findings:
                - {code: intimate-imagery, caseId: case-1, evidence: [c1]}
              absent: [test.remove@c1]
            """;

    private static ScenarioResult run(String source, String text) {
        return new ScenarioRunner(TestPacks.clockEngine()).run(Scenario.read(source, text));
    }

    @Nested
    @DisplayName("reading")
    class Reading {

        @Test
        void a_yaml_scenario_gives_the_evidence_the_instant_and_the_expectations() {
            Scenario s = Scenario.read("late-answer.yaml", LATE_ANSWER);

            assertThat(s.name()).isEqualTo("A complaint answered 3 hours after receipt, under the 2-hour clock");
            assertThat(s.description()).isEqualTo("The amended Test Act gives 2 hours.\n");
            assertThat(s.asOf()).isEqualTo(OffsetDateTime.parse("2026-03-02T18:00:00+05:30"));
            assertThat(s.asOf().getOffset().getTotalSeconds()).as("offset kept").isEqualTo(5 * 3600 + 1800);
            assertThat(s.evidence().platform().name()).isEqualTo("Example");
            assertThat(s.evidence().facts()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("a1"));
            assertThat(s.evidence().events()).hasSize(2).first().isInstanceOf(ComplaintReceived.class);
            assertThat(s.expected().obligations()).hasSize(2).first().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Status.MET_LATE);
                assertThat(o.lateness()).isEqualTo(Duration.ofHours(1));
                assertThat(o.duty()).as("not given, not compared").isNull();
                assertThat(o.citation().clause()).isEqualTo("Section 1");
            });
            assertThat(s.expected().findings()).singleElement().satisfies(f -> assertThat(f.evidence()).containsExactly("c1"));
            assertThat(s.expected().absent()).containsExactly("test.remove@c1");
            assertThat(s.expected().exhaustive()).isFalse();
        }

        @Test
        void the_same_scenario_in_json_reads_the_same() {
            Scenario yaml = Scenario.read("s.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: CustomEvent, id: e1, caseId: k1, at: 2026-03-02T10:00:00Z, kind: x.seen, attributes: {verdict: bad}}
                    expect:
                      obligations: [{id: test.profile, status: INDETERMINATE}]
                    """);
            Scenario json = Scenario.read("s.json", """
                    {"asOf": "2026-03-02T18:00:00+05:30",
                     "events": [{"type": "CustomEvent", "id": "e1", "caseId": "k1", "at": "2026-03-02T10:00:00Z",
                                 "kind": "x.seen", "attributes": {"verdict": "bad"}}],
                     "expect": {"obligations": [{"id": "test.profile", "status": "INDETERMINATE"}]}}
                    """);

            assertThat(json.evidence()).isEqualTo(yaml.evidence());
            assertThat(json.expected()).isEqualTo(yaml.expected());
            assertThat(json.asOf()).isEqualTo(yaml.asOf());
            assertThat(((CustomEvent) json.evidence().events().get(0)).attribute("verdict")).isEqualTo("bad");
            assertThat(json.name()).as("named after the file when it gives no name").isEqualTo("s");
        }

        @Test
        void an_unknown_field_names_the_file_the_line_and_the_field() {
            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.read("typo.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    expect:
                      obligations:
                        - id: test.answer@c1
                          staus: MET
                    """));

            assertThat(e.source()).isEqualTo("typo.yaml");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("expect.obligations[0].staus");
            assertThat(e.getMessage()).startsWith("typo.yaml:5: field expect.obligations[0].staus: ");
        }

        @Test
        void an_instant_without_offset_is_rejected_with_an_example() {
            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.read("local.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00, category: GENERAL}
                    expect: {exhaustive: true}
                    """));

            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("events[0].at");
            assertThat(e.getMessage()).contains("expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30");
        }

        @Test
        void an_unknown_event_type_is_named() {
            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.read("type.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: NetzDgComplaint, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: GENERAL}
                    expect: {exhaustive: true}
                    """));

            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("events[0].type");
            assertThat(e.getMessage()).contains("NetzDgComplaint");
        }

        @Test
        void an_expected_obligation_without_id_says_what_the_id_is() {
            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.read("noid.json", """
                    {"asOf": "2026-03-02T18:00:00+05:30",
                     "expect": {"obligations": [{"status": "MET"}]}}
                    """));

            assertThat(e.source()).isEqualTo("noid.json");
            assertThat(e.field()).isEqualTo("expect.obligations[0].id");
            assertThat(e.getMessage()).contains("duty key @ triggering event id");
        }

        @Test
        void as_of_and_expect_are_required() {
            InputException noAsOf = catchThrowableOfType(InputException.class,
                    () -> Scenario.read("a.yaml", "expect: {exhaustive: true}\n"));
            InputException noExpect = catchThrowableOfType(InputException.class,
                    () -> Scenario.read("b.yaml", "asOf: 2026-03-02T18:00:00+05:30\n"));

            assertThat(noAsOf.field()).isEqualTo("asOf");
            assertThat(noAsOf.getMessage()).contains("with its offset");
            assertThat(noExpect.field()).isEqualTo("expect");
        }

        @Test
        void files_in_a_folder_are_every_yaml_and_json_file_but_a_pack_descriptor(@TempDir Path folder)
                throws IOException {
            Files.createDirectories(folder.resolve("b"));
            for (String name : new String[] {"a.yaml", "b/c.yml", "b/d.json", "pack.yaml", "notes.md", "rules.drl"}) {
                Files.writeString(folder.resolve(name), "");
            }

            assertThat(Scenario.filesIn(folder)).extracting(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .containsExactly("a.yaml", "b/c.yml", "b/d.json");
        }

        @Test
        void a_scenario_file_that_links_to_a_file_outside_the_folder_is_not_read(@TempDir Path root)
                throws IOException {
            Path folder = Files.createDirectories(root.resolve("scenarios"));
            Path outside = Files.writeString(root.resolve("secret.txt"), "asOf: secret-token-in-a-file-outside");
            Files.writeString(folder.resolve("a.yaml"), "");
            Path link = Files.createSymbolicLink(folder.resolve("s.yaml"), outside);

            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.filesIn(folder));

            assertThat(e).isNotNull();
            assertThat(e.source()).isEqualTo(link.toString());
            assertThat(e.problem()).isEqualTo("is a link to a file outside the pack's folder, which is not read: a "
                    + "pack is its folder; copy the file into it").doesNotContain("secret-token");
        }

        @Test
        void a_yaml_scenario_file_over_3_mib_is_refused_by_its_size_unread(@TempDir Path folder) throws IOException {
            // SnakeYAML's work on one long value grows as the square of its length before its own limit is checked.
            Path large = Files.writeString(folder.resolve("large.yaml"), "name: " + "A".repeat(3 << 20));

            InputException e = catchThrowableOfType(InputException.class, () -> Scenario.load(large));

            assertThat(e).isNotNull();
            assertThat(e.source()).isEqualTo(large.toString());
            assertThat(e.problem()).isEqualTo("is 3,145,734 bytes long, over the limit of 3,145,728 (3 MiB) a YAML "
                    + "file may have: it is not read");
        }

        @Test
        void an_empty_file_is_an_error_not_a_scenario(@TempDir Path folder) throws IOException {
            Path empty = Files.writeString(folder.resolve("empty.yaml"), "");

            assertThat(catchThrowableOfType(InputException.class, () -> Scenario.load(empty)))
                    .hasMessageContaining("empty.yaml").hasMessageContaining("is empty");
        }
    }

    @Nested
    @DisplayName("running")
    class Running {

        @Test
        void a_scenario_whose_expectations_hold_passes() {
            ScenarioResult result = run("late-answer.yaml", LATE_ANSWER);

            assertThat(result.mismatches()).isEmpty();
            assertThat(result.passed()).isTrue();
            assertThat(result.describe()).isEqualTo("Scenario 'A complaint answered 3 hours after receipt, under the "
                    + "2-hour clock' (late-answer.yaml) passed.");
        }

        @Test
        void each_field_that_differs_is_reported_with_expected_and_actual() {
            ScenarioResult result = run("wrong.yaml", """
                    name: Wrong expectations
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: GENERAL}
                      - {type: ComplaintResolved, id: r1, caseId: case-1, at: 2026-03-02T13:00:00+05:30}
                    expect:
                      obligations:
                        - id: test.answer@c1
                          status: MET
                          dueAt: 2026-03-02T20:00:00+05:30
                          triggeredAt: 2026-03-02T04:30:00Z
                          citation: {version: Test Act as made}
                          explanationContains: within
                    """);

            assertThat(result.passed()).isFalse();
            assertThat(result.mismatches()).containsExactly(
                    new Mismatch("obligation test.answer@c1", "dueAt", "2026-03-02T20:00+05:30", "2026-03-02T12:00+05:30"),
                    new Mismatch("obligation test.answer@c1", "status", "MET", "MET_LATE"),
                    new Mismatch("obligation test.answer@c1", "citation.version", "Test Act as made", "as amended in 2026"),
                    new Mismatch("obligation test.answer@c1", "explanation", "to contain \"within\"",
                            "\"Done 3 h after the clock started, 1 h after the 2 h allowed.\""));
            assertThat(result.describe()).isEqualTo("""
                    Scenario 'Wrong expectations' (wrong.yaml) failed: 4 differences, as of 2026-03-02T18:00+05:30
                      obligation test.answer@c1
                        dueAt             expected 2026-03-02T20:00+05:30
                                          actual   2026-03-02T12:00+05:30
                        status            expected MET
                                          actual   MET_LATE
                        citation.version  expected Test Act as made
                                          actual   as amended in 2026
                        explanation       expected to contain "within"
                                          actual   "Done 3 h after the clock started, 1 h after the 2 h allowed.\"""");
            assertThat(result.expectedText()).startsWith("obligation test.answer@c1 dueAt: 2026-03-02T20:00+05:30\n");
            assertThat(result.actualText()).startsWith("obligation test.answer@c1 dueAt: 2026-03-02T12:00+05:30\n");
        }

        @Test
        void a_missing_obligation_lists_the_ids_the_report_has() {
            ScenarioResult result = run("missing.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: GENERAL}
                    expect:
                      obligations: [{id: test.answer@case-1}]
                      findings: [{code: intimate-imagery}]
                    """);

            assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                    "obligation test.answer@case-1: expected in the report, but the report has no obligation with this "
                            + "id; it has test.grievance-officer, test.profile, test.answer@c1",
                    "finding intimate-imagery: expected in the report, but the report has no such finding; it has none");
        }

        @Test
        void a_misspelt_id_or_code_is_named_with_the_closest_the_report_has() {
            ScenarioResult result = run("misspelt.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: INTIMATE_IMAGERY}
                    expect:
                      obligations: [{id: test.answr@c1}]
                      findings: [{code: intimate-imagry}]
                    """);

            assertThat(result.mismatches()).extracting(Mismatch::toString).satisfiesExactly(
                    obligation -> assertThat(obligation).startsWith("obligation test.answr@c1: expected in the report, "
                            + "but the report has no obligation with this id (did you mean 'test.answer@c1'?); it has "),
                    finding -> assertThat(finding).startsWith("finding intimate-imagry: expected in the report, but the "
                            + "report has no such finding (did you mean 'intimate-imagery'?); it has intimate-imagery"));
        }

        @Test
        void absent_obligations_and_findings_must_not_arise() {
            ScenarioResult result = run("absent.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: INTIMATE_IMAGERY}
                    expect:
                      absent: [test.answer@c1, test.remove@c1]
                      absentFindings: [intimate-imagery]
                    """);

            assertThat(result.mismatches()).extracting(Mismatch::subject)
                    .containsExactly("obligation test.answer@c1", "finding intimate-imagery in case case-1");
            assertThat(result.mismatches().get(0).actual()).contains("it arose: BREACHED", "Section 1");
        }

        @Test
        void an_exhaustive_scenario_fails_on_anything_it_does_not_list() {
            ScenarioResult result = run("exhaustive.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    platform: {name: Example, registeredUsersInIndia: 1000, messagingService: false}
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: INTIMATE_IMAGERY}
                    expect:
                      exhaustive: true
                      obligations:
                        - {id: test.profile, status: MET}
                        - {id: test.answer@c1, status: BREACHED}
                    """);

            assertThat(result.mismatches()).extracting(Mismatch::subject)
                    .containsExactly("obligation test.grievance-officer", "finding intimate-imagery in case case-1");
        }

        @Test
        void a_finding_expectation_compares_its_fields() {
            ScenarioResult result = run("finding.yaml", """
                    asOf: 2026-03-02T18:00:00+05:30
                    events:
                      - {type: ComplaintReceived, id: c1, caseId: case-1, at: 2026-03-02T10:00:00+05:30, category: INTIMATE_IMAGERY}
                    expect:
                      findings:
                        - code: intimate-imagery
                          caseId: case-1
                          messageContains: complaint about intimate imagery
                          evidence: [c2]
                          citation: {clause: Section 5, ruleId: t.intimate-imagery-noted}
                    """);

            assertThat(result.mismatches()).containsExactly(
                    new Mismatch("finding intimate-imagery in case case-1", "evidence", "[c2]", "[c1]"),
                    new Mismatch("finding intimate-imagery in case case-1", "citation.clause", "Section 5", "Section 4"));
        }
    }

    @Nested
    @DisplayName("coverage")
    class Covering {

        @Test
        void rules_that_fired_rules_that_never_did_and_clauses_nothing_touched() {
            ScenarioRunner runner = new ScenarioRunner(TestPacks.clockEngine());
            assertThat(runner.coverage().neverFired()).hasSameElementsAs(TestPacks.clockEngine().ruleIds());

            runner.run(Scenario.read("late-answer.yaml", LATE_ANSWER));
            Coverage coverage = runner.coverage();

            assertThat(coverage.fired()).containsExactly("t.complaint-opens-answer", "t.resolution-discharges-answer",
                    "t.intimate-imagery-noted", "t.profile-declared", "t.grievance-officer.met");
            assertThat(coverage.neverFired()).containsExactly("t.order-opens-removal", "t.removal-discharges",
                    "t.request-opens-information", "t.information-discharges", "t.profile-missing",
                    "t.messaging-profile-contradicts", "t.grievance-officer.breached");
            assertThat(coverage.firings()).containsEntry("t.complaint-opens-answer", 1L)
                    .containsEntry("t.order-opens-removal", 0L);
            // Section 2 is cited by one rule of the Other Act (its @instrument) and one of the Test Act: two clauses.
            assertThat(coverage.untouchedClauses()).extracting(c -> c.clause() + ", " + c.instrument())
                    .containsExactly("Section 2, Other Act, 1999", "Section 2, Test Act, 2020", "Section 3, Test Act, 2020",
                            "Section 6, Test Act, 2020");
            assertThat(coverage.clauses()).filteredOn(c -> c.instrument().equals("Other Act, 1999")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.pack()).isEqualTo("test-clock");
                        assertThat(c.clause()).isEqualTo("Section 2");
                        assertThat(c.ruleIds()).containsExactly("t.order-opens-removal");
                    });
            assertThat(coverage.describe()).startsWith("""
                    Coverage: 5 of 12 rules fired, 4 of 8 clauses touched
                      rules that never fired:
                        t.order-opens-removal  (Section 2, Other Act, 1999 [test-clock])
                        t.removal-discharges  (Section 2, Test Act, 2020 [test-clock])
                    """);
            assertThat(coverage.describe()).contains("""
                      clauses no evaluation touched:
                        Section 2, Other Act, 1999 [test-clock]
                        Section 2, Test Act, 2020 [test-clock]
                    """);
        }

        @Test
        void a_view_of_one_pack_counts_its_own_rules_and_clauses_only() {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                    .rulePack(RulePack.classpath("packs/kinds")).build();
            ScenarioRunner runner = new ScenarioRunner(engine);
            runner.run(Scenario.read("late-answer.yaml", LATE_ANSWER));
            Coverage whole = runner.coverage();
            Coverage clock = whole.forPack("test-clock");
            Coverage kinds = whole.forPack("test-kinds");

            assertThat(clock.fired()).containsExactly("t.complaint-opens-answer", "t.resolution-discharges-answer",
                    "t.intimate-imagery-noted", "t.profile-declared", "t.grievance-officer.met");
            assertThat(clock.neverFired()).hasSize(7).allSatisfy(id -> assertThat(id).startsWith("t."));
            assertThat(clock.clauses()).extracting(Coverage.Clause::pack).containsOnly("test-clock");
            assertThat(clock.describe()).startsWith("Coverage: 5 of 12 rules fired, 4 of 8 clauses touched");
            assertThat(kinds.firings().keySet()).doesNotContainAnyElementsOf(clock.firings().keySet());
            assertThat(whole.neverFired()).containsAll(clock.neverFired()).containsAll(kinds.neverFired())
                    .hasSize(clock.neverFired().size() + kinds.neverFired().size());

            // A view is live: what fires afterwards shows in it and in the whole.
            kinds.ruleFired(kinds.neverFired().get(0));
            assertThat(whole.fired()).hasSize(clock.fired().size() + kinds.fired().size()).hasSizeGreaterThan(5);

            assertThatThrownBy(() -> whole.forPack("india-it-rules")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no pack 'india-it-rules' among the rules covered; their packs: test-clock, test-kinds");
        }

        @Test
        void rules_switched_off_are_not_counted_as_never_fired() {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                    .disableRules("t.messaging-profile-contradicts").build();
            Coverage coverage = new Coverage(engine);

            assertThat(coverage.neverFired()).hasSize(engine.ruleIds().size() - 1)
                    .doesNotContain("t.messaging-profile-contradicts");
            assertThat(coverage.describe()).contains("0 of 11 rules fired", "(1 rule switched off)");
        }
    }
}
