package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * The job when events come later than a case is kept (the monitor's {@code LeftCasesDifferentialTest}): on generated
 * logs with stragglers (an acknowledgement earlier than a complaint's, a court's order days after a removal), events
 * delivered up to twenty days late, every obligation of a case the job ends with is {@code evaluate}'s of the whole
 * log at the end of the input, or marked (its case has a {@code case-came-back} finding at or before its last
 * transition). (The job's transitions are not compared with the monitor's here: an event later than the out-of-order
 * bound is evaluated at the watermark it finds, which the job's periodic watermarks and the monitor's reach at other
 * instants; {@code JobDifferentialTest} compares them within the bound, cases that came back included.) Seeds are
 * fixed and printed.
 */
class LeftCasesJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    static Stream<Long> seeds() {
        long first = Long.getLong("niyam.flink.left.seed", 20261206L);
        return Stream.iterate(first, s -> s + 7919).limit(Long.getLong("niyam.flink.left.runs", 4));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void every_obligation_is_evaluates_or_marked_as_in_the_monitor(long seed, @TempDir Path work) throws Exception {
        System.out.println("LeftCasesJobTest seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.withStragglers(random, 10 + random.nextInt(14));
        Jobs.Written written = Jobs.run(work, log.lines(), JobDifferentialTest.OPTIONS, Jobs.Feed.FILE, "hashmap");
        OffsetDateTime end = JobDifferentialTest.end(log.evidence());
        Report whole = JobDifferentialTest.ENGINE.evaluate(log.evidence(), end);

        List<Transition> transitions = written.transitions().stream()
                .sorted(Comparator.comparing((Transition t) -> t.at().toInstant()).thenComparing(Jobs::number))
                .toList();
        Map<String, OffsetDateTime> cameBack = new HashMap<>();
        Map<String, Transition> last = new HashMap<>();
        for (Transition t : transitions) {
            if (t.finding() != null && t.finding().code().equals("case-came-back")) {
                cameBack.putIfAbsent(t.finding().caseId(), t.at());
            } else if (t.obligation() != null && t.obligation().caseId() != null) {
                last.put(t.obligation().id(), t);
            }
        }
        Map<String, Obligation> expected = new HashMap<>();
        whole.obligations().stream().filter(o -> o.caseId() != null).forEach(o -> expected.put(o.id(), o));
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(last.keySet());
        int marked = 0;
        for (String id : ids) {
            Transition got = last.get(id);
            String gotStatus = got == null || got.kind() == Transition.Kind.WITHDRAWN ? null
                    : got.obligation().status().name();
            String wantedStatus = expected.containsKey(id) ? expected.get(id).status().name() : null;
            if (Objects.equals(gotStatus, wantedStatus)) {
                continue;
            }
            String caseId = got != null ? got.obligation().caseId() : expected.get(id).caseId();
            OffsetDateTime back = cameBack.get(caseId);
            assertThat(back != null && got != null && !got.at().isBefore(back))
                    .as("%s ends %s where evaluate of the whole log says %s, unmarked (seed %d; came back: %s)", id,
                            gotStatus, wantedStatus, seed, cameBack)
                    .isTrue();
            marked++;
        }
        System.out.println("  " + log.lines().size() + " lines, " + transitions.size() + " transitions, "
                + cameBack.size() + " cases came back, " + marked + " obligations differ from evaluate, each marked");
        assertThat(Stream.concat(transitions.stream().map(Transition::id),
                written.pending().stream().map(PendingAtEnd::id)).distinct().count()).as("ids unique (seed %d)", seed)
                .isEqualTo(transitions.size() + written.pending().size());
    }
}
