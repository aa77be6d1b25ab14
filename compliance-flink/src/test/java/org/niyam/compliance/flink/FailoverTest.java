package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /**
     * Seeds and where the task is killed, as a fraction of the lines: the first seed is the one at which the
     * platform, checking its standing duties every {@code --standing-check} after its last evaluation, dated a new
     * month's report duty by where the restored task had last evaluated. {@code -Dniyam.flink.failover.seed} runs
     * one seed, killed mid-stream.
     */
    static Stream<Arguments> failures() {
        Long seed = Long.getLong("niyam.flink.failover.seed");
        if (seed != null) {
            return Stream.of(Arguments.of(seed, 0.5));
        }
        return Stream.of(Arguments.of(20261207L, 0.5), Arguments.of(20261208L, 0.3), Arguments.of(20261209L, 0.7));
    }

    @ParameterizedTest(name = "seed {0}, killed after {1} of the lines")
    @MethodSource("failures")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_task_killed_mid_stream_and_restored_gives_the_same_transitions(long seed, double failAt, @TempDir Path work)
            throws Exception {
        System.out.println("FailoverTest seed=" + seed + ", killed after " + failAt + " of the lines");
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
                    JobDifferentialTest.OPTIONS, Jobs.Feed.FAIL_ONCE_MID_STREAM, backend, failAt);
            System.out.println("  " + backend + ": " + restored.lines().size() + " outputs, " + restored.millis()
                    + " ms with a failure and a restore");
            assertThat(Jobs.FailOnce.FAILED).as("the task was killed (%s)", backend).isTrue();
            assertThat(restored.lines()).as("nothing twice (%s)", backend).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(restored.lines())).as("the same transitions (%s, seed %d)", backend, seed)
                    .containsExactlyElementsOf(new TreeSet<>(clean.lines()));
        }
    }
}
