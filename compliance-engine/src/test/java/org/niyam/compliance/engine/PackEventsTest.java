package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.example.appeals.AppealLodged;
import org.example.appeals.AppealsPanel;
import org.example.appeals.AppealsPlatform;
import org.example.appeals.Initialised;
import org.example.appeals.NotAnEvent;
import org.example.appeals.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;
import org.niyam.compliance.scenario.Scenario;
import org.niyam.compliance.scenario.ScenarioRunner;

/**
 * Packs bring their own typed events: {@code pack.yaml}'s {@code events}, the engine's union of them, and the
 * reader, scenarios and audit reading by it.
 */
class PackEventsTest {

    private static final String APPEAL = AppealLodged.class.getName();
    private static final String DRL = """
            package org.example.appeals;
            import org.example.appeals.AppealLodged;
            import org.niyam.compliance.model.Duty;

            rule "appeals.decide"
                @citation("Appeals 1")
            when
                $appeal : AppealLodged(ground != "none")
            then
                insert(new Duty("appeals.decide", "Decide the appeal", "appeals.clock", $appeal));
            end
            """;

    @TempDir
    Path dir;

    private Path pack(String events) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("appeals"));
        Files.writeString(folder.resolve("pack.yaml"), """
                id: appeals
                instrument: Appeals Policy
                rules: [appeals.drl]
                events:
                %s
                parameters:
                  appeals.clock:
                    type: duration
                    values:
                      - {from: 2020-01-01T00:00:00Z, value: P7D, source: "Appeals 1"}
                """.formatted(events.indent(2).stripTrailing()));
        Files.writeString(folder.resolve("appeals.drl"), DRL);
        return folder;
    }

    @Test
    void aRestrictedPacksOwnEventsAreReadAndMatchedUnderTheirNames() throws IOException {
        RulePack pack = RulePack.directory(pack("- " + APPEAL + "\n- {class: " + ComplaintReceived.class.getName()
                + ", name: Complaint}"));
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack).build();

        assertThat(pack.restricted()).isTrue();
        assertThat(engine.eventTypes().names()).containsExactly("AppealLodged", "Complaint", "CustomEvent");
        String log = """
                {"type":"AppealLodged","id":"a1","caseId":"c1","at":"2026-03-01T10:00:00Z","ground":"bias"}
                {"type":"Complaint","id":"k1","caseId":"c2","at":"2026-03-01T10:00:00Z","category":"GENERAL"}
                """;
        CaseLogReader.CaseLog read = CaseLogReader.strict().withEventTypes(engine.eventTypes())
                .read("log.jsonl", new StringReader(log));
        Report report = engine.evaluate(read.evidence(), OffsetDateTime.parse("2026-03-02T10:00:00Z"));

        assertThat(read.evidence().events()).hasSize(2).element(1).isInstanceOf(ComplaintReceived.class);
        assertThat(report.obligations()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("appeals.decide@a1");
            assertThat(o.status()).isEqualTo(Status.OPEN);
        });
        Scenario scenario = Scenario.read("s.yaml", """
                asOf: 2026-03-02T10:00:00Z
                events:
                  - {type: AppealLodged, id: a1, caseId: c1, at: 2026-03-01T10:00:00Z, ground: bias}
                expect:
                  obligations:
                    - {id: appeals.decide@a1, status: OPEN}
                """, engine.eventTypes());
        assertThat(new ScenarioRunner(engine).run(scenario).passed()).isTrue();
    }

    @Test
    void aReaderKnowsOnlyItsRegistryAndNamesTheKnownTypes() {
        CaseLogReader.CaseLog read = CaseLogReader.lenient()
                .withEventTypes(ComplianceEngine.builder().rulePack(RulePack.drl("none.drl", "package none;"))
                        .eventType("AppealLodged", AppealLodged.class).build().eventTypes())
                .read("log.jsonl", new StringReader("""
                        {"type":"AppealLodge","id":"a1","caseId":"c1","at":"2026-03-01T10:00:00Z","ground":"x"}
                        {"type":"ComplaintReceived","id":"k1","caseId":"c2","at":"2026-03-01T10:00:00Z","category":"GENERAL"}
                        """));

        assertThat(read.rejected()).extracting(Throwable::getMessage).containsExactly(
                "log.jsonl:1: field type: unknown type 'AppealLodge'; did you mean 'AppealLodged'? The known types are "
                        + "AppealLodged, CustomEvent and EvidencePeriod",
                "log.jsonl:2: field type: unknown type 'ComplaintReceived'. The known types are AppealLodged, "
                        + "CustomEvent and EvidencePeriod");
    }

    @Test
    void namingAClassRunsNoneOfItsCode() throws IOException {
        RulePack pack = RulePack.directory(pack("- " + APPEAL + "\n- " + Initialised.class.getName()));

        assertThat(pack.eventTypes().type("Initialised")).isNotNull();
        assertThat(Witness.initialised).as("the class is loaded, not initialised").isFalse();
    }

    @Test
    void badEntriesAreProblemsOfThePackNamingTheEntryAndTheClass() throws IOException {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.directory(pack("""
                - com.example.Missing
                - %s
                - {class: %s, nmae: Appeal}
                - {name: Appeal}
                - %s
                - {class: %s, name: AppealLodged}
                """.formatted(NotAnEvent.class.getName(), APPEAL, APPEAL, Initialised.class.getName()))));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "events[0]: class com.example.Missing is not on the class path; an event class is compiled with the "
                        + "application, a pack only names it",
                "events[1]: pack 'appeals': event type " + NotAnEvent.class.getName() + " does not implement "
                        + CaseEvent.class.getName() + " (nor " + Platform.class.getName() + ", nor "
                        + StandingFact.class.getName() + ")",
                "events[2]: unknown key 'nmae'; did you mean 'name'?",
                "events[3] needs a class name, such as com.example.AppealLodged, or {class: com.example.AppealLodged, "
                        + "name: Appeal}",
                "events[5]: pack 'appeals': event type name 'AppealLodged' is given to " + Initialised.class.getName()
                        + ", but pack 'appeals' already gives it to " + APPEAL + "; give one of them another name");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).endsWith("pack.yaml"));
    }

    @Test
    void twoPacksGivingOneNameToTwoClassesAreRefusedWhenTheEngineIsBuilt() throws IOException {
        RulePack appeals = RulePack.directory(pack("- " + APPEAL));
        RulePack other = RulePack.drl("other.drl", "package other;");
        ComplianceEngine.Builder builder = ComplianceEngine.builder().rulePacks(List.of(appeals, other))
                .eventType("Appeal", AppealLodged.class);

        assertThatThrownBy(builder::build).isInstanceOf(RulePackException.class).hasMessageContaining(
                "pack 'appeals': " + APPEAL + " is named 'AppealLodged', but the engine's builder already names it "
                        + "'Appeal'; a class has one name");
        assertThatThrownBy(() -> ComplianceEngine.builder().eventType("X", NotARecordEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the engine's builder: event type " + NotARecordEvent.class.getName()
                        + " is not a record; an event type is a record implementing " + CaseEvent.class.getName()
                        + " (or " + Platform.class.getName() + ", or " + StandingFact.class.getName() + ")");
    }

    @Test
    void aRestrictedPacksOwnPlatformRecordAndStandingFactAreRegisteredReadAndUsableInItsRules() throws IOException {
        Path folder = pack("- " + APPEAL + "\n- " + AppealsPlatform.class.getName() + "\n- "
                + AppealsPanel.class.getName());
        // The rule reads the platform record in force when the appeal was lodged (a method of the Platform
        // interface, heldAt) and a standing fact: the sandbox admits both as it admits the pack's events.
        Files.writeString(folder.resolve("appeals.drl"), """
                package org.example.appeals;
                import org.example.appeals.AppealLodged;
                import org.example.appeals.AppealsPanel;
                import org.example.appeals.AppealsPlatform;
                import org.niyam.compliance.model.Duty;

                rule "appeals.decide"
                    @citation("Appeals 1")
                when
                    $appeal : AppealLodged(ground != "none")
                    AppealsPlatform(heldAt($appeal.at), hearsAppeals, summary() != null)
                    AppealsPanel(changesAt().size() == 1)
                then
                    insert(new Duty("appeals.decide", "Decide the appeal", "appeals.clock", $appeal));
                end
                """);
        RulePack pack = RulePack.directory(folder);
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack).build();

        assertThat(pack.restricted()).isTrue();
        assertThat(engine.eventTypes().platformType("AppealsPlatform")).isEqualTo(AppealsPlatform.class);
        assertThat(engine.eventTypes().factType("AppealsPanel")).isEqualTo(AppealsPanel.class);
        String log = """
                {"type":"AppealsPlatform","name":"P","hearsAppeals":false}
                {"type":"AppealsPlatform","name":"P","hearsAppeals":true,"from":"2026-03-01T00:00:00Z"}
                {"type":"AppealsPanel","id":"panel-1","chair":"R","from":"2026-01-01T00:00:00Z"}
                {"type":"AppealsPanel","id":"panel-1","chair":"R","from":"2026-01-01T00:00:00Z"}
                {"type":"AppealsPanel","id":"panel-1","chair":"S","from":"2026-01-01T00:00:00Z"}
                {"type":"AppealLodged","id":"a0","caseId":"c0","at":"2026-02-01T10:00:00Z","ground":"bias"}
                {"type":"AppealLodged","id":"a1","caseId":"c1","at":"2026-03-01T10:00:00Z","ground":"bias"}
                """;
        CaseLogReader.CaseLog read = CaseLogReader.lenient().withEventTypes(engine.eventTypes())
                .read("log.jsonl", new StringReader(log));

        assertThat(read.evidence().profiles()).hasSize(2);
        // A later line of a fact with the type and id of one before replaces it: the last read is the fact.
        assertThat(read.evidence().facts()).containsExactly(new AppealsPanel("panel-1", "S",
                OffsetDateTime.parse("2026-01-01T00:00:00Z")));
        assertThat(read.duplicates()).isEqualTo(1);
        assertThat(read.replaced()).isEqualTo(1);
        assertThat(read.rejected()).isEmpty();
        Report report = engine.evaluate(read.evidence(), OffsetDateTime.parse("2026-03-02T10:00:00Z"));
        assertThat(report.obligations()).extracting(o -> o.id()).as("only the appeal lodged once appeals are heard")
                .containsExactly("appeals.decide@a1");
        // An Evidence document gives the platform without "type": the registry's only platform type is meant.
        Evidence evidence = ComplianceJson.mapper(engine.eventTypes()).readValue("""
                {"platform": {"name": "P", "hearsAppeals": true},
                 "appointments": [{"id": "panel-1", "chair": "R", "from": "2026-01-01T00:00:00Z"}]}
                """, Evidence.class);
        assertThat(evidence.profiles()).containsExactly(new AppealsPlatform("P", true, null, null));
        assertThat(evidence.facts()).singleElement().isInstanceOf(AppealsPanel.class);
    }

    @Test
    void platformRecordsOfTwoTypesKeepAHistoryEachAndFactsOfTwoTypesMayShareAnId() throws IOException {
        EventTypes both = EventTypes.standard().with(AppealsPlatform.class, "pack appeals")
                .with(AppealsPanel.class, "pack appeals").union(IndiaEvents.TYPES);
        CaseLogReader.CaseLog read = CaseLogReader.strict().withEventTypes(both).read("log.jsonl", new StringReader("""
                {"type":"AppealsPlatform","name":"P","hearsAppeals":true}
                {"type":"PlatformProfile","name":"P","registeredUsersInIndia":1000,"messagingService":false}
                {"type":"AppealsPanel","id":"x-1","chair":"R","from":"2026-01-01T00:00:00Z"}
                {"type":"OfficerAppointment","id":"x-1","role":"GRIEVANCE_OFFICER","person":"N","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00Z"}
                """));

        assertThat(read.evidence().profiles()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("AppealsPlatform", "PlatformProfile");
        assertThat(read.evidence().facts()).extracting(StandingFact::id).containsExactly("x-1", "x-1");
        // With two platform types, a record without "type" cannot be told apart: the type is asked for.
        assertThatThrownBy(() -> ComplianceJson.mapper(both).readValue("""
                {"platform": {"name": "P", "hearsAppeals": true}}""", Evidence.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class)
                .hasMessageContaining("missing type id property 'type'");
    }

    /** An event that is no record. */
    static final class NotARecordEvent implements CaseEvent {
        @Override
        public String id() {
            return "e";
        }

        @Override
        public String caseId() {
            return "c";
        }

        @Override
        public OffsetDateTime at() {
            return OffsetDateTime.parse("2026-03-01T10:00:00Z");
        }

        @Override
        public String jurisdiction() {
            return null;
        }
    }
}
