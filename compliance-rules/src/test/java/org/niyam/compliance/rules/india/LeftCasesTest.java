package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.IndiaPack.ist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.pack.RulePack;

/**
 * A case that comes back after it left the monitor is judged without its earlier events, and the monitor's output
 * says so: a {@code case-came-back} finding naming the case, the event, the instant the case left and what is
 * unknown; for an event dated at or before the instant the case left, each obligation it had then marked
 * {@code INDETERMINATE}.
 */
class LeftCasesTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final PlatformProfile LARGE = new PlatformProfile("Mahanagar", 90_000_000, false, true);

    /** The reviewer's example: a complaint acknowledged late, resolved, left; an earlier acknowledgement after. */
    static final CaseEvent RECEIVED = new ComplaintReceived("c1-in", "C1", ist("2026-03-01T10:00"),
            ComplaintCategory.GENERAL);
    static final CaseEvent ACK_LATE = new ComplaintAcknowledged("c1-ack-b", "C1", ist("2026-03-02T12:00"));
    static final CaseEvent RESOLVED = new ComplaintResolved("c1-res", "C1", ist("2026-03-03T10:00"));
    /** Another case, weeks later: it moves the event-time clock past the instant C1 leaves. */
    static final CaseEvent OTHER = new ComplaintReceived("c2-in", "C2", ist("2026-03-20T10:00"),
            ComplaintCategory.GENERAL);
    /** The acknowledgement in time, delivered after everything else, nineteen days late. */
    static final CaseEvent ACK_IN_TIME = new ComplaintAcknowledged("c1-ack-a", "C1", ist("2026-03-01T11:00"));

    private static ComplianceMonitor.Builder monitor(List<Transition> heard) {
        return ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime()).outOfOrder(Duration.ofHours(2))
                .offset(IndiaPack.IST).platform(LARGE).listener(heard::add);
    }

    /**
     * {@code evaluate} of the whole log finds the acknowledgement met; the monitor, whose case C1 left a week after
     * it ended, had reported it met late and cannot revise it: it says so, and marks what it reported then.
     */
    @Test
    void the_reviewers_example_an_earlier_acknowledgement_after_the_case_left_is_said_and_marks_its_verdicts() {
        Obligation whole = ENGINE.evaluate(new Evidence(LARGE, List.of(),
                        List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER, ACK_IN_TIME)), ist("2026-03-20T10:00"))
                .obligations().stream().filter(o -> o.id().equals("complaint.acknowledge@c1-in")).findFirst()
                .orElseThrow();
        assertThat(whole.status()).as("evaluate of the whole log").isEqualTo(Status.MET);

        List<Transition> heard = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ComplianceMonitor monitor = monitor(heard).metrics(registry).build()) {
            monitor.acceptAll(List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER));
            assertThat(heard).extracting(Transition::id).contains("complaint.acknowledge@c1-in#4:MET_LATE");
            assertThat(monitor.report().forCase("C1")).as("C1 left the monitor").isEmpty();
            int before = heard.size();
            monitor.accept(ACK_IN_TIME);

            List<Transition> after = heard.subList(before, heard.size());
            assertThat(after).extracting(Transition::id).startsWith(
                    "finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#5:FINDING",
                    "complaint.acknowledge@c1-in#5:INDETERMINATE");
            Transition finding = after.get(0);
            assertThat(finding.finding().code()).isEqualTo(CaseTracker.CAME_BACK);
            assertThat(finding.finding().caseId()).isEqualTo("C1");
            assertThat(finding.finding().evidence()).containsExactly("c1-ack-a");
            assertThat(finding.finding().message()).contains("c1-ack-a", "C1", "left the monitor at",
                    "dated at or before the instant the case left", "INDETERMINATE");
            Transition mark = after.get(1);
            assertThat(mark.kind()).isEqualTo(Transition.Kind.INDETERMINATE);
            assertThat(mark.previous()).isEqualTo(Status.MET_LATE);
            assertThat(mark.obligation().status()).isEqualTo(Status.INDETERMINATE);
            assertThat(mark.obligation().caseId()).isEqualTo("C1");
            assertThat(mark.obligation().triggeredAt()).isAtSameInstantAs(RECEIVED.at());
            assertThat(mark.obligation().citation()).isEqualTo(whole.citation());
            assertThat(mark.obligation().explanation()).contains("MET_LATE", "c1-ack-a", "may be wrong");
            // Every obligation C1 had when it left is marked: the monitor cannot tell which an earlier event changes.
            assertThat(after).filteredOn(t -> t.kind() == Transition.Kind.INDETERMINATE)
                    .extracting(t -> t.obligation().id())
                    .containsExactlyInAnyOrder("complaint.acknowledge@c1-in", "complaint.resolve@c1-in");
            assertThat(monitor.report().findings()).extracting(f -> f.code() + "/" + f.caseId())
                    .as("held while the case is back").contains("case-came-back/C1");
            assertThat(registry.get("niyam.monitor.events").tag("outcome", "ended-case").counter().count())
                    .isEqualTo(1.0);
            // A copy of the event that came back, or of one the case had before it left, is a copy: nothing more.
            int marked = heard.size();
            monitor.acceptAll(List.of(ACK_IN_TIME, ACK_LATE, RECEIVED));
            monitor.advanceTo(ist("2026-04-30T00:00"));
            assertThat(heard.subList(marked, heard.size())).extracting(Transition::id)
                    .noneMatch(id -> id.contains("C1") || id.contains("c1-"));
        }
        assertThat(heard).extracting(Transition::id).doesNotHaveDuplicates();
    }

    /** Kept a month, the case is still held when the acknowledgement comes: it is revised to met, nothing marked. */
    @Test
    void a_case_kept_longer_than_the_event_is_late_is_revised_and_nothing_is_marked() {
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(heard).retainEndedCases(Duration.ofDays(30)).build()) {
            monitor.acceptAll(List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER));
            monitor.accept(ACK_IN_TIME);
        }
        assertThat(heard).extracting(Transition::id).contains("complaint.acknowledge@c1-in#5:MET")
                .noneMatch(id -> id.contains("case-came-back") || id.contains("c1-") && id.endsWith(":INDETERMINATE"));
    }

    /**
     * What a case that left keeps (the instant it left, its obligations' verdicts) is in the snapshot: a monitor
     * restored from it says and marks the same. A snapshot written before it was kept (without them) still restores:
     * the event is said to have come back after the instant the snapshot's record of the case gives, nothing marked.
     */
    @Test
    void a_restored_monitor_says_the_same_and_an_older_snapshot_still_restores() throws Exception {
        List<Transition> straight = new ArrayList<>();
        byte[] snapshot;
        int before;
        try (ComplianceMonitor monitor = monitor(straight).build()) {
            monitor.acceptAll(List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER));
            snapshot = monitor.snapshot();
            before = straight.size();
            monitor.accept(ACK_IN_TIME);
        }
        List<Transition> restored = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(restored).restore(snapshot).build()) {
            monitor.accept(ACK_IN_TIME);
        }
        assertThat(restored).extracting(Transition::id)
                .containsExactlyElementsOf(straight.subList(before, straight.size()).stream().map(Transition::id)
                        .toList())
                .contains("complaint.acknowledge@c1-in#5:INDETERMINATE");

        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(snapshot);
        for (JsonNode left : old.path("left")) {
            ObjectNode earlier = (ObjectNode) left.path("earlier");
            assertThat(earlier.has("left") && earlier.has("reported")).as("kept in the snapshot").isTrue();
            // What keeping the verdicts costs: the bytes of JSON a left case's record gains, per obligation kept.
            int with = json.writeValueAsBytes(earlier).length;
            int obligations = earlier.path("reported").size();
            earlier.remove(List.of("left", "reported", "cameBack"));
            int extra = with - json.writeValueAsBytes(earlier).length;
            System.out.println("LeftCasesTest: a left case of " + obligations + " obligations keeps " + extra
                    + " bytes more JSON (" + with + " in all, its 3 events' digests included)");
            assertThat(obligations).isEqualTo(2);
            assertThat(extra).as("small: about 115 bytes an obligation, and the instant").isLessThan(2 * 130 + 40);
        }
        List<Transition> fromOld = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(fromOld).restore(json.writeValueAsBytes(old)).build()) {
            monitor.accept(ACK_IN_TIME);
        }
        assertThat(fromOld).extracting(Transition::id)
                .contains("finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#5:FINDING")
                .noneMatch(id -> id.endsWith(":INDETERMINATE"));
    }

    /**
     * Each stay after a leave is said: a case that leaves, comes back with a second complaint, leaves again and comes
     * back a third time with an event dated after its second leave gets a second {@code case-came-back} finding,
     * naming that event and the second leave, before the transitions of the third stay (the first stay's finding
     * does not cover them: it says the case is judged without the events up to its first leave only). Before each
     * stay's findings were kept apart, none would come unless the event were dated before the second leave.
     */
    @Test
    void a_case_that_comes_back_a_second_time_is_said_again() {
        CaseEvent received2 = new ComplaintReceived("c1-in2", "C1", ist("2026-03-21T10:00"), ComplaintCategory.GENERAL);
        CaseEvent ack2 = new ComplaintAcknowledged("c1-ack2", "C1", ist("2026-03-21T11:00"));
        CaseEvent resolved2 = new ComplaintResolved("c1-res2", "C1", ist("2026-03-21T12:00"));
        // Moves the clock past C1's second leave (28 March).
        CaseEvent third = new ComplaintReceived("c3-in", "C3", ist("2026-04-10T10:00"), ComplaintCategory.GENERAL);
        CaseEvent received3 = new ComplaintReceived("c1-in3", "C1", ist("2026-04-12T10:00"), ComplaintCategory.GENERAL);
        CaseEvent fourth = new ComplaintReceived("c4-in", "C4", ist("2026-04-15T10:00"), ComplaintCategory.GENERAL);
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(heard).build()) {
            List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER, received2, ack2, resolved2, third, received3, fourth)
                    .forEach(monitor::accept);
        }
        List<Transition> findings = heard.stream().filter(t -> t.finding() != null
                && t.finding().code().equals(CaseTracker.CAME_BACK)).toList();
        assertThat(findings).extracting(t -> t.finding().evidence()).as("one finding a stay")
                .containsExactly(List.of("c1-in2"), List.of("c1-in3"));
        java.util.function.Function<Transition, OffsetDateTime> leftAt = t -> OffsetDateTime.parse(
                t.finding().message().replaceAll("(?s).*left the monitor at (\\S+?), .*", "$1"));
        assertThat(leftAt.apply(findings.get(0))).as("the first leave").isAfter(RESOLVED.at())
                .isBefore(received2.at());
        assertThat(leftAt.apply(findings.get(1))).as("the second leave").isAfter(resolved2.at())
                .isBefore(received3.at());
        List<String> ids = heard.stream().map(Transition::id).toList();
        int opened = ids.indexOf(ids.stream().filter(id -> id.startsWith("complaint.acknowledge@c1-in3#"))
                .findFirst().orElseThrow());
        assertThat(opened).as("the third stay's transitions after its finding")
                .isGreaterThan(ids.indexOf(findings.get(1).id()));
    }

    /**
     * A case that leaves, comes back with a second complaint (no marks: nothing is dated before it left), leaves again,
     * then gets the late acknowledgement of its first stay: the first stay's verdict was lost at the second leave and
     * stayed MET_LATE, unmarked, where {@code evaluate} says MET. It is kept until marked or judged again.
     */
    @Test
    void a_case_that_left_twice_marks_its_first_stays_verdicts() {
        CaseEvent received2 = new ComplaintReceived("c1-in2", "C1", ist("2026-03-21T10:00"), ComplaintCategory.GENERAL);
        CaseEvent ack2 = new ComplaintAcknowledged("c1-ack2", "C1", ist("2026-03-21T11:00"));
        CaseEvent resolved2 = new ComplaintResolved("c1-res2", "C1", ist("2026-03-21T12:00"));
        // Moves the clock past C1's second leave (28 March).
        CaseEvent third = new ComplaintReceived("c3-in", "C3", ist("2026-04-10T10:00"), ComplaintCategory.GENERAL);
        List<CaseEvent> all = List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER, received2, ack2, resolved2, third,
                ACK_IN_TIME);
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(heard).build()) {
            all.forEach(monitor::accept);
            monitor.advanceTo(ist("2026-05-30T00:00"));
            assertThat(ENGINE.evaluate(new Evidence(LARGE, List.of(), all), monitor.now()).obligations())
                    .filteredOn(o -> o.id().equals("complaint.acknowledge@c1-in")).singleElement()
                    .extracting(Obligation::status).isEqualTo(Status.MET);
        }

        List<String> ofIt = heard.stream().map(Transition::id)
                .filter(id -> id.startsWith("complaint.acknowledge@c1-in#")).toList();
        assertThat(ofIt).startsWith("complaint.acknowledge@c1-in#1:OPENED").last().asString()
                .endsWith(":INDETERMINATE");
        assertThat(heard).extracting(Transition::id).filteredOn(id -> id.endsWith(":INDETERMINATE"))
                .anyMatch(id -> id.startsWith("complaint.acknowledge@c1-in2#"));
    }

    /**
     * A case that comes back with an event that opens nothing (an acknowledgement after the case left: no duty reads
     * it alone) has nothing left to settle: it leaves again {@code retainEndedCases} after it came back, keeping what
     * it kept before (its first stay's verdicts, not marked, since the event came after the instant it left) and the
     * event's digest. Before, it had no obligation, so it never ended, and stayed in the monitor (and its snapshot) for
     * the monitor's life. An acknowledgement from its first stay, later still, then marks the first stay's verdicts,
     * and after that the case (again with nothing to settle) leaves a third time.
     */
    @Test
    void a_case_that_came_back_with_nothing_to_settle_leaves_again_and_still_marks_what_it_kept() throws Exception {
        CaseEvent stray = new ComplaintAcknowledged("c1-ack-c", "C1", ist("2026-03-20T12:00"));
        CaseEvent later = new ComplaintReceived("c3-in", "C3", ist("2026-04-10T10:00"), ComplaintCategory.GENERAL);
        CaseEvent latest = new ComplaintReceived("c4-in", "C4", ist("2026-05-10T10:00"), ComplaintCategory.GENERAL);
        List<Transition> heard = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (ComplianceMonitor monitor = monitor(heard).build()) {
            monitor.acceptAll(List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER, stray));
            monitor.advanceTo(ist("2026-03-21T00:00"));
            assertThat(heard).extracting(Transition::id)
                    .contains("finding:case-came-back:C1:c1-ack-c:niyam.case-came-back#5:FINDING")
                    .noneMatch(id -> id.contains("@c1-") && id.endsWith(":INDETERMINATE"));
            assertThat(held(json, monitor.snapshot())).as("back, with nothing to settle").contains("C1");
            int heldBytes = 0;
            for (JsonNode c : json.readTree(monitor.snapshot()).path("cases")) {
                heldBytes += c.path("caseId").asText().equals("C1") ? json.writeValueAsBytes(c).length : 0;
            }

            monitor.accept(later); // past 27 March: a week after C1 came back
            JsonNode snapshot = json.readTree(monitor.snapshot());
            System.out.println("LeftCasesTest: C1 back with one event, held: " + heldBytes + " bytes of JSON; left "
                    + "again: " + json.writeValueAsBytes(snapshot.path("left")).length + " (its record, 4 digests)");
            assertThat(held(json, monitor.snapshot())).as("C1 left again").doesNotContain("C1");
            assertThat(snapshot.path("left")).as("what C1 keeps").singleElement().satisfies(left -> {
                assertThat(left.path("at").asText()).startsWith("2026-03-27T12:00");
                assertThat(left.path("earlier").path("reported")).extracting(JsonNode::asText)
                        .as("its first stay's verdicts, not marked yet").hasSize(2)
                        .allMatch(r -> r.startsWith("4 MET_LATE ") || r.startsWith("2 MET "));
                assertThat(java.util.Base64.getDecoder().decode(left.path("earlier").path("events").asText()))
                        .as("16 bytes for each of its 4 events").hasSize(4 * 16);
            });

            int before = heard.size();
            monitor.accept(ACK_IN_TIME); // from the first stay, nineteen days late and more
            List<Transition> after = new ArrayList<>(heard.subList(before, heard.size()));
            assertThat(after).extracting(Transition::id).startsWith(
                    "finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#6:FINDING");
            assertThat(after).filteredOn(t -> t.kind() == Transition.Kind.INDETERMINATE)
                    .extracting(t -> t.obligation().id() + " after " + t.previous())
                    .containsExactlyInAnyOrder("complaint.acknowledge@c1-in after MET_LATE",
                            "complaint.resolve@c1-in after MET");

            monitor.accept(latest);
            assertThat(held(json, monitor.snapshot())).as("C1 left a third time").doesNotContain("C1");
            assertThat(json.readTree(monitor.snapshot()).path("left")).singleElement()
                    .satisfies(left -> assertThat(left.path("earlier").path("reported")).as("marked: none kept")
                            .isEmpty());
            // Copies of any of its events are copies; a new event brings it back once more, and says so.
            int copies = heard.size();
            monitor.acceptAll(List.of(RECEIVED, stray, ACK_IN_TIME));
            monitor.advanceTo(ist("2026-05-11T00:00"));
            assertThat(heard.subList(copies, heard.size())).extracting(Transition::id)
                    .noneMatch(id -> id.contains("C1"));
            monitor.accept(new ComplaintAcknowledged("c1-ack-d", "C1", ist("2026-05-12T10:00")));
            monitor.advanceTo(ist("2026-05-13T00:00"));
            assertThat(heard.subList(copies, heard.size())).extracting(Transition::id)
                    .filteredOn(id -> id.contains("C1") || id.contains("@c1-"))
                    .containsExactly("finding:case-came-back:C1:c1-ack-d:niyam.case-came-back#7:FINDING");
        }
        assertThat(heard).extracting(Transition::id).doesNotHaveDuplicates();
    }

    /**
     * A snapshot written before a case kept the instant it left (its {@code earlier} without {@code left},
     * {@code reported} and {@code cameBack}), taken when a case had already come back: nothing in it says when that
     * case left, so a further event of it, even one dated before the case left, gives no {@code case-came-back} finding
     * and marks nothing, where the monitor that did not stop says so and marks (docs/monitoring.md, Limits). Its
     * earlier events' digests show that it came back: with nothing to settle, it leaves again, and from then on an
     * event of it is said as any left case's.
     */
    @Test
    void a_case_back_when_an_older_snapshot_was_taken_is_not_said_again_until_it_leaves_again() throws Exception {
        CaseEvent stray = new ComplaintAcknowledged("c1-ack-c", "C1", ist("2026-03-20T12:00"));
        CaseEvent later = new ComplaintReceived("c3-in", "C3", ist("2026-04-10T10:00"), ComplaintCategory.GENERAL);
        CaseEvent afterThat = new ComplaintAcknowledged("c1-ack-d", "C1", ist("2026-04-12T10:00"));
        List<Transition> straight = new ArrayList<>();
        byte[] snapshot;
        int before;
        try (ComplianceMonitor monitor = monitor(straight).build()) {
            monitor.acceptAll(List.of(RECEIVED, ACK_LATE, RESOLVED, OTHER, stray));
            monitor.advanceTo(ist("2026-03-21T00:00"));
            snapshot = monitor.snapshot();
            before = straight.size();
            monitor.accept(ACK_IN_TIME);
        }
        assertThat(straight.subList(before, straight.size())).extracting(Transition::id)
                .as("the monitor that did not stop").contains(
                        "finding:case-came-back:C1:c1-ack-a:niyam.case-came-back#5:FINDING",
                        "complaint.acknowledge@c1-in#5:INDETERMINATE", "complaint.resolve@c1-in#5:INDETERMINATE");

        // As a monitor before the instant was kept wrote it: C1 back, its record without the instant it left, its
        // verdicts and the events that came back, and without the finding (that monitor made none).
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(snapshot);
        for (JsonNode held : old.path("cases")) {
            if (held.path("caseId").asText().equals("C1")) {
                ((ObjectNode) held.path("earlier")).remove(List.of("left", "reported", "cameBack"));
                ((ObjectNode) held).remove("retireAt");
                ((ObjectNode) held).putArray("findings");
                assertThat(held.path("earlier").path("events").asText()).as("C1 left: its events' digests")
                        .isNotEmpty();
            }
        }
        List<Transition> fromOld = new ArrayList<>();
        try (ComplianceMonitor monitor = monitor(fromOld).restore(json.writeValueAsBytes(old)).build()) {
            monitor.accept(ACK_IN_TIME);
            assertThat(fromOld).extracting(Transition::id).as("not said: the instant C1 left is not in the snapshot")
                    .noneMatch(id -> id.contains("C1") || id.contains("@c1-"));
            monitor.accept(later); // past 28 March: a week after the restore, C1 with nothing to settle leaves again
            assertThat(held(json, monitor.snapshot())).doesNotContain("C1");
            monitor.accept(afterThat);
            monitor.advanceTo(ist("2026-04-13T00:00"));
        }
        assertThat(fromOld).extracting(Transition::id).filteredOn(id -> id.contains("C1") || id.contains("@c1-"))
                .singleElement().asString().startsWith("finding:case-came-back:C1:c1-ack-d:niyam.case-came-back#");
    }

    /** The ids of the cases a snapshot holds. */
    private static List<String> held(ObjectMapper json, byte[] snapshot) throws Exception {
        List<String> ids = new ArrayList<>();
        json.readTree(snapshot).path("cases").forEach(c -> ids.add(c.path("caseId").asText()));
        return ids;
    }

    /** A rule id may hold a space between words; the verdict a left case keeps of its obligation holds it too. */
    @Test
    void a_case_whose_obligation_cites_a_rule_named_with_a_space_leaves_and_is_marked() {
        RulePack policy = RulePack.drl("policy.drl", """
                package org.example.policy;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.india.ComplaintAcknowledged;
                import org.niyam.compliance.model.Duty;
                import org.niyam.compliance.model.Discharge;
                rule "policy opens review"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("policy.review", "Review", "complaint.acknowledge", $c));
                end
                rule "policy review done"
                    @citation("Policy 1")
                when
                    $d : Duty(key == "policy.review", $case : caseId)
                    $a : ComplaintAcknowledged(caseId == $case)
                then
                    insert(new Discharge($d, $a));
                end
                """);
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india")).rulePack(policy).build();
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .outOfOrder(Duration.ofHours(2)).offset(IndiaPack.IST).platform(LARGE)
                .retainEndedCases(Duration.ofDays(1)).listener(heard::add).build()) {
            monitor.accept(new ComplaintReceived("p1-in", "P1", ist("2026-03-01T10:00"), ComplaintCategory.GENERAL));
            monitor.accept(new ComplaintAcknowledged("p1-ack", "P1", ist("2026-03-02T11:00")));
            monitor.accept(new ComplaintResolved("p1-res", "P1", ist("2026-03-02T12:00")));
            monitor.accept(new ComplaintReceived("p2-in", "P2", ist("2026-03-10T10:00"), ComplaintCategory.GENERAL));
            assertThat(monitor.report().forCase("P1")).as("P1 left").isEmpty();
            monitor.accept(new ComplaintAcknowledged("p1-ack-early", "P1", ist("2026-03-01T11:00")));
            monitor.advanceTo(ist("2026-03-11T00:00"));
        }

        assertThat(heard).extracting(Transition::id).anyMatch(id -> id.startsWith("policy.review@p1-in#")
                && id.endsWith(":INDETERMINATE"));
        assertThat(heard).filteredOn(t -> t.kind() == Transition.Kind.INDETERMINATE
                        && t.obligation().id().equals("policy.review@p1-in"))
                .extracting(t -> t.obligation().citation().ruleId()).containsOnly("policy opens review");
    }
}
