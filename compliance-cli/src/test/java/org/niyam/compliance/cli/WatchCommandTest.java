package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Transition;

/** {@code niyam watch}: transitions as they happen, following a growing log, and replays by event time. */
class WatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_replay_reports_every_transition_by_the_log_s_own_time_as_json_lines_with_stable_ids() throws IOException {
        Cli.Result result = Cli.run("watch", "--replay", "--format", "json", "../examples/logs/late-intimate-imagery.jsonl");

        assertThat(Cli.notices(result.err())).isEmpty();
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
        // The clock reads 13:00:00.001, one millisecond past the 3-hour deadline.
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T13:00:00.001+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, appendingOnce(log, """
                {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T12:59:00+05:30","action":"REMOVED"}
                """), Duration.ZERO);
        Run run = run(watch, log.toString());

        String text = run.out();
        assertThat(run.err()).isEmpty();
        assertThat(text).as("the platform's facts are given before the first event, not reported one by one")
                .doesNotContain("INDETERMINATE   4(1)");
        assertThat(text).contains("BREACHED        removal.on-order@order-1 (Rule 3(1)(d)), due 2026-03-02 13:00");
        // The removal that came later in the file, done at 12:59, corrects the breach: the order was met.
        assertThat(text).contains("MET             removal.on-order@order-1");
        assertThat(text).contains("Stopped at 2026-03-02 13:00:00.001");
        assertThat(run.exit()).isEqualTo(Exit.FINDINGS);
    }

    /**
     * docs/monitoring.md (Time): a removal done exactly at the breach instant, 13:00:00.001, is judged with the timer
     * of that instant in a replay, as the audit judges it: met late, never breached. A live watch whose clock reached
     * that instant before the line came reported the breach, and the removal then makes it met late.
     */
    @Test
    void a_removal_at_the_breach_instant_is_met_late_in_a_replay_and_breached_first_live(@TempDir Path dir)
            throws IOException {
        String head = """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """;
        String removal = """
                {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T13:00:00.001+05:30","action":"REMOVED"}
                """;
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, head + removal);
        Cli.Result replay = Cli.run("watch", "--replay", log.toString());
        assertThat(replay.err()).isEmpty();
        assertThat(replay.out()).contains("MET LATE        removal.on-order@order-1")
                .doesNotContain("BREACHED        removal.on-order@order-1");

        Files.writeString(log, head);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T13:00:00.001+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, appendingOnce(log, removal), Duration.ZERO);
        Run run = run(watch, log.toString());
        String live = run.out();
        assertThat(run.err()).isEmpty();
        assertThat(live.indexOf("BREACHED        removal.on-order@order-1")).as(live).isNotNegative()
                .isLessThan(live.indexOf("MET LATE        removal.on-order@order-1"));
    }

    /**
     * Standard input has no lines held at the start: each line is judged by the clock when it comes, so lines written
     * before the watch began are late (docs/cli.md): an order removed in time, the removal sent after the watch read
     * the order and waited, is reported breached, then met. A file holding the same lines is replayed by their own
     * time, and the order is met. Instants are shown exactly as judged, to the clock's nanosecond.
     */
    @Test
    void standard_input_is_judged_by_the_clock_as_it_comes_and_a_file_by_its_own_time(@TempDir Path dir)
            throws IOException {
        String lines = """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T11:00:00+05:30","action":"REMOVED"}
                """;
        // A machine's clock reads nanoseconds, and the lines are judged at its reading: the text shows all of it.
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-03T09:00:00.123456789+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        java.io.InputStream stdin = System.in;
        String piped;
        int pipedExit;
        try {
            int removal = lines.indexOf("{\"type\":\"ContentRemoved\"");
            System.setIn(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(lines.substring(0, removal).getBytes(StandardCharsets.UTF_8)),
                    new java.io.ByteArrayInputStream(lines.substring(removal).getBytes(StandardCharsets.UTF_8))));
            Run run = run(new WatchCommand(clock, () -> true, Duration.ZERO), "-");
            pipedExit = run.exit();
            piped = run.out();
        } finally {
            System.setIn(stdin);
        }
        assertThat(piped).containsSubsequence("BREACHED        removal.on-order@order-1",
                "MET             removal.on-order@order-1");
        assertThat(pipedExit).isEqualTo(Exit.FINDINGS);
        assertThat(piped).contains("2026-03-03 09:00:00.123456789  BREACHED",
                "Stopped at 2026-03-03 09:00:00.123456789:");

        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, lines);
        assertThat(run(new WatchCommand(clock, () -> true, Duration.ZERO), log.toString()).out())
                .contains("MET             removal.on-order@order-1")
                .doesNotContain("BREACHED        removal.on-order@order-1");
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
        String screen = run(watch, true, log.toString()).out();
        String last = screen.substring(screen.lastIndexOf("niyam watch  "));
        // Breached first, then at risk with its time left: order-2 is due at 15:00, 30 minutes from the clock.
        assertThat(last).contains("STATUS", "LEFT", "2026-03-02 14:30");
        assertThat(last.indexOf("BREACHED")).isLessThan(last.indexOf("AT RISK"));
        assertThat(last).containsPattern("AT RISK +Rule 3\\(1\\)\\(d\\) +case-2 +2026-03-02 15:00 +30 min");
        assertThat(last).contains("overdue 1 h 30 min");
    }

    /**
     * The screen's columns line up whatever the status (INDETERMINATE is wider than AT RISK) and whatever the due
     * instants (with a fraction or without); the time left is honest below a minute: an order overdue by 0.4 ms,
     * whose breach (1 ms after its due instant) is still to come, is "overdue under 1 s", not "overdue 0 min"; one
     * due in 30 s has "30 s" left, one due at the clock's instant "0 s" (docs/cli.md).
     */
    @Test
    void the_screen_s_columns_line_up_for_every_status_and_instant_and_time_left_is_honest_below_a_minute(
            @TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-2","caseId":"case-2","at":"2026-03-02T12:00:00.0005+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-3","caseId":"case-3","at":"2026-03-02T11:29:59.9996+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-4","caseId":"case-4","at":"2026-03-02T11:30:30+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-5","caseId":"case-5","at":"2026-03-02T11:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-6","caseId":"case-6","at":"2026-03-02T11:30:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"ContentRemoved","id":"removed-5","caseId":"case-5","at":"2026-03-02T14:00:00.0015+05:30","action":"REMOVED"}
                """);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T14:30:00+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO);
        String screen = run(watch, true, log.toString()).out();
        List<String> last = screen.substring(screen.lastIndexOf("niyam watch  ")).lines().toList();

        String header = last.get(2);
        List<String> rows = last.subList(3, 3 + last.subList(3, last.size()).indexOf(""));
        assertThat(rows).extracting(row -> row.substring(0, 15).strip()).contains("BREACHED", "INDETERMINATE",
                "AT RISK");
        assertThat(String.join("\n", rows)).contains("2026-03-02 15:00:00.000500", "2026-03-02 13:00 ");
        for (String column : List.of("CLAUSE", "CASE", "DUE", "LEFT")) {
            int start = header.indexOf(column);
            // A duty with no due instant has nothing left: its row ends where the column starts ("|" marks the end).
            assertThat(rows).as(column + " starts at " + start + " in every row:\n" + String.join("\n", last))
                    .allSatisfy(row -> assertThat((row + "|").substring(start - 1, start + 1)).matches(" \\S"));
        }
        assertThat(rows).anySatisfy(row -> assertThat(row).contains(" case-3 ").endsWith(" overdue under 1 s"))
                .anySatisfy(row -> assertThat(row).contains(" case-4 ").endsWith(" 30 s"))
                .anySatisfy(row -> assertThat(row).contains(" case-2 ").endsWith(" 30 min"))
                .anySatisfy(row -> assertThat(row).contains(" case-6 ").endsWith(" 0 s"));

        // The latest transitions: their kinds and what they are about line up too, MET LATE and AT RISK alike.
        List<String> latest = last.subList(last.indexOf("Latest:") + 1, last.size()).stream()
                .filter(line -> line.startsWith("  ")).toList(); // not the line the watch stops with
        assertThat(latest).hasSize(8).anySatisfy(line -> assertThat(line).contains("  MET LATE  "))
                .anySatisfy(line -> assertThat(line).contains("  NOT APPLICABLE  "));
        java.util.regex.Pattern kind = java.util.regex.Pattern.compile("^  \\S+ \\S+ +");
        java.util.regex.Pattern what = java.util.regex.Pattern.compile("^  \\S+ \\S+ +[A-Z]+( [A-Z]+)? +");
        for (java.util.regex.Pattern column : List.of(kind, what)) {
            assertThat(latest).as(String.join("\n", latest)).extracting(line -> {
                java.util.regex.Matcher m = column.matcher(line);
                return m.find() ? m.end() : -1;
            }).containsOnly(column.matcher(latest.get(0)).results().findFirst().orElseThrow().end());
        }
    }

    /**
     * Sub-millisecond instants are judged to the nanosecond, and shown so: a removal 0.4 ms after an order's due
     * instant is MET LATE at 13:00:00.000900 for a due of 13:00:00.000500, never "13:00 ... due 13:00". Each line's
     * instant is padded to the widest printed so far, at least one to the millisecond, so that the kinds line up.
     */
    @Test
    void a_removal_late_by_less_than_a_millisecond_shows_its_instant_and_due_as_judged(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"T","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"o0","caseId":"S0","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"HC"}}
                {"type":"RemovalOrderReceived","id":"o1","caseId":"S1","at":"2026-03-02T10:00:00.0005+05:30","issuer":{"kind":"COURT","authority":"HC"}}
                {"type":"ContentRemoved","id":"r1","caseId":"S1","at":"2026-03-02T13:00:00.0009+05:30","basis":"ORDER"}
                """);
        Cli.Result replay = Cli.run("watch", "--replay", log.toString());

        assertThat(replay.err()).isEmpty();
        assertThat(replay.out()).contains("2026-03-02 10:00         BREACHED        3(2)(a).grievance-officer ",
                "2026-03-02 10:00:00.000500  OPENED          removal.on-order@o1 (Rule 3(1)(d)), due 2026-03-02 "
                        + "13:00:00.000500: ",
                "2026-03-02 13:00:00.000900  MET LATE        removal.on-order@o1 (Rule 3(1)(d)), due 2026-03-02 "
                        + "13:00:00.000500: ",
                "\nStopped at 2026-03-02 13:00:00.000900: ");
        // From the first instant with microseconds on, the lines line up with it.
        List<String> lines = replay.out().lines().toList();
        List<String> after = lines.subList(lines.indexOf(lines.stream().filter(l -> l.contains("000500  OPENED"))
                .findFirst().orElseThrow()), lines.size() - 1);
        assertThat(after).hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.substring(26, 30)).matches("  [A-Z]{2}"));
        assertThat(Cli.run("audit", log.toString()).out())
                .contains("Done 3 h 0.4 ms after the clock started, 0.4 ms after the 3 h allowed.");
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
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-21T09:00:00+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, appendingOnce(log, """
                {"type":"ComplaintAcknowledged","id":"c1-ack-a","caseId":"C1","at":"2026-03-01T11:00:00+05:30"}
                """), Duration.ZERO);
        assertThat(run(watch, log.toString()).out()).containsSubsequence(
                "MET LATE        complaint.acknowledge@c1-in",
                "2026-03-21 09:00         FINDING         case-came-back C1: Event c1-ack-a",
                "2026-03-21 09:00         INDETERMINATE   complaint.acknowledge@c1-in (Rule 3(2)(a)(i))",
                "2026-03-21 09:00         INDETERMINATE   complaint.resolve@c1-in (Rule 3(2)(a)(i))");
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

    /** A restricted pack's loop that never ends stops the watch after the step limit, in one line naming the rule. */
    @Test
    void a_loop_that_never_ends_stops_the_watch_in_one_line_naming_the_rule() {
        String drl = Cli.RESOURCES + "rules/loops-forever.drl";
        Cli.Result result = Cli.run("watch", "--replay", Cli.log("compliant.jsonl"), "--rules", drl, "--no-cache");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).contains("niyam watch: a rule failed while evaluating (loops.forever): rule "
                + "'loops.forever' (Policy 1, " + drl + ":5) took more than 100,000,000 steps in its consequence")
                .doesNotContain("\tat ", "Exception");
    }

    /**
     * A platform rule over every pair of complaints, whose cases leave a week after they came: the replay's firing
     * limit counts the events of the cases that left, as the audit's does (it stopped with an internal class's name).
     */
    @Test
    void a_replay_counts_the_events_of_cases_that_left_in_its_firing_limit_as_the_audit_does(@TempDir Path dir)
            throws IOException {
        Path drl = dir.resolve("pairs.drl");
        Files.writeString(drl, """
                package attack.pairs;
                import org.niyam.compliance.model.*;
                import java.util.List;

                rule "g.pairs" @citation("t")
                when
                    $a : CustomEvent(kind == "complaint")
                    $b : CustomEvent(kind == "complaint", id.compareTo($a.id) > 0)
                then
                end

                rule "l.triage" @citation("t")
                when
                    $e : CustomEvent(kind == "complaint", $c : caseId)
                then
                    insert(new Assessment("t.triage", "Triage", Status.MET, "triaged", List.of($e.id()), $c));
                end
                """);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append(String.format("{\"type\": \"CustomEvent\", \"id\": \"e%03d\", \"caseId\": \"C%03d\", "
                    + "\"at\": \"2026-01-01T10:01:%02d+05:30\", \"kind\": \"complaint\"}%n", i, i, i % 60));
        }
        lines.append("{\"type\": \"CustomEvent\", \"id\": \"n1\", \"caseId\": \"N1\", "
                + "\"at\": \"2026-02-20T10:00:00+05:30\", \"kind\": \"noise\"}\n");
        Path log = Files.writeString(dir.resolve("pairs.jsonl"), lines);

        Cli.Result audit = Cli.run("audit", log.toString(), "--rules", drl.toString(), "--no-builtin-rules",
                "--no-cache");
        Cli.Result replay = Cli.run("watch", "--replay", log.toString(), "--rules", drl.toString(),
                "--no-builtin-rules", "--no-cache");

        assertThat(audit.exit()).as(audit.err()).isEqualTo(0);
        assertThat(replay.exit()).as(replay.err()).isEqualTo(0);
        assertThat(replay.err()).doesNotContain("internal error", "Unpartitionable");
    }

    /** A finding of no case (a platform rule's) names the platform, not a case "null". */
    @Test
    void a_platform_finding_names_the_platform_in_a_text_line() {
        Transition t = new Transition("finding:busy#1:FINDING", Transition.Kind.FINDING,
                OffsetDateTime.parse("2026-02-02T10:00:00+05:30"), null, null,
                new Finding("busy", null, "two or more complaints on the platform", List.of()));

        assertThat(WatchCommand.line(t, 16)).endsWith("FINDING         busy (platform): two or more complaints on "
                + "the platform").doesNotContain("null");
    }

    @Test
    void bad_options_are_usage_errors() {
        assertThat(Cli.run("watch", "--format", "html", "../examples/logs/late-intimate-imagery.jsonl").exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(Cli.run("watch", "--warn", "soon", "../examples/logs/late-intimate-imagery.jsonl").err())
                .contains("--warn takes an ISO-8601 duration");
        assertThat(Cli.run("watch", "no-such-file.jsonl").err())
                .contains("niyam watch: no such file: no-such-file.jsonl");
    }

    /**
     * A restarted watch keeps no state: it sends the file's history again, replayed by its own time. Where every line
     * came in time, the ids are those of the first run; where one came later than the bound (a removal of 12:59
     * written after the breach was reported), the first run numbered BREACHED then MET, the restart MET alone: the
     * ids from there on name other transitions (docs/monitoring.md).
     */
    @Test
    void a_restarted_watch_sends_the_history_again_with_the_same_ids_where_no_line_came_late(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-2","caseId":"case-2","at":"2026-03-02T10:30:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"ContentRemoved","id":"removed-2","caseId":"case-2","at":"2026-03-02T11:00:00+05:30","action":"REMOVED"}
                """);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T13:00:00.001+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand first = new WatchCommand(clock, appendingOnce(log, """
                {"type":"ContentRemoved","id":"removed-1","caseId":"case-1","at":"2026-03-02T12:59:00+05:30","action":"REMOVED"}
                """), Duration.ZERO);
        List<String> before = ids(first, log);
        List<String> after = ids(new WatchCommand(clock, () -> true, Duration.ZERO), log);

        assertThat(before).as("the removal came late: breached, then met")
                .contains("removal.on-order@order-1#3:BREACHED", "removal.on-order@order-1#4:MET");
        assertThat(after).as("the restart sends the history again").contains("removal.on-order@order-1#3:MET")
                .doesNotContain("removal.on-order@order-1#3:BREACHED", "removal.on-order@order-1#4:MET");
        assertThat(after.stream().filter(id -> id.startsWith("removal.on-order@order-2")).toList())
                .as("where no line came late, the same ids").isNotEmpty()
                .isEqualTo(before.stream().filter(id -> id.startsWith("removal.on-order@order-2")).toList());
    }

    private static List<String> ids(WatchCommand watch, Path log) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : run(watch, log.toString(), "--format", "json").out().split("\n")) {
            ids.add(JSON.readTree(line).get("id").asText());
        }
        return ids;
    }

    /**
     * With {@code --format json}, standard output holds the transitions only; what is left to settle as the watch
     * stops (here told to stop, as Ctrl-C does) is the text format's line, on standard error. A replay that ends
     * gives it too.
     */
    @Test
    void a_json_watch_says_what_is_left_to_settle_on_standard_error(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-2","caseId":"case-2","at":"2026-03-02T12:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T14:30:00+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO);
        Run run = run(watch, log.toString(), "--format", "json");

        assertThat(run.exit()).isEqualTo(Exit.FINDINGS);
        for (String line : run.out().split("\n")) {
            assertThat(JSON.readTree(line).get("id").asText()).contains("#");
        }
        assertThat(run.err()).isEqualTo("Stopped at 2026-03-02 14:30: 4 obligations to "
                + "settle (2 breached, 1 indeterminate, 1 at risk, 0 open).\n");

        Cli.Result replay = Cli.run("watch", "--replay", "--format", "json", log.toString());
        assertThat(replay.err()).isEqualTo("Stopped at 2026-03-02 12:00: 4 obligations to settle (1 breached, "
                + "1 indeterminate, 0 at risk, 2 open).\n");
    }

    /**
     * An event stamped far ahead of the clock (2062 typed for 2026) waits for its instant: the watch says so as it
     * takes it, naming its line, and counts it as it stops. One an hour ahead waits too, without a notice.
     */
    @Test
    void an_event_far_ahead_of_the_clock_is_told_and_counted_as_waiting(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false}
                {"type":"RemovalOrderReceived","id":"order-1","caseId":"case-1","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                {"type":"RemovalOrderReceived","id":"order-2062","caseId":"case-2","at":"2062-03-02T11:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-02T12:00:00+05:30").toInstant(),
                java.time.ZoneOffset.UTC);
        WatchCommand watch = new WatchCommand(clock, appendingOnce(log, """
                {"type":"RemovalOrderReceived","id":"order-soon","caseId":"case-3","at":"2026-03-02T13:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Delhi"}}
                """), Duration.ZERO);
        Run run = run(watch, log.toString());

        assertThat(run.err()).isEqualTo("niyam watch: " + log + ":3: event 'order-2062' is "
                + "at 2062-03-02T11:00+05:30, more than a day ahead of this machine's clock (2026-03-02 12:00 IST): it "
                + "waits until the clock reaches that instant, and is judged then; if its date is wrong, correct the "
                + "line\n");
        assertThat(run.out()).doesNotContain("order-2062", "order-soon")
                .contains("Stopped at 2026-03-02 12:00: 3 obligations to settle (1 breached, 1 indeterminate, 0 at "
                        + "risk, 1 open); 2 events wait for the clock to reach their instants (latest "
                        + "2062-03-02 11:00).");
        // A replay has no clock to wait for: the same log is judged by its own time, with no notice.
        Cli.Result replay = Cli.run("watch", "--replay", log.toString());
        assertThat(replay.err()).isEmpty();
        assertThat(replay.out()).contains("removal.on-order@order-2062").doesNotContain("wait");
    }

    /**
     * A case id that gets a second complaint two weeks after the first was settled: the case left the watch a week
     * after its duties ended, so the second is judged without the first, with a {@code case-came-back} finding
     * (exit code 1) where the audit finds nothing. Kept longer ({@code --retain-ended-cases}), it never leaves.
     */
    @Test
    void a_case_id_used_again_is_judged_with_its_case_when_ended_cases_are_kept_longer(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"S","registeredUsersInIndia":3000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"OfficerAppointment","id":"g1","role":"GRIEVANCE_OFFICER","person":"A","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2024-01-01T00:00:00+05:30"}
                {"type":"UsersInformed","id":"n1","caseId":"user-notices","at":"2026-03-01T00:00:00+05:30"}
                {"type":"ComplaintReceived","id":"c1","caseId":"K1","at":"2026-03-01T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintAcknowledged","id":"c1a","caseId":"K1","at":"2026-03-01T11:00:00+05:30"}
                {"type":"ComplaintResolved","id":"c1r","caseId":"K1","at":"2026-03-02T11:00:00+05:30"}
                {"type":"ComplaintReceived","id":"c2","caseId":"K1","at":"2026-03-15T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintAcknowledged","id":"c2a","caseId":"K1","at":"2026-03-15T11:00:00+05:30"}
                {"type":"ComplaintResolved","id":"c2r","caseId":"K1","at":"2026-03-16T11:00:00+05:30"}
                """);

        Cli.Result audit = Cli.run("audit", log.toString());
        Cli.Result byDefault = Cli.run("watch", "--replay", log.toString());
        Cli.Result kept = Cli.run("watch", "--replay", "--retain-ended-cases", "P30D", log.toString());

        assertThat(audit.exit()).isEqualTo(Exit.OK);
        assertThat(byDefault.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(byDefault.out()).contains("FINDING         case-came-back K1");
        assertThat(kept.exit()).as(kept.out()).isEqualTo(Exit.OK);
        assertThat(kept.out()).doesNotContain("case-came-back").contains("MET             complaint.resolve@c2");
        assertThat(Cli.run("watch", "--retain-ended-cases", "a week", log.toString()).err())
                .contains("--retain-ended-cases takes an ISO-8601 duration such as PT30M or PT2H: a week");
        assertThat(Cli.run("watch", "--retain-ended-cases", "-P1D", log.toString()).err())
                .contains("--retain-ended-cases cannot be negative: -P1D");
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

    /**
     * Stops a watch at its fifth look for more lines; at its second, appends {@code line} to the log, as a producer
     * writing while the watch follows it.
     */
    private static BooleanSupplier appendingOnce(Path log, String line) {
        AtomicInteger polls = new AtomicInteger();
        return () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, line, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 4;
        };
    }

    /** What a watch wrote, and its exit code. */
    private record Run(String out, String err, int exit) {
    }

    private static Run run(WatchCommand watch, String... args) {
        return run(watch, false, args);
    }

    /** Runs the watch with these arguments; {@code terminal}: its standard output is a terminal. */
    private static Run run(WatchCommand watch, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = watch.run(Args.parse(args, CommandSpecs.of(watch)), new Io(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, () -> 0L, Path.of("")));
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }
}
