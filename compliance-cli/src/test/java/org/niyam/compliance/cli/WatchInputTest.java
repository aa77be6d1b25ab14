package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code niyam watch} reads: bytes that are not UTF-8 reject their line only (replay and live), a log truncated
 * in place or replaced under its name is read again from its start, and a watch started on a log that holds lines
 * already judges them by their own time, not as if they all came at the start.
 */
class WatchInputTest {

    private static final String PROFILE = """
            {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false,"addressInIndiaPublished":true}
            """;

    private static String order(String id, String at) {
        return "{\"type\":\"RemovalOrderReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + id + "\",\"at\":\"" + at
                + "\",\"issuer\":{\"kind\":\"COURT\",\"authority\":\"High Court\"}}\n";
    }

    /**
     * docs/json.md: "Bytes that are not UTF-8 reject their line only"; docs/cli.md: bad lines are listed "as in
     * audit". A replay stops at such a line with {@code niyam watch: cannot read FILE: Input length = 1} (exit 2),
     * naming no line and reporting nothing of the lines after it, where {@code niyam audit} rejects the line only.
     */
    @Test
    void a_replay_rejects_a_line_that_is_not_utf8_and_goes_on(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        byte[] bad = order("order-1", "2026-03-02T10:00:00+05:30").replace("High Court", "High \u00ffCourt")
                .getBytes(StandardCharsets.ISO_8859_1); // a lone 0xFF byte
        Files.write(log, PROFILE.getBytes(StandardCharsets.UTF_8));
        Files.write(log, bad, StandardOpenOption.APPEND);
        Files.writeString(log, order("order-2", "2026-03-02T10:30:00+05:30"), StandardOpenOption.APPEND);

        Cli.Result result = Cli.run("watch", "--replay", log.toString());

        assertThat(result.err()).contains("cases.jsonl:2: the line is not valid UTF-8").doesNotContain("Input length");
        assertThat(result.out()).contains("OPENED          removal.on-order@order-2");
    }

    /**
     * docs/cli.md: "The text lines give instants in India Standard Time ..., whatever offset the log writes": an order
     * received at 10:00 +01:00 is shown at 14:30, due 17:30 (3 h), with --format json giving the offsets.
     */
    @Test
    void text_lines_give_instants_in_india_standard_time_and_json_with_their_offset(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+01:00"));

        Cli.Result text = Cli.run("watch", "--replay", log.toString());
        Cli.Result json = Cli.run("watch", "--replay", "--format", "json", log.toString());

        assertThat(text.out()).contains("2026-03-02 14:30         OPENED          removal.on-order@order-1 (Rule 3(1)(d)), "
                + "due 2026-03-02 17:30");
        assertThat(json.out()).contains("\"at\":\"2026-03-02T14:30:00+05:30\"",
                "\"triggeredAt\":\"2026-03-02T10:00:00+01:00\"");
    }

    /**
     * The same on a live watch: the line written after the watch started is rejected and the watch goes on (it
     * used to end there, so nothing written later was reported); the exit code says a line was rejected.
     */
    @Test
    void a_live_watch_rejects_a_line_that_is_not_utf8_and_keeps_watching(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30"));
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T12:00:00+05:30").toInstant(), ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.write(log, order("order-2", "2026-03-02T11:00:00+05:30").replace("High Court", "High \u00ffCourt")
                            .getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
                    Files.writeString(log, order("order-3", "2026-03-02T11:30:00+05:30"), StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 6;
        }, Duration.ZERO);
        Run run = run(watch, log);

        assertThat(run.err()).contains(":3: the line is not valid UTF-8");
        assertThat(run.out()).contains("OPENED          removal.on-order@order-3");
        assertThat(run.exit()).as("a rejected line, as for audit").isEqualTo(Exit.BAD_INPUT);
    }

    /**
     * docs/cli.md ({@code --strict}): a live watch stops at the first bad line, and says that the transitions it
     * reported before the line stand (it said "nothing was evaluated", as audit, after printing them); a bad line
     * before anything was reported still says nothing was evaluated.
     */
    @Test
    void a_live_watch_stopped_by_a_bad_line_under_strict_says_what_it_reported_before_it(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30"));
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T12:00:00+05:30").toInstant(), ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, "{\"type\":\"RemovalOrderReceived\"\n", StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 6;
        }, Duration.ZERO);
        Run run = run(watch, log, "--strict");

        assertThat(run.out()).contains("OPENED          removal.on-order@order-1");
        long printed = run.out().lines().count(); // one line per transition
        assertThat(run.err()).contains("cases.jsonl:3:").endsWith("niyam watch: stopped at the first bad entry "
                + "(--strict); the " + printed + " transitions reported before it stand\n");
        assertThat(run.exit()).isEqualTo(Exit.BAD_INPUT);

        Files.writeString(log, "{\"type\":\"RemovalOrderReceived\"\n" + PROFILE);
        Cli.Result first = Cli.run("watch", "--replay", "--strict", log.toString());
        assertThat(first.err()).contains("cases.jsonl:1:", "niyam watch: stopped at the first bad entry (--strict); "
                + "nothing was evaluated.");
        assertThat(first.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    /**
     * docs/cli.md ({@code --replay}): a log with no event is refused, as audit refuses one without
     * {@code --as-of}: a replay's time is its events' (it ended "Stopped at -" with exit code 0).
     */
    @Test
    void a_replay_of_a_log_with_no_event_is_refused(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("platform.jsonl");
        Files.writeString(log, PROFILE);

        Cli.Result result = Cli.run("watch", "--replay", log.toString());

        assertThat(result.err()).contains("niyam watch: " + log + " holds no event to replay: a replay runs by its "
                + "events' own time; to judge the platform's standing duties at an instant, run niyam audit " + log
                + " --as-of INSTANT");
        assertThat(result.out()).isEmpty();
        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    /**
     * "Follows a case log as it grows (like tail -f)": a file truncated in place (logrotate's copytruncate) is read
     * again from its start, with a notice (the watch used to keep its position past the new end and read nothing).
     */
    @Test
    void a_log_truncated_in_place_is_read_again_from_its_start(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30")
                + order("order-long-enough-to-be-longer-than-the-next", "2026-03-02T10:05:00+05:30"));
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T11:00:00+05:30").toInstant(), ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, order("order-2", "2026-03-02T10:50:00+05:30"),
                            StandardOpenOption.TRUNCATE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 6;
        }, Duration.ZERO);
        Run run = run(watch, log);

        assertThat(run.out()).contains("OPENED          removal.on-order@order-2");
        assertThat(run.err()).contains("was truncated: reading it again from its start");
    }

    /** A log rotated (renamed, a new file under its name) is read from the new file's start, with a notice. */
    @Test
    void a_log_replaced_under_its_name_is_read_from_the_new_file(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30"));
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T11:00:00+05:30").toInstant(), ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.move(log, dir.resolve("cases.jsonl.1"));
                    Files.writeString(log, order("order-2", "2026-03-02T10:50:00+05:30"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 6;
        }, Duration.ZERO);
        Run run = run(watch, log);

        assertThat(run.out()).contains("OPENED          removal.on-order@order-2");
        assertThat(run.err()).contains("was replaced (rotated?)");
    }

    /**
     * A watch started on a log that holds lines already: they are judged by their own time up to the clock, so an
     * order removed in time is met, never reported breached because the watch started after its deadline (it used
     * to report every past deadline BREACHED, then MET).
     */
    @Test
    void a_watch_started_on_a_log_judges_its_lines_by_their_own_time(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30")
                + order("order-2", "2026-03-02T11:00:00+05:30")
                + "{\"type\":\"ContentRemoved\",\"id\":\"removed-1\",\"caseId\":\"order-1\","
                + "\"at\":\"2026-03-02T12:50:00+05:30\",\"action\":\"REMOVED\"}\n");
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T16:00:00+05:30").toInstant(), ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO);
        Run run = run(watch, log);

        String text = run.out();
        assertThat(text).contains("12:50         MET             removal.on-order@order-1 ")
                .doesNotContain("BREACHED        removal.on-order@order-1 ")
                .contains("14:00:00.001  BREACHED        removal.on-order@order-2 ");
        assertThat(run.exit()).isEqualTo(Exit.FINDINGS);
    }

    /** "Stopped at" is the instant the watch stopped, by its clock, not the last thing that happened before. */
    @Test
    void the_watch_says_where_things_stand_when_it_stops(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PROFILE + order("order-1", "2026-03-02T10:00:00+05:30"));
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> time = new java.util.concurrent.atomic
                .AtomicReference<>(OffsetDateTime.parse("2026-03-02T10:30:00+05:30").toInstant());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return time.get();
            }
        };
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                time.set(OffsetDateTime.parse("2026-03-02T10:45:00+05:30").toInstant());
            }
            return polls.get() > 2;
        }, Duration.ZERO);
        Run run = run(watch, log);

        assertThat(run.out()).contains("Stopped at 2026-03-02 10:45:");
        // The order's removal duty (open) and two of the platform's standing duties, the noun in agreement.
        assertThat(run.out()).contains("Stopped at 2026-03-02 10:45: 3 obligations to settle (1 breached, "
                + "1 indeterminate, 0 at risk, 1 open).");
        assertThat(WatchCommand.obligations(1)).isEqualTo("1 obligation");
        assertThat(WatchCommand.obligations(0)).isEqualTo("0 obligations");
    }

    /**
     * The lines a log holds at the start are taken in time order: an order's removal written after a later order
     * (out of order by more than the bound) still meets it, where a replay line by line took it as late and reported
     * the order breached first.
     */
    @Test
    void the_lines_a_log_holds_at_the_start_are_taken_in_time_order(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, order("oA", "2026-03-02T10:00:00+05:30") + order("oB", "2026-03-02T14:00:00+05:30")
                + "{\"type\":\"ContentRemoved\",\"id\":\"rA\",\"caseId\":\"oA\","
                + "\"at\":\"2026-03-02T11:00:00+05:30\",\"action\":\"REMOVED\"}\n");
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T16:00:00+05:30").toInstant(), ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        Run run = run(new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO), log);

        assertThat(run.out()).contains("11:00         MET             removal.on-order@oA ")
                .doesNotContain("BREACHED        removal.on-order@oA ");
    }

    /**
     * A replay over a quiet stretch, with a month's end and then an officer's post falling vacant in it: the
     * transitions come in time order (the month's report was heard after the vacancy ten days later).
     */
    @Test
    void a_replay_over_a_quiet_stretch_reports_in_time_order(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("quiet.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"Chaupal","registeredUsersInIndia":48000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"OfficerAppointment","id":"appt-go-1","role":"GRIEVANCE_OFFICER","person":"P. Menon","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-20T00:00:00+05:30"}
                {"type":"OfficerAppointment","id":"appt-rgo-1","role":"RESIDENT_GRIEVANCE_OFFICER","person":"P. Menon","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30","to":"2026-02-10T00:00:00+05:30"}
                {"type":"OfficerAppointment","id":"appt-cco-1","role":"CHIEF_COMPLIANCE_OFFICER","person":"K. Singh","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30","keyManagerialOrSenior":true}
                {"type":"OfficerAppointment","id":"appt-ncp-1","role":"NODAL_CONTACT_PERSON","person":"K. Singh","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30"}
                {"type":"UsersInformed","id":"notice-2026-01","caseId":"user-notices","at":"2026-01-02T00:00:00+05:30"}
                {"type":"ComplianceReportPublished","id":"report-2026-01","caseId":"monthly-reports","at":"2026-02-12T17:00:00+05:30","month":"2026-01"}
                """);
        Cli.Result result = Cli.run("watch", "--replay", "--format", "json", log.toString());

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> ids = new java.util.ArrayList<>();
        java.time.Instant last = java.time.Instant.MIN;
        for (String line : result.out().split("\n")) {
            com.fasterxml.jackson.databind.JsonNode transition = json.readTree(line);
            java.time.Instant at = OffsetDateTime.parse(transition.path("at").asText()).toInstant();
            assertThat(at).as("in time order: %s", line).isAfterOrEqualTo(last);
            last = at;
            ids.add(transition.path("id").asText());
        }
        assertThat(ids).contains("4(1)(d).monthly-report@month-end:2026-01#1:OPENED",
                "4(1)(c).resident-grievance-officer#2:BREACHED");
    }

    /** What a watch wrote and how it ended. */
    private record Run(String out, String err, int exit) {
    }

    private static Run run(WatchCommand watch, Path log, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), false, () -> 0L, Path.of(""));
        String[] args = new String[options.length + 1];
        args[0] = log.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        int exit = watch.run(Args.parse(args, CommandSpecs.of(watch)), io);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }
}
