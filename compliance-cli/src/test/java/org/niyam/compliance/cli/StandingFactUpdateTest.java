package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md: a later line of a standing fact with the type and id of an earlier one replaces it, the last line read
 * being the fact, in {@code niyam audit} (which counts such lines in its input), {@code niyam watch --replay}, a live
 * watch and {@code niyam monthly-report}. A Grievance Officer appointed from January and given again later with its
 * end on 1 March has left on 1 March: Rule 3(2)(a) is breached from then on, no line rejected.
 */
class StandingFactUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUTY = "3(2)(a).grievance-officer";
    private static final String PROFILE = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":"
            + "1000000,\"messagingService\":false,\"addressInIndiaPublished\":true}\n";
    private static final String APPOINTED = "{\"type\":\"OfficerAppointment\",\"id\":\"G-1\","
            + "\"role\":\"GRIEVANCE_OFFICER\",\"person\":\"A\",\"residentInIndia\":true,\"employee\":true,"
            + "\"contactPublished\":true,\"from\":\"2026-01-01T00:00:00+05:30\"}\n";
    private static final String ENDED = APPOINTED.replace("}\n", ",\"to\":\"2026-03-01T00:00:00+05:30\"}\n");
    private static final String C1 = complaint("c1", "2026-02-10T10:00:00+05:30");
    private static final String C2 = complaint("c2", "2026-03-10T10:00:00+05:30");
    /** G-1 from January, a complaint, G-1 again with its end on 1 March, a complaint after it. */
    private static final String LOG = PROFILE + APPOINTED + C1 + ENDED + C2;
    private static final String AS_OF = "2026-03-15T12:00:00+05:30";
    /** The live watches' clock: 15 March 2026, 13:00 IST. */
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-15T13:00:00+05:30");

    private static String complaint(String id, String at) {
        return "{\"type\":\"ComplaintReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + id + "\",\"at\":\"" + at
                + "\",\"category\":\"GENERAL\"}\n";
    }

    // ---- audit ----

    @Test
    void the_audit_judges_the_officer_gone_from_the_end_a_later_line_gave_and_counts_the_line(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, LOG);

        Cli.Result text = Cli.run("audit", log.toString(), "--as-of", AS_OF);
        JsonNode json = JSON.readTree(Cli.run("audit", log.toString(), "--as-of", AS_OF, "--format", "json").out());
        JsonNode summary = lastLine(Cli.run("audit", log.toString(), "--as-of", AS_OF, "--format", "jsonl").out());

        assertThat(text.err()).isEmpty();
        assertThat(text.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(text.out()).contains("  input     5 entries: 1 platform profile, 1 standing fact, 2 events; "
                + "0 duplicates; 1 replacing an earlier line; 0 rejected");
        assertThat(block(text.out(), DUTY)).startsWith("BREACHED").contains("Vacant since 2026-03-01T00:00+05:30");
        assertThat(json.at("/input/replaced").asLong()).isEqualTo(1);
        assertThat(json.at("/input/duplicates").asLong()).isZero();
        assertThat(json.at("/input/appointments").asLong()).isEqualTo(1);
        assertThat(json.at("/rejected")).isEmpty();
        assertThat(JsonSchemaTest.check("audit-report.schema.json", json)).isEmpty();
        assertThat(auditStates(json)).containsEntry(DUTY, "BREACHED ");
        assertThat(summary.at("/summary/input/replaced").asLong()).isEqualTo(1);
        String vacant = "Vacant since 2026-03-01T00:00+05:30, when appointment G-1 ended.";
        assertThat(block(text.out(), DUTY)).contains(vacant);
        assertThat(Files.readString(Path.of("..", "docs", "cli.md"))).as("docs/cli.md").contains(vacant,
                "5 entries: 1 platform profile, 1 standing fact, 2 events; 0 duplicates; 1 replacing an earlier line; "
                        + "0 rejected");
    }

    @Test
    void the_same_appointment_again_counts_once_and_no_replacement_is_reported(@TempDir Path dir) throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + APPOINTED + C2);

        Cli.Result text = Cli.run("audit", log.toString(), "--as-of", AS_OF);
        JsonNode json = JSON.readTree(Cli.run("audit", log.toString(), "--as-of", AS_OF, "--format", "json").out());

        assertThat(text.err()).isEmpty();
        assertThat(text.out()).contains("  input     5 entries: 1 platform profile, 1 standing fact, 2 events; "
                + "1 duplicate; 0 rejected").doesNotContain("replacing");
        assertThat(json.at("/input/replaced").asLong()).isZero();
        assertThat(json.at("/input/duplicates").asLong()).isEqualTo(1);
        assertThat(auditStates(json)).containsEntry(DUTY, "MET ");
    }

    @Test
    void the_monthly_report_counts_the_line_that_replaced_one(@TempDir Path dir) throws IOException {
        Path log = write(dir, LOG);

        Cli.Result result = Cli.run("monthly-report", "--month", "2026-03", log.toString(), "--format", "json");

        assertThat(result.err()).isEmpty();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.at("/input/replaced").asLong()).isEqualTo(1);
        assertThat(json.at("/input/appointments").asLong()).isEqualTo(1);
        assertThat(json.at("/input/events").asLong()).isEqualTo(2);
        assertThat(json.at("/rejected")).isEmpty();
    }

    /** The same appointment again is a duplicate, and no event fewer (the events read were counted less one). */
    @Test
    void the_monthly_report_counts_the_same_appointment_again_as_a_duplicate_not_an_event(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + APPOINTED + C2);

        JsonNode json = JSON.readTree(Cli.run("monthly-report", "--month", "2026-03", log.toString(), "--format",
                "json").out());

        assertThat(json.at("/input/duplicates").asLong()).isEqualTo(1);
        assertThat(json.at("/input/replaced").asLong()).isZero();
        assertThat(json.at("/input/events").asLong()).isEqualTo(2);
    }

    // ---- watch ----

    @Test
    void a_replay_reports_the_vacancy_at_the_end_the_later_line_gave_as_the_audit_judges_it(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, LOG);

        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());
        JsonNode audit = JSON.readTree(Cli.run("audit", log.toString(), "--format", "json").out());

        assertThat(watch.err()).isEmpty();
        assertThat(watch.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(transitions(watch.out(), DUTY))
                .anySatisfy(t -> assertThat(t).startsWith("BREACHED 2026-03-01T00:00"))
                .noneSatisfy(t -> assertThat(t).startsWith("BREACHED 2026-02"));
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).isEqualTo(auditStates(audit))
                .containsEntry(DUTY, "BREACHED ");
    }

    @Test
    void a_live_watch_of_a_log_holding_the_later_line_reports_the_vacancy_at_its_end(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, LOG);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW, null, "--format",
                "json");
        JsonNode audit = JSON.readTree(Cli.run("audit", log.toString(), "--as-of", NOW.toString(), "--format", "json")
                .out());

        assertThat(watch.err()).isEmpty();
        assertThat(transitions(watch.out(), DUTY))
                .anySatisfy(t -> assertThat(t).startsWith("BREACHED 2026-03-01T00:00"));
        assertThat(WatchPlatformLinesTest.finalStates(watch.out()))
                .as("the watch stopped at its clock, the audit as of it")
                .isEqualTo(auditStates(audit)).containsEntry(DUTY, "BREACHED ");
    }

    /** Appended while the watch follows the log, the line is taken when it comes: the post is vacant from then on. */
    @Test
    void a_live_watch_takes_the_later_line_appended_to_the_log_as_a_change(@TempDir Path dir) throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW, ENDED, "--format",
                "json");
        JsonNode audit = JSON.readTree(Cli.run("audit", log.toString(), "--as-of", NOW.toString(), "--format", "json")
                .out());

        assertThat(watch.err()).isEmpty();
        assertThat(transitions(watch.out(), DUTY))
                .anySatisfy(t -> assertThat(t).startsWith("BREACHED " + NOW.toLocalDate()));
        assertThat(watch.out()).contains("Vacant since 2026-03-01T00:00+05:30");
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).isEqualTo(auditStates(audit))
                .containsEntry(DUTY, "BREACHED ");
        assertThat(audit.at("/input/replaced").asLong()).isEqualTo(1);
    }

    /**
     * docs/cli.md: each line is a change when it comes, so a post handed over with the new appointment first is never
     * seen vacant; with the old one's end first, the watch reports the vacancy, then its end with the next line.
     */
    @Test
    void a_live_watch_sees_a_post_handed_over_new_appointment_first_never_vacant(@TempDir Path dir)
            throws IOException {
        String next = APPOINTED.replace("\"G-1\"", "\"G-2\"").replace("\"A\"", "\"B\"")
                .replace("2026-01-01T00:00:00+05:30", "2026-03-01T00:00:00+05:30");
        Path newFirst = write(dir.resolve("new-first"), PROFILE + APPOINTED + C1 + C2);
        Path endFirst = write(dir.resolve("end-first"), PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched handedOver = WatchPlatformLinesTest.liveAt(newFirst, NOW, next + ENDED,
                "--format", "json");
        WatchPlatformLinesTest.Watched gap = WatchPlatformLinesTest.liveAt(endFirst, NOW, ENDED + next,
                "--format", "json");

        assertThat(handedOver.err()).isEmpty();
        assertThat(transitions(handedOver.out(), DUTY)).noneSatisfy(t -> assertThat(t).startsWith("BREACHED"));
        assertThat(WatchPlatformLinesTest.finalStates(handedOver.out())).containsEntry(DUTY, "MET ");
        assertThat(transitions(gap.out(), DUTY)).filteredOn(t -> !t.startsWith("OPENED"))
                .extracting(t -> t.substring(0, t.indexOf(' '))).containsSubsequence("BREACHED", "MET");
        assertThat(WatchPlatformLinesTest.finalStates(gap.out())).containsEntry(DUTY, "MET ");
    }

    @Test
    void a_live_watch_takes_the_same_appointment_again_as_nothing_new(@TempDir Path dir) throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW, APPOINTED, "--format",
                "json");

        assertThat(watch.err()).isEmpty();
        assertThat(transitions(watch.out(), DUTY)).noneSatisfy(t -> assertThat(t).startsWith("BREACHED"));
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).containsEntry(DUTY, "MET ");
    }

    // ---- helpers ----

    private static Path write(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, text, StandardCharsets.UTF_8);
        return log;
    }

    /** The obligation's transitions in a watch's JSON lines, each as its kind and instant. */
    private static List<String> transitions(String out, String obligation) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode t = JSON.readTree(line);
                if (t.path("obligation").path("id").asText().equals(obligation)) {
                    found.add(t.path("kind").asText() + " " + t.path("at").asText());
                }
            }
        }
        assertThat(found).as("transitions of " + obligation).isNotEmpty();
        return found;
    }


    private static Map<String, String> auditStates(JsonNode audit) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode o : audit.path("report").path("obligations")) {
            states.put(o.path("id").asText(), o.path("status").asText() + " " + o.path("dueAt").asText(""));
        }
        assertThat(states).isNotEmpty();
        return states;
    }

    private static JsonNode lastLine(String jsonl) throws IOException {
        String[] lines = jsonl.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** The text report's block of one obligation: from its status line to the blank line after it. */
    private static String block(String report, String id) {
        for (String block : report.split("\n\n")) {
            if (block.lines().findFirst().orElse("").endsWith(" " + id)) {
                return block;
            }
        }
        throw new AssertionError("no block of " + id + " in:\n" + report);
    }
}
