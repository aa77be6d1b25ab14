package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code niyam audit} streams its results from the case-by-case audit into its reports: the same obligations, in the
 * same order, and counts with {@code --since} at the first event as without, JSON Lines that conform to their schema, and
 * an HTML page that lists a capped number of items under each clause. The log is generated with a fixed seed: 4,000
 * complaints, enough for the audit to spread them over several buckets and for the page to reach its cap.
 */
class StreamedAuditTest {

    private static final long SEED = 15;
    private static final int COMPLAINTS = 4_000;
    private static final OffsetDateTime FIRST = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    private static String log;

    @BeforeAll
    static void generate() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder lines = new StringBuilder("{\"type\":\"PlatformProfile\",\"name\":\"Charcha\","
                + "\"registeredUsersInIndia\":80000000,\"messagingService\":false,\"addressInIndiaPublished\":true}\n");
        for (int i = 0; i < COMPLAINTS; i++) {
            OffsetDateTime at = FIRST.plusMinutes(20L * i);
            String c = "GRV-" + i;
            lines.append("{\"type\":\"ComplaintReceived\",\"id\":\"").append(c).append("-in\",\"caseId\":\"").append(c)
                    .append("\",\"at\":\"").append(at).append("\",\"category\":\"GENERAL\"}\n");
            if (random.nextInt(10) < 8) { // 20% never acknowledged; of the rest, about a sixth late
                lines.append("{\"type\":\"ComplaintAcknowledged\",\"id\":\"").append(c).append("-ack\",\"caseId\":\"")
                        .append(c).append("\",\"at\":\"").append(at.plusHours(1 + random.nextInt(29))).append("\"}\n");
            }
        }
        Path file = folder.resolve("cases.jsonl");
        Files.writeString(file, lines);
        log = file.toString();
    }

    @Test
    void jsonLinesConformAndHoldWhatTheWholeDocumentHolds() throws IOException {
        Cli.Result lines = Cli.run("audit", log, "--format", "jsonl");
        JsonNode whole = JSON.readTree(Cli.run("audit", log, "--format", "json").out());

        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines.out().split("\n")) {
            JsonNode node = JSON.readTree(line);
            assertThat(JsonSchemaTest.check("audit-lines.schema.json", node)).as(line).isEmpty();
            parsed.add(node);
        }
        assertThat(parsed.get(0).has("audit")).isTrue();
        JsonNode summary = parsed.get(parsed.size() - 1).get("summary");
        Set<JsonNode> obligations = new HashSet<>();
        parsed.stream().filter(n -> n.has("obligation")).forEach(n -> obligations.add(n.get("obligation")));
        Set<JsonNode> inWhole = new HashSet<>();
        whole.at("/report/obligations").forEach(inWhole::add);

        assertThat(JsonSchemaTest.check("audit-report.schema.json", whole)).isEmpty();
        assertThat(obligations).hasSize(summary.get("obligations").asInt()).isEqualTo(inWhole);
        assertThat(summary.get("byStatus")).isEqualTo(whole.at("/summary/byStatus"));
        assertThat(summary.get("byStatus").get("BREACHED").asInt()).isGreaterThan(StreamedReports.HTML_CAP);
        assertThat(summary.get("exitCode").asInt()).isEqualTo(lines.exit()).isEqualTo(Exit.FINDINGS);
    }

    @Test
    void theJsonDocumentCopiesItsFindingsWhole(@TempDir Path dir) throws IOException {
        // Police intimations that state no rank: each is a finding, kept in a temporary file until the obligations
        // are written, then copied into the document. Case ids outside ASCII test the copy of multi-byte text.
        StringBuilder lines = new StringBuilder("{\"type\":\"PlatformProfile\",\"name\":\"Charcha\","
                + "\"registeredUsersInIndia\":80000000,\"messagingService\":false,\"addressInIndiaPublished\":true}\n");
        String[] names = {"ORD-", "ORD-शिकायत-", "ORD-\uD83D\uDE00-"};
        int orders = 600;
        for (int i = 0; i < orders; i++) {
            String c = names[i % names.length] + i;
            lines.append("{\"type\":\"RemovalOrderReceived\",\"id\":\"").append(c).append("-in\",\"caseId\":\"")
                    .append(c).append("\",\"at\":\"").append(FIRST.plusMinutes(7L * i)).append("\",\"issuer\":{\"kind\":"
                    + "\"POLICE\",\"authority\":\"Cyber Crime Cell\",\"specificallyAuthorised\":true},\"reference\":\"R-")
                    .append(i).append("\",\"intimation\":{\"inWriting\":true,\"reasoned\":true,\"legalBasis\":\"Rule 3(1)(d)\","
                    + "\"unlawfulAct\":\"impersonation\",\"targets\":[\"https://charcha.example/p/").append(i).append("\"]}}\n");
        }
        Path file = dir.resolve("intimations.jsonl");
        Files.writeString(file, lines);

        JsonNode document = JSON.readTree(Cli.run("audit", file.toString(), "--format", "json").out());
        List<JsonNode> inLines = jsonLines(file, "finding");
        List<JsonNode> inDocument = new ArrayList<>();
        document.at("/report/findings").forEach(inDocument::add);

        assertThat(JsonSchemaTest.check("audit-report.schema.json", document)).isEmpty();
        assertThat(inDocument).hasSize(orders).isEqualTo(inLines);
        assertThat(document.at("/summary/findings").asInt()).isEqualTo(orders);
        assertThat(inDocument).extracting(f -> f.get("caseId").asText()).contains("ORD-शिकायत-1", "ORD-\uD83D\uDE00-2");
    }

    @Test
    void rejectedEntriesAreCopiedWholeIntoBothJsonReports(@TempDir Path dir) throws IOException {
        // Rejected lines are kept in a temporary file (not the heap) until they can be written: in JSON Lines after
        // the header, in the JSON document after the report. Unknown types and broken lines, some with text outside
        // ASCII, between valid events; every one reported, in the log's order, in both.
        StringBuilder lines = new StringBuilder("{\"type\":\"PlatformProfile\",\"name\":\"Charcha\","
                + "\"registeredUsersInIndia\":80000000,\"messagingService\":false}\n");
        int bad = 0;
        for (int i = 0; i < 300; i++) {
            lines.append("{\"type\":\"ComplaintReceived\",\"id\":\"c").append(i).append("\",\"caseId\":\"G-").append(i)
                    .append("\",\"at\":\"").append(FIRST.plusMinutes(5L * i)).append("\",\"category\":\"GENERAL\"}\n");
            if (i % 3 == 0) {
                lines.append(i % 2 == 0 ? "{\"type\":\"शिकायत\",\"id\":\"x" + i + "\"}\n" : "{\"type\": \n");
                bad++;
            }
        }
        Path file = dir.resolve("with-rejected.jsonl");
        Files.writeString(file, lines);

        JsonNode document = JSON.readTree(Cli.run("audit", file.toString(), "--format", "json").out());
        List<JsonNode> inLines = jsonLines(file, "rejected");
        List<JsonNode> inDocument = new ArrayList<>();
        document.at("/rejected").forEach(inDocument::add);

        assertThat(JsonSchemaTest.check("audit-report.schema.json", document)).isEmpty();
        assertThat(inDocument).hasSize(bad).isEqualTo(inLines);
        assertThat(inDocument.get(0).toString()).contains("शिकायत");
        assertThat(document.at("/report/obligations").size()).as("the valid events around them").isPositive();
    }

    /** The values of the JSON Lines report's lines that hold {@code field}, in order. */
    private static List<JsonNode> jsonLines(Path file, String field) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (String line : Cli.run("audit", file.toString(), "--format", "jsonl").out().split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has(field)) {
                values.add(node.get(field));
            }
        }
        return values;
    }

    @Test
    void theStreamedAuditFindsWhatReadingTheLogWholeFinds() throws IOException {
        // --since at the first event gives the period the audit takes without it.
        JsonNode streamed = JSON.readTree(Cli.run("audit", log, "--format", "json").out());
        JsonNode whole = JSON.readTree(Cli.run("audit", log, "--format", "json", "--since", FIRST.toString()).out());

        List<JsonNode> a = new ArrayList<>();
        streamed.at("/report/obligations").forEach(a::add);
        List<JsonNode> b = new ArrayList<>();
        whole.at("/report/obligations").forEach(b::add);
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(a).extracting(o -> o.path("caseId").asText(""))
                .as("the report's order: the platform's first, then by case").isSortedAccordingTo((x, y) ->
                        x.isEmpty() || y.isEmpty() ? Boolean.compare(!x.isEmpty(), !y.isEmpty()) : x.compareTo(y));
        assertThat(streamed.get("summary")).isEqualTo(whole.get("summary"));
        assertThat(streamed.get("input")).isEqualTo(whole.get("input"));
        assertThat(streamed.get("platform")).isEqualTo(whole.get("platform"));
    }

    @Test
    void theTextReportListsWhatReadingTheLogWholeLists() {
        String streamed = Cli.run("audit", log).out();
        String whole = Cli.run("audit", log, "--since", FIRST.toString()).out();

        assertThat(streamed.lines().filter(l -> !l.startsWith("  period ")).sorted().toList()).isEqualTo(whole.lines()
                .filter(l -> !l.startsWith("  period ")).sorted().toList());
        assertThat(streamed).contains("Summary: ").contains("BREACHED        complaint.acknowledge@GRV-");
        assertThat(streamed.indexOf("BREACHED  ")).as("most urgent first").isLessThan(streamed.indexOf("MET LATE  "));
    }

    @Test
    void theHtmlPageCountsEverythingAndListsAtMostTheCapUnderEachClause() {
        String html = Cli.run("audit", log, "--format", "html").out();

        Pattern item = Pattern.compile("<div class=\"obligation (breached|at-risk|met-late|open|indeterminate)");
        List<Integer> perClause = new ArrayList<>();
        for (String section : html.split("<section class=\"clause\"")) {
            Matcher listed = item.matcher(section);
            int items = 0;
            while (listed.find()) {
                items++;
            }
            perClause.add(items);
        }
        assertThat(perClause).allMatch(n -> n <= StreamedReports.HTML_CAP).contains(StreamedReports.HTML_CAP);
        assertThat(html).contains("<h2>By clause and month</h2>", "<th>2026-01</th>", "Not shown here: ",
                "--format jsonl", "id=\"capped\"");
    }
}
