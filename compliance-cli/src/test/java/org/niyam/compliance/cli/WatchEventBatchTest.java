package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md (watch): a live watch takes the event lines it reads together as one batch, judged together at the
 * clock's instant, as it takes appointment lines; and it judges the platform's standing duties by the clock from the
 * first time it waits having read a profile or appointment line, before any event comes.
 */
class WatchEventBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The live watches' clock: 2 March 2026, 13:00 IST. */
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T13:00:00+05:30");
    private static final String NOTICE_DUTY = "4(8).prior-notice@own-2";
    /** A platform of 90 lakh users with every officer appointed and its users informed: nothing to settle. */
    private static final String COMPLIANT = """
            {"type":"PlatformProfile","name":"Samvad","registeredUsersInIndia":9000000,"messagingService":false,"addressInIndiaPublished":true}
            {"type":"OfficerAppointment","id":"go","role":"GRIEVANCE_OFFICER","person":"A","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"rgo","role":"RESIDENT_GRIEVANCE_OFFICER","person":"D","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"cco","role":"CHIEF_COMPLIANCE_OFFICER","person":"C","residentInIndia":true,"employee":true,"contactPublished":true,"keyManagerialOrSenior":true,"from":"2026-01-01T00:00:00+05:30"}
            {"type":"OfficerAppointment","id":"ncp","role":"NODAL_CONTACT_PERSON","person":"N","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00+05:30"}
            {"type":"UsersInformed","id":"ui","caseId":"user-notices","at":"2026-03-01T00:00:00+05:30"}
            """;
    /**
     * A removal on the platform's own initiative and its notice to the user, both at 12:59:58, as a producer writes
     * them two seconds before the watch's clock: Rule 4(8) has no time allowed, so the removal alone is breached.
     */
    private static final String REMOVAL = "{\"type\":\"ContentRemoved\",\"id\":\"own-2\",\"caseId\":\"OWN-2\",\"at\":\""
            + NOW.minusSeconds(2) + "\",\"action\":\"REMOVED\",\"basis\":\"OWN_INITIATIVE\"}\n";
    private static final String NOTICE = "{\"type\":\"UserNotified\",\"id\":\"own-2-n\",\"caseId\":\"OWN-2\",\"at\":\""
            + NOW.minusSeconds(2) + "\",\"grounds\":\"spam policy 4.2\"}\n";

    // ---- event lines read together ----

    /**
     * The removal then its notice in one write, on standard input: one batch, judged together at the clock's
     * instant, so Rule 4(8) is met and nothing else is reported of it; exit 0, as the audit of the same lines. (Taken
     * one line at a time, the removal alone was breached by the clock, then met: exit 1.)
     */
    @Test
    void standard_input_takes_a_removal_and_its_notice_sent_together_as_one_batch() throws IOException {
        Run run = piped(COMPLIANT + REMOVAL + NOTICE);

        assertThat(Cli.notices(run.err())).isEmpty();
        assertThat(kinds(run.out(), NOTICE_DUTY)).containsExactly("MET");
        assertThat(kinds(run.out(), "3(1)(c).inform-users")).as("users informed by a line read with the profile")
                .isEmpty();
        assertThat(run.exit()).isEqualTo(Exit.OK);
    }

    /**
     * docs/cli.md: lines the watch reads apart, having read everything sent and waited between them, are judged
     * apart, by the clock: the removal alone is past its due instant (no time allowed), breached, and met when the
     * notice comes; exit 1.
     */
    @Test
    void standard_input_judges_a_removal_and_its_notice_sent_apart_one_at_a_time() throws IOException {
        Run run = piped(COMPLIANT + REMOVAL, NOTICE);

        assertThat(Cli.notices(run.err())).isEmpty();
        assertThat(kinds(run.out(), NOTICE_DUTY)).containsExactly("BREACHED", "MET");
        assertThat(run.exit()).isEqualTo(Exit.FINDINGS);
    }

    /**
     * The same following a file: the two lines appended in one write are one batch (met only, exit 0); appended in
     * two writes, the watch having read the first and waited, two (breached, then met).
     */
    @Test
    void a_followed_file_takes_the_event_lines_appended_together_as_one_batch(@TempDir Path dir)
            throws IOException {
        Path together = Files.createDirectories(dir.resolve("together")).resolve("cases.jsonl");
        Files.writeString(together, COMPLIANT);
        Path apart = Files.createDirectories(dir.resolve("apart")).resolve("cases.jsonl");
        Files.writeString(apart, COMPLIANT);

        WatchPlatformLinesTest.Watched one = WatchPlatformLinesTest.liveAt(together, NOW, REMOVAL + NOTICE,
                "--format", "json");
        WatchPlatformLinesTest.Watched two = WatchPlatformLinesTest.liveInReads(apart, NOW, List.of(REMOVAL, NOTICE),
                "--format", "json");

        assertThat(Cli.notices(one.err())).isEmpty();
        assertThat(kinds(one.out(), NOTICE_DUTY)).containsExactly("MET");
        assertThat(one.exit()).isEqualTo(Exit.OK);
        assertThat(Cli.notices(two.err())).isEmpty();
        assertThat(kinds(two.out(), NOTICE_DUTY)).containsExactly("BREACHED", "MET");
        assertThat(two.exit()).isEqualTo(Exit.FINDINGS);
    }

    /**
     * A line of the batch the monitor refuses (an event id used again for other content) is rejected at its own
     * line, with the monitor's reason, and the batch's other lines are taken together all the same; a rejected line
     * splits nothing.
     */
    @Test
    void a_refused_line_of_a_batch_is_rejected_at_its_line_and_the_others_are_taken_together() throws IOException {
        String reused = REMOVAL.replace("\"OWN-2\"", "\"OWN-3\"");

        Run run = piped(COMPLIANT + REMOVAL + reused + NOTICE);

        assertThat(run.err()).contains("-:8: id: event id 'own-2' is used by two different events")
                .doesNotContain("-:7:").doesNotContain("-:9:");
        assertThat(kinds(run.out(), NOTICE_DUTY)).containsExactly("MET");
        assertThat(run.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    // ---- standing duties before the first event ----

    /**
     * docs/monitoring.md: a change of the platform with no event at all is reported at its instant. A log of a
     * platform of 40 lakh users, with no event: the watch judges the standing duties by the clock as soon as it has
     * read the log and waits (it judged nothing before an event came). A profile of 60 lakh from 13:01 appended at
     * 13:00: the three posts of Rule 4(1) nobody holds are breached at 13:01, as the clock passes it, and the
     * Grievance Officer's post, whose appointment ends at 13:01:30, then (they were reported at the instant the
     * first event came, or the watch stopped, whichever was first).
     */
    @Test
    void a_live_watch_reports_the_standing_duties_and_a_crossing_before_any_event(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, """
                {"type":"PlatformProfile","name":"S","registeredUsersInIndia":4000000,"messagingService":false,"addressInIndiaPublished":true}
                {"type":"OfficerAppointment","id":"go","role":"GRIEVANCE_OFFICER","person":"A","residentInIndia":true,"employee":true,"contactPublished":true,"from":"2026-01-01T00:00:00+05:30","to":"2026-03-02T13:01:30+05:30"}
                """);
        OffsetDateTime crossing = NOW.plusMinutes(1);
        AtomicReference<Instant> reading = new AtomicReference<>(NOW.toInstant());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicReference<String> atFirstWait = new AtomicReference<>();
        AtomicInteger polls = new AtomicInteger();

        Run run = watch(log, clockOf(reading), out, () -> {
            int poll = polls.incrementAndGet();
            if (poll == 1) {
                atFirstWait.set(out.toString(StandardCharsets.UTF_8));
                append(log, "{\"type\":\"PlatformProfile\",\"name\":\"S\",\"registeredUsersInIndia\":6000000,"
                        + "\"messagingService\":false,\"addressInIndiaPublished\":true,\"from\":\"" + crossing
                        + "\"}\n");
            } else if (poll == 2) {
                reading.set(NOW.plusMinutes(2).toInstant()); // then the watch stops, at 13:02
            }
            return poll > 2;
        });

        assertThat(Cli.notices(run.err())).isEmpty();
        assertThat(transitions(atFirstWait.get(), "3(2)(a).grievance-officer")).containsExactly("MET " + NOW);
        assertThat(transitions(atFirstWait.get(), "4(1)(a).chief-compliance-officer"))
                .containsExactly("NOT_APPLICABLE " + NOW);
        for (String post : List.of("4(1)(a).chief-compliance-officer", "4(1)(b).nodal-contact-person",
                "4(1)(c).resident-grievance-officer")) {
            assertThat(transitions(run.out(), post)).as(post).containsExactly("NOT_APPLICABLE " + NOW,
                    "BREACHED " + crossing);
        }
        assertThat(transitions(run.out(), "3(2)(a).grievance-officer")).containsExactly("MET " + NOW,
                "BREACHED " + crossing.plusSeconds(30));
    }

    /**
     * docs/cli.md: an EvidencePeriod entry that comes after the watch began judging the platform's duties by the
     * clock (it read the profile and waited) is not taken, and the notice says so: it cannot move the period any
     * more.
     */
    @Test
    void a_period_that_comes_after_the_watch_began_judging_the_platform_is_not_taken(@TempDir Path dir)
            throws IOException {
        Path log = dir.resolve("cases.jsonl");
        Files.writeString(log, COMPLIANT.lines().findFirst().orElseThrow() + "\n");

        WatchPlatformLinesTest.Watched watch = WatchPlatformLinesTest.liveAt(log, NOW,
                "{\"type\":\"EvidencePeriod\",\"since\":\"2026-01-01T00:00:00+05:30\"}\n", "--format", "json");

        assertThat(Cli.notices(watch.err())).isEqualTo("niyam watch: " + log + ":2: the EvidencePeriod entry (since "
                + "2026-01-01T00:00+05:30) comes after the watch began judging the platform's duties by the clock, and "
                + "is not taken: the period watched starts at the earliest event; put the entry in the same write as "
                + "the profile, or give --since\n");
    }

    // ---- helpers ----

    private record Run(int exit, String out, String err) {
    }

    /** A live watch of standard input at {@link #NOW}, sent {@code reads}: each read whole before the next is sent. */
    private static Run piped(String... reads) {
        InputStream stdin = System.in;
        try {
            java.util.Vector<InputStream> parts = new java.util.Vector<>();
            for (String read : reads) {
                parts.add(new java.io.ByteArrayInputStream(read.getBytes(StandardCharsets.UTF_8)));
            }
            System.setIn(new java.io.SequenceInputStream(parts.elements()));
            WatchCommand watch = new WatchCommand(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC), () -> true,
                    Duration.ZERO);
            return run(watch, "-", new ByteArrayOutputStream());
        } finally {
            System.setIn(stdin);
        }
    }

    private static Run watch(Path log, Clock clock, ByteArrayOutputStream out, BooleanSupplier stopped) {
        return run(new WatchCommand(clock, stopped, Duration.ZERO), log.toString(), out);
    }

    private static Run run(WatchCommand watch, String input, ByteArrayOutputStream out) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = watch.run(Args.parse(new String[] {input, "--format", "json"}, CommandSpecs.of(watch)), new Io(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, () -> 0L, Path.of("")));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A clock that reads what {@code reading} holds. */
    private static Clock clockOf(AtomicReference<Instant> reading) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a test clock in UTC");
            }

            @Override
            public Instant instant() {
                return reading.get();
            }
        };
    }

    private static void append(Path log, String line) {
        try {
            Files.writeString(log, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kinds of the obligation's transitions in a watch's JSON lines, in order. */
    private static List<String> kinds(String out, String obligation) throws IOException {
        return transitions(out, obligation).stream().map(t -> t.substring(0, t.indexOf(' '))).toList();
    }

    /** The obligation's transitions in a watch's JSON lines, each as its kind and instant (IST). */
    private static List<String> transitions(String out, String obligation) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode t = JSON.readTree(line);
                if (t.path("obligation").path("id").asText().equals(obligation)) {
                    found.add(t.path("kind").asText() + " "
                            + OffsetDateTime.parse(t.path("at").asText()).withOffsetSameInstant(NOW.getOffset()));
                }
            }
        }
        return found;
    }
}
