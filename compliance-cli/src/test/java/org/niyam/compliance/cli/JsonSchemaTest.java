package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JSON the commands write conforms to the schemas documented under docs/schemas/, checked with a JSON Schema
 * validator (draft 2020-12).
 */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FOLDER = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** The problems of the document under the schema file, as "location: message"; empty when it conforms. */
    static List<String> check(String schemaFile, JsonNode document) throws IOException {
        Path file = FOLDER.resolve(schemaFile);
        // Loaded from its file as shipped, as a user's validator would, so that a $ref to a sibling file resolves
        // beside it.
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : FACTORY.getSchema(SchemaLocation.of(file.toUri().toString())).validate(document)) {
            problems.add(m.getInstanceLocation() + ": " + m.getMessage());
        }
        return problems;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../examples/logs/amendment-2026.jsonl", "../examples/logs/defective-intimation.jsonl",
            "../examples/logs/ssmi-officer-gap.jsonl", "../examples/logs/late-intimate-imagery.jsonl", "../examples/logs/information-request-80h.jsonl",
            Cli.RESOURCES + "logs/with-bad-lines.jsonl"})
    void auditReportsConform(String log) throws IOException {
        JsonNode report = JSON.readTree(Cli.run("audit", log, "--format", "json", "--since",
                "2026-01-01T00:00:00+05:30").out());

        assertThat(check("audit-report.schema.json", report)).isEmpty();
    }

    @Test
    void monthlyReportsConform() throws IOException {
        JsonNode report = JSON.readTree(Cli.run("monthly-report", "--month", "2026-02", Cli.log("month-edges.jsonl"),
                Cli.log("with-bad-lines.jsonl"), "--format", "json").out());

        assertThat(report.at("/rejected").size()).isEqualTo(4);
        assertThat(check("monthly-report.schema.json", report)).isEmpty();
    }

    @Test
    void watchTransitionsConform() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (String log : List.of("amendment-2026.jsonl", "defective-intimation.jsonl", "ssmi-officer-gap.jsonl",
                "late-intimate-imagery.jsonl", "information-request-80h.jsonl")) {
            List<String> lines = Cli.run("watch", "--replay", "--format", "json", "../examples/logs/" + log).out()
                    .lines().toList();
            assertThat(lines).as(log).isNotEmpty();
            for (String line : lines) {
                JsonNode transition = JSON.readTree(line);
                kinds.add(transition.get("kind").asText());
                assertThat(check("transition.schema.json", transition)).as("%s: %s", log, line).isEmpty();
            }
        }
        assertThat(kinds).contains("OPENED", "AT_RISK", "BREACHED", "MET", "MET_LATE", "NOT_APPLICABLE", "FINDING");
    }

    @Test
    void theTransitionSchemaCatchesWhatItForbids() throws IOException {
        String first = Cli.run("watch", "--replay", "--format", "json", "../examples/logs/late-intimate-imagery.jsonl")
                .out().lines().findFirst().orElseThrow();
        ObjectNode transition = (ObjectNode) JSON.readTree(first);
        transition.put("kind", "DONE");
        transition.put("surprise", true);
        transition.set("finding", JSON.readTree("{\"code\": \"x\", \"message\": \"m\", \"evidence\": []}"));

        List<String> problems = check("transition.schema.json", transition);

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.kind:"))
                .anySatisfy(p -> assertThat(p).startsWith("$:").contains("surprise"))
                .anySatisfy(p -> assertThat(p).startsWith("$.finding").contains("citation"));
    }

    @Test
    void theCheckCatchesWhatTheSchemaForbids() throws IOException {
        ObjectNode report = (ObjectNode) JSON.readTree(Cli.run("audit", "../examples/logs/amendment-2026.jsonl", "--format", "json")
                .out());
        report.put("surprise", true);
        ((ObjectNode) report.at("/report/obligations/0")).put("status", "DONE");
        ((ObjectNode) report.get("summary")).remove("exitCode");
        report.put("asOf", "2026-03-01T09:00");

        List<String> problems = check("audit-report.schema.json", report);

        assertThat(problems).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("$:").contains("surprise"))
                .anySatisfy(p -> assertThat(p).startsWith("$.report.obligations[0].status:"))
                .anySatisfy(p -> assertThat(p).startsWith("$.summary:").contains("exitCode"))
                .anySatisfy(p -> assertThat(p).startsWith("$.asOf:"));
    }
}
