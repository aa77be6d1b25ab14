package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * A task killed in the middle of a stream, the job restored from its last checkpoint: the transitions written are
 * exactly those of a run without a failure, none lost and none twice, with the heap (HashMap) state backend and with
 * RocksDB. The failing runs read through a source that lets a few lines through per checkpoint, so that they also
 * meet watermarks at other points of the input than the file source does: the output must not depend on that.
 */
class FailoverTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_task_killed_mid_stream_and_restored_gives_the_same_transitions(@TempDir Path work) throws Exception {
        long seed = Long.getLong("niyam.flink.failover.seed", 20261207L);
        System.out.println("FailoverTest seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.generate(random, 40);
        List<String> lines = Jobs.arrivalOrder(log.lines(), JobDifferentialTest.BOUND, random);

        Jobs.Written clean = Jobs.run(Files.createDirectory(work.resolve("clean")), lines,
                JobDifferentialTest.OPTIONS, Jobs.Feed.FILE, "hashmap");
        System.out.println("  " + lines.size() + " lines, " + clean.lines().size() + " outputs, " + clean.millis()
                + " ms without a failure");
        JobDifferentialTest.assertAgrees(log.evidence(), clean, seed);

        for (String backend : List.of("hashmap", "rocksdb")) {
            Jobs.Written restored = Jobs.run(Files.createDirectory(work.resolve(backend)), lines,
                    JobDifferentialTest.OPTIONS, Jobs.Feed.FAIL_ONCE_MID_STREAM, backend);
            System.out.println("  " + backend + ": " + restored.lines().size() + " outputs, " + restored.millis()
                    + " ms with a failure and a restore");
            assertThat(Jobs.FailOnce.FAILED).as("the task was killed (%s)", backend).isTrue();
            assertThat(restored.lines()).as("nothing twice (%s)", backend).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(restored.lines())).as("the same transitions (%s, seed %d)", backend, seed)
                    .containsExactlyElementsOf(new TreeSet<>(clean.lines()));
        }
    }
}
