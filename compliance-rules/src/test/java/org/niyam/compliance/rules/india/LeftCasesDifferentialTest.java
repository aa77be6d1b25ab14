package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Transition;

/**
 * The live monitor against {@code evaluate} of the whole log when events come later than a case is kept: on generated
 * logs, events delivered with delays (most within the out-of-order bound, some by days, beyond the one day ended cases
 * are kept), every obligation the transitions end with is either {@code evaluate}'s at the monitor's last instant, or
 * marked: its case has a {@code case-came-back} finding sent before (or with) its last transition. Copies of events,
 * delivered later again, change nothing. Seeds are fixed and printed; {@code -Dniyam.left.runs=N} for more.
 */
class LeftCasesDifferentialTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final Duration BOUND = Duration.ofHours(2);
    private static final Duration RETAIN = Duration.ofDays(1);
    static final String CAME_BACK = "case-came-back";

    static Stream<Long> seeds() {
        long runs = Long.getLong("niyam.left.runs", 24);
        long first = Long.getLong("niyam.left.seed", 20261206L);
        return Stream.iterate(first, s -> s + 7919).limit(runs);
    }

    /** An event and the instant of event time it is delivered at. */
    record Arrival(CaseEvent event, long key) {
    }

    /**
     * Each event at its instant plus a delay: within the bound mostly, by up to twenty days one time in five; with
     * {@code copies}, one event in four is delivered a second time, up to twenty days after its instant.
     */
    static List<CaseEvent> arrivals(List<CaseEvent> events, Random random, boolean copies) {
        List<Arrival> arrivals = new ArrayList<>();
        for (CaseEvent event : events) {
            long at = event.at().toInstant().toEpochMilli();
            boolean straggler = event.id().startsWith("straggler-");
            long delay = random.nextInt(straggler ? 2 : 5) == 0
                    ? (long) (random.nextDouble() * Duration.ofDays(20).toMillis())
                    : (long) (random.nextDouble() * BOUND.toMillis());
            arrivals.add(new Arrival(event, at + delay));
            long copy = (long) (random.nextDouble() * Duration.ofDays(20).toMillis());
            if (random.nextInt(4) == 0 && copies) {
                arrivals.add(new Arrival(event, at + Math.max(delay, copy)));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key));
        return arrivals.stream().map(Arrival::event).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_obligation_is_evaluates_or_marked(long seed) {
        System.out.println("LeftCasesDifferentialTest seed=" + seed);
        Random random = new Random(seed);
        CaseLogs.Log log = CaseLogs.generate(random, 8 + random.nextInt(16));
        Evidence evidence = withStragglers(log.evidence(), random);
        long arrivalSeed = random.nextLong();
        List<CaseEvent> arrivals = arrivals(evidence.events(), new Random(arrivalSeed), false);
        List<CaseEvent> withCopies = arrivals(evidence.events(), new Random(arrivalSeed), true);

        List<Transition> heard = new ArrayList<>();
        OffsetDateTime end = run(evidence, arrivals, heard);
        List<Transition> again = new ArrayList<>();
        run(evidence, withCopies, again);
        assertThat(again).extracting(Transition::id).as("copies change nothing (seed %d)", seed)
                .containsExactlyElementsOf(heard.stream().map(Transition::id).toList());

        Report whole = ENGINE.evaluate(evidence, end);
        Map<String, Integer> cameBack = new HashMap<>();
        Map<String, Transition> last = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < heard.size(); i++) {
            Transition t = heard.get(i);
            if (t.finding() != null && t.finding().code().equals(CAME_BACK)) {
                cameBack.putIfAbsent(t.finding().caseId(), i);
            }
            if (t.obligation() != null) {
                last.put(t.obligation().id(), t);
                lastIndex.put(t.obligation().id(), i);
            }
        }
        Map<String, Obligation> expected = new HashMap<>();
        whole.obligations().forEach(o -> expected.put(o.id(), o));
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(last.keySet());
        int marked = 0;
        for (String id : ids) {
            Obligation wanted = expected.get(id);
            Transition got = last.get(id);
            String gotStatus = got == null || got.kind() == Transition.Kind.WITHDRAWN ? null
                    : got.obligation().status().name();
            String wantedStatus = wanted == null ? null : wanted.status().name();
            if (java.util.Objects.equals(gotStatus, wantedStatus)) {
                continue;
            }
            String caseId = wanted != null ? wanted.caseId() : got.obligation().caseId();
            Integer back = caseId == null ? null : cameBack.get(caseId);
            assertThat(back != null && got != null && lastIndex.get(id) >= back)
                    .as("%s ends %s where evaluate of the whole log says %s, unmarked (seed %d; came back: %s)", id,
                            gotStatus, wantedStatus, seed, cameBack)
                    .isTrue();
            marked++;
        }
        System.out.println("  " + arrivals.size() + " events, " + heard.size() + " transitions, " + cameBack.size()
                + " cases came back, " + marked + " obligations differ from evaluate, each marked");
        assertThat(heard).extracting(Transition::id).as("ids unique (seed %d)", seed).doesNotHaveDuplicates();
    }

    /**
     * The generated log with, now and then, the events that a case that left cannot judge alone: an acknowledgement of
     * a complaint earlier than the one it had (another id: the reviewer's example, when it comes after the case left),
     * and a court's order in a case of a removal, days after the case's last event (the removal rules read the
     * case's earlier orders and removals).
     */
    static Evidence withStragglers(Evidence evidence, Random random) {
        Map<String, List<CaseEvent>> byCase = new java.util.TreeMap<>();
        evidence.events().forEach(e -> byCase.computeIfAbsent(e.caseId(), c -> new ArrayList<>()).add(e));
        List<CaseEvent> events = new ArrayList<>(evidence.events());
        int n = 0;
        for (List<CaseEvent> events0 : byCase.values()) {
            List<CaseEvent> own = new ArrayList<>(events0);
            own.sort(Comparator.comparing(e -> e.at().toInstant()));
            CaseEvent first = own.get(0);
            CaseEvent ack = own.stream().filter(e -> e instanceof org.niyam.compliance.india.ComplaintAcknowledged)
                    .findFirst().orElse(null);
            if (first instanceof org.niyam.compliance.india.ComplaintReceived && ack != null && random.nextBoolean()) {
                long span = ack.at().toInstant().toEpochMilli() - first.at().toInstant().toEpochMilli();
                events.add(new org.niyam.compliance.india.ComplaintAcknowledged("straggler-" + n++, first.caseId(),
                        first.at().plusNanos(1_000_000L * (long) (random.nextDouble() * span))));
            } else if (first instanceof org.niyam.compliance.india.RemovalOrderReceived && random.nextBoolean()) {
                CaseEvent last = own.get(own.size() - 1);
                events.add(new org.niyam.compliance.india.RemovalOrderReceived("straggler-" + n++, first.caseId(),
                        last.at().plus(Duration.ofMillis((long) (random.nextDouble() * Duration.ofDays(6).toMillis()))),
                        new org.niyam.compliance.india.Issuer(org.niyam.compliance.india.IssuerKind.COURT,
                                "High Court of Delhi", null), "W.P.(C) " + random.nextInt(9000)));
            }
        }
        return new Evidence(evidence.platform(), evidence.facts(), events);
    }

    /** Runs a monitor under event time over the arrivals, then on past every deadline; returns its last instant. */
    static OffsetDateTime run(Evidence evidence, List<CaseEvent> arrivals, List<Transition> heard) {
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE)
                .clock(MonitorClock.eventTime())
                .outOfOrder(BOUND)
                .offset(IndiaPack.IST)
                .retainEndedCases(RETAIN)
                .platform(evidence.platform())
                .facts(evidence.facts())
                .listener(heard::add)
                .build()) {
            for (CaseEvent event : arrivals) {
                monitor.accept(event);
            }
            monitor.advanceTo(monitor.now().plusDays(60));
            return monitor.now();
        }
    }
}
