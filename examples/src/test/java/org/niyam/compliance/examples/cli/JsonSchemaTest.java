package org.niyam.compliance.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The JSON the commands write conforms to the schemas documented under docs/schemas/. */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaSubset SCHEMAS = new SchemaSubset(Path.of("..", "docs", "schemas"));

    @ParameterizedTest
    @ValueSource(strings = {"logs/amendment-2026.jsonl", "logs/defective-intimation.jsonl",
            "logs/ssmi-officer-gap.jsonl", "logs/late-intimate-imagery.jsonl", "logs/information-request-80h.jsonl",
            Cli.RESOURCES + "logs/with-bad-lines.jsonl"})
    void auditReportsConform(String log) throws IOException {
        JsonNode report = JSON.readTree(Cli.run("audit", log, "--format", "json", "--since",
                "2026-01-01T00:00:00+05:30").out());

        assertThat(SCHEMAS.check("audit-report.schema.json", report)).isEmpty();
    }

    @Test
    void monthlyReportsConform() throws IOException {
        JsonNode report = JSON.readTree(Cli.run("monthly-report", "--month", "2026-02", Cli.log("month-edges.jsonl"),
                Cli.log("with-bad-lines.jsonl"), "--format", "json").out());

        assertThat(report.at("/rejected").size()).isEqualTo(4);
        assertThat(SCHEMAS.check("monthly-report.schema.json", report)).isEmpty();
    }

    @Test
    void theCheckCatchesWhatTheSchemaForbids() throws IOException {
        ObjectNode report = (ObjectNode) JSON.readTree(Cli.run("audit", "logs/amendment-2026.jsonl", "--format", "json")
                .out());
        report.put("surprise", true);
        ((ObjectNode) report.at("/report/obligations/0")).put("status", "DONE");
        ((ObjectNode) report.get("summary")).remove("exitCode");
        report.put("asOf", "2026-03-01T09:00");

        List<String> problems = SCHEMAS.check("audit-report.schema.json", report);

        assertThat(problems).containsExactlyInAnyOrder(
                "$: field 'surprise' is not in the schema",
                "$.report.obligations[0].status: \"DONE\" is not one of "
                        + "[\"MET\",\"MET_LATE\",\"BREACHED\",\"OPEN\",\"AT_RISK\",\"NOT_APPLICABLE\",\"INDETERMINATE\"]",
                "$.summary: required field 'exitCode' is missing",
                "$.asOf: '2026-03-01T09:00' does not match "
                        + "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$");
    }
}
