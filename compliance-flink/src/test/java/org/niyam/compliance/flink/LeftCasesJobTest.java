package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * The job when events come later than a case is kept (the monitor's {@code LeftCasesDifferentialTest}): on generated
 * logs with stragglers (an acknowledgement earlier than a complaint's, a court's order days after a removal), events
 * delivered up to twenty days late and cases kept a day after they ended, every obligation of a case the job ends
 * with is {@code evaluate}'s of the whole log at the end of the input, or said: its case has a {@code case-came-back}
 * finding (of the case, its evidence an event of the case, as docs/json.md defines it) before its last transition in
 * event time and in number (each transition of a case after it came back is numbered after those it had, the
 * finding first) that covers it, as docs/monitoring.md says: when that last transition is an {@code INDETERMINATE}
 * mark, the finding of the event the mark names (and the mark is numbered after the verdict it supersedes, whose
 * status is its {@code previous}); otherwise a finding of the stay the transition was written in, the one that names
 * the instant the case last left (observed in the operator's state with a watermark after every line), not one of an
 * earlier stay. (The job's transitions are not compared with the monitor's here: an
 * event later than the out-of-order bound is evaluated at the watermark it finds, which the job's periodic watermarks
 * and the monitor's reach at other instants; {@code JobDifferentialTest} compares them within the bound, cases that
 * came back included.) Seeds are fixed and printed.
 */
class LeftCasesJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    /** Cases kept a day after they ended, as in the monitor's test: events come up to twenty days late. */
    static final JobOptions DAY = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
            JobDifferentialTest.BOUND.toString(), "--standing-check", "PT12H", "--offset",
            GeneratedLogs.IST.getId(), "--retain-ended", "P1D");

    static Stream<Long> seeds() {
        long first = Long.getLong("niyam.flink.left.seed", 20261206L);
        return Stream.iterate(first, s -> s + 7919).limit(Long.getLong("niyam.flink.left.runs", 6));
    }

    /**
     * State written by a job before the instant a case left and its obligations' verdicts were kept (a savepoint of an
     * earlier version: the case's record without them) restores: the instant comes from the case's own record of
     * when it left, and an event that comes back is said in a finding, nothing marked (the verdicts were not kept).
     */
    @Test
    void state_written_before_the_instant_was_kept_restores_and_an_event_that_comes_back_is_said() throws Exception {
        JobOptions options = JobDifferentialTest.OPTIONS;
        CaseTracker tracker = CaseTracker.of(JobDifferentialTest.ENGINE);
        Json json = Json.of(JobDifferentialTest.ENGINE.eventTypes());
        CaseTracker.Context context = new CaseTracker.Context(
                new PlatformProfile("Mahanagar", 90_000_000, false, true), List.of(), null);
        CaseTracker.State state = CaseTracker.State.empty("C1");
        for (String line : List.of(
                "{\"type\":\"ComplaintReceived\",\"id\":\"c1-in\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-01T10:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-b\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-02T12:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-03T10:00:00+05:30\"}")) {
            CaseEvent event = json.read(line, CaseEvent.class);
            state = tracker.step(context, state.withEvent(event), event.at()).state();
        }
        assertThat(state.ended()).isTrue();
        OffsetDateTime leftAt = OffsetDateTime.parse("2026-03-10T10:00:00+05:30");
        CaseTracker.State left = tracker.left(state, leftAt);
        assertThat(left.earlier().left()).isAtSameInstantAs(leftAt);
        assertThat(left.earlier().reported()).extracting(CaseTracker.Reported::id)
                .containsExactly("complaint.acknowledge@c1-in", "complaint.resolve@c1-in");

        ObjectNode kept = (ObjectNode) json.read(json.bytes(new CaseFunction.Kept(left, null, List.of(), null,
                "[]".hashCode(), leftAt.toInstant().toEpochMilli())), JsonNode.class);
        ((ObjectNode) kept.path("state").path("earlier")).remove(List.of("left", "reported", "cameBack"));
        CaseFunction.Kept old = json.read(json.bytes(kept), CaseFunction.Kept.class);
        assertThat(old.state().earlier().left()).as("as an earlier version wrote it").isNull();
        CaseFunction.Kept restored = new CaseFunction(options).completed(old);
        assertThat(restored.state().earlier().left()).isAtSameInstantAs(leftAt);

        CaseEvent inTime = json.read("{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-a\",\"caseId\":\"C1\","
                + "\"at\":\"2026-03-01T11:00:00+05:30\"}", CaseEvent.class);
        assertThat(tracker.seen(restored.state(), inTime)).isEqualTo(CaseTracker.Seen.NEW);
        List<Transition> said = tracker.step(context, restored.state().withEvent(inTime),
                OffsetDateTime.parse("2026-03-20T10:00:00+05:30")).transitions();
        assertThat(said).extracting(Transition::id)
                .contains("finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#" + (left.earlier().numbered() + 1)
                        + ":FINDING")
                .noneMatch(id -> id.endsWith(":INDETERMINATE"));
        // With what this version keeps, the same step marks both obligations.
        assertThat(tracker.step(context, left.withEvent(inTime), OffsetDateTime.parse("2026-03-20T10:00:00+05:30"))
                .transitions()).filteredOn(t -> t.kind() == Transition.Kind.INDETERMINATE).hasSize(2);
    }

    /** An INDETERMINATE transition made by a case-came-back event, not by the kernel. */
    private static boolean isMark(Transition t) {
        return t.kind() == Transition.Kind.INDETERMINATE && t.obligation().explanation() != null
                && t.obligation().explanation().contains("from before then, came after the case left");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void every_obligation_is_evaluates_or_marked_as_in_the_monitor(long seed, @TempDir Path work) throws Exception {
        System.out.println("LeftCasesJobTest seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.withStragglers(random, 10 + random.nextInt(14));
        Jobs.Written written = Jobs.run(work, log.lines(), DAY, Jobs.Feed.FILE, "hashmap");
        check(seed, log, written.transitions(), false, null);
        assertThat(Stream.concat(written.transitions().stream().map(Transition::id),
                written.pending().stream().map(PendingAtEnd::id)).distinct().count()).as("ids unique (seed %d)", seed)
                .isEqualTo(written.transitions().size() + written.pending().size());
    }

    /**
     * The same check on the cases' operator alone, with a watermark after every line (a MiniCluster's periodic
     * watermarks come seldom on a log this small, so that a straggler is seldom late there): a straggler that comes
     * after its case left marks what the case had reported. (The cases' obligations do not depend on the platform's
     * operator.)
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void with_a_watermark_after_every_line_every_obligation_is_evaluates_or_said(long seed) throws Exception {
        System.out.println("LeftCasesJobTest (watermark after every line) seed=" + seed);
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.withStragglers(random, 10 + random.nextInt(14));
        Map<String, Long> stays = new HashMap<>();
        List<Transition> transitions = transitions(log.lines(), new CaseFunction(DAY), stays);
        check(seed, log, transitions, true, stays);
        assertThat(transitions).extracting(Transition::id).as("ids unique (seed %d)", seed).doesNotHaveDuplicates();
    }

    /**
     * Every obligation of a case the transitions end with is {@code evaluate}'s of the whole log at its latest event,
     * or covered by a {@code case-came-back} finding of its case before its last transition (in event time and
     * number), as docs/monitoring.md says what the finding covers: a mark (numbered after the verdict it supersedes,
     * that verdict its {@code previous}) by the finding of the event it names; any other last transition by a finding
     * of the stay it was written in, the one that names the instant the case last left, not by a finding of an earlier
     * stay. {@code stays}: for each transition id, the instant (epoch milliseconds) its case had last left when it was
     * written, absent when it never had; {@code null} when not observed (a MiniCluster's job), when the stay is taken
     * to be the latest the case's findings before the transition name. {@code casesOnly}: of the obligations the
     * cases' operator reports, those an event of the log triggered (not the platform's monthly reports, which the
     * platform's operator places in a case).
     */
    private static void check(long seed, GeneratedLogs.Log log, List<Transition> written, boolean casesOnly,
                              Map<String, Long> stays) {
        OffsetDateTime end = JobDifferentialTest.end(log.evidence());
        Report whole = JobDifferentialTest.ENGINE.evaluate(log.evidence(), end);
        List<Transition> transitions = written.stream()
                .sorted(Comparator.comparing((Transition t) -> t.at().toInstant()).thenComparing(Jobs::number))
                .toList();
        Map<String, List<Transition>> cameBack = new HashMap<>();
        Map<String, List<Transition>> of = new HashMap<>();
        Map<String, CaseEvent> events = new HashMap<>();
        log.evidence().events().forEach(e -> events.put(e.id(), e));
        for (Transition t : transitions) {
            if (t.finding() != null && t.finding().code().equals(CaseTracker.CAME_BACK)) {
                // As docs/json.md defines it: of the case, its evidence the event (of that case), its citation the
                // monitor's own, its message naming the event and the instant the case left.
                assertThat(t.finding().evidence()).as("%s (seed %d)", t.id(), seed).singleElement()
                        .satisfies(e -> assertThat(events.get(e)).isNotNull()
                                .extracting(CaseEvent::caseId).isEqualTo(t.finding().caseId()));
                assertThat(t.finding().citation().ruleId()).isEqualTo("niyam.case-came-back");
                assertThat(t.finding().message()).contains(t.finding().evidence().get(0), "left the monitor at");
                cameBack.computeIfAbsent(t.finding().caseId(), c -> new ArrayList<>()).add(t);
            } else if (t.obligation() != null && t.obligation().caseId() != null) {
                of.computeIfAbsent(t.obligation().id(), id -> new ArrayList<>()).add(t);
            }
        }
        Map<String, Obligation> expected = new HashMap<>();
        whole.obligations().stream().filter(o -> o.caseId() != null)
                .filter(o -> !casesOnly || o.triggerEventId() != null && events.containsKey(o.triggerEventId()))
                .forEach(o -> expected.put(o.id(), o));
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(of.keySet());
        int marks = 0;
        int judgedAfter = 0;
        for (String id : ids) {
            List<Transition> own = of.getOrDefault(id, List.of());
            Transition got = own.isEmpty() ? null : own.get(own.size() - 1);
            String gotStatus = got == null || got.kind() == Transition.Kind.WITHDRAWN ? null
                    : got.obligation().status().name();
            String wantedStatus = expected.containsKey(id) ? expected.get(id).status().name() : null;
            if (Objects.equals(gotStatus, wantedStatus)) {
                continue;
            }
            String caseId = got != null ? got.obligation().caseId() : expected.get(id).caseId();
            // The case's came-back findings before the last transition, in event time and in number (each transition
            // of a case after it came back is numbered after those it had, the finding first).
            List<Transition> before = got == null ? List.of() : cameBack.getOrDefault(caseId, List.of()).stream()
                    .filter(f -> !f.at().isAfter(got.at()) && Jobs.number(f) <= Jobs.number(got)).toList();
            Long stay = got == null ? null : stays != null ? stays.get(got.id())
                    : before.stream().map(LeftCasesJobTest::leftAt).max(Long::compare).orElse(null);
            String why = String.format("%s ends %s where evaluate of the whole log says %s (seed %d; its "
                    + "transitions %s; its case last left at %s; its case's came-back findings before it %s)", id,
                    gotStatus, wantedStatus, seed, own.stream().map(t -> t.id() + "@" + t.at()).toList(),
                    stay == null ? null : Instant.ofEpochMilli(stay), before.stream().map(t -> t.id() + "@" + t.at()
                            + " (left at " + Instant.ofEpochMilli(leftAt(t)) + ")").toList());
            assertThat(got).as("never reported: " + why).isNotNull();
            Matcher mark = isMark(got) ? MARKED_BY.matcher(got.obligation().explanation()) : null;
            if (mark != null && mark.find()) {
                // A mark: covered by the finding of the event it names; INDETERMINATE, numbered after its last
                // transition, whose verdict it supersedes.
                String event = mark.group(1);
                assertThat(before).as("a mark without the finding of the event it names (%s): %s", event, why)
                        .anyMatch(f -> f.finding().evidence().equals(List.of(event)));
                Transition superseded = own.size() < 2 ? null : own.get(own.size() - 2);
                assertThat(superseded).as("a mark of nothing reported: " + why).isNotNull();
                assertThat(Jobs.number(got)).as("a mark numbered after what it supersedes: " + why)
                        .isGreaterThan(Jobs.number(superseded));
                assertThat(got.previous()).as("a mark's previous status: " + why)
                        .isEqualTo(superseded.obligation().status());
                marks++;
            } else {
                // Judged in a stay after the case came back: covered by a finding of that stay, which names the
                // instant the case left before it.
                assertThat(stay).as("differs in a stay before its case ever left: " + why).isNotNull();
                assertThat(before).as("no came-back finding of the stay it was judged in: " + why)
                        .anyMatch(f -> leftAt(f) == stay);
                judgedAfter++;
            }
        }
        System.out.println("  " + log.lines().size() + " lines, " + transitions.size() + " transitions, "
                + cameBack.size() + " cases came back; obligations that differ from evaluate: " + marks
                + " marked INDETERMINATE, " + judgedAfter + " judged after a case-came-back finding of their stay");
    }

    /** The instant a case-came-back finding says its case left, from its message. */
    private static final Pattern LEFT_AT = Pattern.compile("came after the case left the monitor at (\\S+?), ");
    /** The event a mark names: the one from before the case left that came after. */
    private static final Pattern MARKED_BY = Pattern.compile(
            "; event (\\S+) \\([^)]*\\), from before then, came after the case left");

    /** The instant, epoch milliseconds, a case-came-back finding says its case left. */
    private static long leftAt(Transition finding) {
        Matcher m = LEFT_AT.matcher(finding.finding().message());
        assertThat(m.find()).as("the instant the case left, in %s", finding.finding().message()).isTrue();
        return OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli();
    }

    /**
     * The transitions the cases' operator writes, a watermark after every line as in
     * {@link CaseFunctionWatermarksTest#transitions}; {@code stays} gets, for each, the instant its case had last left
     * when it was written ({@link CaseFunction.Kept#leftAt} after the line; for a case whose state went with it, the
     * instant before), none when it never had.
     */
    static List<Transition> transitions(List<String> lines, CaseFunction function, Map<String, Long> stays)
            throws Exception {
        List<Input> inputs = new ArrayList<>();
        LineParser parser = new LineParser(true);
        for (String line : lines) {
            parser.parse("test", line, inputs::add);
        }
        Json json = Json.of(JobDifferentialTest.ENGINE.eventTypes());
        List<Output> written = new ArrayList<>();
        Set<String> cases = new TreeSet<>();
        Map<String, Long> left = new HashMap<>();
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function,
                             i -> i.caseId, Types.STRING, CaseFunction.CONTEXT)) {
            long latest = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (Input in : inputs) {
                if (in.kind == Input.EVENT) {
                    harness.processElement(in, in.at);
                    latest = Math.max(latest, in.at);
                    cases.add(in.caseId);
                } else {
                    harness.processBroadcastElement(in, Long.MIN_VALUE);
                }
                long next = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - CaseFunctionWatermarksTest.BOUND
                        .toMillis() - 1;
                if (next > watermark) {
                    watermark = next;
                    harness.processWatermark(watermark);
                    harness.processBroadcastWatermark(watermark);
                }
                left = stays(harness, json, cases, written, left, stays);
            }
            harness.processWatermark(Long.MAX_VALUE);
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            stays(harness, json, cases, written, left, stays);
        }
        return written.stream().filter(o -> !o.json.contains("\"PENDING_AT_END\""))
                .map(o -> Json.DEFAULT.read(o.json, Transition.class)).toList();
    }

    /** Takes the outputs written since, gives each the instant its case last left; returns those of the cases now. */
    private static Map<String, Long> stays(KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness,
                                           Json json, Set<String> cases, List<Output> written, Map<String, Long> before,
                                           Map<String, Long> stays) throws Exception {
        List<Output> all = harness.extractOutputValues();
        List<Output> since = all.subList(written.size(), all.size());
        Map<String, Long> now = new HashMap<>();
        Set<String> kept = new HashSet<>();
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        for (String caseId : cases) {
            backend.setCurrentKey(caseId);
            byte[] bytes = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    CaseFunction.STATE).value();
            if (bytes != null) {
                kept.add(caseId);
                Long leftAt = json.read(bytes, CaseFunction.Kept.class).leftAt();
                if (leftAt != null) {
                    now.put(caseId, leftAt);
                }
            }
        }
        for (Output o : since) {
            if (o.json.contains("\"PENDING_AT_END\"")) {
                continue;
            }
            Transition t = Json.DEFAULT.read(o.json, Transition.class);
            String caseId = t.obligation() != null ? t.obligation().caseId()
                    : t.finding() != null ? t.finding().caseId() : null;
            Long at = caseId == null ? null : kept.contains(caseId) ? now.get(caseId) : before.get(caseId);
            if (at != null) {
                stays.put(t.id(), at);
            }
        }
        written.addAll(since);
        return now;
    }
}
