package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * The cases' operator gives the same output whatever the cadence of watermarks: here, a watermark after every line
 * (as a loaded or throttled source gives them) against none before the end of the input (as a fast one does), on the
 * example log of the 2026 amendment with cases leaving state as soon as they end. Watermarks are given by hand, so
 * the test does not depend on when Flink's periodic watermarks come.
 */
class CaseFunctionWatermarksTest {

    static final Duration BOUND = Duration.ofHours(2);

    @Test
    void the_output_does_not_depend_on_when_watermarks_come() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "logs", "amendment-2026.jsonl"));
        JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S");
        List<String> once = run(lines, options, false);
        List<String> everyLine = run(lines, options, true);
        assertThat(once).as("the log gives the cases something to report").isNotEmpty();
        assertThat(everyLine).as("a watermark after every line, against one at the end")
                .containsExactlyElementsOf(once);
    }

    /**
     * A case that ends (its complaint acknowledged and resolved) after a notice to the user, and then has a removal on
     * the platform's own initiative: with cases leaving state as soon as they end, the removal is evaluated without the
     * notice, at the end of the input as when watermarks came during it.
     */
    @Test
    void a_case_leaves_state_at_the_end_of_the_input_as_during_it() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("..", "examples", "logs",
                "amendment-2026.jsonl")));
        lines.addAll(List.of(
                "{\"type\":\"ComplaintReceived\",\"id\":\"grv-0600-in\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T09:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"grv-0600-ack\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T10:00:00+05:30\"}",
                "{\"type\":\"UserNotified\",\"id\":\"grv-0600-notice\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T10:30:00+05:30\",\"grounds\":\"spam\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"grv-0600-res\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T11:00:00+05:30\"}",
                "{\"type\":\"ContentRemoved\",\"id\":\"grv-0600-done\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T12:00:00+05:30\",\"action\":\"REMOVED\",\"basis\":\"OWN_INITIATIVE\"}"));
        List<String> inOrder = Jobs.arrivalOrder(lines, Duration.ZERO, new Random(0)); // in time order
        JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S");
        List<String> once = run(inOrder, options, false);
        // Numbered after the transitions the case had before it left (the complaint's, up to #2).
        assertThat(once).as("the removal without the notice").contains("4(8).prior-notice@grv-0600-done#3:AT_RISK");
        assertThat(run(inOrder, options, true)).as("a watermark after every line, against one at the end")
                .containsExactlyElementsOf(once);
    }

    /**
     * A source that delivers a case's first events again after the case left state (and came back with a later
     * event): the copies are known by their digests and change nothing. Before, the complaint's duties started again
     * and their transitions' ids were sent a second time.
     */
    @Test
    void events_delivered_again_after_their_case_left_state_change_nothing() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("..", "examples", "logs",
                "amendment-2026.jsonl")));
        List<String> grievance = List.of(
                "{\"type\":\"ComplaintReceived\",\"id\":\"grv-0600-in\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T09:00:00+05:30\",\"category\":\"GENERAL\"}",
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"grv-0600-ack\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T10:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"grv-0600-res\",\"caseId\":\"GRV-2026-0600\","
                        + "\"at\":\"2026-02-27T11:00:00+05:30\"}");
        lines.addAll(grievance);
        JobOptions options = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S");
        List<String> inOrder = Jobs.arrivalOrder(lines, Duration.ZERO, new Random(0));
        List<String> once = run(inOrder, options, true);
        assertThat(once).contains("complaint.acknowledge@grv-0600-in#1:OPENED");
        List<String> again = new ArrayList<>(inOrder);
        again.addAll(grievance); // long after the case left: the log runs to March
        assertThat(run(again, options, true)).containsExactlyElementsOf(once);

        // Remembered a day only: the copies, two days after the case left, are a new case's.
        JobOptions forgetting = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId(),
                "--retain-ended", "PT0S", "--remember-left", "P1D");
        assertThat(run(again, forgetting, true)).filteredOn("complaint.acknowledge@grv-0600-in#1:OPENED"::equals)
                .hasSize(2);
    }

    /** The reviewer's example: C1 acknowledged late, resolved, left; C2 weeks later; C1's acknowledgement in time. */
    static final List<String> REVIEWERS_EXAMPLE = List.of(
            "{\"type\":\"PlatformProfile\",\"name\":\"Mahanagar\",\"registeredUsersInIndia\":90000000,"
                    + "\"messagingService\":false}",
            complaint("c1-in", "C1", "2026-03-01T10:00"),
            "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-b\",\"caseId\":\"C1\","
                    + "\"at\":\"2026-03-02T12:00:00+05:30\"}",
            "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res\",\"caseId\":\"C1\","
                    + "\"at\":\"2026-03-03T10:00:00+05:30\"}",
            complaint("c2-in", "C2", "2026-03-20T10:00"),
            "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-a\",\"caseId\":\"C1\","
                    + "\"at\":\"2026-03-01T11:00:00+05:30\"}");

    /** Cases kept a week (the default) after they ended. */
    static final JobOptions WEEK = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
            BOUND.toString(), "--standing-check", "PT12H");

    private static String complaint(String id, String caseId, String at) {
        return "{\"type\":\"ComplaintReceived\",\"id\":\"" + id + "\",\"caseId\":\"" + caseId + "\",\"at\":\""
                + at + ":00+05:30\",\"category\":\"GENERAL\"}";
    }

    /** The job dates the finding and the marks at the watermark, after the verdict they supersede. */
    @Test
    void marks_are_dated_after_the_transition_they_supersede() throws Exception {
        List<Transition> said = transitions(REVIEWERS_EXAMPLE, new CaseFunction(WEEK));

        Transition metLate = said.stream().filter(t -> t.id().equals("complaint.acknowledge@c1-in#4:MET_LATE"))
                .findFirst().orElseThrow();
        Transition mark = said.stream().filter(t -> t.id().equals("complaint.acknowledge@c1-in#5:INDETERMINATE"))
                .findFirst().orElseThrow();
        assertThat(mark.at()).isAfterOrEqualTo(metLate.at());
    }

    /** A case that left twice: the verdict of its first stay is marked when an event from then comes after. */
    @Test
    void a_case_that_left_twice_marks_its_first_stays_verdicts() throws Exception {
        List<String> lines = new java.util.ArrayList<>(REVIEWERS_EXAMPLE.subList(0, 5));
        lines.addAll(List.of(complaint("c1-in2", "C1", "2026-03-21T10:00"),
                "{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack2\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-21T11:00:00+05:30\"}",
                "{\"type\":\"ComplaintResolved\",\"id\":\"c1-res2\",\"caseId\":\"C1\","
                        + "\"at\":\"2026-03-21T12:00:00+05:30\"}",
                complaint("c3-in", "C3", "2026-04-10T10:00"), REVIEWERS_EXAMPLE.get(5)));

        List<String> ofIt = transitions(lines, new CaseFunction(WEEK)).stream().map(Transition::id)
                .filter(id -> id.startsWith("complaint.acknowledge@c1-in#")).toList();

        // evaluate of the whole log finds it MET (LeftCasesTest): the job's last word on it is the mark.
        assertThat(ofIt.get(ofIt.size() - 1)).endsWith(":INDETERMINATE");
    }

    /**
     * The reviewer's example: an acknowledgement that comes 19 days late, after its case (acknowledged late, resolved)
     * left state a week after it ended. It is evaluated without the case's earlier events, so the job cannot revise
     * the duty it reported met late where {@code evaluate} of the whole log finds it met: the output says so (a
     * {@code case-came-back} finding naming the case and the event, and each obligation the case had marked
     * {@code INDETERMINATE}, as the monitor does), and it is counted. Kept longer than the acknowledgement is late, the
     * case reports it met, and nothing is marked.
     */
    @Test
    void the_reviewers_example_an_event_that_comes_after_its_case_left_state_is_said_and_counted() throws Exception {
        CaseFunction cases = new CaseFunction(WEEK);
        assertThat(run(REVIEWERS_EXAMPLE, cases, true)).contains("complaint.acknowledge@c1-in#4:MET_LATE",
                        "finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#5:FINDING",
                        "complaint.acknowledge@c1-in#5:INDETERMINATE", "complaint.resolve@c1-in#5:INDETERMINATE")
                .doesNotContain("complaint.acknowledge@c1-in#5:MET");
        assertThat(cases.afterLeaving.getCount()).isEqualTo(1);
        List<Transition> said = transitions(REVIEWERS_EXAMPLE, new CaseFunction(WEEK));
        assertThat(said).filteredOn(t -> t.id().startsWith("finding:case-came-back")).singleElement()
                .satisfies(t -> assertThat(t.finding().message()).contains("c1-ack-a", "C1", "left the monitor at"));
        assertThat(said).filteredOn(t -> t.id().equals("complaint.acknowledge@c1-in#5:INDETERMINATE")).singleElement()
                .satisfies(t -> assertThat(t.previous()).isEqualTo(Status.MET_LATE));

        JobOptions month = JobOptions.parse("--input", "unused", "--output", "unused", "--out-of-order",
                BOUND.toString(), "--standing-check", "PT12H", "--retain-ended", "P30D");
        CaseFunction kept = new CaseFunction(month);
        assertThat(run(REVIEWERS_EXAMPLE, kept, true)).contains("complaint.acknowledge@c1-in#5:MET")
                .noneMatch(id -> id.contains("case-came-back") || id.endsWith(":INDETERMINATE"));
        assertThat(kept.afterLeaving.getCount()).isZero();
    }

    /**
     * A case that comes back after it left state with an event that opens nothing (an acknowledgement after the case
     * left) has nothing left to settle: it leaves state again {@code --retain-ended} after it came back, keeping what
     * it kept (its first stay's verdicts, the instant it left) and the event's digest. Before, having no obligation,
     * it stayed in keyed state with its event for the job's life. An acknowledgement from the first stay, later still,
     * then marks the first stay's verdicts, and the case leaves a third time.
     */
    @Test
    void a_case_that_came_back_with_nothing_to_settle_leaves_state_again() throws Exception {
        List<String> lines = new ArrayList<>(REVIEWERS_EXAMPLE.subList(0, 5));
        lines.add("{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-c\",\"caseId\":\"C1\","
                + "\"at\":\"2026-03-20T12:00:00+05:30\"}");
        lines.add(complaint("c3-in", "C3", "2026-04-10T10:00")); // past 27 March: a week after C1 came back
        Json json = Json.of(JobDifferentialTest.ENGINE.eventTypes());
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     harness(new CaseFunction(WEEK))) {
            long watermark = feed(harness, lines, Long.MIN_VALUE);
            assertThat(ids(harness)).contains("finding:case-came-back:C1:c1-ack-c:niyam.case-came-back#5:FINDING")
                    .noneMatch(id -> id.contains("@c1-") && id.endsWith(":INDETERMINATE"));
            CaseFunction.Kept c1 = kept(harness, json, "C1");
            assertThat(c1.state().events()).as("C1 left state again").isEmpty();
            assertThat(c1.leftAt()).isNotNull();
            assertThat(c1.state().earlier().size()).as("the digests of its 4 events").isEqualTo(4);
            assertThat(c1.state().earlier().reported()).extracting(CaseTracker.Reported::text)
                    .as("its first stay's verdicts, not marked yet")
                    .allMatch(r -> r.startsWith("4 MET_LATE ") || r.startsWith("2 MET ")).hasSize(2);

            watermark = feed(harness, List.of(REVIEWERS_EXAMPLE.get(5), complaint("c4-in", "C4", "2026-05-10T10:00")),
                    watermark);
            assertThat(ids(harness)).contains("finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#6:FINDING",
                    "complaint.acknowledge@c1-in#6:INDETERMINATE", "complaint.resolve@c1-in#6:INDETERMINATE");
            c1 = kept(harness, json, "C1");
            assertThat(c1.state().events()).as("C1 left state a third time").isEmpty();
            assertThat(c1.state().earlier().reported()).as("marked: none kept").isEmpty();
            assertThat(ids(harness)).doesNotHaveDuplicates();
        }
    }

    /**
     * State written by a job before a case that came back with nothing to settle could leave again (its record with no
     * instant to leave at) restores as it is; the case stays until its next event, and leaves {@code --retain-ended}
     * after it.
     */
    @Test
    void a_case_back_with_nothing_to_settle_in_older_state_leaves_after_its_next_event() throws Exception {
        List<String> lines = new ArrayList<>(REVIEWERS_EXAMPLE.subList(0, 5));
        lines.add("{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-c\",\"caseId\":\"C1\","
                + "\"at\":\"2026-03-20T12:00:00+05:30\"}");
        lines.add(complaint("c5-in", "C5", "2026-03-21T10:00"));
        Json json = Json.of(JobDifferentialTest.ENGINE.eventTypes());
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     harness(new CaseFunction(WEEK))) {
            long watermark = feed(harness, lines, Long.MIN_VALUE);
            CaseFunction.Kept back = kept(harness, json, "C1");
            assertThat(back.state().events()).extracting(e -> e.id()).containsExactly("c1-ack-c");
            assertThat(back.retireAt()).as("to leave a week after it came back").isNotNull();
            // As a job before wrote it: no instant to leave at.
            CaseFunction.Kept old = new CaseFunction.Kept(back.state(), back.steppedAt(), back.due(), null,
                    back.leftovers(), back.leftAt());
            KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
            backend.setCurrentKey("C1");
            backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, CaseFunction.STATE)
                    .update(json.bytes(old));

            watermark = feed(harness, List.of(complaint("c3-in", "C3", "2026-04-10T10:00")), watermark);
            assertThat(kept(harness, json, "C1").state().events()).as("stays, with no instant to leave at")
                    .isNotEmpty();
            feed(harness, List.of("{\"type\":\"ComplaintAcknowledged\",\"id\":\"c1-ack-e\",\"caseId\":\"C1\","
                    + "\"at\":\"2026-04-11T10:00:00+05:30\"}", complaint("c4-in", "C4", "2026-05-10T10:00")),
                    watermark);
            assertThat(kept(harness, json, "C1").state().events()).as("left a week after its next event").isEmpty();
        }
    }

    /**
     * A case whose duties had all ended, due to leave, that a changed profile gives a breached duty (Rule 4(8): a
     * platform that became significant owed a notice before its removal) stays: a notice that comes later meets it
     * late, as the monitor and {@code evaluate} say, where the job let the case leave with its breach and said only
     * that the notice came back. And the reverse: a change that ends the case's last running duty gives it an
     * instant to leave at, which its next timer or event acts on.
     */
    @Test
    void a_profile_change_asks_again_whether_a_case_may_leave() throws Exception {
        String small = "{\"type\":\"PlatformProfile\",\"name\":\"ExampleNet\",\"registeredUsersInIndia\":1000000,"
                + "\"messagingService\":false}";
        String large = small.replace("1000000", "90000000");
        String removal = "{\"type\":\"ContentRemoved\",\"id\":\"r1\",\"caseId\":\"R1\","
                + "\"at\":\"2026-03-02T11:00:00+05:30\",\"action\":\"REMOVED\",\"basis\":\"OWN_INITIATIVE\"}";
        String notice = "{\"type\":\"UserNotified\",\"id\":\"n1\",\"caseId\":\"R1\","
                + "\"at\":\"2026-09-21T10:00:00+05:30\",\"grounds\":\"spam\"}";
        Json json = Json.of(JobDifferentialTest.ENGINE.eventTypes());
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     harness(new CaseFunction(WEEK))) {
            long watermark = feed(harness, List.of(small, removal, complaint("x1", "X1", "2026-09-01T10:00")),
                    Long.MIN_VALUE);
            assertThat(kept(harness, json, "R1").retireAt()).as("R1's duties ended: due to leave").isNotNull();
            watermark = feed(harness, List.of(large), watermark);
            assertThat(kept(harness, json, "R1").retireAt()).as("now breached, to be met late: stays").isNull();
            watermark = feed(harness, List.of(complaint("x2", "X2", "2026-09-20T10:00")), watermark);
            assertThat(kept(harness, json, "R1").state().events()).as("R1 still held").isNotEmpty();
            feed(harness, List.of(notice, complaint("x3", "X3", "2026-09-23T10:00")), watermark);
            assertThat(ids(harness)).anyMatch(id -> id.startsWith("4(8).prior-notice@r1#") && id.endsWith(":MET_LATE"))
                    .noneMatch(id -> id.startsWith("finding:case-came-back:R1"));
        }
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     harness(new CaseFunction(WEEK))) {
            long watermark = feed(harness, List.of(large, removal, complaint("x1", "X1", "2026-09-01T10:00")),
                    Long.MIN_VALUE);
            assertThat(kept(harness, json, "R1").retireAt()).as("breached, to be met late: stays").isNull();
            feed(harness, List.of(small), watermark);
            assertThat(kept(harness, json, "R1").retireAt()).as("not applicable now: may leave").isNotNull();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness(CaseFunction function)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function, i -> i.caseId, Types.STRING,
                CaseFunction.CONTEXT);
    }

    /** Gives the lines, each followed by the watermark of a bounded out-of-order source; returns the last watermark. */
    private static long feed(KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness,
                             List<String> lines, long watermark) throws Exception {
        LineParser parser = new LineParser(true);
        List<Input> inputs = new ArrayList<>();
        for (String line : lines) {
            parser.parse("test", line, inputs::add);
        }
        for (Input in : inputs) {
            if (in.kind == Input.EVENT) {
                harness.processElement(in, in.at);
                long next = in.at - BOUND.toMillis() - 1;
                if (next > watermark) {
                    watermark = next;
                    harness.processWatermark(watermark);
                    harness.processBroadcastWatermark(watermark);
                }
            } else {
                harness.processBroadcastElement(in, Long.MIN_VALUE);
            }
        }
        return watermark;
    }

    private static List<String> ids(KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness) {
        return harness.extractOutputValues().stream().map(o -> o.id).toList();
    }

    /** What the job keeps for a case. */
    private static CaseFunction.Kept kept(KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness,
                                          Json json, String caseId) throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(caseId);
        byte[] bytes = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                CaseFunction.STATE).value();
        assertThat(bytes).as("state of case %s", caseId).isNotNull();
        return json.read(bytes, CaseFunction.Kept.class);
    }

    /** The cases' outputs, sorted, for the lines parsed in order; watermarks as a bounded out-of-order source. */
    static List<String> run(List<String> lines, JobOptions options, boolean watermarkEveryLine) throws Exception {
        return run(lines, new CaseFunction(options), watermarkEveryLine);
    }

    /** The same, with the cases' function given. */
    static List<String> run(List<String> lines, CaseFunction function, boolean watermarkEveryLine) throws Exception {
        return outputs(lines, function, watermarkEveryLine).stream().map(o -> o.id).sorted().toList();
    }

    /** The transitions the cases' function writes, in order, with a watermark after every line. */
    static List<Transition> transitions(List<String> lines, CaseFunction function) throws Exception {
        return outputs(lines, function, true).stream().filter(o -> !o.json.contains("\"PENDING_AT_END\""))
                .map(o -> Json.DEFAULT.read(o.json, Transition.class)).toList();
    }

    private static List<Output> outputs(List<String> lines, CaseFunction function, boolean watermarkEveryLine)
            throws Exception {
        List<Input> inputs = new ArrayList<>();
        LineParser parser = new LineParser(true);
        for (String line : lines) {
            parser.parse("test", line, inputs::add);
        }
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function,
                             i -> i.caseId, Types.STRING, CaseFunction.CONTEXT)) {
            long latest = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (Input in : inputs) {
                if (in.kind == Input.EVENT) {
                    harness.processElement(in, in.at);
                    latest = Math.max(latest, in.at);
                } else {
                    harness.processBroadcastElement(in, Long.MIN_VALUE);
                }
                long next = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - BOUND.toMillis() - 1;
                if (watermarkEveryLine && next > watermark) {
                    watermark = next;
                    harness.processWatermark(watermark);
                    harness.processBroadcastWatermark(watermark);
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            return harness.extractOutputValues();
        }
    }
}
