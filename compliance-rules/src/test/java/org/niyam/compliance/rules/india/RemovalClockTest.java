package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.niyam.compliance.rules.india.IndiaPack.IST;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.removalOrder;
import static org.niyam.compliance.rules.india.IndiaPack.removed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/**
 * A removal duty whose content was removed before receipt by a removal that already answered an earlier order keeps
 * its clock: open, at risk, and when the clock runs out with no removal INDETERMINATE (not breached), live as in the
 * audit, whatever order the events arrive in.
 */
class RemovalClockTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final PlatformProfile SMALL = new PlatformProfile("ExampleNet", 1_000_000, false);
    private static final OffsetDateTime FIRST = ist("2026-03-04T10:00");
    private static final OffsetDateTime REMOVED = ist("2026-03-04T11:00");
    /** The second order, 16 days after the case's only removal: 3 hours to act, at risk in the last 45 minutes. */
    private static final OffsetDateTime SECOND = ist("2026-03-20T11:00");
    private static final OffsetDateTime DUE = ist("2026-03-20T14:00");

    private static List<CaseEvent> events() {
        return List.of(removalOrder("case-1", FIRST), removed("case-1", REMOVED), removalOrder("case-1", SECOND));
    }

    private static String secondId() {
        return "removal.on-order@" + events().get(2).id();
    }

    @Test
    void the_audit_gives_the_clock_and_an_indeterminate_verdict_once_it_runs_out() {
        Evidence evidence = new Evidence(SMALL, List.of(), events());
        Obligation running = obligation(ENGINE.evaluate(evidence, DUE.minusMinutes(30)).obligations(), secondId());
        assertThat(running.status()).isEqualTo(Status.AT_RISK);
        assertThat(running.dueAt()).isEqualTo(DUE);
        Obligation atDue = obligation(ENGINE.evaluate(evidence, DUE).obligations(), secondId());
        assertThat(atDue.status()).as("exactly at the due instant it is still running").isEqualTo(Status.AT_RISK);

        Obligation after = obligation(ENGINE.evaluate(evidence, DUE.plusHours(2)).obligations(), secondId());
        assertThat(after.status()).isEqualTo(Status.INDETERMINATE);
        assertThat(after.dueAt()).isEqualTo(DUE);
        assertThat(after.explanation()).startsWith("Not done within the 3 h allowed (overdue by 2 h at "
                        + DUE.plusHours(2) + "), but that does not show a breach: the case's last removal before "
                        + "receipt (" + events().get(1).id() + ", removed at " + REMOVED + ") already answered the "
                        + "earlier " + events().get(0).id() + " (received at " + FIRST + ")")
                .contains("A court order");
    }

    @Test
    void a_removal_within_the_clock_meets_it_and_one_after_is_met_late() {
        List<CaseEvent> within = new ArrayList<>(events());
        within.add(removed("case-1", DUE));
        assertThat(obligation(ENGINE.evaluate(new Evidence(SMALL, List.of(), within), DUE.plusDays(1))
                .obligations(), secondId())).extracting(Obligation::status, Obligation::dischargeEventId)
                .containsExactly(Status.MET, within.get(3).id());

        List<CaseEvent> late = new ArrayList<>(events());
        late.add(removed("case-1", DUE.plusMinutes(20)));
        Obligation o = obligation(ENGINE.evaluate(new Evidence(SMALL, List.of(), late), DUE.plusDays(1))
                .obligations(), secondId());
        assertThat(o.status()).isEqualTo(Status.MET_LATE);
        assertThat(o.lateness()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void the_monitor_opens_warns_and_reports_indeterminate_at_the_due_instant_never_breached() {
        MonitorClock.Manual clock = MonitorClock.manual(FIRST);
        List<Transition> heard = Collections.synchronizedList(new ArrayList<>());
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                .listener(heard::add).build()) {
            monitor.accept(events().get(0));
            clock.set(REMOVED);
            monitor.accept(events().get(1));
            clock.set(SECOND);
            monitor.accept(events().get(2));
            clock.set(DUE);
            clock.set(DUE.plusNanos(1_000_000));
            clock.set(DUE.plusDays(2));
            assertThat(of(heard, secondId())).extracting(Transition::kind, Transition::at, Transition::previous)
                    .containsExactly(tuple(Transition.Kind.OPENED, SECOND, null),
                            tuple(Transition.Kind.AT_RISK, DUE.minusMinutes(45), Status.OPEN),
                            tuple(Transition.Kind.INDETERMINATE, DUE.plusNanos(1_000_000), Status.AT_RISK));
            assertThat(of(heard, secondId()).get(2).id()).isEqualTo(secondId() + "#3:INDETERMINATE");

            // A removal that comes late still answers it, as on any removal clock.
            CaseEvent late = removed("case-1", DUE.plusDays(2));
            monitor.accept(late);
            assertThat(of(heard, secondId())).last().extracting(Transition::kind, Transition::previous)
                    .containsExactly(Transition.Kind.MET_LATE, Status.INDETERMINATE);
        }
    }

    @Test
    void under_event_time_in_time_order_and_reversed_the_monitor_agrees_with_the_audit() {
        OffsetDateTime asOf = DUE.plusDays(1);
        Evidence evidence = new Evidence(SMALL, List.of(), events());
        Obligation audit = obligation(ENGINE.evaluate(evidence, asOf).obligations(), secondId());
        List<CaseEvent> reversed = new ArrayList<>(events());
        Collections.reverse(reversed);
        for (List<CaseEvent> arrivals : List.of(events(), reversed)) {
            List<Transition> heard = Collections.synchronizedList(new ArrayList<>());
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ofDays(400)).offset(IST).platform(SMALL).listener(heard::add).build()) {
                arrivals.forEach(monitor::accept);
                monitor.advanceTo(asOf);
                Obligation live = obligation(monitor.report().obligations(), secondId());
                assertThat(live.status()).as("arrivals %s", arrivals).isEqualTo(Status.INDETERMINATE)
                        .isEqualTo(audit.status());
                assertThat(live.dueAt()).isEqualTo(audit.dueAt());
                assertThat(of(heard, secondId())).as("arrivals %s", arrivals).extracting(Transition::kind)
                        .doesNotContain(Transition.Kind.BREACHED).last().isEqualTo(Transition.Kind.INDETERMINATE);
            }
        }
    }

    private static Obligation obligation(List<Obligation> obligations, String id) {
        return obligations.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("no obligation " + id + " in " + obligations.stream().map(Obligation::id)
                        .toList()));
    }

    private static List<Transition> of(List<Transition> heard, String obligationId) {
        synchronized (heard) {
            return heard.stream().filter(t -> t.obligation() != null && t.obligation().id().equals(obligationId))
                    .toList();
        }
    }
}
