package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task metrics docs/streaming.md names: lines left out (and an event stating another jurisdiction than its
 * case's, or another event under an id already used: the first to come is kept), and events delivered again.
 */
class MetricsTest {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

    private static final String PROFILE = Jobs.PROFILE_LINE;
    private static final String ORDER = Jobs.ORDER_LINE;
    private static final String REMOVED = """
            {"type":"ContentRemoved","id":"r1","caseId":"c1","at":"2026-03-02T11:00+05:30","action":"REMOVED",\
            "basis":"ORDER"}""";

    private static final String COMPLAINT = """
            {"type":"ComplaintReceived","id":"j1","caseId":"c3","at":"2026-03-02T10:00+05:30","category":"GENERAL",\
            "jurisdiction":"IN"}""";
    /** An event of case c3 stating another jurisdiction: a case arises in one. */
    private static final String OTHER_JURISDICTION = """
            {"type":"ComplaintAcknowledged","id":"j2","caseId":"c3","at":"2026-03-02T12:00+05:30",\
            "jurisdiction":"DE"}""";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lines_left_out_and_events_delivered_again_are_counted(@TempDir Path work) throws Exception {
        Path input = Files.write(work.resolve("cases.jsonl"), List.of(PROFILE, ORDER, "not json",
                "{\"type\":\"NoSuchEvent\",\"id\":\"x\",\"caseId\":\"c2\",\"at\":\"2026-03-02T10:00+05:30\"}", REMOVED,
                ORDER, REMOVED.replace("11:00", "09:00"), COMPLAINT, OTHER_JURISDICTION));
        JobOptions options = JobOptions.parse("--input", input.toString(), "--output", work.resolve("out").toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ComplianceJob.configuration());
        env.setParallelism(2);
        env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
        ComplianceJob.build(env, options);
        JobExecutionResult result = env.execute("niyam metrics");

        // Two bad lines, an event stating another jurisdiction than its case's and another removal under the id of
        // the first (the one that came first is kept): left out, as niyam audit leaves them out; the job goes on.
        assertThat(sum(result, ComplianceJob.REJECTED_LINES)).isEqualTo(4);
        // The order again: a copy, dropped by its case.
        assertThat(sum(result, "niyamDuplicateEvents")).isEqualTo(1);
        assertThat(Jobs.read(work.resolve("out"), 0).transitions()).extracting(t -> t.id())
                .contains("removal.on-order@o1#2:MET")
                .anyMatch(id -> id.startsWith("complaint.acknowledge@j1#1:"));
    }

    private static long sum(JobExecutionResult result, String name) {
        return REPORTER.findMetrics(result.getJobID(), name).values().stream()
                .mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
