package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * docs/streaming.md: an appointment sent again with the id of one before replaces it, as {@code niyam audit} and
 * {@code niyam watch} take a later line of a log: the Grievance Officer appointed from January, then sent again with
 * its end on 1 March, has left; Rule 3(2)(a) ends breached, and nothing is left out.
 */
class StandingFactLinesJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final JobOptions OPTIONS = JobOptions.parse("--input", "unused", "--output", "unused",
            "--out-of-order", "PT1M", "--standing-check", "PT12H", "--offset", "+05:30");
    private static final String PROFILE = "{\"type\":\"PlatformProfile\",\"name\":\"P\",\"registeredUsersInIndia\":"
            + "1000000,\"messagingService\":false,\"addressInIndiaPublished\":true}";
    private static final String APPOINTED = "{\"type\":\"OfficerAppointment\",\"id\":\"G-1\","
            + "\"role\":\"GRIEVANCE_OFFICER\",\"person\":\"A\",\"residentInIndia\":true,\"employee\":true,"
            + "\"contactPublished\":true,\"from\":\"2026-01-01T00:00:00+05:30\"}";
    private static final String ENDED = APPOINTED.replace("}", ",\"to\":\"2026-03-01T00:00:00+05:30\"}");

    private static String complaint(String id, String at) {
        return "{\"type\":\"ComplaintReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + id + "\",\"at\":\"" + at
                + "\",\"category\":\"GENERAL\"}";
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void an_appointment_sent_again_with_its_end_replaces_it(@TempDir Path work) throws Exception {
        Jobs.Written written = Jobs.run(work, List.of(PROFILE, APPOINTED, ENDED,
                complaint("c1", "2026-03-10T10:00:00+05:30")), OPTIONS, Jobs.Feed.FILE, "hashmap");

        List<Transition> duty = written.transitions().stream().filter(t -> t.obligation() != null
                && t.obligation().id().equals("3(2)(a).grievance-officer")).toList();
        assertThat(duty).isNotEmpty();
        assertThat(duty.get(duty.size() - 1).obligation().status()).isEqualTo(Status.BREACHED);
        assertThat(duty.get(duty.size() - 1).obligation().explanation())
                .contains("Vacant since 2026-03-01T00:00+05:30, when appointment G-1 ended.");
    }
}
