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
    /** G-1's successor, G-2, from the instant G-1 ended. */
    private static final String NEXT = APPOINTED.replace("\"G-1\"", "\"G-2\"").replace("\"A\"", "\"B\"")
            .replace("2026-01-01T00:00:00+05:30", "2026-03-01T00:00:00+05:30");
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

        assertThat(Cli.notices(watch.err())).isEmpty();
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

        assertThat(Cli.notices(watch.err())).isEmpty();
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

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(transitions(watch.out(), DUTY))
                .anySatisfy(t -> assertThat(t).startsWith("BREACHED " + NOW.toLocalDate()));
        assertThat(watch.out()).contains("Vacant since 2026-03-01T00:00+05:30");
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).isEqualTo(auditStates(audit))
                .containsEntry(DUTY, "BREACHED ");
        assertThat(audit.at("/input/replaced").asLong()).isEqualTo(1);
    }

    /**
     * docs/cli.md: a line that comes while the watch follows the log is judged when it comes, by the clock: an
     * appointment's end read 40 s after the last event is reported then, not at that event's instant.
     */
    @Test
    void a_live_watch_judges_a_line_that_comes_40_s_after_the_last_event_by_the_clock(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + complaint("c3", NOW.toString()));
        OffsetDateTime later = NOW.plusSeconds(40);
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> reading =
                new java.util.concurrent.atomic.AtomicReference<>(NOW.toInstant());
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("a test clock in UTC");
            }

            @Override
            public java.time.Instant instant() {
                return reading.get();
            }
        };
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                reading.set(later.toInstant());
                try {
                    Files.writeString(log, ENDED, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return polls.get() > 4;
        }, java.time.Duration.ZERO);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        watch.run(Args.parse(new String[] {log.toString(), "--format", "json"}, CommandSpecs.of(watch)), new Io(
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), false, () -> 0L, Path.of("")));

        assertThat(Cli.notices(err.toString(StandardCharsets.UTF_8))).isEmpty();
        assertThat(transitions(out.toString(StandardCharsets.UTF_8), DUTY)).last().satisfies(t -> {
            assertThat(t).startsWith("BREACHED ");
            assertThat(OffsetDateTime.parse(t.substring("BREACHED ".length())).toInstant())
                    .isEqualTo(later.toInstant());
        });
    }

    /**
     * docs/cli.md: the appointment lines a live watch reads together, with no other entry between them, are one
     * change, so a post handed over is never seen vacant, whichever line comes first: the old appointment's end
     * then the new one (as a log tells it; this order was reported {@code BREACHED}, then {@code MET}), or the new
     * one first.
     */
    @Test
    void a_live_watch_takes_a_handover_read_at_once_as_one_change_in_either_order(@TempDir Path dir)
            throws IOException {
        for (String handover : List.of(ENDED + NEXT, NEXT + ENDED)) {
            Path log = write(dir.resolve(handover.startsWith(ENDED) ? "end-first" : "new-first"),
                    PROFILE + APPOINTED + C1 + C2);

            WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW, handover, "--format",
                    "json");

            assertThat(Cli.notices(watch.err())).isEmpty();
            assertThat(transitions(watch.out(), DUTY)).as(log.toString())
                    .noneSatisfy(t -> assertThat(t).startsWith("BREACHED"));
            assertThat(WatchPlatformLinesTest.finalStates(watch.out())).containsEntry(DUTY, "MET ");
        }
    }

    /**
     * docs/cli.md: the same lines in two reads, the watch having read everything and waited between them, are two
     * changes: the old appointment's end is taken before the watch waits, and the post was vacant then, as the log
     * said it; the new appointment ends the vacancy when it comes.
     */
    @Test
    void a_live_watch_reports_the_vacancy_of_a_handover_whose_lines_come_in_two_reads(@TempDir Path dir)
            throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveInReads(log, NOW, List.of(ENDED, NEXT),
                "--format", "json");

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(kinds(transitions(watch.out(), DUTY))).containsExactly("MET", "BREACHED", "MET");
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).containsEntry(DUTY, "MET ");
    }

    /**
     * docs/cli.md: an event, a platform profile or an {@code EvidencePeriod} entry between two appointment lines splits
     * them: the lines before it are taken before it, never held back past it, so the post ended before the complaint
     * is vacant when the complaint comes. A line the watch rejects is no entry, and splits nothing.
     */
    @Test
    void a_live_watch_takes_the_appointment_lines_before_another_entry_before_it(@TempDir Path dir)
            throws IOException {
        Map<String, String> between = new TreeMap<>(Map.of(
                "event", complaint("c3", "2026-03-15T12:00:00+05:30"),
                "profile", PROFILE.replace("}\n", ",\"from\":\"2026-03-14T00:00:00+05:30\"}\n"),
                "period", "{\"type\":\"EvidencePeriod\",\"since\":\"2026-01-01T00:00:00+05:30\"}\n"));
        for (Map.Entry<String, String> entry : between.entrySet()) {
            Path log = write(dir.resolve(entry.getKey()), PROFILE + APPOINTED + C1 + C2);

            WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW,
                    ENDED + entry.getValue() + NEXT, "--format", "json");

            assertThat(watch.err()).as(entry.getKey()).doesNotContain("rejected");
            assertThat(kinds(transitions(watch.out(), DUTY))).as(entry.getKey())
                    .containsExactly("MET", "BREACHED", "MET");
        }
        Path log = write(dir.resolve("rejected"), PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW,
                ENDED + "{\"type\":\"ComplaintEscalated\"}\n" + NEXT, "--format", "json");

        assertThat(watch.err()).contains("cases.jsonl:6: type: unknown type 'ComplaintEscalated'");
        assertThat(kinds(transitions(watch.out(), DUTY))).containsExactly("MET");
    }

    /**
     * docs/cli.md: standard input too: the lines sent together are one change, and lines sent apart (the watch read
     * everything sent and waited) two.
     */
    @Test
    void standard_input_takes_a_handover_sent_together_as_one_change_and_sent_apart_as_two() throws IOException {
        String before = PROFILE + APPOINTED + C1 + C2;

        String together = piped(before + ENDED + NEXT);
        String apart = piped(before + ENDED, NEXT);

        assertThat(transitions(together, DUTY)).noneSatisfy(t -> assertThat(t).startsWith("BREACHED"));
        assertThat(WatchPlatformLinesTest.finalStates(together)).containsEntry(DUTY, "MET ");
        assertThat(kinds(transitions(apart, DUTY))).containsExactly("MET", "BREACHED", "MET");
    }

    @Test
    void a_live_watch_takes_the_same_appointment_again_as_nothing_new(@TempDir Path dir) throws IOException {
        Path log = write(dir, PROFILE + APPOINTED + C1 + C2);

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW, APPOINTED, "--format",
                "json");

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(transitions(watch.out(), DUTY)).noneSatisfy(t -> assertThat(t).startsWith("BREACHED"));
        assertThat(WatchPlatformLinesTest.finalStates(watch.out())).containsEntry(DUTY, "MET ");
    }

    // ---- helpers ----

    /**
     * The JSON lines of a watch of standard input at {@link #NOW}, sent {@code reads}: each read whole before the
     * next is sent, as a pipe that gives each once the watch waits.
     */
    private static String piped(String... reads) {
        java.io.InputStream stdin = System.in;
        try {
            java.util.Vector<java.io.InputStream> parts = new java.util.Vector<>();
            for (String read : reads) {
                parts.add(new java.io.ByteArrayInputStream(read.getBytes(StandardCharsets.UTF_8)));
            }
            System.setIn(new java.io.SequenceInputStream(parts.elements()));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            WatchCommand watch = new WatchCommand(java.time.Clock.fixed(NOW.toInstant(), java.time.ZoneOffset.UTC),
                    () -> true, java.time.Duration.ZERO);
            watch.run(Args.parse(new String[] {"-", "--format", "json"}, CommandSpecs.of(watch)), new Io(
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8), false, () -> 0L, Path.of("")));
            assertThat(Cli.notices(err.toString(StandardCharsets.UTF_8))).isEmpty();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setIn(stdin);
        }
    }

    /** The kinds of transitions given as {@link #transitions} gives them. */
    private static List<String> kinds(List<String> transitions) {
        return transitions.stream().map(t -> t.substring(0, t.indexOf(' '))).toList();
    }

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
