package org.niyam.compliance.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * The short run CI makes of the benchmark: it still runs, and the engine still agrees with the plain-Java baseline
 * on a small generated log. No timing is asserted; the figures are docs/performance.md's business.
 */
class BenchmarkSmokeTest {

    private static final long SEED = 7;
    private static final int EVENTS = 2_000;

    private static String log;

    @BeforeAll
    static void generate() throws IOException {
        StringWriter out = new StringWriter();
        CaseLogGenerator.Summary summary = new CaseLogGenerator(SEED).write(EVENTS, out);
        assertThat(summary.events()).isEqualTo(EVENTS);
        log = out.toString();
    }

    @Test
    void engineAndBaselineFindTheSameCaseObligations() throws IOException {
        ComplianceEngine engine = Audits.indiaEngine();
        Evidence evidence = CaseLogReader.strict().read("generated", new StringReader(log)).evidence();
        BaselineChecker.Outcome baseline = new BaselineChecker(Audits.MAX_DISORDER, Audits.AT_RISK_FRACTION)
                .check(new StringReader(log));
        Report report = engine.evaluate(evidence,
                evidence.events().stream().map(CaseEvent::at).max(Comparator.comparing(OffsetDateTime::toInstant)).orElseThrow());

        Agreement agreement = Agreement.of(report, baseline, 10);

        assertThat(agreement.first()).as("differences").isEmpty();
        assertThat(agreement.compared()).isGreaterThan(EVENTS / 2);
        // The log exercises every outcome the benchmark is meant to measure, not only the happy path.
        assertThat(agreement.byStatus()).containsKeys(Status.MET, Status.MET_LATE, Status.BREACHED, Status.OPEN);
        // The platform's obligations are compared too: 6 standing duties and a report for each month that ended.
        assertThat(agreement.platform()).isGreaterThan(6);
    }

    @Test
    void aDeletionAfterThePreservationPeriodIsNamedAsItsDischargeOnBothSides() throws IOException {
        String header = log.lines().limit(5).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        String cases = header + """
                {"type":"RemovalOrderReceived","id":"ORD-1-in","caseId":"ORD-1","at":"2025-08-01T00:08:15+05:30","issuer":{"kind":"COURT","authority":"High Court of Madras"},"reference":"CS(OS) 1"}
                {"type":"ContentRemoved","id":"ORD-1-rm1","caseId":"ORD-1","at":"2025-08-01T09:00:00+05:30","action":"REMOVED","basis":"ORDER"}
                {"type":"RecordsDeleted","id":"ORD-1-del","caseId":"ORD-1","at":"2026-03-01T00:00:00+05:30","records":"REMOVED_CONTENT","instructed":false}
                {"type":"RemovalOrderReceived","id":"ORD-2-in","caseId":"ORD-2","at":"2026-03-02T00:00:00+05:30","issuer":{"kind":"COURT","authority":"High Court of Madras"},"reference":"CS(OS) 2"}
                """;
        Evidence evidence = CaseLogReader.strict().read("cases", new StringReader(cases)).evidence();
        Report report = Audits.indiaEngine(1).evaluate(evidence, OffsetDateTime.parse("2026-03-02T00:00:00+05:30"));
        BaselineChecker.Outcome baseline = new BaselineChecker(Audits.MAX_DISORDER, Audits.AT_RISK_FRACTION)
                .check(new StringReader(cases));

        assertThat(Agreement.of(report, baseline, 10).first()).isEmpty();
        assertThat(baseline.results()).filteredOn(r -> r.obligationId().equals("3(1)(g).preserve@ORD-1-rm1"))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(Status.MET);
                    assertThat(r.dischargeEventId()).isEqualTo("ORD-1-del");
                });
    }

    @Test
    void theBaselinePartitionedByCaseFindsWhatOneThreadFinds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cases.jsonl");
        Files.writeString(file, log);
        BaselineChecker checker = new BaselineChecker(Audits.MAX_DISORDER, Audits.AT_RISK_FRACTION);
        List<BaselineChecker.Result> oneThread = checker.check(new StringReader(log)).results();

        for (int threads : new int[] {1, 2, 3}) {
            BaselineChecker.Outcome partitioned = checker.check(file, threads, true);
            assertThat(partitioned.results()).as("%d threads", threads).containsExactlyInAnyOrderElementsOf(oneThread);
            assertThat(partitioned.events()).isEqualTo(EVENTS);
            assertThat(checker.check(file, threads, false).byStatus()).isEqualTo(partitioned.byStatus());
        }
    }

    @Test
    void theMonitorsReplayReportsTheSameTransitionsEachTime(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cases.jsonl");
        Files.writeString(file, log);
        ComplianceEngine engine = Audits.indiaEngine(1);
        long cases = log.lines().filter(line -> line.contains("-in\",")).count();

        long transitions = MonitorThroughput.monitor(engine, file);

        assertThat(transitions).as("at least an opening of each case's first duty").isGreaterThanOrEqualTo(cases);
        assertThat(MonitorThroughput.monitor(engine, file)).isEqualTo(transitions);
    }

    @Test
    void theMonitorMeasurementChecksStandingDutiesAsAskedAndDigestsTheSameTransitionsEachRun() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            MonitorThroughput.run(MonitorThroughput.Options.of("300", "2", String.valueOf(SEED), "--standing-check",
                    "PT1M", "--digest"));
        } finally {
            System.setOut(original);
        }

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("300 events, seed " + SEED, "standing duties checked every PT1M");
        Matcher digests = Pattern.compile("run (\\d): transitions SHA-256 ([0-9a-f]{64})").matcher(output);
        List<String> each = digests.results().map(m -> m.group(1) + " " + m.group(2))
                .toList();
        assertThat(each).as(output).hasSize(2);
        assertThat(each.get(0)).startsWith("1 ");
        assertThat(each.get(1)).isEqualTo("2 " + each.get(0).substring(2));
    }

    @Test
    void theMonitorMeasurementsArgumentsAreReadOrRefusedByName() {
        MonitorThroughput.Options defaults = MonitorThroughput.Options.of();
        assertThat(defaults).isEqualTo(new MonitorThroughput.Options(100_000, 3, CaseLogGenerator.DEFAULT_SEED,
                Duration.ofDays(1), false));
        assertThat(MonitorThroughput.Options.of("2e4", "--digest", "2", "--standing-check", "PT1H"))
                .isEqualTo(new MonitorThroughput.Options(20_000, 2, CaseLogGenerator.DEFAULT_SEED, Duration.ofHours(1),
                        true));

        assertThatThrownBy(() -> MonitorThroughput.Options.of("--standing-check", "1m"))
                .hasMessage("--standing-check: '1m' is not an ISO-8601 duration such as PT1M or P1D");
        assertThatThrownBy(() -> MonitorThroughput.Options.of("--standing-check", "PT0S"))
                .hasMessage("--standing-check must be positive: PT0S");
        assertThatThrownBy(() -> MonitorThroughput.Options.of("--standing-check"))
                .hasMessageContaining("--standing-check needs a duration");
        assertThatThrownBy(() -> MonitorThroughput.Options.of("--fast")).hasMessageStartingWith("unknown option --fast");
        assertThatThrownBy(() -> MonitorThroughput.Options.of("2e4", "two"))
                .hasMessage("RUNS: 'two' is not a whole number");
        assertThatThrownBy(() -> MonitorThroughput.Options.of("0")).hasMessageContaining("EVENTS must be at least 1");
    }

    @Test
    void theSameSeedGivesTheSameLogAndAnotherSeedAnother() throws IOException {
        StringWriter again = new StringWriter();
        new CaseLogGenerator(SEED).write(EVENTS, again);
        StringWriter other = new StringWriter();
        new CaseLogGenerator(SEED + 1).write(EVENTS, other);

        assertThat(again.toString()).isEqualTo(log);
        assertThat(other.toString()).isNotEqualTo(log);
    }

    @Test
    void theLogIsMostlyButNotStrictlyInTimeOrderAndSpansThe2026Amendment() throws IOException {
        CaseLogGenerator.Summary summary = new CaseLogGenerator(SEED).write(EVENTS, new StringWriter());

        assertThat(summary.linesOutOfTimeOrder()).isPositive().isLessThan(EVENTS / 5);
        assertThat(summary.maxDisorderSeconds()).isLessThanOrEqualTo(CaseLogGenerator.MAX_RECORDING_LAG);
        assertThat(summary.firstEvent()).isBefore(CaseLogGenerator.FROM.plusDays(2));
        assertThat(summary.lastEvent()).isAfter(CaseLogGenerator.UNTIL.minusDays(30));
        assertThat(summary.complaints()).isGreaterThan(summary.removalOrders() + summary.informationRequests());
    }

    @Test
    void theHarnessRunsEndToEndOnATinyLog(@TempDir Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Benchmark.run(new String[] {"--sizes", "500", "--warmups", "0", "--runs", "1", "--cold-starts", "0",
            "--threads", "1,2", "--seed", String.valueOf(SEED), "--dir", dir.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("seed " + SEED,
                "agreement at 1 thread, report order: engine and baseline find the same",
                "agreement at 1 thread, any order: engine and baseline find the same",
                "agreement at 2 threads, report order", "agreement at 2 threads, any order",
                "1 thread, engine, report order / baseline", "1 thread, engine, any order / baseline",
                "2 threads, engine, report order / baseline", "2 threads, engine, any order / baseline");
        assertThat(List.of(dir.toFile().list())).as("generated logs are deleted").isEmpty();
    }

    @Test
    void theCodecMeasurementRoundTripsEveryEventInEachFormat() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CodecMeasurement.main(new String[] {"300", String.valueOf(SEED)});
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("seed " + SEED, "codec", "smile", "json",
                "bytes per event");
    }
}
