package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.scenario.Scenario;

/**
 * An act meets only a duty whose trigger came at or before it, live as in the audit: the scenarios of acts before
 * their trigger, fed to the monitor in time order and in reverse (the act arriving after its trigger, or before it),
 * give the report {@code evaluate} gives, and the verdicts the scenario files expect.
 */
class ActsBeforeTriggerTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
            "removal/removed-before-receipt.yaml, removal.on-order@M02-in, MET",
            "removal/removed-before-receipt.yaml, removal.on-order@M05-b, INDETERMINATE",
            "removal/removed-before-receipt.yaml, removal.on-order@M06-b, MET_LATE",
            "removal/removed-before-receipt.yaml, removal.on-order@M09-b, MET",
            "removal/removed-before-receipt.yaml, removal.on-order@M10-b, INDETERMINATE",
            "removal/removed-before-receipt.yaml, complaint.intimate-imagery@M11-b, MET_LATE",
            "grievance/acts-before-receipt.yaml, complaint.acknowledge@C15-b, BREACHED",
            "grievance/acts-before-receipt.yaml, complaint.removal-request@C21, MET",
            "disclosure/information-before-request.yaml, information.request@request-2, BREACHED",
            "disclosure/information-before-request.yaml, cert-in.report@incident-2, BREACHED",
            "records/deleted-before-the-removal.yaml, 3(1)(g).preserve@removed-9, MET",
            "transparency/report-before-month-end.yaml, 4(1)(d).monthly-report@month-end:2026-05, BREACHED"})
    void the_monitor_agrees_with_the_audit_whatever_order_the_events_arrive_in(String file, String id,
                                                                             Status expected) {
        Scenario scenario = Scenario.load(SCENARIOS.resolve(file));
        Evidence evidence = scenario.evidence();
        Report audit = ENGINE.evaluate(evidence, scenario.asOf());
        assertThat(byId(audit.obligations()).get(id).status()).as("audit: %s", id).isEqualTo(expected);

        List<CaseEvent> inOrder = new ArrayList<>(evidence.events());
        inOrder.sort((a, b) -> a.at().isEqual(b.at()) ? a.id().compareTo(b.id()) : a.at().compareTo(b.at()));
        List<CaseEvent> reversed = new ArrayList<>(inOrder);
        Collections.reverse(reversed);
        for (List<CaseEvent> arrivals : List.of(inOrder, reversed)) {
            ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE)
                    .clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ofDays(400))
                    .offset(IndiaPack.IST)
                    .retainEndedCases(Duration.ofDays(100_000))
                    .platform(evidence.platform())
                    .facts(evidence.facts());
            if (evidence.since() != null) {
                builder.since(evidence.since());
            }
            try (ComplianceMonitor monitor = builder.build()) {
                arrivals.forEach(monitor::accept);
                monitor.advanceTo(scenario.asOf());
                Report live = monitor.report();
                assertThat(view(live.obligations())).as("monitor, arrivals %s", arrivals.stream().map(CaseEvent::id)
                        .toList()).containsExactlyElementsOf(view(audit.obligations()));
                assertThat(byId(live.obligations()).get(id).status()).as("monitor: %s", id).isEqualTo(expected);
            }
        }
    }

    private static Map<String, Obligation> byId(List<Obligation> obligations) {
        return obligations.stream().collect(Collectors.toMap(Obligation::id, Function.identity()));
    }

    /**
     * What must agree, as in {@link MonitorDifferentialTest}: id, status, due instant, discharge, citation.
     * Explanations, and the version a standing duty's citation names, are as of each obligation's last evaluation.
     */
    private static List<String> view(List<Obligation> obligations) {
        return obligations.stream()
                .map(o -> o.id() + " " + o.status() + " due " + (o.dueAt() == null ? "-" : o.dueAt().toInstant())
                        + " by " + o.dischargeEventId() + " " + o.citation().clause() + " " + o.citation().ruleId()
                        + (o.dueAt() == null ? "" : " " + o.citation().version()))
                .sorted().toList();
    }
}
