package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code niyam watch}: transitions as they happen, following a growing log, and replays by event time. */
class WatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_replay_reports_every_transition_by_the_log_s_own_time_as_json_lines_with_stable_ids() throws IOException {
        Cli.Result result = Cli.run("watch", "--replay", "--format", "json", "../examples/logs/late-intimate-imagery.jsonl");

        assertThat(result.err()).isEmpty();
        assertThat(result.exit()).as("a breach was seen").isEqualTo(Exit.FINDINGS);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("kind").asText()).contains("OPENED", "BREACHED", "MET_LATE");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("id").asText()).contains("#"));
        assertThat(lines.stream().map(l -> l.get("id").asText()).distinct().count()).isEqualTo(lines.size());
        // The same replay again gives the same transitions, ids and all.
        assertThat(Cli.run("watch", "--replay", "--format", "json", "../examples/logs/late-intimate-imagery.jsonl").out())
                .isEqualTo(result.out());
    }

    @Test
    void following_a_growing_log_reports_a_breach_by_the_clock_with_no_further_event(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """);
        AtomicInteger polls = new AtomicInteger();
        // The clock reads 13:00:00.001, one millisecond past the 3-hour deadline.
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T13:00:00.001+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, """
                            {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T12:59:00+05:30","action":"REMOVED"}
                            """, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return polls.get() > 4;
        }, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, () -> 0L, Path.of(""));

        int exit = watch.run(Args.parse(new String[] {log.toString()}, CommandSpecs.of(watch)), io);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(text).as("the platform's facts are given before the first event, not reported one by one")
                .doesNotContain("INDETERMINATE 4(1)");
        assertThat(text).contains("BREACHED    removal.on-order@order-1 (Rule 3(1)(d)), due 2026-03-02 13:00");
        // The removal that came later in the file, done at 12:59, corrects the breach: the order was met.
        assertThat(text).contains("MET         removal.on-order@order-1");
        assertThat(text).contains("Stopped at 2026-03-02 13:00:00.001");
        assertThat(exit).isEqualTo(Exit.FINDINGS);
    }

    /**
     * Standard input has no lines held at the start: each line is judged by the clock when it comes, so lines written
     * before the watch began are late (docs/cli.md): an order removed in time is reported breached, then met. A file
     * holding the same lines is replayed by their own time, and the order is met. Instants are shown to the
     * millisecond, whatever the clock's precision.
     */
    @Test
    void standard_input_is_judged_by_the_clock_as_it_comes_and_a_file_by_its_own_time(@TempDir Path dir)
            throws IOException {
        String lines = """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T11:00:00+05:30","action":"REMOVED"}
                """;
        // A machine's clock reads nanoseconds; the text shows milliseconds, as the kernel's instants have.
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-03T09:00:00.123456789+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        java.io.InputStream stdin = System.in;
        String piped;
        int pipedExit;
        try {
            System.setIn(new java.io.ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WatchCommand watch = new WatchCommand(clock, () -> true, Duration.ZERO);
            pipedExit = watch.run(Args.parse(new String[] {"-"}, CommandSpecs.of(watch)), new Io(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, () -> 0L,
                    Path.of("")));
            piped = out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setIn(stdin);
        }
        assertThat(piped).containsSubsequence("BREACHED    removal.on-order@order-1", "MET         removal.on-order@order-1");
        assertThat(pipedExit).isEqualTo(Exit.FINDINGS);
        assertThat(piped).contains("2026-03-03 09:00:00.123  BREACHED", "Stopped at 2026-03-03 09:00:00.123:")
                .doesNotContain("123456789");

        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WatchCommand watch = new WatchCommand(clock, () -> true, Duration.ZERO);
        watch.run(Args.parse(new String[] {log.toString()}, CommandSpecs.of(watch)), new Io(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, () -> 0L,
                Path.of("")));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MET         removal.on-order@order-1")
                .doesNotContain("BREACHED    removal.on-order@order-1");
    }

    @Test
    void on_a_terminal_the_screen_shows_what_is_breached_and_at_risk_with_the_time_left(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-2","caseId":"case-2","at":"2026-03-02T12:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T14:30:00+05:30").toInstant(), java.time.ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true, () -> 0L, Path.of(""));

        watch.run(Args.parse(new String[] {log.toString()}, CommandSpecs.of(watch)), io);

        String screen = out.toString(StandardCharsets.UTF_8);
        String last = screen.substring(screen.lastIndexOf("niyam watch  "));
        // Breached first, then at risk with its time left: order-2 is due at 15:00, 30 minutes from the clock.
        assertThat(last).contains("STATUS", "LEFT", "2026-03-02 14:30");
        assertThat(last.indexOf("BREACHED")).isLessThan(last.indexOf("AT RISK"));
        assertThat(last).containsPattern("AT RISK +Rule 3\\(1\\)\\(d\\) +case-2 +2026-03-02 15:00 +30 min");
        assertThat(last).contains("overdue 1 h 30 min");
    }

    /**
     * The reviewer's example, following a growing file: the acknowledgement in time is written last, after the case
     * (acknowledged late, resolved) left the monitor a week after it ended. The watch prints the
     * {@code case-came-back} finding, then each duty of the case marked indeterminate, the one reported met late first.
     */
    @Test
    void an_event_of_a_case_that_left_is_printed_as_a_finding_and_its_verdicts_marked(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"Mahanagar","registeredUsersInIndia":90000000,"messagingService":false}
                {"type":"ComplaintReceived","id":"c1-in","caseId":"C1","at":"2026-03-01T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintAcknowledged","id":"c1-ack-b","caseId":"C1","at":"2026-03-02T12:00:00+05:30"}
                {"type":"ComplaintResolved","id":"c1-res","caseId":"C1","at":"2026-03-03T10:00:00+05:30"}
                {"type":"ComplaintReceived","id":"c2-in","caseId":"C2","at":"2026-03-20T10:00:00+05:30","category":"GENERAL"}
                """);
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-21T09:00:00+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, """
                            {"type":"ComplaintAcknowledged","id":"c1-ack-a","caseId":"C1","at":"2026-03-01T11:00:00+05:30"}
                            """, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return polls.get() > 4;
        }, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        watch.run(Args.parse(new String[] {log.toString()}, CommandSpecs.of(watch)), new Io(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, () -> 0L,
                Path.of("")));
        assertThat(out.toString(StandardCharsets.UTF_8)).containsSubsequence(
                "MET LATE    complaint.acknowledge@c1-in",
                "2026-03-21 09:00  FINDING     case-came-back C1: Event c1-ack-a",
                "2026-03-21 09:00  INDETERMINATE complaint.acknowledge@c1-in (Rule 3(2)(a)(i))",
                "2026-03-21 09:00  INDETERMINATE complaint.resolve@c1-in (Rule 3(2)(a)(i))");
    }

    /**
     * The rule options are audit's: {@code --jurisdiction} was accepted and ignored, so the India pack (IN) judged
     * every case that states no jurisdiction whatever the option said, and a code that names no country passed.
     */
    @Test
    void a_default_jurisdiction_places_cases_that_state_none_as_in_audit() {
        Cli.Result india = Cli.run("watch", "--replay", "--format", "json", Cli.log("compliant.jsonl"),
                "--jurisdiction", "IN");
        Cli.Result germany = Cli.run("watch", "--replay", "--format", "json", Cli.log("compliant.jsonl"),
                "--jurisdiction", "DE");
        Cli.Result bad = Cli.run("watch", "--replay", Cli.log("compliant.jsonl"), "--jurisdiction", "EU");

        assertThat(india.out()).contains("GRV-1");
        assertThat(germany.exit()).as(germany.err()).isNotEqualTo(Exit.BAD_INPUT);
        assertThat(germany.out()).isNotEmpty().doesNotContain("GRV-1");
        assertThat(bad.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(bad.err()).contains("--jurisdiction needs an ISO 3166 code such as IN, DE or US-CA: 'EU'");
    }

    @Test
    void bad_options_are_usage_errors() {
        assertThat(Cli.run("watch", "--format", "html", "../examples/logs/late-intimate-imagery.jsonl").exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(Cli.run("watch", "--warn", "soon", "../examples/logs/late-intimate-imagery.jsonl").err())
                .contains("--warn takes an ISO-8601 duration");
        assertThat(Cli.run("watch", "no-such-file.jsonl").err())
                .contains("niyam watch: no such file: no-such-file.jsonl");
    }

    /** A directory exists, but is no case log: each command that reads case logs says so, in the same words. */
    @Test
    void a_directory_is_refused_as_a_directory_not_as_missing(@TempDir Path dir) {
        for (String command : List.of("watch", "audit", "monthly-report")) {
            Cli.Result result = command.equals("monthly-report") ? Cli.run(command, dir.toString(), "--month",
                    "2026-03") : Cli.run(command, dir.toString());

            assertThat(result.exit()).as(command).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).as(command).startsWith("niyam " + command + ": " + dir
                    + " is a directory, not a case log file: give the case log files in it");
        }
        assertThat(Cli.run("watch", "--replay", dir.toString()).err())
                .contains(dir + " is a directory, not a case log");
    }
}
