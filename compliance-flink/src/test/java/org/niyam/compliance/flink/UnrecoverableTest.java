package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.RulePackException;

/**
 * A failure that a restart cannot cure (a bad line of a strict job, a pack that does not build) fails the job at
 * once, naming what, where and why, instead of restarting it from its last checkpoint into the same failure for as
 * long as the restart strategy allows (without end by default once checkpoints are on). The jobs here are given a
 * restart strategy of three attempts: a job that was restarted fails with "Recovery is suppressed by
 * FixedDelayRestartBackoffTimeStrategy"; one that was not, with the job's own failure.
 */
class UnrecoverableTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String PROFILE = Jobs.PROFILE_LINE;
    private static final String ORDER = Jobs.ORDER_LINE;
    private static final String BAD = """
            {"type":"RemovalOrderReceived","id":"o2","caseId":"c2","at":"not-a-date",\
            "issuer":{"kind":"COURT","authority":"High Court"}}""";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_bad_line_fails_a_strict_job_without_restarts(@TempDir Path work) throws Exception {
        Path input = Files.write(work.resolve("cases.jsonl"), List.of(PROFILE, ORDER, BAD));
        Throwable failure = run(work, "--input", input.toString(), "--strict");

        assertThat(failure).hasRootCauseInstanceOf(java.time.format.DateTimeParseException.class);
        assertThat(chain(failure)).anyMatch(SuppressRestartsException.class::isInstance)
                .noneMatch(t -> String.valueOf(t.getMessage()).contains("FixedDelayRestartBackoffTimeStrategy"));
        assertThat(ComplianceJob.failure(failure))
                .startsWith("input: field at: expected an ISO-8601 instant with offset");
        assertThat(ComplianceJob.status(failure)).as("bad input, as niyam audit --strict").isEqualTo(2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_pack_that_does_not_build_fails_the_job_without_restarts_and_is_named_before_submission(
            @TempDir Path work) throws Exception {
        Path pack = Files.createDirectories(work.resolve("policy"));
        Files.writeString(pack.resolve("broken.drl"), """
                package org.example.policy;
                rule "policy.broken"
                    @citation("Section 1")
                when
                then
                    insert(new Duty(oops "x"));
                end
                """);
        Path input = Files.write(work.resolve("cases.jsonl"), List.of(PROFILE, ORDER));
        String[] args = {"--input", input.toString(), "--rules", JobOptions.INDIA, "--rules", pack.toString()};

        String problem = ComplianceJob.packProblem(JobOptions.parse(with(args, work)));
        assertThat(problem).contains("broken.drl:");
        assertThat(ComplianceJob.packProblem(JobOptions.parse(with(new String[] {"--input", input.toString(),
                "--rules", work.resolve("no-such-pack").toString()}, work)))).contains("no-such-pack")
                .contains("is not a folder");
        assertThat(ComplianceJob.packProblem(JobOptions.parse(with(new String[] {"--input", input.toString()},
                work)))).isNull();

        Throwable failure = run(work, args);
        assertThat(chain(failure)).anyMatch(SuppressRestartsException.class::isInstance)
                .anyMatch(RulePackException.class::isInstance)
                .noneMatch(t -> String.valueOf(t.getMessage()).contains("FixedDelayRestartBackoffTimeStrategy"));
        assertThat(ComplianceJob.failure(failure)).contains("broken.drl:");
    }

    @Test
    void packs_that_cannot_be_evaluated_case_by_case_are_refused_before_submission(@TempDir Path work) {
        // packs/finding-review: a platform-wide rule over every case's findings, which the India pack's case-local
        // rules conclude. The engine's analysis finds it when the packs are built; the job would fail at the first
        // case with a finding, with every other case's output lost.
        String problem = ComplianceJob.packProblem(JobOptions.parse(with(new String[] {"--input", "in.jsonl",
                "--rules", JobOptions.INDIA, "--rules", "classpath:packs/finding-review"}, work)));
        assertThat(problem).startsWith("the job evaluates each case on its own, and these packs cannot be: "
                        + "case-local rule '")
                .contains("Finding, which a global rule reads")
                .contains("without classpath:packs/finding-review they could be: its global rule 'review.desk' "
                        + "(classpath:packs/finding-review/review.drl:6) reads what a case-local rule concludes")
                .endsWith("niyam audit and the monitor evaluate such packs in one session; the job would fail at the "
                        + "first case whose conclusion a global rule reads");
        assertThat(ComplianceJob.packProblem(JobOptions.parse(with(new String[] {"--input", "in.jsonl",
                "--rules", "classpath:packs/finding-review"}, work)))).as("alone, no case-local rule feeds it")
                .isNull();
    }

    @Test
    void only_failures_a_restart_cannot_cure_are_named() {
        assertThat(ComplianceJob.failure(new RuntimeException("lost", new InputException("input", 0, "at", "bad",
                null)))).isEqualTo("input: field at: bad");
        assertThat(ComplianceJob.failure(new RuntimeException("a task manager was lost"))).isNull();
    }

    private static String[] with(String[] args, Path work) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output", work.resolve("out").toString()));
        return all.toArray(String[]::new);
    }

    /** Runs the job with three restarts allowed; {@return what it failed with} */
    private static Throwable run(Path work, String... args) {
        JobOptions options = JobOptions.parse(with(args, work));
        Configuration configuration = ComplianceJob.configuration();
        configuration.addAll(Configuration.fromMap(Map.of(
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "3",
                "restart-strategy.fixed-delay.delay", "10 ms")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(2);
        env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
        ComplianceJob.build(env, options);
        Throwable failure = catchThrowable(() -> env.execute("niyam unrecoverable"));
        assertThat(failure).as("the job fails").isNotNull();
        return failure;
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = failure; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
