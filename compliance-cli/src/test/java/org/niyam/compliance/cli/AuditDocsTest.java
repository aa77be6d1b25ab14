package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The audit examples of docs/json.md and docs/cli.md are what the command gives. */
class AuditDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS = Path.of("..", "docs");
    /** A line of a pretty-printed JSON object: its indent, key and value (a trailing comma left out). */
    private static final Pattern MEMBER = Pattern.compile("^( +)\"(\\w+)\" : (.*?),?$");

    /** The first ```json block after the heading. */
    private static String example(String doc, String heading) {
        int start = doc.indexOf(heading);
        assertThat(start).as("section '%s' of json.md", heading).isNotNegative();
        int open = doc.indexOf("```json\n", start) + "```json\n".length();
        return doc.substring(open, doc.indexOf("```", open));
    }

    /**
     * docs/json.md: the audit report example for information-request-80h. Each member written in full, at the top
     * level or in {@code summary} (not those elided with "..."), is the command's, and the summary is all there.
     */
    @Test
    void theJsonAuditExampleIsWhatTheCommandGives() throws IOException {
        String example = example(Files.readString(DOCS.resolve("json.md")), "## Output: `niyam audit --format json`");
        JsonNode report = JSON.readTree(Cli.run("audit", "../examples/logs/information-request-80h.jsonl", "--format",
                "json").out().replace("../examples/logs/", "examples/logs/"));

        List<String> checked = new ArrayList<>();
        String object = "";
        for (String line : example.lines().toList()) {
            Matcher m = MEMBER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            boolean top = m.group(1).length() == 2;
            if (!top && (m.group(1).length() != 4 || object.isEmpty())) {
                continue; // the continuation of an elided member
            }
            if (top && m.group(3).equals("{")) {
                object = m.group(2);
                continue;
            }
            if (top) {
                object = "";
            }
            JsonNode value;
            try {
                value = JSON.readTree(m.group(3));
            } catch (IOException e) {
                continue; // elided: "[ ... ]", "(...)"
            }
            String path = "/" + (top ? "" : object + "/") + m.group(2);
            assertThat(report.at(path)).as("%s in json.md's example", path).isEqualTo(value);
            checked.add(path);
        }
        assertThat(checked).as("members checked").contains("/input", "/summary/obligations", "/summary/byStatus",
                "/summary/findings", "/summary/needsAttention", "/summary/exitCode", "/asOf", "/platform");
    }

    /**
     * docs/cli.md: the input line's {@code events} are those at or before the as-of instant; an event after it is
     * among the entries read, in no other count, and not judged.
     */
    @Test
    void anEventAfterTheAsOfInstantIsOnlyAnEntry() throws IOException {
        Cli.Result result = Cli.run("audit", Cli.log("event-after-as-of.jsonl"), "--as-of", "2026-04-20T12:00:00+05:30",
                "--all");

        String line = "  input     6 entries: 1 platform profile, 1 standing fact, 3 events; 0 duplicates; 0 rejected";
        assertThat(result.out()).as("report").contains(line).doesNotContain("r2");
        assertThat(Files.readString(DOCS.resolve("cli.md"))).as("docs/cli.md")
                .contains("6 entries: 1 platform profile, 1 standing fact, 3 events; 0 duplicates; 0 rejected");
        JsonNode json = JSON.readTree(Cli.run("audit", Cli.log("event-after-as-of.jsonl"), "--as-of",
                "2026-04-20T12:00:00+05:30", "--format", "json").out());
        assertThat(json.at("/input/entries").asLong()).as("entries").isEqualTo(6);
        assertThat(json.at("/input/events").asLong()).as("events").isEqualTo(3);
    }
}
