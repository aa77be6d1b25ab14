package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Transition;

/**
 * docs/streaming.md: with {@code --since} the job judges the platform's standing duties from the period's start, as
 * the monitor given {@code since} does: a Grievance Officer's post vacant from 1 to 10 February, before the log's
 * only event in March, is reported breached when the vacancy began and met again when it ended, with the monitor's
 * transition ids and instants. Without it the job starts at the first event and that stretch is not reported.
 */
class PeriodJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final OffsetDateTime SINCE = OffsetDateTime.parse("2026-01-01T00:00+05:30");
    private static final JobOptions OPTIONS = JobOptions.parse("--input", "unused", "--output", "unused",
            "--out-of-order", "PT1M", "--standing-check", "PT12H", "--offset", "+05:30");
    private static final String DUTY = "3(2)(a).grievance-officer";
    private static final String PROFILE = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":"
            + "1000000,\"messagingService\":false,\"addressInIndiaPublished\":true}";
    private static final String LEFT = "{\"type\":\"OfficerAppointment\",\"id\":\"G-1\","
            + "\"role\":\"GRIEVANCE_OFFICER\",\"person\":\"A\",\"residentInIndia\":true,\"employee\":true,"
            + "\"contactPublished\":true,\"from\":\"2025-12-01T00:00:00+05:30\",\"to\":\"2026-02-01T00:00:00+05:30\"}";
    private static final String CAME = "{\"type\":\"OfficerAppointment\",\"id\":\"G-2\","
            + "\"role\":\"GRIEVANCE_OFFICER\",\"person\":\"B\",\"residentInIndia\":true,\"employee\":true,"
            + "\"contactPublished\":true,\"from\":\"2026-02-10T00:00:00+05:30\"}";
    private static final String COMPLAINT = "{\"type\":\"ComplaintReceived\",\"id\":\"c1\",\"caseId\":\"c1\","
            + "\"at\":\"2026-03-10T10:00:00+05:30\",\"category\":\"GENERAL\"}";
    private static final List<String> LINES = List.of(PROFILE, LEFT, CAME, COMPLAINT);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void from_since_the_job_reports_a_vacancy_before_the_first_event_as_the_monitor_does(@TempDir Path work)
            throws Exception {
        Jobs.Written fromSince = Jobs.run(Files.createDirectories(work.resolve("since")), LINES, OPTIONS.withSince(SINCE), Jobs.Feed.FILE,
                "hashmap");
        List<String> job = ofDuty(fromSince.transitions());
        assertThat(job).contains(DUTY + "#2:BREACHED at 2026-02-01T00:00+05:30",
                DUTY + "#3:MET at 2026-02-10T00:00+05:30");
        assertThat(job).isEqualTo(ofDuty(monitor()));

        Jobs.Written fromFirstEvent = Jobs.run(Files.createDirectories(work.resolve("first")), LINES, OPTIONS, Jobs.Feed.FILE, "hashmap");
        assertThat(ofDuty(fromFirstEvent.transitions())).as("without --since, from the first event on")
                .noneMatch(t -> t.contains("BREACHED")).allMatch(t -> t.endsWith("2026-03-10T10:00+05:30"));
    }

    /** The monitor under event time with the same bound, since and facts, given the same event. */
    private static List<Transition> monitor() {
        List<Transition> heard = new ArrayList<>();
        ComplianceMonitor.Builder builder = ComplianceMonitor.builder(JobDifferentialTest.ENGINE)
                .clock(MonitorClock.eventTime()).outOfOrder(Duration.ofMinutes(1)).offset(IST).since(SINCE)
                .listener(heard::add)
                .platform(Json.DEFAULT.read(PROFILE, Platform.class))
                .facts(List.of(Json.DEFAULT.read(LEFT, StandingFact.class), Json.DEFAULT.read(CAME, StandingFact.class)));
        try (ComplianceMonitor monitor = builder.build()) {
            monitor.accept(Json.DEFAULT.read(COMPLAINT, CaseEvent.class));
            monitor.advanceTo(OffsetDateTime.parse("2026-03-10T10:00:00+05:30"));
        }
        return heard;
    }

    private static List<String> ofDuty(List<Transition> transitions) {
        return transitions.stream().filter(t -> t.obligation() != null && t.obligation().id().equals(DUTY))
                .map(t -> t.id() + " at " + t.at().withOffsetSameInstant(IST)).sorted().toList();
    }
}
