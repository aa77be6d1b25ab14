package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;

/**
 * docs/json.md and the model cannot part: the JSON Schema generated from the model ({@link ModelSchema}) is the one
 * committed as docs/schemas/evidence.schema.json, every example on the page conforms to it and is read by the
 * reader, and every table row names a field the schema has, with its required marker and its values, and leaves
 * none out. After a deliberate change of the model, rewrite the committed schema with
 * {@code -Dniyam.updateExpected=true} and review the diff.
 */
class JsonDocsTest {

    private static final Path DOC = Path.of("..", "docs", "json.md");
    private static final Path EVIDENCE_SCHEMA = Path.of("..", "docs", "schemas", "evidence.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> EVERY_EVENT_HAS = Set.of("type", "id", "caseId", "at", "jurisdiction");
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern FIELD = Pattern.compile("^[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)?\\??$");
    private static final Pattern VALUE = Pattern.compile("^[A-Z][A-Z0-9_]*$");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** The text of a section, from its heading to the next heading of level 2. */
    private static String section(String doc, String heading) {
        int start = doc.indexOf("\n## " + heading);
        assertThat(start).as("section '%s' of json.md", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static String firstJsonBlock(String section) {
        int start = section.indexOf("```json\n") + 8;
        return section.substring(start, section.indexOf("```", start));
    }

    /** The rows of the table whose header line is {@code header}: cells, trimmed. */
    private static List<List<String>> table(String section, String header) {
        int at = section.indexOf(header);
        assertThat(at).as("table %s", header).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (String line : section.substring(at).lines().skip(2).toList()) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> ticked(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = TICKED.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Map<String, Class<?>> eventTypes() {
        return new LinkedHashMap<>(EventTypes.onClasspath().asMap());
    }

    @Test
    void theCommittedSchemaIsTheOneGeneratedFromTheModel() throws IOException {
        String generated = JSON.writeValueAsString(ModelSchema.of(Evidence.class)) + "\n";
        if (Boolean.getBoolean("niyam.updateExpected")) {
            Files.writeString(EVIDENCE_SCHEMA, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(EVIDENCE_SCHEMA, StandardCharsets.UTF_8)).as(EVIDENCE_SCHEMA.toString())
                .isEqualTo(generated);
    }

    @Test
    void theEvidenceExampleConformsAndIsRead() throws IOException {
        String example = firstJsonBlock(section(doc(), "Input: `Evidence`"));

        assertThat(ModelSchema.problems(ModelSchema.of(Evidence.class), JSON.readTree(example))).isEmpty();
        Evidence evidence = ComplianceJson.readEvidence("json.md", new StringReader(example));
        assertThat(evidence.events()).hasSize(2);
    }

    @Test
    void everyEvidenceExampleConformsAndIsRead() throws IOException {
        String section = section(doc(), "Input: `Evidence`");
        int blocks = 0;
        for (int at = section.indexOf("```json\n"); at >= 0; at = section.indexOf("```json\n", at + 1)) {
            String example = firstJsonBlock(section.substring(at));
            assertThat(ModelSchema.problems(ModelSchema.of(Evidence.class), JSON.readTree(example))).as(example)
                    .isEmpty();
            ComplianceJson.readEvidence("json.md", new StringReader(example));
            blocks++;
        }
        assertThat(blocks).as("examples in the section").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aProfileHistoryReadsAsOne() throws IOException {
        String section = section(doc(), "Input: `Evidence`");
        String example = firstJsonBlock(section.substring(section.indexOf("### Profiles over time")));
        Evidence evidence = ComplianceJson.readEvidence("json.md", new StringReader(example));

        assertThat(evidence.profiles()).hasSize(2);
        assertThat(evidence.profiles().get(0).until()).isEqualTo(evidence.profiles().get(1).from());
    }

    @Test
    void theCaseLogExampleConformsAndIsRead() throws IOException {
        String example = firstJsonBlock(section(doc(), "Input: case logs"));
        ObjectNode eventSchema = ModelSchema.of(CaseEvent.class);

        CaseLogReader.CaseLog log = CaseLogReader.strict().read("json.md", new StringReader(example));
        assertThat(log.rejected()).isEmpty();
        for (String line : example.lines().toList()) {
            JsonNode entry = JSON.readTree(line);
            if (eventTypes().containsKey(entry.get("type").asText())) {
                assertThat(ModelSchema.problems(eventSchema, entry)).as(line).isEmpty();
            }
        }
    }

    @Test
    void theSchemaRefusesWhatTheReaderRefuses() throws IOException {
        ObjectNode schema = ModelSchema.of(Evidence.class);
        JsonNode bad = JSON.readTree("""
                {"platform": {"name": "X", "registeredUsersInIndia": 1},
                 "events": [{"type": "RemovalOrderReceived", "id": "e1", "caseId": "c", "at": "2026-01-01T00:00",
                             "issuer": {"kind": "GOVERNMENT", "rank": "Joint Secretary"}}]}""");

        assertThat(ModelSchema.problems(schema, bad)).isNotEmpty();
    }

    @Test
    void everyFieldRowMatchesTheSchemaAndNoFieldIsLeftOut() throws IOException {
        String evidenceSection = section(doc(), "Input: `Evidence`");
        ObjectNode root = ModelSchema.of(Evidence.class);
        ObjectNode orderRoot = ModelSchema.of(RemovalOrderReceived.class);
        ModelSchema.View evidence = ModelSchema.view(root, root);
        Map<String, ModelSchema.View> parents = new LinkedHashMap<>();
        parents.put("", evidence);
        parents.put("platform.", evidence.property("platform", root));
        parents.put("facts[].", evidence.property("facts", root));
        ModelSchema.View order = ModelSchema.view(orderRoot, orderRoot);
        parents.put("intimation.", order.property("intimation", orderRoot));

        List<List<String>> rows = new ArrayList<>(table(evidenceSection, "| field | type | required | meaning |"));
        rows.addAll(table(evidenceSection.substring(evidenceSection.indexOf("What an intimation states")),
                "| field | type | required | meaning |"));
        Set<String> documented = new TreeSet<>();
        SoftAssertions soft = new SoftAssertions();
        for (List<String> row : rows) {
            String path = ticked(row.get(0)).get(0);
            String prefix = path.contains("[].") ? path.substring(0, path.indexOf("[].") + 3)
                    : path.contains(".") ? path.substring(0, path.indexOf('.') + 1) : "";
            String name = path.substring(prefix.length());
            ModelSchema.View parent = parents.get(prefix);
            JsonNode parentRoot = prefix.equals("intimation.") ? orderRoot : root;
            soft.assertThat(parent).as("row %s: a known parent", path).isNotNull();
            if (parent == null) {
                continue;
            }
            documented.add(prefix + name);
            soft.assertThat(parent.properties()).as("row %s: a field of the model", path).containsKey(name);
            soft.assertThat(row.get(2)).as("row %s: required", path)
                    .isEqualTo(parent.required().contains(name) ? "yes" : "no");
            List<String> values = ticked(row.get(1)).stream().filter(v -> VALUE.matcher(v).matches()).toList();
            if (!values.isEmpty()) {
                soft.assertThat(new TreeSet<>(values)).as("row %s: values", path)
                        .isEqualTo(parent.enumOf(name, parentRoot));
            }
        }
        parents.forEach((prefix, view) -> view.properties().keySet().forEach(name -> soft.assertThat(documented)
                .as("a row for %s%s", prefix, name).contains(prefix + name)));
        soft.assertAll();
    }

    @Test
    void everyEventRowMatchesTheSchemaAndNoTypeOrFieldIsLeftOut() throws IOException {
        String doc = doc();
        List<List<String>> rows = table(section(doc, "Input: `Evidence`"), "| `type` | other fields | what happened |");
        Map<String, Class<?>> types = eventTypes();
        Set<String> listed = new TreeSet<>();
        SoftAssertions soft = new SoftAssertions();
        for (List<String> row : rows) {
            for (String type : ticked(row.get(0))) {
                listed.add(type);
                Class<?> kind = types.get(type);
                soft.assertThat(kind).as("type %s is one the reader knows", type).isNotNull();
                if (kind != null) {
                    checkEventRow(soft, doc, type, ModelSchema.of(kind), row.get(1));
                }
            }
        }
        soft.assertThat(listed).as("every event type has a row").isEqualTo(new TreeSet<>(types.keySet()));
        soft.assertAll();
    }

    private static void checkEventRow(SoftAssertions soft, String doc, String type, ObjectNode root, String cell) {
        ModelSchema.View event = ModelSchema.view(root, root);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String last = null;
        for (String token : ticked(cell)) {
            if (FIELD.matcher(token).matches()) {
                last = token;
                fields.put(token, new ArrayList<>());
            } else if (VALUE.matcher(token).matches() && last != null) {
                fields.get(last).add(token);
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            boolean optional = field.getKey().endsWith("?");
            String path = optional ? field.getKey().substring(0, field.getKey().length() - 1) : field.getKey();
            String name = path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
            ModelSchema.View parent = path.contains(".")
                    ? event.property(path.substring(0, path.indexOf('.')), root) : event;
            documented.add(path);
            if (parent == null || !parent.properties().containsKey(name)) {
                soft.fail("%s: `%s` is not a field of the model", type, path);
                continue;
            }
            soft.assertThat(optional).as("%s: `%s` marked optional", type, path).isEqualTo(!parent.required().contains(name));
            Set<String> values = parent.enumOf(name, root);
            if (!field.getValue().isEmpty()) {
                soft.assertThat(new TreeSet<>(field.getValue())).as("%s: values of `%s`", type, path).isEqualTo(values);
            } else {
                values.forEach(v -> soft.assertThat(doc).as("%s: value %s of `%s` named on the page", type, v, path)
                        .contains("`" + v + "`"));
            }
        }
        for (String name : event.properties().keySet()) {
            if (!EVERY_EVENT_HAS.contains(name)) {
                soft.assertThat(documented).as("%s: a field `%s` in its row", type, name).contains(name);
                ModelSchema.View nested = event.property(name, root);
                if (nested != null && documented.stream().anyMatch(d -> d.startsWith(name + "."))) {
                    nested.properties().keySet().forEach(n -> soft.assertThat(documented)
                            .as("%s: a field `%s.%s` in its row", type, name, n).contains(name + "." + n));
                }
            }
        }
    }
    /**
     * The section on transitions: its example is what the monitor sends when a removal order is not acted on within
     * the 3 hours, field for field, and its table names every field a transition has and every kind.
     */
    @Test
    void theTransitionSectionIsWhatTheMonitorSends() throws IOException {
        String section = section(doc(), "Output: `Transition`");
        org.niyam.compliance.engine.ComplianceEngine engine = org.niyam.compliance.engine.ComplianceEngine.builder()
                .rulePack(org.niyam.compliance.pack.RulePack.classpath("org/niyam/compliance/rules/india")).build();
        java.time.OffsetDateTime received = java.time.OffsetDateTime.parse("2026-02-23T11:00:00+05:30");
        org.niyam.compliance.engine.MonitorClock.Manual clock = org.niyam.compliance.engine.MonitorClock.manual(received);
        List<org.niyam.compliance.model.Transition> heard = new ArrayList<>();
        try (org.niyam.compliance.engine.ComplianceMonitor monitor = org.niyam.compliance.engine.ComplianceMonitor
                .builder(engine).clock(clock).offset(java.time.ZoneOffset.ofHoursMinutes(5, 30))
                .platform(new org.niyam.compliance.india.PlatformProfile("ExampleNet", 1_000_000, false))
                .listener(heard::add).build()) {
            monitor.accept(new RemovalOrderReceived("e1", "ORD-1", received, new org.niyam.compliance.india.Issuer(
                    org.niyam.compliance.india.IssuerKind.COURT, "High Court of Delhi", null), null));
            clock.set(received.plusHours(3).plusNanos(1_000_000));
        }
        org.niyam.compliance.model.Transition breach = heard.stream()
                .filter(t -> t.id().equals("removal.on-order@e1#3:BREACHED")).findFirst().orElseThrow();
        ObjectMapper model = ComplianceJson.mapper();
        assertThat(JSON.readTree(firstJsonBlock(section))).as("the example")
                .isEqualTo(JSON.readTree(model.writeValueAsString(breach)));
        Set<String> fields = new TreeSet<>();
        for (java.lang.reflect.RecordComponent c : org.niyam.compliance.model.Transition.class.getRecordComponents()) {
            fields.add(c.getName());
        }
        List<List<String>> rows = table(section, "| field | meaning |");
        assertThat(rows.stream().map(r -> r.get(0).replace("`", "")).toList()).as("the table's fields")
                .containsExactlyInAnyOrderElementsOf(fields);
        List<String> kinds = rows.stream().filter(r -> r.get(0).equals("`kind`")).findFirst().map(r -> ticked(r.get(1)))
                .orElseThrow();
        assertThat(kinds).containsExactly(java.util.Arrays.stream(org.niyam.compliance.model.Transition.Kind.values())
                .map(Enum::name).toArray(String[]::new));
    }
}
