package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
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
import org.niyam.compliance.model.Transition;

/**
 * docs/streaming.md, "What goes in" and "Time": the job leaves out what {@code niyam audit} refuses, and a line it
 * leaves out changes nothing; a bad run is named; the platform is not evaluated at every check up to a far instant.
 */
class AdmissionJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String PROFILE = Jobs.PROFILE_LINE;
    private static final String C1 = """
            {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-1","at":"2026-03-02T10:00:00+05:30",\
            "category":"GENERAL"}""";

    /** What a run wrote, and how many platform evaluations it took. */
    record Run(Jobs.Written written, long platformSteps) {
        List<String> ids() {
            return Stream.concat(written.transitions().stream().map(Transition::id),
                    written.pending().stream().map(PendingAtEnd::id)).toList();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void an_event_id_another_case_used_is_refused_and_every_transition_id_is_written_once(@TempDir Path work)
            throws Exception {
        List<String> lines = List.of(PROFILE, C1, """
                {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-2","at":"2026-03-02T11:00:00+05:30",\
                "category":"GENERAL"}""", """
                {"type":"ComplaintAcknowledged","id":"a-1","caseId":"GRV-1","at":"2026-03-02T12:00:00+05:30"}""");

        // One task a step: the lines reach the ids' task in the file's order, and the later one is left out.
        Run inOrder = run(work.resolve("one"), 1, lines);
        assertThat(inOrder.written().transitions()).as("GRV-2's complaint is left out, as the audit leaves it out")
                .noneMatch(t -> t.obligation() != null && "GRV-2".equals(t.obligation().caseId()))
                .anyMatch(t -> t.obligation() != null && "GRV-1".equals(t.obligation().caseId()));
        assertThat(inOrder.ids()).doesNotHaveDuplicates();

        // Two: the complaint that reaches the ids' task first is kept, the other left out.
        Run spread = run(work.resolve("two"), 2, lines);
        assertThat(spread.written().transitions().stream().filter(t -> t.obligation() != null
                && t.obligation().id().equals("complaint.resolve@c-1")).map(t -> t.obligation().caseId()).distinct())
                .hasSize(1);
        assertThat(spread.ids()).doesNotHaveDuplicates();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_refused_event_moves_neither_the_end_of_the_input_nor_its_start(@TempDir Path work) throws Exception {
        // A different event under an id its case has, a week later: the end stays at the complaint.
        Run conflict = run(work.resolve("conflict"), List.of(PROFILE, C1, """
                {"type":"ComplaintAcknowledged","id":"c-1","caseId":"GRV-1","at":"2026-03-09T12:00:00+05:30"}"""));
        assertEndsAtTheComplaint(conflict);

        // Another jurisdiction than its case's, later: the same.
        Run jurisdiction = run(work.resolve("jurisdiction"), List.of(PROFILE, """
                {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-1","at":"2026-03-02T10:00:00+05:30",\
                "category":"GENERAL","jurisdiction":"IN"}""", """
                {"type":"ComplaintAcknowledged","id":"a-1","caseId":"GRV-1","at":"2026-03-20T12:00:00+05:30",\
                "jurisdiction":"DE"}"""));
        assertEndsAtTheComplaint(jurisdiction);

        // A refused event dated two months before the others: the period still starts at the complaint, so no
        // monthly report of January or February is due.
        Run early = run(work.resolve("early"), List.of(PROFILE, C1, """
                {"type":"ComplaintAcknowledged","id":"a-1","caseId":"GRV-1","at":"2026-03-02T12:00:00+05:30"}""", """
                {"type":"ComplaintAcknowledged","id":"c-1","caseId":"GRV-1","at":"2026-01-05T12:00:00+05:30"}"""));
        assertThat(early.ids()).noneMatch(id -> id.contains("monthly-report"));
        assertThat(early.written().transitions()).allMatch(t -> !t.at().isBefore(
                java.time.OffsetDateTime.parse("2026-03-02T10:00:00+05:30")), "dated from the first admitted event");
    }

    private static void assertEndsAtTheComplaint(Run run) {
        assertThat(run.written().transitions()).as("the complaint's duties, not breached by the instant left out")
                .noneMatch(t -> t.kind() == Transition.Kind.BREACHED && "GRV-1".equals(t.obligation().caseId()))
                .allMatch(t -> !t.at().isAfter(java.time.OffsetDateTime.parse("2026-03-02T10:00:00+05:30")));
        assertThat(run.written().pending()).extracting(PendingAtEnd::id).contains(
                "complaint.acknowledge@c-1#end:PENDING_AT_END", "complaint.resolve@c-1#end:PENDING_AT_END");
        assertThat(run.written().pending()).allMatch(p -> p.at().toInstant().equals(
                java.time.OffsetDateTime.parse("2026-03-02T10:00:00+05:30").toInstant()), "at the complaint");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_strict_job_stops_at_an_id_used_twice_naming_the_event(@TempDir Path work) throws Exception {
        Throwable sameCase = fail(work.resolve("same"), List.of(PROFILE, C1, """
                {"type":"ComplaintAcknowledged","id":"c-1","caseId":"GRV-1","at":"2026-03-09T12:00:00+05:30"}"""),
                "--strict");
        assertThat(ComplianceJob.failure(sameCase)).startsWith("input: field id: event id 'c-1' of case 'GRV-1'")
                .contains("already used by a different event");
        assertThat(ComplianceJob.status(sameCase)).as("bad input: the audit's status").isEqualTo(2);

        Throwable otherCase = fail(work.resolve("other"), 1, List.of(PROFILE, C1, """
                {"type":"ComplaintReceived","id":"c-1","caseId":"GRV-2","at":"2026-03-02T11:00:00+05:30",\
                "category":"GENERAL"}"""), "--strict");
        assertThat(ComplianceJob.failure(otherCase)).contains("event id 'c-1' of case 'GRV-2'")
                .contains("of case 'GRV-1'");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_rule_past_the_firing_limit_fails_the_job_naming_its_case_and_events(@TempDir Path work) {
        Throwable failure = fail(work, List.of("""
                {"type":"CustomEvent","id":"e1","caseId":"C1","at":"2026-02-01T10:00:00+05:30","kind":"complaint"}""",
                """
                {"type":"CustomEvent","id":"s2","caseId":"C2","at":"2026-02-01T11:00:00+05:30","kind":"spin"}"""),
                "--rules", "classpath:packs/loop", "--no-await-profile");
        assertThat(ComplianceJob.failure(failure)).startsWith("case C2, evaluated at 2026-02-01T11:00+05:30 with its "
                + "events s2: ").contains("loop.spin");
        assertThat(ComplianceJob.status(failure)).as("a rule failed: not the input").isEqualTo(1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_since_after_every_event_is_refused_as_the_audit_refuses_it(@TempDir Path work) {
        Throwable failure = fail(work, List.of(PROFILE, C1), "--since", "2030-01-01T00:00+05:30");
        assertThat(ComplianceJob.failure(failure)).isEqualTo("input: --since 2030-01-01T00:00+05:30 is after the "
                + "latest event of the input, at 2026-03-02T10:00+05:30: the period judged would be empty; give a "
                + "start at or before it");
        assertThat(ComplianceJob.status(failure)).isEqualTo(2);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_pack_whose_rules_read_the_profile_reads_its_line_without_listing_it(@TempDir Path work) throws Exception {
        Run run = run(work, List.of(PROFILE, C1), "--rules", "classpath:packs/profile-reader");
        assertThat(run.written().transitions()).anyMatch(t -> t.kind() == Transition.Kind.FINDING
                && t.finding().code().equals("large-platform-complaint"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void an_event_years_ahead_costs_the_platform_a_few_evaluations_for_each_change_up_to_it(@TempDir Path work)
            throws Exception {
        // Evaluating each hourly check up to a complaint dated two years ahead took 49,953 evaluations (17,520
        // checks, and a chain of checks from each other instant evaluated). Now each month's report duty, opened at
        // the month's end, at risk and falling due, costs a few: about 130 in all.
        Run run = run(work, List.of(PROFILE, C1, """
                {"type":"ComplaintReceived","id":"c-typo","caseId":"GRV-T","at":"2028-03-02T10:00:00+05:30",\
                "category":"GENERAL"}"""));
        assertThat(run.platformSteps()).isLessThan(400);
        assertThat(run.ids()).doesNotHaveDuplicates();
        YearMonth last = YearMonth.of(2028, 2);
        for (YearMonth month = YearMonth.of(2026, 3); !month.isAfter(last); month = month.plusMonths(1)) {
            String opened = "4(1)(d).monthly-report@month-end:" + month + "#1:OPENED";
            OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay()
                    .atOffset(ZoneOffset.ofHoursMinutes(5, 30));
            assertThat(run.written().transitions()).as(opened).filteredOn(t -> t.id().equals(opened))
                    .singleElement().satisfies(t -> assertThat(t.at()).isAtSameInstantAs(end));
        }
    }

    private static String[] args(Path work, List<String> lines, String... more) throws Exception {
        Files.createDirectories(work);
        Path input = Files.write(work.resolve("input.jsonl"), lines);
        List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output",
                work.resolve("out").toString(), "--offset", "+05:30", "--idleness", "PT0S"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static StreamExecutionEnvironment environment(JobOptions options, int parallelism) {
        Configuration configuration = ComplianceJob.configuration();
        configuration.addAll(Configuration.fromMap(Map.of(
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "3",
                "restart-strategy.fixed-delay.delay", "10 ms")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
        ComplianceJob.build(env, options);
        return env;
    }

    private static Run run(Path work, List<String> lines, String... more) throws Exception {
        return run(work, 2, lines, more);
    }

    private static Run run(Path work, int parallelism, List<String> lines, String... more) throws Exception {
        JobOptions options = JobOptions.parse(args(work, lines, more));
        JobExecutionResult result = environment(options, parallelism).execute("niyam admission");
        Object steps = result.getAccumulatorResult(PlatformFunction.PLATFORM_STEPS);
        return new Run(Jobs.read(work.resolve("out"), result.getNetRuntime()), steps == null ? 0 : (Long) steps);
    }

    /** Runs the job, which must fail without a restart; {@return what it failed with} */
    private static Throwable fail(Path work, List<String> lines, String... more) {
        return fail(work, 2, lines, more);
    }

    private static Throwable fail(Path work, int parallelism, List<String> lines, String... more) {
        Throwable failure = catchThrowable(() -> environment(JobOptions.parse(args(work, lines, more)), parallelism)
                .execute("niyam admission"));
        assertThat(failure).as("the job fails").isNotNull();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        assertThat(chain).anyMatch(SuppressRestartsException.class::isInstance);
        return failure;
    }
}
