package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.examples.netzdg.NetzDgAssessment;
import org.niyam.compliance.junit.ScenarioSuite;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.scenario.Scenario;

/**
 * The NetzDG example pack, written only with the public model and rule vocabulary, tested with its scenario
 * files: one test per file, and every rule fired by some scenario.
 */
@DisplayName("NetzDG example pack")
class NetzDgPackTest {

    static final String PACK = "org/niyam/compliance/examples/netzdg";
    static final Path SCENARIO_FOLDER = Path.of("src/main/resources", PACK, "scenarios");

    private static final ScenarioSuite SCENARIOS = ScenarioSuite.of(ComplianceEngine.builder()
            .rulePack(RulePack.classpath(PACK))
            .build());

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return SCENARIOS.tests(SCENARIO_FOLDER);
    }

    @AfterAll
    static void everyRuleIsFiredBySomeScenario() {
        System.out.println(SCENARIOS.coverage().describe());
        assertThat(SCENARIOS.coverage().neverFired()).as(SCENARIOS.coverage().describe()).isEmpty();
    }

    @Test
    @DisplayName("§ 3(2) no. 5: the platform sets its own service level for 'without undue delay'")
    void informDecisionIsAPlatformSetting() {
        ComplianceEngine strict = ComplianceEngine.builder()
                .rulePack(RulePack.classpath(PACK))
                .setting("netzdg.inform-decision", "PT2H")
                .build();
        Scenario scenario = Scenario.load(SCENARIO_FOLDER.resolve("manifestly-unlawful-removed-in-time.yaml"),
                strict.eventTypes());

        Report report = strict.evaluate(scenario.evidence(), scenario.asOf());

        // Told 19 h 30 min after the decision: met under the default 24 h, late under the platform's 2 h.
        assertThat(report.obligations()).filteredOn(o -> o.duty().equals("netzdg.inform-decision")).singleElement()
                .satisfies(o -> {
                    assertThat(o.status()).isEqualTo(Status.MET_LATE);
                    assertThat(o.explanation()).contains("after the 2 h allowed");
                });
        assertThat(report.obligations()).extracting(Obligation::citation)
                .allSatisfy(c -> assertThat(c.instrument()).startsWith("Netzwerkdurchsetzungsgesetz"));
    }

    @Test
    @DisplayName("the pack brings its own events: records its pack.yaml lists, named by their simple names")
    void thePackBringsItsOwnEvents() {
        RulePack pack = RulePack.classpath(PACK);

        assertThat(pack.eventTypes().names()).containsExactly("CustomEvent", "NetzDgAssessment",
                "NetzDgComplaintReceived", "NetzDgContentRemoved", "NetzDgDecisionNotified", "NetzDgEvidenceDeleted",
                "NetzDgPlatform", "NetzDgReferral");
        assertThat(pack.eventTypes().type("NetzDgAssessment")).isEqualTo(NetzDgAssessment.class);
        assertThat(pack.eventTypes().platformType("NetzDgPlatform")).as("its own platform record, not India's")
                .isEqualTo(org.niyam.compliance.examples.netzdg.NetzDgPlatform.class);
        assertThat(pack.eventTypes().platformTypes()).containsOnlyKeys("NetzDgPlatform");
        assertThat(SCENARIOS.runner().engine().eventTypes().names()).as("an engine of this pack alone")
                .doesNotContain("ComplaintReceived");
    }

    @Test
    @DisplayName("a verdict the Act does not know is bad input where it is read, not a finding")
    void aMisspeltVerdictIsRefusedWhereItIsRead() {
        ComplianceEngine engine = SCENARIOS.runner().engine();
        String line = "{\"type\":\"NetzDgAssessment\",\"id\":\"a-1\",\"caseId\":\"post-1\","
                + "\"at\":\"2024-01-15T11:00:00+01:00\",\"verdict\":\"MANIFESTLY-UNLAWFUL\"}";

        CaseLogReader.CaseLog log = CaseLogReader.lenient().withEventTypes(engine.eventTypes())
                .read("log.jsonl", new StringReader(line));

        assertThat(log.rejected()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("verdict");
            assertThat(e.getMessage()).contains("MANIFESTLY_UNLAWFUL", "UNLAWFUL", "LAWFUL");
        });
    }

    @Test
    @DisplayName("an event type no loaded pack brings is refused, naming the known ones")
    void anUnknownTypeNamesTheKnownOnes() {
        CaseLogReader.CaseLog log = CaseLogReader.lenient().withEventTypes(SCENARIOS.runner().engine().eventTypes())
                .read("log.jsonl", new StringReader("{\"type\":\"NetzDgAssesment\",\"id\":\"a-1\","
                        + "\"caseId\":\"post-1\",\"at\":\"2024-01-15T11:00:00+01:00\"}"));

        assertThat(log.rejected()).singleElement().extracting(Throwable::getMessage).asString()
                .contains("unknown type 'NetzDgAssesment'; did you mean 'NetzDgAssessment'?",
                        "NetzDgComplaintReceived", "NetzDgReferral");
    }

    @Test
    @DisplayName("docs/writing-rules.md shows this pack's own record and pack.yaml entries")
    void theDocsShowThePacksOwnEvents() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "writing-rules.md"));
        String section = doc.substring(doc.indexOf("## Events of your own"), doc.indexOf("## Where a pack applies"));
        String record = java.nio.file.Files.readString(Path.of("src/main/java/org/niyam/compliance/examples/netzdg",
                "NetzDgDecisionNotified.java"));
        String yaml = java.nio.file.Files.readString(Path.of("src/main/resources", PACK, "pack.yaml"));

        assertThat(record.substring(record.indexOf("/** The complainant")).strip()).isEqualTo(block(section, "java"));
        assertThat(block(section, "java")).as("the record compiles as shown, with the model's public checks only, not "
                + "a helper of the example's package").doesNotContain("Checks.");
        assertThat(yaml).contains(block(section, "yaml"));
        String platform = java.nio.file.Files.readString(Path.of("src/main/java/org/niyam/compliance/examples/netzdg",
                "NetzDgPlatform.java"));
        String own = section.substring(section.indexOf("### The platform's facts of your own"));
        assertThat(platform).contains(block(own, "java"));
    }

    private static String block(String markdown, String language) {
        int start = markdown.indexOf("```" + language + "\n") + language.length() + 4;
        return markdown.substring(start, markdown.indexOf("\n```", start)).strip();
    }
}
