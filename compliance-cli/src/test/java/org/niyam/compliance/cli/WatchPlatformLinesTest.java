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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code niyam watch} takes the platform's profiles and standing facts as {@code niyam audit} takes them (docs/cli.md):
 * a line the audit rejects (a second profile from the start, a profile overlapping the one before) is rejected by the
 * watch with the audit's message, file and line, the first kept, and the watch goes on (exit 2), in a replay and live;
 * an appointment id used again for other content replaces the appointment, as in the audit. And a live watch replays
 * the lines a file holds up to its clock only: a line stamped after it waits, as an event the clock has not reached
 * waits, and moves nothing.
 */
class WatchPlatformLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMALL = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":1000000,"
            + "\"messagingService\":false,\"addressInIndiaPublished\":true";
    private static final String LARGE = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":9000000,"
            + "\"messagingService\":false,\"addressInIndiaPublished\":true";
    private static final String REMOVALS = """
            {"type":"ContentRemoved","id":"r1","caseId":"C1","at":"2026-03-02T11:00:00+05:30","action":"REMOVED","basis":"OWN_INITIATIVE"}
            {"type":"ContentRemoved","id":"r2","caseId":"C2","at":"2026-03-12T11:00:00+05:30","action":"REMOVED","basis":"OWN_INITIATIVE"}
            """;
    private static final String GRIEVANCE_OFFICER = "{\"type\":\"OfficerAppointment\",\"id\":\"go\","
            + "\"role\":\"GRIEVANCE_OFFICER\",\"person\":\"A\",\"residentInIndia\":true,\"employee\":true,"
            + "\"contactPublished\":%s,\"from\":\"2021-05-01T00:00:00+05:30\"}\n";
    /** The live watches' clock: 2026-03-02 13:00 IST. */
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T13:00:00+05:30");

    private static String order(String id, OffsetDateTime at) {
        return "{\"type\":\"RemovalOrderReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + id + "\",\"at\":\"" + at
                + "\",\"issuer\":{\"kind\":\"COURT\",\"authority\":\"High Court\"}}\n";
    }

    // ---- a second profile from the start ----

    /**
     * The audit rejects a second profile without 'from' (Rule 4(8) is judged by the profile at the removal: the
     * platform of 10 lakh users is not bound) and keeps the first; the replay did take the last one, and reported
     * Rule 4(8) notices due for both removals.
     */
    @Test
    void a_replay_rejects_a_second_profile_from_the_start_as_the_audit_does(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + REMOVALS + LARGE + "}\n");

        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());
        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());

        String rejected = rejection(audit.err(), "cases.jsonl:4: from: ");
        assertThat(rejected).contains("the first, at ").endsWith("cases.jsonl:1, is kept");
        assertThat(watch.err()).contains(rejected);
        assertThat(audit.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(watch.exit()).as("a rejected line: exit 2, as for audit").isEqualTo(Exit.BAD_INPUT);
        assertThat(finalStates(watch.out())).isEqualTo(auditStates(audit.out()))
                .containsEntry("4(8).prior-notice@r1", "NOT_APPLICABLE ")
                .containsEntry("4(8).prior-notice@r2", "NOT_APPLICABLE ");
    }

    /** Live, the same line appended while the watch follows the log: rejected, and the past removal not re-judged. */
    @Test
    void a_live_watch_rejects_a_second_profile_from_the_start_appended_to_the_log(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + order("o1", NOW.minusHours(1))
                + REMOVALS.lines().findFirst().orElseThrow() + "\n");
        Watched watch = live(log, LARGE + "}\n", "--format", "json");
        String audit = rejection(Cli.run("audit", log.toString()).err(), "cases.jsonl:4: from: ");

        assertThat(watch.err()).contains(audit);
        assertThat(watch.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(finalStates(watch.out())).containsEntry("4(8).prior-notice@r1", "NOT_APPLICABLE ")
                .hasEntrySatisfying("removal.on-order@o1", state -> assertThat(state).startsWith("OPEN "));
    }

    // ---- an appointment id used again ----

    /**
     * An appointment whose id was used before for other content (the Grievance Officer's contact no longer
     * published) replaces the first, in the audit and the replay alike: Rule 3(2)(a) is breached, no line rejected.
     * (The audit rejected the line and kept the first, where the replay took the last.)
     */
    @Test
    void a_replay_takes_a_reused_appointment_id_as_a_replacement_as_the_audit_does(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + GRIEVANCE_OFFICER.formatted("true") + REMOVALS
                + GRIEVANCE_OFFICER.formatted("false"));

        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());
        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());

        assertThat(audit.err()).isEmpty();
        assertThat(JSON.readTree(audit.out()).at("/input/replaced").asLong()).isEqualTo(1);
        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(watch.exit()).as("a breach: exit 1, as for audit").isEqualTo(Exit.FINDINGS);
        assertThat(finalStates(watch.out())).isEqualTo(auditStates(audit.out()))
                .containsEntry("3(2)(a).grievance-officer", "BREACHED ");
    }

    /**
     * Live: the reused id appended while the watch follows the log replaces the appointment when it comes: the post
     * held with its contact published is breached from then on, as the audit of the whole log judges it.
     */
    @Test
    void a_live_watch_takes_a_reused_appointment_id_appended_to_the_log_as_a_change(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + GRIEVANCE_OFFICER.formatted("true") + order("o1", NOW.minusHours(1)));
        Watched watch = live(log, GRIEVANCE_OFFICER.formatted("false"), "--format", "json");
        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(audit.err()).isEmpty();
        assertThat(watch.out()).contains("\"id\":\"3(2)(a).grievance-officer#2:BREACHED\"");
        assertThat(finalStates(watch.out())).containsEntry("3(2)(a).grievance-officer", "BREACHED ");
        assertThat(auditStates(audit.out())).containsEntry("3(2)(a).grievance-officer", "BREACHED ");
    }

    // ---- a profile overlapping the one before ----

    /**
     * A profile whose 'until' runs past the next one's 'from': the audit rejects the later line and reports the rest;
     * the replay stopped with "stopped by an internal error, nothing was reported".
     */
    @Test
    void a_replay_rejects_an_overlapping_profile_and_goes_on(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + ",\"until\":\"2026-03-10T00:00:00+05:30\"}\n"
                + LARGE + ",\"from\":\"2026-03-05T00:00:00+05:30\"}\n" + REMOVALS);

        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());
        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());

        String rejected = rejection(audit.err(), "cases.jsonl:2: from: ");
        assertThat(rejected).contains("past the next one's 'from'");
        assertThat(watch.err()).contains(rejected).doesNotContain("internal error");
        assertThat(watch.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(finalStates(watch.out())).isEqualTo(auditStates(audit.out()));
    }

    /**
     * Live: the overlapping line appended to the log is rejected with the audit's message and the watch goes on: a
     * removal order written after it is reported (the watch used to end at the line, exit 2, reporting nothing more).
     */
    @Test
    void a_live_watch_rejects_an_overlapping_profile_and_goes_on(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + ",\"until\":\"2099-01-10T00:00:00+05:30\"}\n" + order("o1", NOW.minusHours(1)));
        String bad = LARGE + ",\"from\":\"2098-12-20T00:00:00+05:30\"}\n";
        Watched watch = live(log, bad + order("o2", NOW.minusHours(4)));
        String audit = rejection(Cli.run("audit", log.toString()).err(), "cases.jsonl:3: from: ");

        assertThat(watch.err()).contains(audit).doesNotContain("internal error");
        assertThat(watch.out()).contains("BREACHED        removal.on-order@o2");
        assertThat(watch.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    /**
     * docs/cli.md: a later profile line joins the platform's history as in the audit, from its 'from': a profile of
     * 90 lakh users from 5 March binds Rule 4(8) for a removal on 12 March, not for one on 2 March; the replay ends
     * as the audit does.
     */
    @Test
    void a_later_profile_with_from_binds_the_duties_from_then_on_as_in_the_audit(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + REMOVALS + LARGE + ",\"from\":\"2026-03-05T00:00:00+05:30\"}\n");

        Cli.Result audit = Cli.run("audit", "--format", "json", log.toString());
        Cli.Result watch = Cli.run("watch", "--replay", "--format", "json", log.toString());

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(finalStates(watch.out())).isEqualTo(auditStates(audit.out()))
                .containsEntry("4(8).prior-notice@r1", "NOT_APPLICABLE ")
                .hasEntrySatisfying("4(8).prior-notice@r2", state -> assertThat(state).startsWith("AT_RISK "));
    }

    /**
     * docs/cli.md: live, a profile line with 'from' appended to the log judges again the duties it bears on, a
     * removal the watch took before the line came included: Rule 4(8) binds the removal made after its 'from'.
     */
    @Test
    void a_profile_with_from_appended_live_judges_again_a_removal_made_after_it(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, SMALL + "}\n" + "{\"type\":\"ContentRemoved\",\"id\":\"r1\",\"caseId\":\"C1\",\"at\":\""
                + NOW.minusHours(1) + "\",\"action\":\"REMOVED\",\"basis\":\"OWN_INITIATIVE\"}\n");

        Watched watch = live(log, LARGE + ",\"from\":\"" + NOW.minusHours(2) + "\"}\n", "--format", "json");

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(watch.out()).contains("\"id\":\"4(8).prior-notice@r1#1:NOT_APPLICABLE\"");
        assertThat(finalStates(watch.out())).hasEntrySatisfying("4(8).prior-notice@r1",
                state -> assertThat(state).startsWith("BREACHED "));
    }

    /**
     * A profile without 'from' appended live after one with 'from' holds from the log's start until that one, as in
     * the audit; the removal after the 'from' stays bound by Rule 4(8) throughout: it is never reported under the
     * new profile alone (not applicable) and then corrected.
     */
    @Test
    void a_profile_from_the_start_appended_live_is_judged_with_the_history_never_alone(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, LARGE + ",\"from\":\"2026-03-01T00:00:00+05:30\"}\n"
                + "{\"type\":\"ContentRemoved\",\"id\":\"r1\",\"caseId\":\"C1\",\"at\":\"" + NOW.minusHours(1)
                + "\",\"action\":\"REMOVED\",\"basis\":\"OWN_INITIATIVE\"}\n");

        Watched watch = live(log, SMALL + "}\n", "--format", "json");

        assertThat(Cli.notices(watch.err())).isEmpty();
        assertThat(watch.out()).contains("\"id\":\"4(8).prior-notice@r1#1:").doesNotContain("NOT_APPLICABLE");
        assertThat(finalStates(watch.out())).hasEntrySatisfying("4(8).prior-notice@r1",
                state -> assertThat(state).startsWith("BREACHED "));
    }

    // ---- a line stamped ahead of the clock ----

    /**
     * A line stamped ahead of the watch's clock (a producer's clock 10 minutes fast, a year typed wrong) among the
     * lines a file holds: the replay of those lines stops at the clock, so an order received at 10:05, due 13:05, is
     * not reported breached at a watch started at 13:00, and the line ahead is not evaluated. It used to move the
     * watch's time to its own instant.
     */
    @Test
    void a_line_stamped_ahead_of_the_clock_does_not_move_a_live_watch_ahead(@TempDir Path dir) throws IOException {
        for (OffsetDateTime ahead : List.of(NOW.plusMinutes(10), OffsetDateTime.parse("2062-12-06T10:00:00+05:30"))) {
            Path log = dir.resolve("cases-" + ahead.getYear() + ".jsonl");
            Files.writeString(log, SMALL + "}\n" + order("o1", NOW.minusHours(2).minusMinutes(55))
                    + "{\"type\":\"ComplaintReceived\",\"id\":\"cS\",\"caseId\":\"CS\",\"at\":\"" + ahead
                    + "\",\"category\":\"GENERAL\"}\n");

            Watched watch = live(log, null, "--format", "json");

            // Only the line more than a day ahead is told as it is taken (WatchCommandTest); both wait.
            assertThat(Cli.notices(watch.err())).as(ahead.toString()).isEqualTo(ahead.getYear() == 2026 ? ""
                    : "niyam watch: " + log + ":3: event 'cS' is at " + ahead + ", more than a day ahead of this "
                    + "machine's clock (2026-03-02 13:00 IST): it waits until the clock reaches that instant, and is "
                    + "judged then; if its date is wrong, correct the line\n");
            assertThat(watch.err()).as(ahead.toString()).contains("1 event waits for the clock to reach its instant");
            assertThat(finalStates(watch.out())).as(ahead.toString())
                    .containsEntry("removal.on-order@o1", "AT_RISK 2026-03-02T13:05:00+05:30")
                    .allSatisfy((id, state) -> assertThat(id).doesNotContain("@cS"));
            assertThat(watch.out()).as(ahead.toString()).doesNotContain("2062-");
        }
    }

    /**
     * The line ahead waits as an event the clock has not reached waits (docs/monitoring.md): when the clock passes
     * its instant, it is taken then, and the order falls due by the clock, not earlier.
     */
    @Test
    void a_line_stamped_ahead_of_the_clock_is_taken_when_the_clock_reaches_it(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("cases.jsonl");
        OffsetDateTime ahead = NOW.plusMinutes(10);
        Files.writeString(log, SMALL + "}\n" + order("o1", NOW.minusHours(2).minusMinutes(55))
                + "{\"type\":\"ComplaintReceived\",\"id\":\"cS\",\"caseId\":\"CS\",\"at\":\"" + ahead
                + "\",\"category\":\"GENERAL\"}\n");
        AtomicReference<Instant> instant = new AtomicReference<>(NOW.toInstant());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return instant.get();
            }
        };
        AtomicInteger polls = new AtomicInteger();

        Watched watch = run(log, clock, () -> {
            if (polls.incrementAndGet() == 2) {
                instant.set(NOW.plusMinutes(20).toInstant()); // then the watch stops, at 13:20
            }
            return polls.get() > 2;
        }, "--format", "json");

        assertThat(Cli.notices(watch.err())).isEmpty();
        List<String> kinds = new ArrayList<>();
        for (String line : watch.out().split("\n")) {
            JsonNode t = JSON.readTree(line);
            String id = t.path("obligation").path("id").asText("");
            if (id.equals("removal.on-order@o1") || id.endsWith("@cS")) {
                kinds.add(t.path("kind").asText() + " " + id + " " + t.path("at").asText());
            }
        }
        assertThat(kinds).anySatisfy(k -> assertThat(k).startsWith("BREACHED removal.on-order@o1 2026-03-02T13:05"))
                .anySatisfy(k -> assertThat(k).startsWith("OPENED ").contains("@cS 2026-03-02T13:10"));
    }

    // ---- helpers ----

    record Watched(int exit, String out, String err) {
    }

    /** A live watch of {@code log} at {@link #NOW}; {@code append}, when given, written to it while it follows. */
    private static Watched live(Path log, String append, String... options) {
        return liveAt(log, NOW, append, options);
    }

    /** A live watch of {@code log} at {@code now}; {@code append}, when given, written to it while it follows. */
    static Watched liveAt(Path log, OffsetDateTime now, String append, String... options) {
        return liveInReads(log, now, append == null ? List.of() : List.of(append), options);
    }

    /**
     * A live watch of {@code log} at {@code now}, each of {@code appends} written to it while it follows, one each
     * time the watch has read what the file holds and waits for more: the watch reads them in as many reads.
     */
    static Watched liveInReads(Path log, OffsetDateTime now, List<String> appends, String... options) {
        AtomicInteger polls = new AtomicInteger();
        Clock clock = Clock.fixed(now.toInstant(), ZoneOffset.UTC);
        return run(log, clock, () -> {
            int poll = polls.incrementAndGet();
            if (poll >= 2 && poll - 2 < appends.size()) {
                try {
                    Files.writeString(log, appends.get(poll - 2), StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return poll > Math.max(4, appends.size() + 3);
        }, options);
    }

    private static Watched run(Path log, Clock clock, java.util.function.BooleanSupplier stopped, String... options) {
        WatchCommand watch = new WatchCommand(clock, stopped, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), false, () -> 0L, Path.of(""));
        List<String> args = new ArrayList<>(List.of(log.toString()));
        args.addAll(List.of(options));
        int exit = watch.run(Args.parse(args.toArray(String[]::new), CommandSpecs.of(watch)), io);
        return new Watched(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The line of standard error that rejects an entry, from its place ({@code cases.jsonl:4: from: }) on. */
    private static String rejection(String err, String place) {
        for (String line : err.split("\n")) {
            int at = line.indexOf(place);
            if (at >= 0) {
                return line.substring(at);
            }
        }
        throw new AssertionError("no rejection at " + place + " in: " + err);
    }

    /** Each obligation's last status and due instant in a watch's JSON lines. */
    static Map<String, String> finalStates(String out) throws IOException {
        Map<String, String> states = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode o = JSON.readTree(line).path("obligation");
                if (!o.isMissingNode()) {
                    states.put(o.path("id").asText(), o.path("status").asText() + " " + o.path("dueAt").asText(""));
                }
            }
        }
        return states;
    }

    private static Map<String, String> auditStates(String auditJson) throws IOException {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode o : JSON.readTree(auditJson).path("report").path("obligations")) {
            states.put(o.path("id").asText(), o.path("status").asText() + " " + o.path("dueAt").asText(""));
        }
        assertThat(states).isNotEmpty();
        return states;
    }
}
