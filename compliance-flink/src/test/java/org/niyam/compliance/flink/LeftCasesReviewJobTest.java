package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.Transition;

/** Review: when the job dates the came-back finding and the marks. */
class LeftCasesReviewJobTest {

    @Test
    void marks_are_not_dated_before_the_obligations_last_transition() throws Exception {
        List<String> lines = List.of(
                "{\"type\":\"PlatformProfile\",\"name\":\"Mahanagar\",\"registeredUsersInIndia\":90000000,"
                        + "\"messagingService\":false}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c1-in\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-01T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-b\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-02T12:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-03T10:00:00+05:30\"}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c2-in\",\"caseId\":\"C2\","
                        + "\"at\":\"2026-03-20T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-a\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-01T11:00:00+05:30\"}");
        JobOptions week = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                CaseFunctionWatermarksTest.BOUND.toString(), "--standing-check", "PT12H");
        List<Transition> said = CaseFunctionWatermarksTest.transitions(lines, new CaseFunction(week));
        said.forEach(t -> System.out.println("REVIEWJOB " + t.at() + " " + t.id()));
        Transition metLate = said.stream().filter(t -> t.id().equals("complaint.acknowledge@c1-in#4:MET_LATE"))
                .findFirst().orElseThrow();
        Transition mark = said.stream().filter(t -> t.id().equals("complaint.acknowledge@c1-in#5:INDETERMINATE"))
                .findFirst().orElseThrow();
        assertThat(mark.at()).as("#5 dated at or after #4").isAfterOrEqualTo(metLate.at());
    }

    @Test
    void a_first_stay_verdict_is_marked_when_the_case_left_twice() throws Exception {
        List<String> lines = List.of(
                "{\"type\":\"PlatformProfile\",\"name\":\"Mahanagar\",\"registeredUsersInIndia\":90000000,"
                        + "\"messagingService\":false}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c1-in\",\"caseId\":\"C1\",\"at\":\"2026-03-01T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-b\",\"caseId\":\"C1\",\"at\":\"2026-03-02T12:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res\",\"caseId\":\"C1\",\"at\":\"2026-03-03T10:00:00+05:30\"}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c2-in\",\"caseId\":\"C2\",\"at\":\"2026-03-20T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c1-in2\",\"caseId\":\"C1\",\"at\":\"2026-03-21T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack2\",\"caseId\":\"C1\",\"at\":\"2026-03-21T11:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res2\",\"caseId\":\"C1\",\"at\":\"2026-03-21T12:00:00+05:30\"}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c3-in\",\"caseId\":\"C3\",\"at\":\"2026-04-10T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-a\",\"caseId\":\"C1\",\"at\":\"2026-03-01T11:00:00+05:30\"}");
        JobOptions week = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                CaseFunctionWatermarksTest.BOUND.toString(), "--standing-check", "PT12H");
        List<Transition> said = CaseFunctionWatermarksTest.transitions(lines, new CaseFunction(week));
        said.forEach(t -> System.out.println("REVIEWJOB2 " + t.at() + " " + t.id()));
        // evaluate of the whole log: complaint.acknowledge@c1-in is MET (LeftCasesTest); the job's last word on it:
        List<String> ofIt = said.stream().map(Transition::id).filter(id -> id.startsWith("complaint.acknowledge@c1-in#"))
                .toList();
        assertThat(ofIt.get(ofIt.size() - 1)).as("last transition of complaint.acknowledge@c1-in")
                .endsWith(":INDETERMINATE");
    }
}
