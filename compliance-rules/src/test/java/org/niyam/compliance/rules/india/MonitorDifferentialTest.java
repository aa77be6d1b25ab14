package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * The live monitor against {@code evaluate}: on generated logs, fed in an order shuffled within the out-of-order
 * bound and cut at random points, the monitor's state equals {@code evaluate(everything accepted, its instant)}, and
 * the last transition of every obligation names its status. Seeds are fixed and printed.
 */
class MonitorDifferentialTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final Duration BOUND = Duration.ofHours(2);

    static Stream<Long> seeds() {
        long runs = Long.getLong("niyam.monitor.runs", 24);
        long first = Long.getLong("niyam.monitor.seed", 20261205L);
        return Stream.iterate(first, s -> s + 7919).limit(runs);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_monitor_agrees_with_evaluate_at_every_cut(long seed) {
        System.out.println("MonitorDifferentialTest seed=" + seed);
        Random random = new Random(seed);
        CaseLogs.Log log = CaseLogs.generate(random, 6 + random.nextInt(18));
        Evidence evidence = log.evidence();
        List<CaseEvent> arrivals = shuffledWithin(evidence.events(), random);

        List<Transition> transitions = new ArrayList<>();
        Set<Integer> cuts = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            cuts.add(random.nextInt(arrivals.size() + 1));
        }
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE)
                .clock(MonitorClock.eventTime())
                .outOfOrder(BOUND)
                .offset(IndiaPack.IST)
                .retainEndedCases(Duration.ofDays(100_000))
                .platform(evidence.platform())
                .facts(evidence.facts())
                .listener(transitions::add)
                .build()) {
            List<CaseEvent> accepted = new ArrayList<>();
            for (int i = 0; i < arrivals.size(); i++) {
                if (cuts.contains(i) && monitor.now() != null) {
                    assertAgrees(monitor, evidence, accepted, transitions, seed);
                }
                // Now and then several at once, as a batch.
                int batch = random.nextInt(4) == 0 ? Math.min(3, arrivals.size() - i) : 1;
                List<CaseEvent> next = arrivals.subList(i, i + batch);
                monitor.acceptAll(next);
                accepted.addAll(next);
                i += batch - 1;
            }
            assertAgrees(monitor, evidence, accepted, transitions, seed);
            // Time runs on past every deadline with no more events: end of input is not a breach until then.
            OffsetDateTime last = monitor.now();
            monitor.advanceTo(last.plusHours(1 + random.nextInt(72)));
            assertAgrees(monitor, evidence, accepted, transitions, seed);
            monitor.advanceTo(last.plusDays(200));
            assertAgrees(monitor, evidence, accepted, transitions, seed);
        }
        System.out.println("  " + arrivals.size() + " events, " + transitions.size() + " transitions");
        assertThat(transitions).as("the log gives the monitor something to report").isNotEmpty();
        assertThat(transitions.stream().map(Transition::id).distinct().count())
                .as("transition ids are unique (seed %d)", seed).isEqualTo(transitions.size());
    }

    private static void assertAgrees(ComplianceMonitor monitor, Evidence evidence, List<CaseEvent> accepted,
                                     List<Transition> transitions, long seed) {
        Report live = monitor.report();
        OffsetDateTime at = monitor.now();
        Report expected = ENGINE.evaluate(new Evidence(evidence.platform(), evidence.facts(), accepted), at);
        assertThat(view(live.obligations())).as("obligations at %s (seed %d)", at, seed)
                .containsExactlyElementsOf(view(IndiaPack.live(expected.obligations())));
        assertThat(live.findings().stream().map(f -> f.code() + "/" + f.caseId() + "/" + f.evidence()).toList())
                .as("findings at %s (seed %d)", at, seed)
                .containsExactlyElementsOf(expected.findings().stream()
                        .map(f -> f.code() + "/" + f.caseId() + "/" + f.evidence()).toList());
        Map<String, String> last = new HashMap<>();
        for (Transition t : transitions) {
            if (t.obligation() != null) {
                last.put(t.obligation().id(), t.kind() == Transition.Kind.WITHDRAWN ? null : t.obligation().status().name());
            }
        }
        if (transitions.isEmpty()) {
            // The first events still wait for the watermark: nothing is reported before they are evaluated, at the
            // first one's instant, and asking (report() above) reports nothing (ComplianceMonitorTest).
            return;
        }
        for (Obligation o : IndiaPack.live(expected.obligations())) {
            assertThat(last.get(o.id())).as("last transition of %s at %s (seed %d)", o.id(), at, seed)
                    .isEqualTo(o.status().name());
        }
        // A standing duty the audit found breached or not judged for a stretch of the period: the monitor reported
        // its duty in that status when the stretch began.
        for (Obligation o : expected.obligations()) {
            if (o.id().endsWith(Obligation.OVER_PERIOD)) {
                String duty = o.id().substring(0, o.id().length() - Obligation.OVER_PERIOD.length());
                assertThat(transitions).as("%s at %s (seed %d)", o.id(), at, seed).anySatisfy(t -> {
                    assertThat(t.obligation()).isNotNull();
                    assertThat(t.obligation().id()).isEqualTo(duty);
                    assertThat(t.obligation().status()).isEqualTo(o.status());
                    assertThat(t.at()).isBeforeOrEqualTo(at);
                });
            }
        }
    }

    /**
     * What must agree: id, status, due instant, discharge, citation. Explanations, and the version a standing duty's
     * citation names (the version in force at the instant assessed), are as of each obligation's last evaluation.
     */
    private static List<String> view(List<Obligation> obligations) {
        return obligations.stream()
                .map(o -> o.id() + " " + o.status() + " due " + (o.dueAt() == null ? "-" : o.dueAt().toInstant())
                        + " by " + o.dischargeEventId() + " " + o.citation().clause() + " " + o.citation().ruleId()
                        + (o.dueAt() == null ? "" : " " + o.citation().version()))
                .toList();
    }

    /** Each event arrives at its instant plus up to the bound: never later than the bound allows. */
    private static List<CaseEvent> shuffledWithin(List<CaseEvent> events, Random random) {
        record Arrival(CaseEvent event, long key) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (CaseEvent event : events) {
            arrivals.add(new Arrival(event, event.at().toInstant().toEpochMilli()
                    + (long) (random.nextDouble() * BOUND.toMillis())));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key));
        return arrivals.stream().map(Arrival::event).toList();
    }
}
