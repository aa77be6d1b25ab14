package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;

/**
 * A later line of a standing fact with the type and id of an earlier one replaces it (docs/json.md): the last line
 * read of a type and id is the fact. A Grievance Officer appointed from January, given again later with its end on
 * 1 March, has left on 1 March, in the reader and in the streaming audit, ordered and unordered; the line is counted
 * as replacing one, not rejected. The same line again still counts once.
 */
class StandingFactUpdateTest {

    private static final ComplianceEngine ENGINE = IndiaPack.builder().threads(2).eventsPerSession(1).build();
    private static final String DUTY = "3(2)(a).grievance-officer";
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-15T12:00:00+05:30");

    static final String PROFILE = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":1000000,"
            + "\"messagingService\":false,\"addressInIndiaPublished\":true}";
    static final String APPOINTED = "{\"type\":\"OfficerAppointment\",\"id\":\"G-1\",\"role\":\"GRIEVANCE_OFFICER\","
            + "\"person\":\"A\",\"residentInIndia\":true,\"employee\":true,\"contactPublished\":true,"
            + "\"from\":\"2026-01-01T00:00:00+05:30\"}";
    static final String ENDED = APPOINTED.replace("}", ",\"to\":\"2026-03-01T00:00:00+05:30\"}");

    static String complaint(String id, String at) {
        return "{\"type\":\"ComplaintReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + id + "\",\"at\":\"" + at
                + "\",\"category\":\"GENERAL\"}";
    }

    /** G-1 from January, events, then G-1 again with its end on 1 March. */
    static final List<String> LOG = List.of(PROFILE, APPOINTED, complaint("c1", "2026-02-10T10:00:00+05:30"),
            ENDED, complaint("c2", "2026-03-10T10:00:00+05:30"));

    @TempDir
    Path dir;

    @Test
    void a_later_line_with_the_appointments_end_replaces_it_in_the_reader() {
        CaseLog log = read(LOG);

        assertThat(log.rejected()).isEmpty();
        assertThat(log.replaced()).isEqualTo(1);
        assertThat(log.duplicates()).isZero();
        assertThat(log.evidence().facts()).singleElement().extracting(f -> ((OfficerAppointment) f).to())
                .isEqualTo(OffsetDateTime.parse("2026-03-01T00:00:00+05:30"));
        Obligation duty = standingDuty(ENGINE.evaluate(log.evidence(), AS_OF).obligations());
        assertThat(duty.status()).isEqualTo(Status.BREACHED);
        assertThat(duty.explanation()).contains("Vacant since 2026-03-01T00:00+05:30, when appointment G-1 ended.");
        // Before the end, the post was held: the same log judged on 20 February.
        assertThat(standingDuty(ENGINE.evaluate(log.evidence(), OffsetDateTime.parse("2026-02-20T12:00:00+05:30"))
                .obligations()).status()).isEqualTo(Status.MET);
    }

    @Test
    void the_streaming_audit_ordered_and_unordered_judges_the_replaced_appointment_as_the_reader() throws IOException {
        CaseLog log = read(LOG);
        List<Obligation> expected = ENGINE.evaluate(log.evidence(), AS_OF).obligations();
        Path file = write(LOG);
        for (boolean unordered : new boolean[] {false, true}) {
            for (long inMemory : new long[] {Long.MAX_VALUE, 1}) {
                String where = (unordered ? "unordered" : "ordered") + ", " + inMemory + " events in memory";
                Collected sink = new Collected();
                CaseLogAudit.Builder audit = CaseLogAudit.builder(ENGINE).asOf(AS_OF).workDirectory(dir)
                        .eventsInMemory(inMemory);
                CaseLogAudit.Summary summary = (unordered ? audit.unordered() : audit).build()
                        .run(List.of(file), sink);

                assertThat(sink.rejected).as(where).isEmpty();
                assertThat(summary.replaced()).as(where).isEqualTo(1);
                assertThat(summary.duplicates()).as(where).isZero();
                assertThat(summary.rejected()).as(where).isZero();
                Obligation duty = standingDuty(sink.obligations);
                assertThat(duty.status()).as(where).isEqualTo(Status.BREACHED);
                assertThat(duty.explanation()).as(where).contains("Vacant since 2026-03-01T00:00+05:30");
                assertThat(unordered ? sortedById(sink.obligations) : sink.obligations).as(where)
                        .isEqualTo(unordered ? sortedById(expected) : expected);
            }
        }
    }

    /** The last line read is the fact: the end given first and the appointment without it after, the post is held. */
    @Test
    void the_last_line_read_wins_whichever_it_is() throws IOException {
        List<String> reversed = List.of(PROFILE, ENDED, complaint("c1", "2026-02-10T10:00:00+05:30"), APPOINTED,
                complaint("c2", "2026-03-10T10:00:00+05:30"));

        CaseLog log = read(reversed);
        Collected sink = new Collected();
        CaseLogAudit.Summary summary = CaseLogAudit.builder(ENGINE).asOf(AS_OF).workDirectory(dir).build()
                .run(List.of(write(reversed)), sink);

        assertThat(log.replaced()).isEqualTo(1);
        assertThat(standingDuty(ENGINE.evaluate(log.evidence(), AS_OF).obligations()).status())
                .isEqualTo(Status.MET);
        assertThat(summary.replaced()).isEqualTo(1);
        assertThat(standingDuty(sink.obligations).status()).isEqualTo(Status.MET);
    }

    /** Files are read in the order given: the end in the second file replaces the appointment of the first. */
    @Test
    void across_files_the_later_file_replaces() throws IOException {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        Files.writeString(first, String.join("\n", LOG.subList(0, 3)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(second, String.join("\n", LOG.subList(3, 5)) + "\n", StandardCharsets.UTF_8);

        CaseLog log = CaseLogReader.lenient().read(List.of(first, second));
        Collected sink = new Collected();
        CaseLogAudit.Summary summary = CaseLogAudit.builder(ENGINE).asOf(AS_OF).workDirectory(dir).build()
                .run(List.of(first, second), sink);

        assertThat(log.replaced()).isEqualTo(1);
        assertThat(standingDuty(ENGINE.evaluate(log.evidence(), AS_OF).obligations()).status())
                .isEqualTo(Status.BREACHED);
        assertThat(summary.replaced()).isEqualTo(1);
        assertThat(standingDuty(sink.obligations).status()).isEqualTo(Status.BREACHED);
    }

    @Test
    void the_same_appointment_again_counts_once_and_replaces_nothing() throws IOException {
        List<String> repeated = List.of(PROFILE, APPOINTED, complaint("c1", "2026-02-10T10:00:00+05:30"), APPOINTED,
                complaint("c2", "2026-03-10T10:00:00+05:30"));

        CaseLog log = read(repeated);
        Collected sink = new Collected();
        CaseLogAudit.Summary summary = CaseLogAudit.builder(ENGINE).asOf(AS_OF).workDirectory(dir).build()
                .run(List.of(write(repeated)), sink);

        assertThat(log.rejected()).isEmpty();
        assertThat(log.duplicates()).isEqualTo(1);
        assertThat(log.replaced()).isZero();
        assertThat(log.evidence().facts()).hasSize(1);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.replaced()).isZero();
        assertThat(standingDuty(sink.obligations).status()).isEqualTo(Status.MET);
    }

    // ---- helpers ----

    private static CaseLog read(List<String> lines) {
        return CaseLogReader.lenient().read("cases.jsonl", new StringReader(String.join("\n", lines)));
    }

    private Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "cases", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static Obligation standingDuty(List<Obligation> obligations) {
        return obligations.stream().filter(o -> o.id().equals(DUTY)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + DUTY + " in " + obligations));
    }

    private static List<Obligation> sortedById(List<Obligation> obligations) {
        List<Obligation> sorted = new ArrayList<>(obligations);
        sorted.sort(java.util.Comparator.comparing(Obligation::id));
        return sorted;
    }

    private static final class Collected implements CaseLogAudit.Sink {
        final List<Obligation> obligations = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public synchronized void obligation(Obligation obligation) {
            obligations.add(obligation);
        }

        @Override
        public void finding(Finding finding) {
        }

        @Override
        public void rejected(InputException error) {
            rejected.add(error.getMessage());
        }
    }
}
