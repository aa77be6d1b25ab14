package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * What a case concludes about the platform can depend on the platform's profile: a profile that arrives after the
 * case was evaluated changes it, and the platform's operator must hear of it. The test pack {@code packs/statement}:
 * the platform owes a statement within 30 days of the start of the period; a resolved complaint discharges it only
 * when the platform is a messaging service. The profile says it is not; after case C1's resolution has been
 * evaluated, a profile that replaces it says it is. {@code evaluate} of the whole log and the monitor say the
 * statement was published in time ({@code MET}); before the broadcast side sent a case's changed leftovers, the
 * job's platform never heard of C1's discharge and said {@code BREACHED}.
 *
 * <p>The two operators run in harnesses chained as the job chains them (the cases' side outputs and the platform's
 * facts into the platform's operator), with a watermark after every line as a bounded out-of-order source gives it,
 * so that the later profile deterministically comes after C1 was evaluated.
 */
class BroadcastLeftoversTest {

    static final Duration BOUND = Duration.ofHours(2);
    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    static final JobOptions OPTIONS = JobOptions.parse("--input", "unused", "--output", "unused", "--rules",
            "classpath:packs/statement", "--out-of-order", BOUND.toString(), "--standing-check", "PT12H",
            "--offset", IST.getId(), "--retain-ended", "P1D");
    static final ComplianceEngine ENGINE = Engines.build(OPTIONS, BroadcastLeftoversTest.class.getClassLoader());
    static final String DUTY = "test.statement@period-start";

    static final String SMALL = "{\"type\":\"PlatformProfile\",\"name\":\"ExampleNet\","
            + "\"registeredUsersInIndia\":1000000,\"messagingService\":false}";
    static final String MESSAGING = SMALL.replace("false", "true");
    static final String RESOLVED = "{\"type\":\"ComplaintResolved\",\"id\":\"r1\",\"caseId\":\"C1\","
            + "\"at\":\"2026-03-02T10:00:00+05:30\"}";
    /** Moves the watermark past C1's resolution, so that C1 is evaluated before the later profile comes. */
    static final String LATER = "{\"type\":\"ComplaintReceived\",\"id\":\"x2\",\"caseId\":\"C2\","
            + "\"at\":\"2026-03-05T10:00:00+05:30\",\"category\":\"GENERAL\"}";
    /** After the statement's due instant (1 April), so that the platform is evaluated past it. */
    static final String LAST = "{\"type\":\"ComplaintReceived\",\"id\":\"x3\",\"caseId\":\"C3\","
            + "\"at\":\"2026-04-10T10:00:00+05:30\",\"category\":\"GENERAL\"}";

    @Test
    void a_later_profile_that_changes_a_cases_conclusions_about_the_platform_reaches_the_platform() throws Exception {
        List<String> lines = List.of(SMALL, RESOLVED, LATER, MESSAGING, LAST);
        Json json = Json.of(ENGINE.eventTypes());
        List<CaseEvent> events = lines.stream().filter(l -> l.contains("caseId"))
                .map(l -> json.read(l, CaseEvent.class)).toList();
        OffsetDateTime end = events.get(events.size() - 1).at();

        Evidence whole = new Evidence(json.read(MESSAGING, Platform.class), List.of(), events);
        Status evaluated = ENGINE.evaluate(whole, end).obligations().stream().filter(o -> o.id().equals(DUTY))
                .findFirst().orElseThrow().status();
        assertThat(evaluated).as("evaluate of the whole log").isEqualTo(Status.MET);

        Status live = last(monitor(lines, json, end)).get(DUTY);
        assertThat(live).as("the monitor").isEqualTo(Status.MET);

        Job job = job(lines);
        assertThat(last(job.transitions()).get(DUTY)).as("the job's platform, as evaluate and the monitor")
                .isEqualTo(Status.MET);
        assertThat(job.leftovers()).as("what C1 concluded about the platform, sent when the profile changed it")
                .anySatisfy(in -> {
                    assertThat(in.caseId).isEqualTo("C1");
                    assertThat(in.json).contains("r1");
                });
    }

    /** Each obligation's status after the transitions, by id. */
    private static Map<String, Status> last(List<Transition> transitions) {
        Map<String, Status> last = new LinkedHashMap<>();
        for (Transition t : transitions) {
            if (t.obligation() != null) {
                last.put(t.obligation().id(), t.kind() == Transition.Kind.WITHDRAWN ? null : t.obligation().status());
            }
        }
        return last;
    }

    private static List<Transition> monitor(List<String> lines, Json json, OffsetDateTime end) {
        List<Transition> heard = new ArrayList<>();
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                .outOfOrder(BOUND).offset(IST).retainEndedCases(Duration.ofDays(1)).listener(heard::add).build()) {
            for (String line : lines) {
                if (line.contains("\"PlatformProfile\"")) {
                    monitor.platform(json.read(line, Platform.class));
                } else {
                    monitor.accept(json.read(line, CaseEvent.class));
                }
            }
            monitor.advanceTo(end);
        }
        return heard;
    }

    /** What the job wrote, and the leftovers the cases' operator sent to the platform's. */
    record Job(List<Transition> transitions, List<Input> leftovers) {
    }

    /**
     * The cases' operator and the platform's, chained as the job chains them: each line's element to its operator
     * (an event to the cases', its copy for the platform's rules and the cases' leftovers to the platform's, the
     * platform's facts and marks to both), then the watermark of a bounded out-of-order source to both; the final
     * watermark at the end.
     */
    static Job job(List<String> lines) throws Exception {
        List<Input> inputs = new ArrayList<>();
        LineParser parser = new LineParser(true, OPTIONS.rules());
        for (String line : lines) {
            parser.parse("test", line, inputs::add);
        }
        List<Input> leftovers = new ArrayList<>();
        List<Output> written = new ArrayList<>();
        try (KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> cases =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CaseFunction(OPTIONS),
                             i -> i.caseId, Types.STRING, CaseFunction.CONTEXT);
             KeyedOneInputStreamOperatorTestHarness<String, Input, Output> platform =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new PlatformFunction(OPTIONS), i -> "",
                             Types.STRING)) {
            long latest = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (Input in : inputs) {
                if (in.kind == Input.EVENT) {
                    cases.processElement(in, in.at);
                    latest = Math.max(latest, in.at);
                } else {
                    cases.processBroadcastElement(in, Long.MIN_VALUE);
                    platform.processElement(in, Long.MIN_VALUE);
                }
                forward(cases, platform, leftovers);
                long next = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - BOUND.toMillis() - 1;
                if (next > watermark) {
                    watermark = next;
                    cases.processWatermark(watermark);
                    cases.processBroadcastWatermark(watermark);
                    forward(cases, platform, leftovers);
                    platform.processWatermark(watermark);
                }
            }
            cases.processWatermark(Long.MAX_VALUE);
            cases.processBroadcastWatermark(Long.MAX_VALUE);
            forward(cases, platform, leftovers);
            platform.processWatermark(Long.MAX_VALUE);
            written.addAll(cases.extractOutputValues());
            written.addAll(platform.extractOutputValues());
        }
        List<Transition> transitions = written.stream().filter(o -> !o.json.contains("\"PENDING_AT_END\""))
                .map(o -> Json.DEFAULT.read(o.json, Transition.class)).toList();
        return new Job(transitions, leftovers);
    }

    /** The cases' side outputs not yet forwarded, to the platform's operator. */
    private static void forward(KeyedBroadcastOperatorTestHarness<String, Input, Input, Output> cases,
                                KeyedOneInputStreamOperatorTestHarness<String, Input, Output> platform,
                                List<Input> leftovers) throws Exception {
        for (var tag : List.of(CaseFunction.SHARED, CaseFunction.LEFTOVERS)) {
            Queue<StreamRecord<Input>> queue = cases.getSideOutput(tag);
            if (queue == null) {
                continue;
            }
            for (StreamRecord<Input> record; (record = queue.poll()) != null; ) {
                if (tag == CaseFunction.LEFTOVERS) {
                    leftovers.add(record.getValue());
                }
                platform.processElement(record.getValue(), record.getTimestamp());
            }
        }
    }
}
