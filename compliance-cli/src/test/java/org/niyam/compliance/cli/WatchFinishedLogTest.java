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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code niyam watch} on a finished log agrees with {@code niyam audit}: it takes the log's {@code EvidencePeriod}
 * (or {@code --since}) as the start of the period watched, so monthly reports of the years before it are not
 * reported breached, and {@code --replay} takes the lines in time order, so lines written out of order give no
 * {@code BREACHED} that a later line corrects. The final state of every obligation (status and due instant) is the
 * audit's.
 */
class WatchFinishedLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A significant social media intermediary whose log covers it from 1 March 2026 (its EvidencePeriod entry), with
     * a complaint of June 2021 in it: the monthly reports (Rule 4(1)(d)) are due from March 2026 on, as the audit
     * says, not from June 2021.
     */
    private static final String PERIOD_LOG = """
            {"type":"PlatformProfile","name":"Chaupal","registeredUsersInIndia":48000000,"messagingService":false,"addressInIndiaPublished":true}
            {"type":"EvidencePeriod","since":"2026-03-01T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"appt-go","role":"GRIEVANCE_OFFICER","person":"P. Menon","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-20T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"appt-rgo","role":"RESIDENT_GRIEVANCE_OFFICER","person":"P. Menon","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"appt-cco","role":"CHIEF_COMPLIANCE_OFFICER","person":"K. Singh","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30","keyManagerialOrSenior":true}
            {"type":"OfficerAppointment","id":"appt-ncp","role":"NODAL_CONTACT_PERSON","person":"K. Singh","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2021-05-26T00:00:00+05:30"}
            {"type":"ComplaintReceived","id":"c1-in","caseId":"c1","at":"2021-06-01T10:00:00+05:30","category":"GENERAL"}
            {"type":"ComplaintAcknowledged","id":"c1-ack","caseId":"c1","at":"2021-06-01T12:00:00+05:30"}
            {"type":"ComplaintResolved","id":"c1-res","caseId":"c1","at":"2021-06-05T12:00:00+05:30"}
            {"type":"ComplianceReportPublished","id":"report-2026-03","caseId":"monthly-reports","at":"2026-04-10T17:00:00+05:30","month":"2026-03"}
            {"type":"ComplaintReceived","id":"c2-in","caseId":"c2","at":"2026-04-20T10:00:00+05:30","category":"GENERAL"}
            """;

    /** docs/cli.md: recurring duties are assessed from the log's EvidencePeriod entry, for watch as for audit. */
    @Test
    void a_replay_watches_from_the_log_s_evidence_period_as_the_audit_does(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PERIOD_LOG);

        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());
        Map<String, String> audit = audited(log);

        assertThat(Cli.notices(watch.err())).isEmpty();
        Map<String, String> watched = finalStates(watch.out());
        assertThat(watched.keySet()).as("no monthly report before the period (it was every month from June 2021)")
                .noneMatch(id -> id.startsWith("4(1)(d).monthly-report@month-end:2021"))
                .contains("4(1)(d).monthly-report@month-end:2026-03");
        assertThat(breached(watch.out())).as("no month before March 2026 breached")
                .noneMatch(id -> id.startsWith("4(1)(d)"));
        assertThat(watched).as("the final states are the audit's").isEqualTo(audit);
    }

    /** {@code --since} overrides the log's EvidencePeriod entry, as it does for audit. */
    @Test
    void since_overrides_the_evidence_period_as_for_audit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PERIOD_LOG);

        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", "--since", "2026-04-01T00:00:00+05:30",
                log.toString());
        Cli.Result audit = Cli.run("audit", "--format", "json", "--since", "2026-04-01T00:00:00+05:30",
                log.toString());

        Map<String, String> watched = finalStates(watch.out());
        assertThat(watched.keySet()).noneMatch(id -> id.startsWith("4(1)(d).monthly-report@month-end:2026-03"));
        assertThat(watched).isEqualTo(states(audit.out()));
        // The events before --since are judged, by both (docs/cli.md, --out-of-order): the complaint of June 2021.
        assertThat(watched).containsEntry("complaint.acknowledge@c1-in", "MET 2021-06-02T10:00:00+05:30");
        assertThat(Cli.run("watch", "--replay", "--since", "yesterday", log.toString()).err())
                .contains("--since needs an ISO-8601 instant with offset");
    }

    /** A {@code --since} after the log's latest event is refused, as audit refuses it: the period would be empty. */
    @Test
    void a_since_after_the_latest_event_is_refused_as_for_audit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PERIOD_LOG);

        Cli.Result watch = Cli.run("watch", "--replay", "--since", "2030-01-01T00:00:00+05:30", log.toString());
        Cli.Result audit = Cli.run("audit", "--since", "2030-01-01T00:00:00+05:30", log.toString());

        assertThat(watch.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(watch.out()).isEmpty();
        assertThat(watch.err()).startsWith("niyam watch: --since 2030-01-01T00:00+05:30 is after the latest event of "
                + "the log, at 2026-04-20T10:00+05:30: the period replayed would be empty; give a start before it");
        assertThat(audit.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(audit.out()).isEmpty();
        assertThat(audit.err()).startsWith("niyam audit: --since 2030-01-01T00:00+05:30 is after the latest event of "
                + "the logs, at 2026-04-20T10:00+05:30, the default --as-of: the period audited would be empty; give "
                + "a start before it, or --as-of INSTANT");
        // At the latest event itself, the period is one instant long: taken.
        assertThat(Cli.run("watch", "--replay", "--since", "2026-04-20T10:00:00+05:30", log.toString()).exit())
                .isNotEqualTo(Exit.BAD_INPUT);
        assertThat(Cli.run("audit", "--since", "2026-04-20T10:00:00+05:30", log.toString()).exit())
                .isNotEqualTo(Exit.BAD_INPUT);
    }

    /**
     * A live watch started on the log judges its lines from the EvidencePeriod too, and so does the rest of the
     * watch: by the clock of 15 June 2026 the reports of March, April and May 2026 are due, none of the 58 months
     * before the period (the live watch listed every month from June 2021).
     */
    @Test
    void a_live_watch_watches_from_the_log_s_evidence_period(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PERIOD_LOG);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-06-15T12:00:00+05:30").toInstant(), ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();

        Run run = run(new WatchCommand(clock, () -> polls.incrementAndGet() > 2, Duration.ZERO), log, "--format",
                "json");

        List<String> months = finalStates(run.out()).keySet().stream()
                .filter(id -> id.startsWith("4(1)(d).monthly-report@")).toList();
        assertThat(months).containsExactly("4(1)(d).monthly-report@month-end:2026-03",
                "4(1)(d).monthly-report@month-end:2026-04", "4(1)(d).monthly-report@month-end:2026-05");
    }

    /**
     * An event id used again for other content, the second line stamped before the first: the first line is kept and
     * the later one rejected, in the log's order, as the audit keeps them, whatever their instants; so the order's
     * removal (the first line under the id) meets it, in the replay, in a watch started on the file, and in the audit.
     * A case's jurisdiction likewise: its first line to state one, in the log's order, holds.
     */
    private static final String REUSED_ID_LOG = """
            {"type":"PlatformProfile","name":"T","registeredUsersInIndia":1000000,"messagingService":false}
            {"type":"RemovalOrderReceived","id":"o1","caseId":"A","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"HC"}}
            {"type":"ContentRemoved","id":"r1","caseId":"A","at":"2026-03-02T11:00:00+05:30","basis":"ORDER"}
            {"type":"ContentRemoved","id":"r1","caseId":"B","at":"2026-03-02T09:00:00+05:30","basis":"OWN_INITIATIVE"}
            {"type":"ContentRemoved","id":"r1","caseId":"A","at":"2026-03-02T11:00:00+05:30","basis":"ORDER"}
            {"type":"ComplaintReceived","id":"j2","caseId":"J","at":"2026-03-02T12:00:00+05:30","category":"GENERAL","jurisdiction":"IN"}
            {"type":"ComplaintAcknowledged","id":"j1","caseId":"J","at":"2026-03-02T08:00:00+05:30","jurisdiction":"DE"}
            {"type":"ComplaintReceived","id":"x","caseId":"Z","at":"2026-03-03T10:00:00+05:30","category":"GENERAL"}
            """;

    @Test
    void an_id_used_again_keeps_its_first_line_as_the_audit_does_whatever_the_instants(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, REUSED_ID_LOG);
        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());
        Map<String, String> audited = states(audit.out());
        assertThat(audited).containsEntry("removal.on-order@o1", "MET 2026-03-02T13:00:00+05:30");
        String reused = log + ":4: id: event id 'r1' was already used at " + log + ":3 for different content";
        String otherJurisdiction = log + ":7: jurisdiction: ";
        assertThat(audit.err()).contains(reused).contains(otherJurisdiction);

        Cli.Result replay = Cli.run("watch", "--replay", "--format", "json", log.toString());
        assertThat(finalStates(replay.out())).as("the replay's final states are the audit's").isEqualTo(audited);
        assertThat(breached(replay.out())).as("the order's removal, the first line under r1, met it")
                .doesNotContain("removal.on-order@o1");
        assertThat(rejectedLines(replay.err())).as("the lines the audit rejects, with its messages")
                .isEqualTo(rejectedLines(audit.err()));

        // A watch started on the file replays the lines it holds: the same lines kept, and rejected.
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-03-04T12:00:00+05:30").toInstant(), ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        Run live = run(new WatchCommand(clock, () -> polls.incrementAndGet() > 1, Duration.ZERO), log, "--format",
                "json");
        assertThat(rejectedLines(live.err())).isEqualTo(rejectedLines(audit.err()));
        assertThat(breached(live.out())).doesNotContain("removal.on-order@o1");
        assertThat(finalStates(live.out())).containsEntry("removal.on-order@o1", "MET 2026-03-02T13:00:00+05:30");
    }

    /** The lines of standard error that reject a line of a log ({@code FILE:LINE: field: message}). */
    private static List<String> rejectedLines(String err) {
        return err.lines().filter(line -> line.matches(".*\\.jsonl:\\d+: .*")).map(line -> line.replaceFirst(
                "^niyam (audit|watch): ", "")).toList();
    }

    /**
     * An EvidencePeriod entry that comes after the first event a live watch took cannot move the period watched: it
     * is not taken, and the watch says so (naming the line) rather than ignoring it silently.
     */
    @Test
    void a_period_written_after_the_watch_began_is_not_taken_with_a_notice(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, PERIOD_LOG.replace("{\"type\":\"EvidencePeriod\",\"since\":\"2026-03-01T00:00:00+05:30\"}\n",
                ""));
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-06-15T12:00:00+05:30").toInstant(), ZoneOffset.UTC);
        AtomicInteger polls = new AtomicInteger();
        WatchCommand watch = new WatchCommand(clock, () -> {
            if (polls.incrementAndGet() == 2) {
                try {
                    Files.writeString(log, "{\"type\":\"EvidencePeriod\",\"since\":\"2020-01-01T00:00:00+05:30\"}\n",
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return polls.get() > 4;
        }, Duration.ZERO);

        Run run = run(watch, log, "--format", "json");

        assertThat(run.err()).contains("cases.jsonl:11: the EvidencePeriod entry (since 2020-01-01T00:00+05:30) comes "
                + "after the first event the watch took, and is not taken");
        assertThat(run.exit()).as("not a rejected line").isEqualTo(Exit.FINDINGS);
    }

    /**
     * docs/cli.md: the exit code counts what was seen, not only what is left: users informed half an hour after the
     * period's start leave Rule 3(1)(c) indeterminate at the start, withdrawn when the notice comes, so the replay
     * exits 1 where the audit, which judges the final statuses, exits 0; a line on standard error says why.
     */
    @Test
    void a_replay_that_saw_a_verdict_withdrawn_since_says_why_it_exits_1(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"S","registeredUsersInIndia":1000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"EvidencePeriod","since":"2026-03-01T00:00:00+05:30"}
                {"type":"OfficerAppointment","id":"go","role":"GRIEVANCE_OFFICER","person":"A","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00+05:30"}
                {"type":"UsersInformed","id":"ui","caseId":"user-notices","at":"2026-03-01T00:30:00+05:30"}
                {"type":"ComplaintReceived","id":"c1","caseId":"C1","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"}
                {"type":"ComplaintAcknowledged","id":"c1a","caseId":"C1","at":"2026-03-02T11:00:00+05:30"}
                """);

        Cli.Result watch = Cli.run("watch", "--replay", log.toString());

        assertThat(Cli.run("audit", log.toString()).exit()).isEqualTo(Exit.OK);
        assertThat(watch.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(watch.out()).contains("WITHDRAWN       3(1)(c).inform-users").contains("(0 breached, 0 "
                + "indeterminate, 0 at risk, 2 open)");
        assertThat(watch.err()).isEqualTo("niyam watch: exit code 1: 1 breach, indeterminate verdict or finding was "
                + "seen, though none is left at the stop (settled or withdrawn since); the first: 2026-03-01 00:00 "
                + "INDETERMINATE 3(1)(c).inform-users\n");
    }

    /**
     * docs/cli.md: a finding is not settled; when one stands at the stop and nothing breached or indeterminate is
     * left, the line says so (it said the finding was "settled or withdrawn since").
     */
    @Test
    void a_replay_that_ends_with_a_finding_standing_says_so(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Path pack = dir.resolve("late.drl");
        Files.writeString(pack, """
                package org.example.findings;
                import java.util.List;
                import org.niyam.compliance.model.*;
                import org.niyam.compliance.india.*;

                rule "late.noted"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("late.noted", $c.caseId(), "noted", List.of($c.id())));
                end
                """);
        Files.writeString(log, """
                {"type":"ComplaintReceived","id":"c1","caseId":"C1","at":"2026-03-02T10:00:00+05:30","category":"GENERAL"}
                """);

        Cli.Result watch = Cli.run("watch", "--replay", log.toString(), "--rules", pack.toString(),
                "--no-builtin-rules");

        assertThat(watch.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(watch.err()).isEqualTo("niyam watch: exit code 1: 1 finding stands; the first: late.noted (C1)\n");
    }

    /**
     * docs/json.md allows lines out of time order; docs/cli.md: a replay takes them in time order. The removal of
     * order oA, done at 11:00, is written after order oB of 14:00: replayed line by line it came after the
     * watermark had passed oA's deadline (13:00), so oA was reported BREACHED, then MET when the removal came.
     */
    @Test
    void a_replay_takes_a_finished_log_s_lines_in_time_order(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"ExampleNet","registeredUsersInIndia":1000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"RemovalOrderReceived","id":"oA","caseId":"A","at":"2026-03-02T10:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court"}}
                {"type":"RemovalOrderReceived","id":"oB","caseId":"B","at":"2026-03-02T14:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court"}}
                {"type":"ContentRemoved","id":"rA","caseId":"A","at":"2026-03-02T11:00:00+05:30","action":"REMOVED"}
                {"type":"ContentRemoved","id":"rB","caseId":"B","at":"2026-03-02T15:00:00+05:30","action":"REMOVED"}
                """);

        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());

        assertThat(breached(watch.out())).as("no BREACHED corrected later").noneMatch(id -> id.startsWith("removal."));
        assertThat(finalStates(watch.out())).containsEntry("removal.on-order@oA", "MET 2026-03-02T13:00:00+05:30")
                .isEqualTo(audited(log));
        // The same lines in time order give the same transitions.
        Path sorted = dir.resolve("sorted.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.add(2, lines.remove(3)); // rA before oB
        Files.write(sorted, lines);
        assertThat(Cli.run("watch", "--replay", "--format", "json", sorted.toString()).out()).isEqualTo(watch.out());
    }

    /**
     * docs/cli.md: an out-of-order bound that reaches back before the law began (about 274 years) holds every event
     * until the input ends, as a production user means by it; the clock starts where the law begins, not in 1752,
     * where no rule can be evaluated (it ended with exit code 2 and "parameter 'it-rules.in-force' has no value in
     * force at 1752-04-14"). The obligations standing at the end are those of the default bound, and the audit's
     * (the platform's duties assessed on the way from the law's start, with no event yet, are withdrawn as the
     * events come).
     */
    @Test
    void a_bound_reaching_before_the_law_holds_the_events_to_the_end_of_the_input() throws IOException {
        String log = "../examples/logs/amendment-2026.jsonl";
        Cli.Result held = Cli.run("watch", "--replay", "--format", "json", "--out-of-order", "P100000D", log);
        Cli.Result usual = Cli.run("watch", "--replay", "--format", "json", log);

        assertThat(Cli.notices(held.err())).isEmpty();
        assertThat(held.exit()).isEqualTo(usual.exit()).isNotEqualTo(2);
        assertThat(standing(held.out())).isNotEmpty().isEqualTo(standing(usual.out()))
                .isEqualTo(audited(Path.of(log)));
    }

    /**
     * A platform with a Grievance Officer since 2024 and a log of March 2026 whose one removal order was met: the audit
     * finds nothing breached.
     */
    private static final String MARCH_2026 = """
                {"type":"PlatformProfile","name":"Testa","registeredUsersInIndia":2000000,"messagingService":false}
                {"type":"OfficerAppointment","id":"go-1","role":"GRIEVANCE_OFFICER","person":"X","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2024-01-01T00:00:00+05:30"}
                {"type":"UsersInformed","id":"notice-1","caseId":"user-notices","at":"2026-03-01T00:00:00+05:30"}
                {"type":"RemovalOrderReceived","id":"o-1","caseId":"ORD-A","at":"2026-03-01T10:00:00+05:30","issuer":{"kind":"COURT","authority":"HC"}}
                {"type":"ContentRemoved","id":"r-1","caseId":"ORD-A","at":"2026-03-01T11:00:00+05:30","basis":"ORDER"}
                """;

    /**
     * A bound reaching back before the log's first event judges nothing before it: a platform whose Grievance Officer
     * was appointed in 2024, with a log of March 2026, met every duty by the audit, and the watch said BREACHED for
     * 2021 (and exit 1) once the bound reached back past the appointment.
     */
    @Test
    void a_bound_reaching_before_the_log_judges_nothing_before_it(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("clean.jsonl");
        Files.writeString(log, MARCH_2026);
        Map<String, String> audited = audited(log);
        for (String bound : List.of("PT1M", "P1D", "P100000D")) {
            Cli.Result watched = Cli.run("watch", "--replay", "--format", "json", "--out-of-order", bound,
                    log.toString());

            assertThat(Cli.notices(watched.err())).as(bound).isEmpty();
            assertThat(breached(watched.out())).as(bound).isEmpty();
            assertThat(watched.exit()).as(bound).isZero();
            assertThat(standing(watched.out())).as(bound).isNotEmpty().isEqualTo(audited);
        }
    }

    /**
     * A removal order whose content may have been removed for an earlier order, left without a removal past its
     * deadline, is indeterminate: the watch counts it in its last line and exits 1, as the audit does (it ended 0 with
     * "0 breached, 0 at risk").
     */
    @Test
    void an_indeterminate_verdict_needs_attention(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("indeterminate.jsonl");
        Files.writeString(log, MARCH_2026 + """
                {"type":"RemovalOrderReceived","id":"o-2","caseId":"ORD-A","at":"2026-03-01T13:00:00+05:30","issuer":{"kind":"COURT","authority":"HC"}}
                {"type":"UsersInformed","id":"notice-2","caseId":"user-notices","at":"2026-03-05T00:00:00+05:30"}
                """);
        Cli.Result watched = Cli.run("watch", "--replay", log.toString());

        assertThat(Cli.notices(watched.err())).isEmpty();
        assertThat(watched.out()).contains("INDETERMINATE   removal.on-order@o-2")
                .contains("(0 breached, 1 indeterminate, 0 at risk, ");
        assertThat(watched.exit()).isEqualTo(1).isEqualTo(Cli.run("audit", log.toString()).exit());
    }

    /** As {@link #finalStates}, without the obligations whose last transition withdrew them. */
    private static Map<String, String> standing(String out) throws IOException {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode t : transitions(out)) {
            JsonNode o = t.path("obligation");
            if (!o.isMissingNode() && !o.isNull()) {
                if (t.path("kind").asText().equals("WITHDRAWN")) {
                    states.remove(o.path("id").asText());
                } else {
                    states.put(o.path("id").asText(), state(o));
                }
            }
        }
        return states;
    }

    /** The ids of the transitions of a watch's JSON output that are BREACHED. */
    private static List<String> breached(String out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode t : transitions(out)) {
            if (t.path("kind").asText().equals("BREACHED")) {
                ids.add(t.path("id").asText());
            }
        }
        return ids;
    }

    /**
     * The last state of each obligation a watch reported: "STATUS DUE". (The instant a standing duty was last assessed
     * at and the version it cites are as of its last change, not the end of the log: monitoring.md.)
     */
    private static Map<String, String> finalStates(String out) throws IOException {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode t : transitions(out)) {
            JsonNode o = t.path("obligation");
            if (!o.isMissingNode() && !o.isNull()) {
                states.put(o.path("id").asText(), state(o));
            }
        }
        return states;
    }

    private static List<JsonNode> transitions(String out) throws IOException {
        List<JsonNode> transitions = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                transitions.add(JSON.readTree(line));
            }
        }
        return transitions;
    }

    /** Every obligation of {@code niyam audit --format json} of the log, as of its latest event. */
    private static Map<String, String> audited(Path log) throws IOException {
        return states(Cli.run("audit", "--format", "json", log.toString()).out());
    }

    private static Map<String, String> states(String auditJson) throws IOException {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode o : JSON.readTree(auditJson).path("report").path("obligations")) {
            states.put(o.path("id").asText(), state(o));
        }
        assertThat(states).as("the audit's report").isNotEmpty();
        return states;
    }

    private static String state(JsonNode obligation) {
        return obligation.path("status").asText() + " " + obligation.path("dueAt").asText("");
    }

    /** What a watch wrote and how it ended. */
    private record Run(String out, String err, int exit) {
    }

    private static Run run(WatchCommand watch, Path log, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), false, () -> 0L, Path.of(""));
        List<String> args = new ArrayList<>(List.of(options));
        args.add(log.toString());
        int exit = watch.run(Args.parse(args.toArray(String[]::new), CommandSpecs.of(watch)), io);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }
}
