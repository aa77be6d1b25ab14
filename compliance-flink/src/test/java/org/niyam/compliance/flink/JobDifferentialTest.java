package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * The job against {@code evaluate} on generated India logs, arriving out of order within the bound: each
 * transition's status is the one {@code evaluate} gives at its instant; the last transition of every obligation
 * names its status at the end of the input (the latest event instant); every obligation still running then is
 * written as pending at the end, and nothing is reported after it; the live monitor, given the same events in the same
 * order, reports the same transitions of cases. Seeds are fixed and printed.
 */
class JobDifferentialTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    static final ComplianceEngine ENGINE = GeneratedLogs.engine();
    static final Duration BOUND = Duration.ofHours(2);
    static final JobOptions OPTIONS = JobOptions.files(List.of("unused"), "unused")
            .withTime(BOUND, Duration.ofHours(12)).withOffset(GeneratedLogs.IST);

    static Stream<Long> seeds() {
        long first = Long.getLong("niyam.flink.seed", 20261206L);
        return Stream.iterate(first, s -> s + 7919).limit(Long.getLong("niyam.flink.runs", 3));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_job_agrees_with_evaluate(long seed, @TempDir Path work) throws Exception {
        System.out.println("JobDifferentialTest seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.generate(random, 6 + random.nextInt(18));
        List<String> lines = Jobs.arrivalOrder(log.lines(), BOUND, random);
        Jobs.Written written = Jobs.run(work, lines, OPTIONS, Jobs.Feed.FILE, "hashmap");
        System.out.println("  " + lines.size() + " lines, " + written.transitions().size() + " transitions, "
                + written.pending().size() + " pending at the end, " + written.millis() + " ms");
        assertAgrees(log.evidence(), written, seed);
        assertSameAsTheMonitor(log.evidence(), lines, written, seed);
    }

    /**
     * The live monitor, given the same events in the same order under event time and the job's retention of ended
     * cases, reports the same transitions of cases, with the same ids at the same instants (the platform's standing
     * duties it checks on its own schedule): also of a case that left and came back with a later event, whose
     * transitions both number after those it had.
     */
    static void assertSameAsTheMonitor(Evidence evidence, List<String> lines, Jobs.Written written, long seed) {
        List<Transition> heard = new ArrayList<>();
        ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE)
                .clock(MonitorClock.eventTime())
                .outOfOrder(BOUND)
                .offset(GeneratedLogs.IST)
                .retainEndedCases(OPTIONS.retainEnded())
                .facts(evidence.facts())
                .listener(heard::add);
        evidence.profiles().forEach(builder::platform);
        try (ComplianceMonitor monitor = builder.build()) {
            for (String line : lines) {
                if (!line.contains("\"type\":\"PlatformProfile\"") && !line.contains("\"type\":\"OfficerAppointment\"")) {
                    monitor.accept(Json.DEFAULT.read(line, CaseEvent.class));
                }
            }
            monitor.advanceTo(end(evidence));
        }
        Set<String> cases = evidence.events().stream().map(CaseEvent::caseId).collect(Collectors.toSet());
        // A case that concluded something about the platform stays in the job (the platform's task reads its
        // conclusions), where the monitor lets it go and keeps the conclusions: a later event of it came back to the
        // monitor only, which says so (case-came-back) and the job has no reason to. Every other transition agrees.
        List<String> job = ofCases(written.transitions(), cases);
        List<String> live = ofCases(heard, cases);
        assertThat(job.stream().filter(id -> !id.startsWith("finding:case-came-back:")).toList())
                .as("the monitor's transitions of cases (seed %d)", seed)
                .containsExactlyElementsOf(live.stream().filter(id -> !id.startsWith("finding:case-came-back:"))
                        .toList());
        assertThat(live).as("the monitor says each case came back that the job says came back (seed %d)", seed)
                .containsAll(job.stream().filter(id -> id.startsWith("finding:case-came-back:")).toList());
    }

    private static List<String> ofCases(List<Transition> transitions, Set<String> cases) {
        return transitions.stream()
                .filter(t -> cases.contains(t.obligation() != null ? t.obligation().caseId() : t.finding().caseId()))
                .map(t -> t.id() + " at " + t.at().toInstant()).sorted().toList();
    }

    /**
     * A platform that crosses 50 lakh registered users mid-log: a profile below the threshold from the start, one
     * above it from an instant between the log's events. The job keeps both and gives the report {@code evaluate}
     * and the audit give, the monitor's transitions of cases, and re-assesses the platform at the crossing.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_platform_crossing_the_threshold_mid_log(long seed, @TempDir Path work) throws Exception {
        System.out.println("JobDifferentialTest crossing the threshold, seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log generated = GeneratedLogs.generate(random, 12 + random.nextInt(12));
        List<String> events = generated.lines().stream()
                .filter(l -> !l.contains("\"type\":\"PlatformProfile\"")).toList();
        List<OffsetDateTime> instants = generated.evidence().events().stream().map(CaseEvent::at)
                .sorted(Comparator.comparing(OffsetDateTime::toInstant)).toList();
        OffsetDateTime crossing = instants.get(instants.size() / 2).withOffsetSameInstant(GeneratedLogs.IST)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(30);
        PlatformProfile small = new PlatformProfile("ExampleNet", 3_000_000, false, true);
        PlatformProfile large = new PlatformProfile("ExampleNet", 8_000_000, false, true).from(crossing);
        List<String> lines = new ArrayList<>();
        lines.add(profileLine(small));
        lines.add(profileLine(large));
        lines.addAll(events);
        Path file = work.resolve("crossing.jsonl");
        java.nio.file.Files.write(file, lines);
        Evidence evidence = org.niyam.compliance.io.CaseLogReader.strict().read(file).evidence();
        assertThat(evidence.profiles()).as("the log's history").hasSize(2);

        List<String> arrival = Jobs.arrivalOrder(lines, BOUND, random);
        Jobs.Written written = Jobs.run(java.nio.file.Files.createDirectory(work.resolve("job")), arrival, OPTIONS,
                Jobs.Feed.FILE, "hashmap");
        System.out.println("  crossing at " + crossing + ", " + arrival.size() + " lines, "
                + written.transitions().size() + " transitions");
        assertAgrees(evidence, written, seed);
        assertSameAsTheMonitor(evidence, arrival, written, seed);

        // The audit of the same log judges it as evaluate does, and so as the job ends.
        OffsetDateTime end = end(evidence);
        List<Obligation> audited = new ArrayList<>();
        List<String> auditFindings = new ArrayList<>();
        org.niyam.compliance.engine.CaseLogAudit.builder(ENGINE).asOf(end).build().run(List.of(file),
                new org.niyam.compliance.engine.CaseLogAudit.Sink() {
                    @Override
                    public void obligation(Obligation o) {
                        audited.add(o);
                    }

                    @Override
                    public void finding(org.niyam.compliance.model.Finding f) {
                        auditFindings.add(f.code() + "/" + f.caseId() + "/" + f.evidence());
                    }
                });
        Report expected = ENGINE.evaluate(evidence, end);
        assertThat(view(audited)).as("the audit (seed %d)", seed).containsExactlyElementsOf(view(expected.obligations()));
        assertThat(new TreeSet<>(auditFindings)).as("the audit's findings (seed %d)", seed)
                .containsExactlyElementsOf(new TreeSet<>(expected.findings().stream()
                        .map(f -> f.code() + "/" + f.caseId() + "/" + f.evidence()).toList()));

        // The crossing matters: the platform's standing duties change there, with no event at that instant.
        assertThat(written.transitions()).as("a transition at the crossing (seed %d)", seed)
                .anySatisfy(t -> assertThat(t.at()).isAtSameInstantAs(crossing));
    }

    private static String profileLine(PlatformProfile profile) {
        return Json.DEFAULT.text(profile); // a Platform record is written with its "type"
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_platforms_facts_may_come_after_the_events(@TempDir Path work) throws Exception {
        long seed = Long.getLong("niyam.flink.late-profile.seed", 20261210L);
        GeneratedLogs.Log log;
        Random random;
        do {
            System.out.println("JobDifferentialTest late profile, seed=" + seed);
            random = new Random(seed++);
            log = GeneratedLogs.generate(random, 12 + random.nextInt(12));
        } while (log.evidence().platform() == null || log.evidence().facts().isEmpty());
        List<String> lines = Jobs.arrivalOrder(log.lines(), BOUND, random);
        // The appointments, then the profile, after every event, and let through a few lines per checkpoint: cases
        // and the platform reach the profile's absence with watermarks past their instants.
        List<String> facts = lines.stream().filter(l -> l.contains("\"type\":\"OfficerAppointment\"")).toList();
        List<String> profile = lines.stream().filter(l -> l.contains("\"type\":\"PlatformProfile\"")).toList();
        List<String> late = new ArrayList<>(lines);
        late.removeAll(facts);
        late.removeAll(profile);
        late.addAll(facts);
        late.addAll(profile);
        Jobs.Written first = Jobs.run(java.nio.file.Files.createDirectory(work.resolve("first")), lines, OPTIONS,
                Jobs.Feed.FILE, "hashmap");
        Jobs.Written last = Jobs.run(java.nio.file.Files.createDirectory(work.resolve("last")), late, OPTIONS,
                Jobs.Feed.THROTTLED, "hashmap");
        System.out.println("  " + lines.size() + " lines, " + first.lines().size() + " outputs");
        assertThat(new TreeSet<>(last.lines())).as("the same output with the platform's facts last")
                .containsExactlyElementsOf(new TreeSet<>(first.lines()));
        assertThat(last.lines()).doesNotHaveDuplicates();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void cases_leave_state_when_they_end_without_changing_the_answer(@TempDir Path work) throws Exception {
        // The example log of the 2026 amendment: monthly reports published as events of one case, whose conclusions
        // (the reports' discharges) the platform reads. Cases leave state as soon as everything in them has ended.
        Path file = Path.of("..", "examples", "logs", "amendment-2026.jsonl");
        Evidence evidence = org.niyam.compliance.io.CaseLogReader.strict().read(file).evidence();
        JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S");
        Jobs.Written written = Jobs.run(work, java.nio.file.Files.readAllLines(file), options, Jobs.Feed.FILE,
                "hashmap");
        assertAgrees(evidence, written, 0);
    }

    /**
     * A second removal order after the case's only removal, which answered the first order: the job reports its clock
     * (opened, at risk) and, when the clock runs out with no removal, INDETERMINATE 1 ms after the due instant, never
     * BREACHED (Duty.indeterminateIfNotDone), as evaluate and the live monitor do.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_removal_duty_that_may_already_be_met_ends_indeterminate_not_breached(@TempDir Path work) throws Exception {
        String court = "\"issuer\":{\"kind\":\"COURT\",\"authority\":\"High Court of Delhi\"}";
        List<String> lines = List.of(
                "{\"type\":\"RemovalOrderReceived\",\"id\":\"o1\",\"caseId\":\"m5\",\"at\":\"2026-03-04T10:00:00+05:30\","
                        + court + ",\"reference\":\"ref-1\"}",
                "{\"type\":\"ContentRemoved\",\"id\":\"r1\",\"caseId\":\"m5\",\"at\":\"2026-03-04T11:00:00+05:30\","
                        + "\"action\":\"REMOVED\",\"basis\":\"ORDER\"}",
                "{\"type\":\"RemovalOrderReceived\",\"id\":\"o2\",\"caseId\":\"m5\",\"at\":\"2026-03-20T11:00:00+05:30\","
                        + court + ",\"reference\":\"ref-2\"}",
                "{\"type\":\"ComplaintReceived\",\"id\":\"c9\",\"caseId\":\"c9\",\"at\":\"2026-03-21T10:00:00+05:30\","
                        + "\"category\":\"GENERAL\"}");
        Path file = work.resolve("log.jsonl");
        java.nio.file.Files.write(file, lines);
        Evidence evidence = org.niyam.compliance.io.CaseLogReader.strict().read(file).evidence();
        Jobs.Written written = Jobs.run(java.nio.file.Files.createDirectory(work.resolve("job")), lines, OPTIONS,
                Jobs.Feed.FILE, "hashmap");

        assertAgrees(evidence, written, 0);
        assertThat(written.transitions()).filteredOn(t -> t.obligation() != null
                        && t.obligation().id().equals("removal.on-order@o2"))
                .extracting(Transition::kind, t -> t.at().toInstant())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Transition.Kind.OPENED,
                                OffsetDateTime.parse("2026-03-20T11:00:00+05:30").toInstant()),
                        org.assertj.core.groups.Tuple.tuple(Transition.Kind.AT_RISK,
                                OffsetDateTime.parse("2026-03-20T13:15:00+05:30").toInstant()),
                        org.assertj.core.groups.Tuple.tuple(Transition.Kind.INDETERMINATE,
                                OffsetDateTime.parse("2026-03-20T14:00:00.001+05:30").toInstant()));
    }

    /** The end of the input: its latest event instant. */
    static OffsetDateTime end(Evidence evidence) {
        return evidence.events().stream().map(CaseEvent::at).max(Comparator.comparing(OffsetDateTime::toInstant))
                .orElseThrow().withOffsetSameInstant(GeneratedLogs.IST);
    }

    static void assertAgrees(Evidence evidence, Jobs.Written written, long seed) {
        OffsetDateTime end = end(evidence);
        List<Transition> transitions = written.transitions();
        assertThat(written.lines().stream().distinct().count()).as("no output twice (seed %d)", seed)
                .isEqualTo(written.lines().size());
        assertThat(Stream.concat(transitions.stream().map(Transition::id), written.pending().stream()
                .map(PendingAtEnd::id)).distinct().count()).as("ids are unique (seed %d)", seed)
                .isEqualTo(transitions.size() + written.pending().size());
        assertThat(transitions).as("the log gives the job something to report").isNotEmpty();

        // A case that left state and came back is judged without its earlier events, and says so (a case-came-back
        // finding, which evaluate does not make): from then on its obligations may differ from evaluate's
        // (LeftCasesDifferentialTest holds those to being marked). Every other case is held to evaluate exactly.
        Map<String, OffsetDateTime> cameBack = new HashMap<>();
        transitions.stream().filter(JobDifferentialTest::cameBack)
                .sorted(Comparator.comparing((Transition t) -> t.at().toInstant()))
                .forEach(t -> cameBack.putIfAbsent(t.finding().caseId(), t.at()));
        java.util.function.Predicate<Transition> judgedWithout = t -> t.obligation() != null
                && cameBack.containsKey(t.obligation().caseId())
                && !t.at().isBefore(cameBack.get(t.obligation().caseId()));

        // Each transition tells the status evaluate gives at its instant; none comes after the end.
        Map<OffsetDateTime, Report> reports = new HashMap<>();
        for (Transition t : transitions) {
            assertThat(t.at().toInstant()).as("%s not after the end (seed %d)", t.id(), seed)
                    .isBeforeOrEqualTo(end.toInstant());
            Report at = reports.computeIfAbsent(t.at(), i -> ENGINE.evaluate(evidence, i));
            if (cameBack(t) || judgedWithout.test(t)) {
                continue;
            }
            if (t.obligation() != null) {
                List<String> expected = view(at.obligations().stream()
                        .filter(o -> o.id().equals(t.obligation().id())).toList());
                assertThat(t.kind() == Transition.Kind.WITHDRAWN ? List.of() : view(List.of(t.obligation())))
                        .as("%s at %s (seed %d)", t.id(), t.at(), seed).isEqualTo(expected);
            } else if (t.kind() == Transition.Kind.FINDING) {
                assertThat(at.findings().stream().map(f -> f.code() + "/" + f.caseId() + "/" + f.evidence()))
                        .as("%s at %s (seed %d)", t.id(), t.at(), seed)
                        .contains(t.finding().code() + "/" + t.finding().caseId() + "/" + t.finding().evidence());
            }
        }

        // The last transition of each obligation names its status at the end. (Its discharge may have come after
        // it without changing the status: a duty to keep met when its time ran out, its records deleted later.)
        Report expected = ENGINE.evaluate(evidence, end);
        Map<String, Obligation> last = new LinkedHashMap<>();
        Set<String> without = new TreeSet<>();
        transitions.stream().filter(t -> t.obligation() != null)
                .sorted(Comparator.comparing((Transition t) -> t.at().toInstant()).thenComparing(Jobs::number))
                .forEach(t -> {
                    if (t.kind() == Transition.Kind.WITHDRAWN) {
                        last.remove(t.obligation().id());
                    } else {
                        last.put(t.obligation().id(), t.obligation());
                    }
                    if (judgedWithout.test(t)) {
                        without.add(t.obligation().id());
                    } else {
                        without.remove(t.obligation().id());
                    }
                });
        java.util.function.Predicate<Obligation> held = o -> !without.contains(o.id());
        assertThat(statuses(last.values().stream().filter(held).toList()))
                .as("obligations at the end, %s (seed %d)", end, seed)
                .containsExactlyElementsOf(statuses(live(expected.obligations()).stream().filter(held).toList()));
        assertThat(new TreeSet<>(written.pending().stream().map(p -> p.obligation().id())
                .filter(id -> !without.contains(id)).toList()))
                .as("pending at the end (seed %d)", seed)
                .containsExactlyElementsOf(new TreeSet<>(live(expected.obligations()).stream()
                        .filter(o -> o.status() == Status.OPEN || o.status() == Status.AT_RISK).filter(held)
                        .map(Obligation::id).toList()));
        assertThat(written.pending()).allSatisfy(p -> assertThat(p.at().toInstant()).isEqualTo(end.toInstant()));
        Set<String> found = transitions.stream().filter(t -> t.finding() != null && t.kind() == Transition.Kind.FINDING)
                .filter(t -> !cameBack(t))
                .map(t -> t.finding().code() + "/" + t.finding().caseId() + "/" + t.finding().evidence())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).as("findings (seed %d)", seed).containsExactlyElementsOf(new TreeSet<>(expected.findings()
                .stream().map(f -> f.code() + "/" + f.caseId() + "/" + f.evidence()).toList()));
    }

    /**
     * The obligations the job holds too: all but the standing duties an audit judges over its period
     * ({@code key@period}), whose stretches the job reports as transitions when they begin and end instead.
     */
    static List<Obligation> live(List<Obligation> obligations) {
        return obligations.stream().filter(o -> !o.id().endsWith(Obligation.OVER_PERIOD)).toList();
    }

    /** Whether the transition says an event of a case that had left state came back. */
    static boolean cameBack(Transition t) {
        return t.finding() != null && t.finding().code().equals(org.niyam.compliance.engine.CaseTracker.CAME_BACK);
    }

    static List<String> statuses(java.util.Collection<Obligation> obligations) {
        return obligations.stream().map(o -> o.id() + " " + o.status()).sorted().toList();
    }

    /** What must agree: id, status, due instant, discharge, citation. */
    static List<String> view(java.util.Collection<Obligation> obligations) {
        List<String> view = new ArrayList<>();
        for (Obligation o : obligations) {
            view.add(o.id() + " " + o.status() + " due " + (o.dueAt() == null ? "-" : o.dueAt().toInstant())
                    + " by " + o.dischargeEventId() + " " + o.citation().clause() + " " + o.citation().ruleId());
        }
        view.sort(null);
        return view;
    }
}
