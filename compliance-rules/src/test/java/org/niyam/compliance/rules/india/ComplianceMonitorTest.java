package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.niyam.compliance.rules.india.IndiaPack.IST;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.removalOrder;
import static org.niyam.compliance.rules.india.IndiaPack.removed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/** The live monitor on the India pack: clocks, standing duties, snapshots, metrics, threads. */
class ComplianceMonitorTest {

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final PlatformProfile SMALL = new PlatformProfile("ExampleNet", 1_000_000, false);
    /** Received under the 2026 amendment: 3 hours to act, at risk in the last 45 minutes. */
    private static final OffsetDateTime RECEIVED = ist("2026-03-02T10:00");
    private static final OffsetDateTime DUE = ist("2026-03-02T13:00");
    /** The removal order of case-1 received at {@link #RECEIVED}. */
    private static final String ORDER = "removal.on-order@order:case-1@2026-03-02T04:30:00Z";

    private final List<Transition> heard = Collections.synchronizedList(new ArrayList<>());

    private ComplianceMonitor monitor(ComplianceEngine engine, MonitorClock clock) {
        return ComplianceMonitor.builder(engine).clock(clock).offset(IST).platform(SMALL).listener(heard::add).build();
    }

    private List<Transition> of(String obligationId) {
        synchronized (heard) {
            return heard.stream().filter(t -> t.obligation() != null && t.obligation().id().equals(obligationId))
                    .toList();
        }
    }

    @Nested
    class Clocks {

        @Test
        void a_removal_order_is_opened_at_risk_and_breached_at_the_instants_of_the_manual_clock() {
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                String id = monitor.open().stream().filter(o -> o.duty().equals("removal.on-order")).findFirst()
                        .orElseThrow().id();
                assertThat(of(id)).extracting(Transition::kind).containsExactly(Transition.Kind.OPENED);
                assertThat(monitor.open()).filteredOn(o -> o.id().equals(id)).singleElement()
                        .satisfies(o -> assertThat(o.dueAt()).isEqualTo(DUE));

                clock.set(DUE.minusMinutes(45).minusNanos(1_000_000));
                assertThat(of(id)).hasSize(1);
                clock.set(DUE.minusMinutes(45));
                assertThat(of(id)).extracting(Transition::kind, Transition::at)
                        .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(Transition.Kind.AT_RISK, DUE.minusMinutes(45)));

                clock.set(DUE);
                assertThat(of(id)).as("exactly at the deadline it is still not breached").hasSize(2);
                clock.set(DUE.plusNanos(1_000_000));
                Transition breach = of(id).get(2);
                assertThat(breach.kind()).isEqualTo(Transition.Kind.BREACHED);
                assertThat(breach.at()).isEqualTo(DUE.plusNanos(1_000_000));
                assertThat(breach.previous()).isEqualTo(Status.AT_RISK);
                assertThat(breach.id()).isEqualTo(id + "#3:BREACHED");

                clock.set(DUE.plusMinutes(30));
                monitor.accept(removed("case-1", DUE.plusMinutes(30)));
                assertThat(of(id)).extracting(Transition::kind).containsExactly(Transition.Kind.OPENED,
                        Transition.Kind.AT_RISK, Transition.Kind.BREACHED, Transition.Kind.MET_LATE);
                assertThat(heard).anyMatch(t -> t.kind() == Transition.Kind.OPENED
                        && t.obligation().duty().equals("3(1)(g).preserve"));
            }
        }

        @Test
        void a_warning_margin_given_as_a_duration_sets_the_at_risk_instant() {
            ComplianceEngine engine = IndiaPack.builder().atRiskMargin(Duration.ofMinutes(30)).build();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = monitor(engine, clock)) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                clock.set(DUE.minusMinutes(30).minusNanos(1_000_000));
                assertThat(monitor.open()).extracting(Obligation::status).doesNotContain(Status.AT_RISK);
                clock.set(DUE.minusMinutes(30));
                assertThat(heard).filteredOn(t -> t.kind() == Transition.Kind.AT_RISK).singleElement()
                        .satisfies(t -> assertThat(t.at()).isEqualTo(DUE.minusMinutes(30)));
                assertThat(engine.evaluate(new Evidence(SMALL, List.of(), List.of(removalOrder("case-1", RECEIVED))),
                        DUE.minusMinutes(30)).obligations()).extracting(Obligation::status).contains(Status.AT_RISK);
            }
        }

        @Test
        void under_event_time_a_deadline_passes_only_when_the_watermark_does_and_the_end_of_input_is_no_breach() {
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ofMinutes(10)).offset(IST).platform(SMALL).listener(heard::add).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                // An unrelated event four hours later: the watermark reaches 13:50, past the deadline.
                monitor.accept(removalOrder("case-2", RECEIVED.plusHours(4)));
                assertThat(heard).anyMatch(t -> t.kind() == Transition.Kind.BREACHED
                        && "case-1".equals(t.obligation().caseId()) && t.at().isEqual(DUE.plusNanos(1_000_000)));
                // case-2's order is still running when the input ends: it stays open, not breached.
                monitor.endOfInput();
                assertThat(monitor.open()).filteredOn(o -> "case-2".equals(o.caseId())
                        && o.duty().equals("removal.on-order")).extracting(Obligation::status)
                        .containsExactly(Status.OPEN);
            }
        }

        /**
         * Under event time a batch is evaluated as its events one at a time: each at its own instant, with the
         * deadlines that pass between them. (The watermark once moved to the batch's newest event first, so an older
         * event of the batch was taken as late: a 2-hour duty reported breached 79 minutes after its deadline, never
         * opened nor at risk.)
         */
        @Test
        void under_event_time_a_batch_gives_the_transitions_of_its_events_one_at_a_time() {
            OffsetDateTime imagery = RECEIVED.plusMinutes(40);
            List<CaseEvent> first = List.of(removalOrder("case-0", RECEIVED));
            List<CaseEvent> second = List.of(IndiaPack.complaint("case-1", imagery,
                    org.niyam.compliance.india.ComplaintCategory.INTIMATE_IMAGERY),
                    IndiaPack.informationRequest("case-3", RECEIVED.plusHours(4)));
            List<String> batched = eventTime(first, second);
            List<String> oneAtATime = eventTime(first, List.of(second.get(0)), List.of(second.get(1)));
            String duty = "complaint.intimate-imagery@" + second.get(0).id();
            assertThat(batched).filteredOn(t -> t.startsWith(duty)).containsExactly(
                    duty + "#1:OPENED at " + imagery,
                    duty + "#2:AT_RISK at " + imagery.plusMinutes(90),
                    duty + "#3:BREACHED at " + imagery.plusHours(2).plusNanos(1_000_000));
            assertThat(batched).isEqualTo(oneAtATime);
        }

        /** Under the manual clock a batch is evaluated together at the clock's instant; one at a time, in turn. */
        @Test
        void under_the_manual_clock_a_batch_of_past_events_is_evaluated_together() {
            List<CaseEvent> events = List.of(removalOrder("case-1", RECEIVED), removed("case-1", RECEIVED.plusHours(1)));
            String duty = "removal.on-order@" + events.get(0).id();
            List<Transition> together = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(RECEIVED.plusHours(2)))
                    .offset(IST).platform(SMALL).listener(together::add).build()) {
                monitor.acceptAll(events);
            }
            List<Transition> inTurn = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(RECEIVED.plusHours(2)))
                    .offset(IST).platform(SMALL).listener(inTurn::add).build()) {
                events.forEach(monitor::accept);
            }
            assertThat(together).filteredOn(t -> t.id().startsWith(duty)).extracting(Transition::id)
                    .containsExactly(duty + "#1:MET");
            assertThat(inTurn).filteredOn(t -> t.id().startsWith(duty)).extracting(Transition::id)
                    .containsExactly(duty + "#1:OPENED", duty + "#2:MET");
        }

        /** A platform record without {@code from} replaces its type's history; one with {@code from} joins it. */
        @Test
        void an_undated_platform_record_replaces_the_history_and_a_dated_one_joins_it() {
            PlatformProfile big = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            PlatformProfile small = new PlatformProfile("ExampleNet", 1_000_000, false, true);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(RECEIVED))
                    .offset(IST).platform(big).build()) {
                monitor.platform(small.from(RECEIVED));
                assertThat(monitor.profiles()).hasSize(2);
                monitor.platform(small);
                assertThat(monitor.profiles()).containsExactly(small);
            }
        }

        /** The transitions ({@code id at instant}) of a monitor under event time given these batches, then the end. */
        private List<String> eventTime(List<List<CaseEvent>> batches) {
            List<Transition> out = new ArrayList<>();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).platform(SMALL).metrics(registry).listener(out::add).build()) {
                batches.forEach(monitor::acceptAll);
                monitor.endOfInput();
                io.micrometer.core.instrument.Counter late = registry.find("niyam.monitor.events")
                        .tag("outcome", "late").counter();
                assertThat(late == null ? 0 : late.count()).as("events taken as late").isZero();
            }
            return out.stream().map(t -> t.id() + " at " + t.at()).toList();
        }

        @SafeVarargs
        private List<String> eventTime(List<CaseEvent>... batches) {
            return eventTime(List.of(batches));
        }

        @Test
        void an_event_later_than_the_bound_is_still_evaluated_and_corrects_what_was_reported() {
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ZERO).offset(IST).platform(SMALL).listener(heard::add).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                monitor.accept(removalOrder("case-2", RECEIVED.plusHours(5)));
                // The removal at 12:00 comes after the watermark passed the deadline.
                monitor.accept(removed("case-1", RECEIVED.plusHours(2)));
                assertThat(heard).filteredOn(t -> t.obligation() != null && "case-1".equals(t.obligation().caseId())
                                && t.obligation().duty().equals("removal.on-order"))
                        .extracting(Transition::kind).containsExactly(Transition.Kind.OPENED, Transition.Kind.AT_RISK,
                                Transition.Kind.BREACHED, Transition.Kind.MET);
            }
        }

        @Test
        void advancing_by_hand_is_for_event_time_only() {
            try (ComplianceMonitor monitor = monitor(ENGINE, MonitorClock.wall(Clock.fixed(RECEIVED.toInstant(), IST)))) {
                assertThatThrownBy(() -> monitor.advanceTo(DUE)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("wall clock");
            }
        }
    }

    /**
     * docs/monitoring.md: a change of the platform's facts ({@code platform}, {@code platforms}, {@code fact},
     * {@code facts}) under a wall or manual clock is judged at the clock's instant, after what fell due before it, in
     * order; not at the instant of the last event the monitor took.
     */
    /**
     * {@code Builder.events}: events at the start, judged with the platform's records and facts when the monitor is
     * built under a wall or manual clock, so no standing duty is reported without them and corrected at once.
     */
    @Nested
    class EventsAtTheStart {

        private static final String INFORM = "3(1)(c).inform-users";
        private static final OffsetDateTime NOW = ist("2026-03-02T13:00");
        private final CaseEvent informed = new org.niyam.compliance.india.UsersInformed("ui", "user-notices",
                ist("2026-03-01T00:00"));

        private ComplianceMonitor.Builder builder() {
            return ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(NOW)).offset(IST).platform(SMALL)
                    .listener(heard::add);
        }

        @Test
        void the_users_informed_at_the_start_are_judged_with_the_platform_at_build() {
            try (ComplianceMonitor monitor = builder().events(List.of(informed)).build()) {
                assertThat(of(INFORM)).isEmpty();
                assertThat(of(INFORM + "@ui")).extracting(Transition::kind).containsExactly(Transition.Kind.OPENED);
                assertThat(monitor.open()).noneMatch(o -> o.id().equals(INFORM));
            }
        }

        /** Given right after the build instead, the duty is judged first without them, and withdrawn. */
        @Test
        void given_after_the_build_the_duty_is_judged_first_without_them() {
            try (ComplianceMonitor monitor = builder().build()) {
                monitor.acceptAll(List.of(informed));
                assertThat(of(INFORM)).extracting(Transition::kind).containsExactly(Transition.Kind.INDETERMINATE,
                        Transition.Kind.WITHDRAWN);
            }
        }

        @Test
        void an_event_refused_among_them_builds_nothing_and_reports_nothing() {
            CaseEvent other = new org.niyam.compliance.india.UsersInformed("ui", "user-notices",
                    ist("2026-03-01T10:00"));

            assertThatThrownBy(() -> builder().events(List.of(informed, other)).build())
                    .isInstanceOf(InputException.class).hasMessageContaining("event id 'ui' is used by two different");
            assertThat(heard).isEmpty();
        }

        @Test
        void they_are_for_a_new_monitor_under_a_wall_or_manual_clock() {
            assertThatThrownBy(() -> builder().clock(MonitorClock.eventTime()).events(List.of(informed)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("give them to acceptAll");
        }
    }

    @Nested
    class ChangesOfFactsByTheClock {

        private static final String POST = "3(2)(a).grievance-officer";
        private static final OfficerAppointment HELD = new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER,
                "A. Rao", true, true, true, ist("2026-01-01T00:00"), null);

        /** The appointment given again with its end, an hour before {@code now}. */
        private static OfficerAppointment endedBefore(OffsetDateTime now) {
            return new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true, true, true,
                    ist("2026-01-01T00:00"), now.minusHours(1));
        }

        /**
         * The wall clock's thread wakes only when something falls due (a check of the standing duties once a day
         * here, so it sleeps through the test): a line that comes 40 s after the last event is still judged then.
         */
        private ComplianceMonitor onTheWall(SettableClock wall) {
            return ComplianceMonitor.builder(ENGINE).clock(MonitorClock.wall(wall)).offset(IST).platform(SMALL)
                    .facts(List.of(HELD)).standingDutyCheck(Duration.ofDays(1)).listener(heard::add).build();
        }

        @Test
        void under_the_wall_clock_a_fact_and_a_profile_given_40_s_after_the_last_event_are_judged_then() {
            SettableClock wall = new SettableClock(RECEIVED);
            try (ComplianceMonitor monitor = onTheWall(wall)) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                OffsetDateTime later = RECEIVED.plusSeconds(40);
                wall.set(later);
                monitor.fact(endedBefore(later));
                assertThat(of(POST)).last().satisfies(t -> {
                    assertThat(t.kind()).isEqualTo(Transition.Kind.BREACHED);
                    assertThat(t.at()).isEqualTo(later);
                    assertThat(t.obligation().explanation()).contains("held the post at " + later)
                            .doesNotContain("held the post at " + RECEIVED);
                });
                assertThat(monitor.now()).isEqualTo(later);

                OffsetDateTime crossing = later.plusSeconds(40);
                wall.set(crossing);
                int before = heard.size();
                monitor.platform(new PlatformProfile("ExampleNet", 80_000_000, false, true));
                List<Transition> caused;
                synchronized (heard) {
                    caused = List.copyOf(heard.subList(before, heard.size()));
                }
                assertThat(caused).as("the duties of a significant platform, judged when the profile came")
                        .isNotEmpty().allSatisfy(t -> assertThat(t.at()).isEqualTo(crossing));
            }
        }

        @Test
        void under_the_wall_clock_what_fell_due_before_a_fact_is_reported_first_at_its_own_instant() {
            SettableClock wall = new SettableClock(RECEIVED);
            try (ComplianceMonitor monitor = onTheWall(wall)) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                OffsetDateTime later = DUE.minusMinutes(40); // past the order's at-risk instant, 12:15
                wall.set(later);
                int before = heard.size();
                monitor.fact(endedBefore(later));
                List<String> caused;
                synchronized (heard) {
                    caused = heard.subList(before, heard.size()).stream()
                            .map(t -> t.kind() + " " + t.at() + " " + t.obligation().id()).toList();
                }
                assertThat(caused).containsExactly("AT_RISK " + DUE.minusMinutes(45) + " " + ORDER,
                        "BREACHED " + later + " " + POST);
            }
        }

        /**
         * A monitor restored under a manual clock that was set on while it was down stands at the snapshot's instant
         * until something moves it: a fact given to it moves it to the clock's first, firing what fell due between.
         */
        @Test
        void under_a_manual_clock_a_restored_monitor_judges_a_fact_at_the_clock_s_instant() {
            byte[] snapshot;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(RECEIVED))
                    .offset(IST).platform(SMALL).facts(List.of(HELD)).listener(heard::add).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                snapshot = monitor.snapshot();
            }
            heard.clear();
            OffsetDateTime later = DUE.minusMinutes(40);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).restore(snapshot)
                    .clock(MonitorClock.manual(later)).offset(IST).listener(heard::add).build()) {
                monitor.facts(List.of(endedBefore(later)));
                assertThat(heard).extracting(t -> t.kind() + " " + t.at() + " " + t.obligation().id())
                        .containsExactly("AT_RISK " + DUE.minusMinutes(45) + " " + ORDER,
                                "BREACHED " + later + " " + POST);
            }
        }
    }

    /**
     * docs/monitoring.md: at one instant, the events the monitor holds of it and its timers of it are judged together,
     * as {@code evaluate} at that instant judges them. A removal exactly at the breach instant (the deadline plus a
     * millisecond) is {@code MET_LATE} with no {@code BREACHED}, under event time and under a manual clock given the
     * removal before it reached that instant; a clock that reached the instant first reported the breach, and the
     * removal that comes then corrects it, as any event that comes after its deadline passed.
     */
    @Nested
    class TheBreachInstant {

        private List<String> eventTime(OffsetDateTime removal) {
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ZERO).offset(IST).platform(SMALL).listener(heard::add).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                monitor.accept(removed("case-1", removal));
                monitor.endOfInput();
            }
            return kinds();
        }

        private List<String> manual(OffsetDateTime removal, boolean clockFirst) {
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                if (clockFirst) {
                    clock.set(removal);
                    monitor.accept(removed("case-1", removal));
                } else {
                    monitor.accept(removed("case-1", removal)); // waits for the clock
                    clock.set(removal);
                }
            }
            return kinds();
        }

        private List<String> kinds() {
            List<String> kinds = of(ORDER).stream().map(t -> t.kind() + " " + t.at().toLocalTime()).toList();
            heard.clear();
            return kinds;
        }

        @Test
        void a_removal_at_the_deadline_is_met_under_every_clock() {
            List<String> met = List.of("OPENED 10:00", "AT_RISK 12:15", "MET 13:00");
            assertThat(eventTime(DUE)).isEqualTo(met);
            assertThat(manual(DUE, false)).isEqualTo(met);
            assertThat(manual(DUE, true)).isEqualTo(met);
        }

        @Test
        void a_removal_at_the_breach_instant_is_met_late_with_no_breach_when_the_monitor_holds_it_then() {
            OffsetDateTime breach = DUE.plusNanos(1_000_000);
            List<String> late = List.of("OPENED 10:00", "AT_RISK 12:15", "MET_LATE 13:00:00.001");
            assertThat(eventTime(breach)).isEqualTo(late);
            assertThat(manual(breach, false)).isEqualTo(late);
            // Each transition names the status evaluate gives at its instant: it never gives BREACHED here.
            Evidence evidence = new Evidence(SMALL, List.of(), List.of(removalOrder("case-1", RECEIVED),
                    removed("case-1", breach)));
            assertThat(ENGINE.evaluate(evidence, breach).obligations()).filteredOn(o -> o.id().equals(ORDER))
                    .extracting(Obligation::status).containsExactly(Status.MET_LATE);
            assertThat(ENGINE.evaluate(evidence, DUE).obligations()).filteredOn(o -> o.id().equals(ORDER))
                    .extracting(Obligation::status).containsExactly(Status.AT_RISK);
        }

        @Test
        void a_clock_that_reached_the_breach_instant_before_the_removal_came_reports_the_breach_then_met_late() {
            OffsetDateTime breach = DUE.plusNanos(1_000_000);
            assertThat(manual(breach, true)).containsExactly("OPENED 10:00", "AT_RISK 12:15",
                    "BREACHED 13:00:00.001", "MET_LATE 13:00:00.001");
        }

        @Test
        void a_removal_a_millisecond_after_the_breach_instant_follows_the_breach_under_every_clock() {
            OffsetDateTime after = DUE.plusNanos(2_000_000);
            List<String> late = List.of("OPENED 10:00", "AT_RISK 12:15", "BREACHED 13:00:00.001",
                    "MET_LATE 13:00:00.002");
            assertThat(eventTime(after)).isEqualTo(late);
            assertThat(manual(after, false)).isEqualTo(late);
            assertThat(manual(after, true)).isEqualTo(late);
        }
    }

    /** A wall clock set by hand: the live watch's clock, read when a call comes. */
    static final class SettableClock extends Clock {
        private volatile java.time.Instant instant;

        SettableClock(OffsetDateTime start) {
            this.instant = start.toInstant();
        }

        void set(OffsetDateTime at) {
            instant = at.toInstant();
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC");
        }

        @Override
        public java.time.Instant instant() {
            return instant;
        }
    }

    @Nested
    class StandingDuties {

        @Test
        void an_officer_post_falling_vacant_at_midnight_is_reported_at_midnight_with_no_event() {
            OffsetDateTime midnight = ist("2026-03-10T00:00");
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            List<OfficerAppointment> officers = new ArrayList<>();
            for (OfficerRole role : OfficerRole.values()) {
                officers.add(new OfficerAppointment("appt-" + role, role, "Officer " + role, true, true, true,
                        ist("2025-01-01T00:00"), role == OfficerRole.RESIDENT_GRIEVANCE_OFFICER ? midnight : null,
                        role == OfficerRole.CHIEF_COMPLIANCE_OFFICER ? Boolean.TRUE : null));
            }
            MonitorClock.Manual clock = MonitorClock.manual(ist("2026-03-09T12:00"));
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST)
                    .platform(ssmi).facts(officers).standingDutyCheck(Duration.ofHours(6))
                    .listener(heard::add).build()) {
                assertThat(of("4(1)(c).resident-grievance-officer")).extracting(Transition::kind)
                        .containsExactly(Transition.Kind.MET);
                clock.set(ist("2026-03-10T05:00"));
                Transition vacant = of("4(1)(c).resident-grievance-officer").get(1);
                assertThat(vacant.kind()).isEqualTo(Transition.Kind.BREACHED);
                Evidence evidence = new Evidence(ssmi, officers, List.of());
                assertThat(status(evidence, vacant.at().minusNanos(1_000_000), "4(1)(c).resident-grievance-officer"))
                        .isEqualTo(Status.MET);
                assertThat(status(evidence, vacant.at(), "4(1)(c).resident-grievance-officer"))
                        .isEqualTo(Status.BREACHED);
                assertThat(vacant.at().toInstant()).isBetween(midnight.toInstant(), midnight.plusNanos(1_000_000).toInstant());
            }
        }

        @Test
        void a_month_end_report_duty_opens_at_the_month_end_found_by_bisection() {
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            MonitorClock.Manual clock = MonitorClock.manual(ist("2026-03-30T12:00"));
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(ssmi)
                    .since(ist("2026-03-01T00:00")).standingDutyCheck(Duration.ofDays(3)).listener(heard::add).build()) {
                clock.set(ist("2026-04-03T09:00")); // the check due on 2 April at 12:00 finds it
                assertThat(of("4(1)(d).monthly-report@month-end:2026-03")).first().satisfies(t -> {
                    assertThat(t.kind()).isIn(Transition.Kind.OPENED, Transition.Kind.AT_RISK);
                    assertThat(t.at()).isEqualTo(ist("2026-04-01T00:00"));
                });
            }
        }

        /**
         * docs/monitoring.md: the Java API takes any instant the model's types hold (the bounds of 1990 and 2200 are
         * the log reader's): an event dated 1970, an export's placeholder, is judged, and without {@code since} it
         * moves the period's start back, so that the monthly reports from the law's first month on are assessed;
         * with {@code since} they run from there alone.
         */
        @Test
        void an_event_dated_1970_is_taken_and_moves_the_period_back_unless_since_is_given() {
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            List<CaseEvent> events = List.of(removalOrder("case-1", ist("2026-04-05T11:00")),
                    removalOrder("case-0", OffsetDateTime.parse("1970-01-01T00:00+05:30")));
            for (OffsetDateTime since : java.util.Arrays.asList(null, ist("2026-03-01T00:00"))) {
                List<String> months = new ArrayList<>();
                ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                        .offset(IST).outOfOrder(Duration.ofMinutes(1)).platform(ssmi).listener(t -> {
                            if (t.obligation() != null && t.obligation().id().startsWith("4(1)(d)")) {
                                months.add(t.obligation().id().replace("4(1)(d).monthly-report@month-end:", ""));
                            }
                        });
                if (since != null) {
                    builder.since(since);
                }
                try (ComplianceMonitor monitor = builder.build()) {
                    events.forEach(monitor::accept);
                    monitor.endOfInput();
                    assertThat(monitor.report().obligations()).as("since %s", since)
                            .anyMatch(o -> "case-0".equals(o.caseId()));
                }
                if (since == null) {
                    assertThat(months).as("moved back to 1970, then to the law's first month").contains("2021-05");
                } else {
                    assertThat(months).as("from since").isNotEmpty().allMatch(m -> m.compareTo("2026-03") >= 0);
                }
            }
        }

        @Test
        void a_large_platform_publishing_its_monthly_reports_is_still_watched_case_by_case() {
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            MonitorClock.Manual clock = MonitorClock.manual(ist("2026-03-30T12:00"));
            List<CaseEvent> events = List.of(IndiaPack.reportPublished(java.time.YearMonth.of(2026, 3),
                    ist("2026-04-05T10:00")), removalOrder("case-1", ist("2026-04-05T11:00")));
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(ssmi)
                    .since(ist("2026-03-01T00:00")).listener(heard::add).build()) {
                clock.set(ist("2026-04-05T10:00"));
                monitor.accept(events.get(0));
                clock.set(ist("2026-04-05T11:00"));
                monitor.accept(events.get(1));
                clock.set(ist("2026-04-05T12:00"));
                assertThat(monitor.oneSessionReason()).isNull();
                assertThat(of("4(1)(d).monthly-report@month-end:2026-03")).last()
                        .satisfies(t -> assertThat(t.kind()).isEqualTo(Transition.Kind.MET));
                List<String> expected = ENGINE.evaluate(new Evidence(ssmi, List.of(), events, ist("2026-03-01T00:00")),
                        ist("2026-04-05T12:00")).obligations().stream().map(o -> o.id() + " " + o.status()).toList();
                assertThat(monitor.report().obligations().stream().map(o -> o.id() + " " + o.status()).toList())
                        .containsExactlyElementsOf(expected);
            }
        }

        /**
         * docs/monitoring.md: standing facts given together ({@code facts}) are assessed once, after the last. A
         * Grievance Officer's post handed over the way a log tells it (the old appointment given again with its end,
         * then the successor's from that instant) is never reported vacant; given one at a time, the end is judged
         * alone first, and the post is reported {@code BREACHED}, then {@code MET} at the same instant. A snapshot
         * taken after the change restores it: nothing more to report.
         */
        @Test
        void facts_given_together_are_assessed_once_so_a_post_handed_over_is_never_reported_vacant() {
            OffsetDateTime handover = ist("2026-03-01T00:00");
            OffsetDateTime now = ist("2026-03-15T13:00");
            String duty = "3(2)(a).grievance-officer";
            OfficerAppointment held = new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true,
                    true, true, ist("2026-01-01T00:00"), null);
            OfficerAppointment ended = new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true,
                    true, true, ist("2026-01-01T00:00"), handover);
            OfficerAppointment next = new OfficerAppointment("G-2", OfficerRole.GRIEVANCE_OFFICER, "B. Sen", true,
                    true, true, handover, null);
            byte[] snapshot;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(now))
                    .offset(IST).platform(SMALL).facts(List.of(held)).listener(heard::add).build()) {
                monitor.facts(List.of(ended, next));
                assertThat(of(duty)).extracting(Transition::kind).containsExactly(Transition.Kind.MET);
                assertThat(monitor.report().obligations()).filteredOn(o -> o.id().equals(duty))
                        .extracting(Obligation::status).containsExactly(Status.MET);
                snapshot = monitor.snapshot();
            }
            List<Transition> restored = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).restore(snapshot)
                    .clock(MonitorClock.manual(now.plusHours(1))).offset(IST).listener(restored::add).build()) {
                assertThat(restored).isEmpty();
                assertThat(monitor.report().obligations()).filteredOn(o -> o.id().equals(duty))
                        .extracting(Obligation::status).containsExactly(Status.MET);
            }

            heard.clear();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(now))
                    .offset(IST).platform(SMALL).facts(List.of(held)).listener(heard::add).build()) {
                monitor.fact(ended);
                monitor.fact(next);
                assertThat(of(duty)).extracting(Transition::kind).containsExactly(Transition.Kind.MET,
                        Transition.Kind.BREACHED, Transition.Kind.MET);
                assertThat(of(duty).get(1).at()).isEqualTo(of(duty).get(2).at());
            }
        }

        /** Of two facts of one type and id given together, the later holds; an empty list changes nothing. */
        @Test
        void of_two_facts_of_one_id_given_together_the_later_holds_and_none_changes_nothing() {
            OfficerAppointment held = new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true,
                    true, true, ist("2026-01-01T00:00"), null);
            OfficerAppointment ended = new OfficerAppointment("G-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true,
                    true, true, ist("2026-01-01T00:00"), ist("2026-03-01T00:00"));
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE)
                    .clock(MonitorClock.manual(ist("2026-03-15T13:00"))).offset(IST).platform(SMALL)
                    .listener(heard::add).build()) {
                monitor.facts(List.of(ended, held));
                int before = heard.size();
                monitor.facts(List.of());
                assertThat(heard).hasSize(before);
                assertThat(of("3(2)(a).grievance-officer")).extracting(Transition::kind)
                        .containsExactly(Transition.Kind.BREACHED, Transition.Kind.MET);
            }
        }

        private static Status status(Evidence evidence, OffsetDateTime at, String id) {
            return ENGINE.evaluate(evidence, at).obligations().stream().filter(o -> o.id().equals(id))
                    .map(Obligation::status).findFirst().orElseThrow();
        }
    }

    /**
     * An event that states another jurisdiction than an earlier event of its case is bad input (a case arises in one):
     * refused when it comes, naming both events, as the audit refuses its line. Held, it would fail every later
     * evaluation of its case, and the clock's with it, so that other cases' deadlines went unreported.
     */
    @Nested
    class AnotherJurisdiction {

        private static final OffsetDateTime AT = ist("2026-03-02T11:00");

        @Test
        void is_refused_when_it_comes_and_every_case_is_still_judged() {
            MonitorClock.Manual clock = MonitorClock.manual(AT);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                monitor.accept(new ComplaintReceived("c7", "C7", AT, ComplaintCategory.GENERAL, "IN"));
                monitor.accept(new ComplaintReceived("c8", "C8", AT, ComplaintCategory.GENERAL));

                assertThatThrownBy(() -> monitor.accept(new ComplaintAcknowledged("c7a", "C7", AT, "DE")))
                        .isInstanceOf(InputException.class)
                        .hasMessageContaining("case 'C7'").hasMessageContaining("event 'c7a' of case 'C7' says it arose in DE")
                        .hasMessageContaining("event 'c7' in IN");
                clock.set(AT.plusDays(2));

                for (String id : List.of("complaint.acknowledge@c7", "complaint.acknowledge@c8")) {
                    assertThat(of(id)).as(id).extracting(Transition::kind).containsExactly(Transition.Kind.OPENED,
                            Transition.Kind.AT_RISK, Transition.Kind.BREACHED);
                }
            }
        }

        @Test
        void in_a_batch_is_refused_and_the_others_are_taken() {
            MonitorClock.Manual clock = MonitorClock.manual(AT);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                assertThatThrownBy(() -> monitor.acceptAll(List.of(
                        new ComplaintReceived("c7", "C7", AT, ComplaintCategory.GENERAL, "IN"),
                        new ComplaintReceived("c8", "C8", AT, ComplaintCategory.GENERAL),
                        new ComplaintAcknowledged("c7a", "C7", AT, "DE"))))
                        .isInstanceOf(InputException.class).hasMessageContaining("event 'c7a' of case 'C7' says it arose in DE");
                clock.set(AT.plusDays(2));

                assertThat(of("complaint.acknowledge@c8")).extracting(Transition::kind).containsExactly(
                        Transition.Kind.OPENED, Transition.Kind.AT_RISK, Transition.Kind.BREACHED);
                assertThat(of("complaint.acknowledge@c7")).extracting(Transition::kind).last()
                        .isEqualTo(Transition.Kind.BREACHED);
            }
        }

        @Test
        void waiting_for_the_clock_counts_too() {
            MonitorClock.Manual clock = MonitorClock.manual(AT);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                monitor.accept(new ComplaintReceived("c7", "C7", AT.plusHours(1), ComplaintCategory.GENERAL, "IN"));

                assertThatThrownBy(() -> monitor.accept(new ComplaintAcknowledged("c7a", "C7", AT.plusHours(2),
                        "DE"))).isInstanceOf(InputException.class).hasMessageContaining("says it arose in DE");
            }
        }
    }

    @Nested
    class Snapshots {

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"", "not json", "{}", "[1, 2]"})
        void bytes_that_are_not_a_snapshot_are_refused_in_words_without_the_parsers(String bytes) {
            InputException e = org.assertj.core.api.Assertions.catchThrowableOfType(InputException.class,
                    () -> ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                            .restore(bytes.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith("snapshot").contains("not a monitor snapshot: ")
                    .doesNotContain("Source", "REDACTED", "DeserializationConfig", "`", "org.niyam", "JsonToken");
        }

        @Test
        void a_monitor_restored_from_a_snapshot_reports_exactly_what_an_uninterrupted_one_would() {
            for (long seed = 41; seed < 47; seed++) {
                System.out.println("ComplianceMonitorTest snapshot seed=" + seed);
                CaseLogs.Log log = CaseLogs.generate(new Random(seed), 12);
                List<CaseEvent> events = new ArrayList<>(log.evidence().events());
                events.sort(java.util.Comparator.comparing(e -> e.at().toInstant()));
                int cut = events.size() / 2;
                List<Transition> straight = new ArrayList<>();
                List<Transition> resumed = new ArrayList<>();
                byte[] snapshot;
                try (ComplianceMonitor first = replay(log, straight, null)) {
                    first.acceptAll(events.subList(0, cut));
                    snapshot = first.snapshot();
                    int before = straight.size();
                    events.subList(cut, events.size()).forEach(first::accept);
                    first.advanceTo(events.get(events.size() - 1).at().plusDays(30));
                    straight.subList(0, before).clear();
                }
                try (ComplianceMonitor second = replay(log, resumed, snapshot)) {
                    events.subList(cut, events.size()).forEach(second::accept);
                    second.advanceTo(events.get(events.size() - 1).at().plusDays(30));
                }
                assertThat(resumed.stream().map(t -> t.id() + " " + t.at()).toList()).as("seed %d", seed)
                        .containsExactlyElementsOf(straight.stream().map(t -> t.id() + " " + t.at()).toList());
                assertThat(resumed).as("seed %d", seed).isEqualTo(straight);
                assertThat(straight).as("seed %d: the second half reports something", seed).isNotEmpty();
            }
        }

        /**
         * The same log replayed gives the same transitions at the same instants: the conclusions a case drew about the
         * platform (the monthly-reports case's discharges) came from the rules in an order that could differ between
         * runs, and compared as a list an unchanged set counted as changed, so February's monthly report was dated
         * 00:00 in some replays and 08:59 in others.
         */
        @Test
        void replays_of_one_log_give_the_same_transitions() {
            Evidence evidence = org.niyam.compliance.io.CaseLogReader.lenient().withEventTypes(ENGINE.eventTypes())
                    .read(java.nio.file.Path.of("..", "examples", "logs", "amendment-2026.jsonl")).evidence();
            java.util.Set<List<String>> outcomes = new java.util.LinkedHashSet<>();
            for (int run = 0; run < 20; run++) {
                List<String> heard = new ArrayList<>();
                ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                        .offset(IST).facts(evidence.facts()).listener(t -> heard.add(t.id() + " at " + t.at()));
                evidence.profiles().forEach(builder::platform);
                try (ComplianceMonitor monitor = builder.build()) {
                    evidence.events().forEach(monitor::accept);
                    monitor.endOfInput();
                }
                outcomes.add(heard);
            }
            assertThat(outcomes).as("distinct outcomes of 20 replays").hasSize(1);
            assertThat(outcomes.iterator().next())
                    .contains("4(1)(d).monthly-report@month-end:2026-02#1:OPENED at 2026-03-01T00:00+05:30");
        }

        /**
         * Asking what stands ({@code open()}, {@code report()}, {@code dueNext}) reports nothing the monitor would
         * not have reported, at no other instant: a dashboard that polls a replay by event time hears what one that
         * does not poll hears. (Before, asked while the first events waited for the watermark, the monitor assessed
         * the platform's duties at the watermark, a minute before the first event, where one not asked reports them
         * at that event's instant.)
         */
        @Test
        void asking_what_stands_changes_nothing_the_monitor_reports() {
            Evidence evidence = org.niyam.compliance.io.CaseLogReader.lenient().withEventTypes(ENGINE.eventTypes())
                    .read(java.nio.file.Path.of("..", "examples", "logs", "amendment-2026.jsonl")).evidence();
            List<String> quiet = asking(evidence, false, false, null);
            assertThat(asking(evidence, true, false, null)).isEqualTo(quiet);
            assertThat(asking(evidence, true, true, null)).as("asked after a restore").isEqualTo(quiet);
            // With a period from a month before the first event, the clock starts there: asking changes nothing then.
            OffsetDateTime since = ist("2025-11-01T00:00");
            List<String> fromSince = asking(evidence, false, false, since);
            assertThat(fromSince).filteredOn(t -> t.startsWith("3(2)(a).grievance-officer#1:"))
                    .containsExactly("3(2)(a).grievance-officer#1:MET at " + since);
            assertThat(asking(evidence, true, false, since)).isEqualTo(fromSince);
            assertThat(asking(evidence, true, true, since)).as("asked after a restore").isEqualTo(fromSince);
            assertThat(quiet).filteredOn(t -> t.startsWith("3(2)(a).grievance-officer#1:"))
                    .containsExactly("3(2)(a).grievance-officer#1:MET at "
                            + evidence.events().stream().map(CaseEvent::at)
                            .min(java.util.Comparator.comparing(OffsetDateTime::toInstant)).orElseThrow()
                            .withOffsetSameInstant(IST));
        }

        /**
         * A replay, asking what stands after each event; {@code restart}: restored after the first event;
         * {@code since}: the period's start, or null.
         */
        private static List<String> asking(Evidence evidence, boolean ask, boolean restart, OffsetDateTime since) {
            List<String> heard = new ArrayList<>();
            ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).facts(evidence.facts()).listener(t -> heard.add(t.id() + " at " + t.at()));
            if (since != null) {
                builder.since(since);
            }
            evidence.profiles().forEach(builder::platform);
            ComplianceMonitor monitor = builder.build();
            try {
                for (CaseEvent event : evidence.events()) {
                    monitor.accept(event);
                    if (restart && event == evidence.events().get(0)) {
                        byte[] snapshot = monitor.snapshot();
                        monitor.close();
                        monitor = builder.restore(snapshot).build();
                    }
                    if (ask) {
                        monitor.open();
                        monitor.report();
                        monitor.dueNext(3);
                    }
                }
                monitor.endOfInput();
            } finally {
                monitor.close();
            }
            return heard;
        }

        /**
         * Under event time, a month without events: April's monthly report (Rule 4(1)(d)) is opened when April ends,
         * at risk and breached at the kernel's instants, as with daily heartbeats (before, it came once, as
         * {@code #1:BREACHED} at June's event, its opening and the warning never reported); transitions are heard in
         * time order.
         */
        @Test
        void a_quiet_month_under_event_time_gives_every_transition_of_the_platform_s_duties() {
            List<CaseEvent> events = List.of(
                    new org.niyam.compliance.india.ComplaintReceived("c-1", "C-1", ist("2026-04-02T10:00"),
                            org.niyam.compliance.india.ComplaintCategory.GENERAL),
                    new org.niyam.compliance.india.ComplaintAcknowledged("c-1a", "C-1", ist("2026-04-02T11:00")),
                    new org.niyam.compliance.india.ComplaintResolved("c-1r", "C-1", ist("2026-04-02T12:00")),
                    new org.niyam.compliance.india.ComplaintReceived("c-2", "C-2", ist("2026-06-05T10:00"),
                            org.niyam.compliance.india.ComplaintCategory.GENERAL));
            List<Transition> quiet = monthly(events, false);
            List<Transition> heartbeats = monthly(events, true);
            assertThat(quiet).extracting(Transition::id).filteredOn(id -> id.contains("month-end:2026-04"))
                    .containsExactly("4(1)(d).monthly-report@month-end:2026-04#1:OPENED",
                            "4(1)(d).monthly-report@month-end:2026-04#2:AT_RISK",
                            "4(1)(d).monthly-report@month-end:2026-04#3:BREACHED");
            assertThat(quiet.stream().map(t -> t.id() + " at " + t.at()).toList())
                    .isEqualTo(heartbeats.stream().map(t -> t.id() + " at " + t.at()).toList());
            for (int i = 1; i < quiet.size(); i++) {
                assertThat(quiet.get(i).at()).as("heard in time order: " + quiet.get(i).id())
                        .isAfterOrEqualTo(quiet.get(i - 1).at());
            }
        }

        private static List<Transition> monthly(List<CaseEvent> events, boolean dailyHeartbeats) {
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 6_000_000, false, true);
            List<Transition> heard = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).outOfOrder(Duration.ofMinutes(1)).since(ist("2026-04-01T00:00")).platform(ssmi)
                    .listener(t -> {
                        if (t.obligation() != null && t.obligation().id().startsWith("4(1)(d)")) {
                            heard.add(t);
                        }
                    }).build()) {
                for (CaseEvent event : events) {
                    if (dailyHeartbeats && monitor.now() != null) {
                        for (OffsetDateTime day = monitor.now().toLocalDate().plusDays(1).atStartOfDay().atOffset(IST);
                                day.isBefore(event.at()); day = day.plusDays(1)) {
                            monitor.advanceTo(day);
                        }
                    }
                    monitor.accept(event);
                }
                monitor.endOfInput();
            }
            return heard;
        }

        /**
         * Down from 10:30 to 14:00 under a clock: restored under the clock, the order removed in time at 12:50 is
         * judged after its deadline (BREACHED, then MET); caught up under event time first, as the docs say, the
         * restart reports what an uninterrupted monitor did, and the monitor goes on by its clock.
         */
        @Test
        void a_monitor_down_for_a_while_catches_up_by_event_time_then_goes_on_by_its_clock() {
            CaseEvent order = removalOrder("case-1", RECEIVED);
            CaseEvent removal = removed("case-1", RECEIVED.plusMinutes(170));
            String duty = "removal.on-order@" + order.id();
            MonitorClock.Manual straightClock = MonitorClock.manual(RECEIVED);
            List<String> uninterrupted = new ArrayList<>();
            try (ComplianceMonitor monitor = onClock(straightClock, uninterrupted).build()) {
                monitor.accept(order);
                straightClock.set(removal.at());
                monitor.accept(removal);
                straightClock.set(RECEIVED.plusHours(4));
            }
            MonitorClock.Manual before = MonitorClock.manual(RECEIVED);
            List<String> restarted = new ArrayList<>();
            byte[] snapshot;
            try (ComplianceMonitor monitor = onClock(before, restarted).build()) {
                monitor.accept(order);
                before.set(RECEIVED.plusMinutes(30));
                snapshot = monitor.snapshot();
            }
            List<String> naive = new ArrayList<>(restarted);
            try (ComplianceMonitor monitor = onClock(MonitorClock.manual(RECEIVED.plusHours(4)), naive)
                    .restore(snapshot).build()) {
                monitor.accept(removal);
            }
            assertThat(naive).as("restored under the clock").contains(duty + "#3:BREACHED");

            MonitorClock.Manual after = MonitorClock.manual(RECEIVED.plusHours(4));
            byte[] caughtUp;
            try (ComplianceMonitor monitor = onClock(MonitorClock.eventTime(), restarted).restore(snapshot).build()) {
                monitor.accept(removal);
                monitor.advanceTo(after.now());
                caughtUp = monitor.snapshot();
            }
            try (ComplianceMonitor monitor = onClock(after, restarted).restore(caughtUp).build()) {
                after.set(RECEIVED.plusHours(5));
                assertThat(monitor.open()).extracting(Obligation::id).doesNotContain(duty);
            }
            assertThat(uninterrupted).filteredOn(id -> id.startsWith("removal")).containsExactly(
                    duty + "#1:OPENED", duty + "#2:AT_RISK", duty + "#3:MET");
            assertThat(restarted).isEqualTo(uninterrupted);
        }

        /**
         * Under event time the watermark only moves on: a heartbeat behind it (from a source that lags another) changes
         * nothing and is no error, where a manual clock set back is refused.
         */
        @Test
        void a_heartbeat_behind_the_watermark_changes_nothing() {
            CaseEvent order = removalOrder("case-1", RECEIVED);
            String duty = "removal.on-order@" + order.id();
            List<String> heard = new ArrayList<>();
            try (ComplianceMonitor monitor = onClock(MonitorClock.eventTime(), heard).build()) {
                monitor.accept(order);
                monitor.advanceTo(RECEIVED.plusHours(4));
                List<String> before = List.copyOf(heard);
                monitor.advanceTo(RECEIVED.plusHours(1));
                assertThat(monitor.now()).isEqualTo(RECEIVED.plusHours(4));
                assertThat(heard).isEqualTo(before).contains(duty + "#3:BREACHED");
            }
            MonitorClock.Manual manual = MonitorClock.manual(RECEIVED.plusHours(4));
            assertThatThrownBy(() -> manual.set(RECEIVED)).isInstanceOf(IllegalArgumentException.class);
        }

        private static ComplianceMonitor.Builder onClock(MonitorClock clock, List<String> heard) {
            return ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .listener(t -> heard.add(t.id()));
        }

        /**
         * A snapshot taken under event time before the first event was evaluated (it waits for the watermark): the
         * restored monitor reports the platform's duties at that event's instant, as one that did not stop, not at
         * the instant the clock stood when the snapshot was taken.
         */
        @Test
        void a_snapshot_before_the_first_event_is_evaluated_resumes_with_the_same_instants() {
            List<CaseEvent> events = List.of(removalOrder("case-1", RECEIVED),
                    IndiaPack.informationRequest("case-2", RECEIVED.plusHours(4)));
            List<String> straight = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).platform(SMALL).listener(t -> straight.add(t.id() + " at " + t.at())).build()) {
                events.forEach(monitor::accept);
                monitor.endOfInput();
            }
            List<String> resumed = new ArrayList<>();
            byte[] snapshot;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).platform(SMALL).listener(t -> resumed.add(t.id() + " at " + t.at())).build()) {
                monitor.accept(events.get(0));
                snapshot = monitor.snapshot();
            }
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).restore(snapshot).listener(t -> resumed.add(t.id() + " at " + t.at())).build()) {
                monitor.accept(events.get(1));
                monitor.endOfInput();
            }
            // The platform has no Grievance Officer: reported at the first event's instant.
            assertThat(straight).filteredOn(t -> t.startsWith("3(2)(a)")).isNotEmpty()
                    .allMatch(t -> t.endsWith(" at " + RECEIVED));
            assertThat(resumed).isEqualTo(straight);
        }

        @Test
        void a_snapshot_written_before_platform_records_were_a_packs_is_read() throws Exception {
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            OfficerAppointment officer = new OfficerAppointment("appt-1", OfficerRole.GRIEVANCE_OFFICER, "A. Rao",
                    true, true, true, RECEIVED.minusYears(1), null);
            byte[] now;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).platform(ssmi).facts(List.of(officer)).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                now = monitor.snapshot();
            }
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode old =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(now);
            assertThat(old.path("profiles").path(0).path("type").asText()).isEqualTo("PlatformProfile");
            assertThat(old.path("facts").path(0).path("type").asText()).isEqualTo("OfficerAppointment");
            // As snapshots were written before: records without "type", the appointments under "appointments".
            old.path("profiles").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("type"));
            com.fasterxml.jackson.databind.JsonNode facts = old.remove("facts");
            facts.forEach(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove("type"));
            old.set("appointments", facts);

            try (ComplianceMonitor restored = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .offset(IST).restore(json.writeValueAsBytes(old)).build()) {
                assertThat(restored.profiles()).containsExactly(ssmi);
                assertThat(json.readTree(restored.snapshot())).isEqualTo(json.readTree(now));
            }
        }

        /**
         * Events waiting for the watermark are in the snapshot, and so are their ids: restored, the monitor refuses
         * another event under one of those ids and counts one delivered again as a copy, as a monitor that did not
         * stop does (before, the restored monitor forgot the waiting events' ids: it took the other event, refused
         * the genuine one when it came again, and took a copy a second time).
         */
        @Test
        void a_restored_monitor_knows_the_ids_of_the_events_waiting_for_the_watermark() {
            CaseEvent first = removalOrder("case-1", RECEIVED);
            CaseEvent waiting = removalOrder("case-2", RECEIVED.plusMinutes(5));
            CaseEvent impostor = removalOrder("case-9", RECEIVED.plusMinutes(6));
            impostor = new org.niyam.compliance.india.RemovalOrderReceived(waiting.id(), "case-9", impostor.at(),
                    new org.niyam.compliance.india.Issuer(org.niyam.compliance.india.IssuerKind.COURT, "High Court",
                            null), null);
            CaseEvent removal = removed("case-2", RECEIVED.plusHours(1));
            List<String> straight = new ArrayList<>();
            List<String> resumed = new ArrayList<>();
            SimpleMeterRegistry straightMetrics = new SimpleMeterRegistry();
            SimpleMeterRegistry resumedMetrics = new SimpleMeterRegistry();
            byte[] snapshot;
            try (ComplianceMonitor monitor = waiting(straight, straightMetrics, null)) {
                monitor.accept(first);
                monitor.accept(waiting);
                assertThat(monitor.now()).as("the second order waits for the watermark").isBefore(waiting.at());
                snapshot = monitor.snapshot();
                straight.clear();
                then(monitor, waiting, impostor, removal, straight, straightMetrics);
            }
            try (ComplianceMonitor monitor = waiting(resumed, resumedMetrics, snapshot)) {
                then(monitor, waiting, impostor, removal, resumed, resumedMetrics);
            }
            assertThat(straight).contains("refused " + waiting.id() + " of case-9", "removal.on-order@" + waiting.id() + "#2:MET",
                    "case-9 holds 0");
            assertThat(straight).as("the order delivered again").contains("copies 1.0");
            assertThat(resumed).isEqualTo(straight);
        }

        private static void then(ComplianceMonitor monitor, CaseEvent waiting, CaseEvent impostor, CaseEvent removal,
                                 List<String> heard, SimpleMeterRegistry metrics) {
            for (CaseEvent event : List.of(impostor, waiting)) { // another event under a waiting id; one again
                try {
                    monitor.accept(event);
                } catch (InputException e) {
                    heard.add("refused " + event.id() + " of " + event.caseId());
                }
            }
            monitor.accept(removal);
            monitor.endOfInput();
            heard.add("case-9 holds " + monitor.report().obligations().stream()
                    .filter(o -> "case-9".equals(o.caseId())).count());
            heard.add("copies " + metrics.find("niyam.monitor.events").tag("outcome", "duplicate").counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum());
        }

        private static ComplianceMonitor waiting(List<String> heard, SimpleMeterRegistry metrics, byte[] snapshot) {
            ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ofMinutes(10)).offset(IST).platform(SMALL).metrics(metrics)
                    .listener(t -> heard.add(t.id()));
            return (snapshot == null ? builder : builder.restore(snapshot)).build();
        }

        @Test
        void bytes_that_are_not_a_snapshot_are_refused_with_a_clear_error() {
            assertThatThrownBy(() -> ComplianceMonitor.builder(ENGINE).restore("{\"format\": 99}".getBytes()).build())
                    .isInstanceOf(InputException.class).hasMessageContaining("format 99");
            assertThatThrownBy(() -> ComplianceMonitor.builder(ENGINE).restore("not json".getBytes()).build())
                    .isInstanceOf(InputException.class).hasMessageContaining("not a monitor snapshot");
        }

        private ComplianceMonitor replay(CaseLogs.Log log, List<Transition> into, byte[] snapshot) {
            ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.eventTime())
                    .outOfOrder(Duration.ofMinutes(5)).offset(IST).platform(log.evidence().platform())
                    .facts(log.evidence().facts()).listener(into::add);
            return (snapshot == null ? builder : builder.restore(snapshot)).build();
        }
    }

    @Nested
    class Operation {

        @Test
        void metrics_show_open_obligations_by_clause_and_status_transitions_events_and_lag() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .metrics(registry, Clock.fixed(RECEIVED.plusMinutes(5).toInstant(), IST)).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                monitor.accept(removalOrder("case-1", RECEIVED)); // the same event again
                assertThat(registry.get("niyam.monitor.obligations").tag("clause", "Rule 3(1)(d)")
                        .tag("status", "OPEN").gauge().value()).isEqualTo(1.0);
                assertThat(registry.get("niyam.monitor.events").tag("outcome", "duplicate").counter().count())
                        .isEqualTo(1.0);
                assertThat(registry.get("niyam.monitor.lag").gauge().value()).isEqualTo(300.0);
                clock.set(DUE.plusHours(1));
                assertThat(registry.get("niyam.monitor.obligations").tag("clause", "Rule 3(1)(d)")
                        .tag("status", "BREACHED").gauge().value()).isEqualTo(1.0);
                assertThat(registry.get("niyam.monitor.obligations").tag("clause", "Rule 3(1)(d)")
                        .tag("status", "OPEN").gauge().value()).isEqualTo(0.0);
                // The removal order, and the Grievance Officer the platform never appointed (Rule 3(2)(a)).
                assertThat(registry.get("niyam.monitor.transitions").tag("kind", "BREACHED").counter().count())
                        .isEqualTo(2.0);
            }
        }

        /**
         * A monitor restored from a snapshot publishes the obligations it holds: the gauge of open obligations by
         * clause and status reads as an uninterrupted monitor's, before and after they change (before, it started
         * empty after a restart, so a breached duty no dashboard showed, and counted below zero as the restored
         * obligations changed).
         */
        @Test
        void metrics_after_a_restore_count_the_obligations_the_snapshot_holds() {
            MonitorClock.Manual straightClock = MonitorClock.manual(RECEIVED);
            MonitorClock.Manual restartedClock = MonitorClock.manual(RECEIVED);
            SimpleMeterRegistry straight = new SimpleMeterRegistry();
            SimpleMeterRegistry restarted = new SimpleMeterRegistry();
            try (ComplianceMonitor uninterrupted = ComplianceMonitor.builder(ENGINE).clock(straightClock).offset(IST)
                    .platform(SMALL).metrics(straight).build()) {
                uninterrupted.accept(removalOrder("case-1", RECEIVED));
                byte[] snapshot = uninterrupted.snapshot();
                try (ComplianceMonitor restored = ComplianceMonitor.builder(ENGINE).clock(restartedClock).offset(IST)
                        .metrics(restarted).restore(snapshot).build()) {
                    assertThat(gauges(restarted)).as("restored").isEqualTo(gauges(straight))
                            .containsEntry("Rule 3(1)(d) OPEN", 1.0).containsEntry("Rule 3(2)(a) BREACHED", 1.0);
                    straightClock.set(DUE.plusHours(1));
                    restartedClock.set(DUE.plusHours(1));
                    assertThat(gauges(restarted)).as("after the deadline").isEqualTo(gauges(straight))
                            .containsEntry("Rule 3(1)(d) BREACHED", 1.0).containsEntry("Rule 3(1)(d) OPEN", 0.0);
                }
            }
        }

        /** The obligations gauge, by "clause status". */
        private static java.util.Map<String, Double> gauges(SimpleMeterRegistry registry) {
            java.util.Map<String, Double> values = new java.util.TreeMap<>();
            registry.find("niyam.monitor.obligations").gauges().forEach(g -> values.put(
                    g.getId().getTag("clause") + " " + g.getId().getTag("status"), g.value()));
            return values;
        }

        @Test
        void a_case_whose_obligations_have_all_ended_leaves_the_monitor() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .retainEndedCases(Duration.ofHours(1)).metrics(registry).build()) {
                for (int c = 0; c < 50; c++) {
                    monitor.accept(new org.niyam.compliance.india.InformationRequestReceived("req-" + c, "case-" + c,
                            RECEIVED, "Cyber Crime Cell"));
                    monitor.accept(new org.niyam.compliance.india.InformationProvided("ans-" + c, "case-" + c,
                            RECEIVED));
                }
                assertThat(registry.get("niyam.monitor.cases").gauge().value()).isEqualTo(50.0);
                clock.set(RECEIVED.plusHours(2));
                assertThat(registry.get("niyam.monitor.cases").gauge().value()).isZero();
                assertThat(monitor.report().obligations()).allMatch(o -> o.caseId() == null);
            }
        }

        /**
         * A notice to the user opens no duty of its own; the removal it announces may come long after. Such a case
         * stays however short the retention (as in the Flink job), so the removal is judged with its notice.
         */
        @Test
        void a_case_without_an_obligation_stays_for_the_event_that_reads_it() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            PlatformProfile ssmi = new PlatformProfile("ExampleNet", 80_000_000, false, true);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(ssmi)
                    .retainEndedCases(Duration.ofHours(1)).metrics(registry).build()) {
                monitor.accept(IndiaPack.userNotified("case-1", RECEIVED, "spam"));
                clock.set(RECEIVED.plusDays(3));
                assertThat(registry.get("niyam.monitor.cases").gauge().value()).isEqualTo(1.0);
                CaseEvent removal = removed("case-1", RECEIVED.plusDays(3),
                        org.niyam.compliance.india.RemovalBasis.OWN_INITIATIVE);
                monitor.accept(removal);
                assertThat(monitor.report().obligations())
                        .filteredOn(o -> o.id().equals("4(8).prior-notice@" + removal.id()))
                        .extracting(Obligation::status).containsExactly(Status.MET);
                io.micrometer.core.instrument.Counter endedCase = registry.find("niyam.monitor.events")
                        .tag("outcome", "ended-case").counter();
                assertThat(endedCase == null ? 0 : endedCase.count()).as("events of a case that had left").isZero();
            }
        }

        /**
         * A source that delivers a case's events again after the case left the monitor: the copies are known and
         * dropped (before, the case started again and sent {@code information.request@req-1#1:OPENED} a second time,
         * then AT_RISK and BREACHED for a request that was answered); another event under a known id is refused; a
         * new event brings the case back with transitions numbered after the ones it had, so that no id is sent
         * twice. The same after a snapshot.
         */
        @Test
        void events_delivered_again_after_their_case_left_are_copies_and_no_id_comes_twice() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            List<Transition> sent = new ArrayList<>();
            CaseEvent request = new org.niyam.compliance.india.InformationRequestReceived("req-1", "case-1", RECEIVED,
                    "Cyber Crime Cell");
            CaseEvent answer = new org.niyam.compliance.india.InformationProvided("ans-1", "case-1",
                    RECEIVED.plusHours(1));
            byte[] snapshot;
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .retainEndedCases(Duration.ofHours(1)).metrics(registry).listener(sent::add).build()) {
                monitor.accept(request);
                clock.set(RECEIVED.plusHours(1));
                monitor.accept(answer);
                clock.set(RECEIVED.plusHours(3));
                assertThat(registry.get("niyam.monitor.cases").gauge().value()).as("the case left").isZero();
                int before = sent.size();
                monitor.acceptAll(List.of(request, answer));
                clock.set(RECEIVED.plusDays(5));
                assertThat(sent).as("nothing for copies").hasSize(before);
                assertThat(registry.get("niyam.monitor.events").tag("outcome", "duplicate").counter().count())
                        .isEqualTo(2.0);
                assertThat(registry.get("niyam.monitor.cases").gauge().value()).isZero();
                snapshot = monitor.snapshot();

                CaseEvent other = new org.niyam.compliance.india.InformationRequestReceived("req-1", "case-1",
                        RECEIVED.plusDays(5), "Another Agency");
                assertThatThrownBy(() -> monitor.accept(other)).isInstanceOf(InputException.class)
                        .hasMessageContaining("'req-1'").hasMessageContaining("case-1")
                        .hasMessageContaining("left the monitor");
                monitor.accept(new org.niyam.compliance.india.InformationRequestReceived("req-2", "case-1",
                        RECEIVED.plusDays(5), "Cyber Crime Cell"));
                monitor.accept(request); // a copy of the case's first stay, while it is back
                assertThat(registry.get("niyam.monitor.events").tag("outcome", "ended-case").counter().count())
                        .isEqualTo(1.0);
            }
            String cameBack = "finding:case-came-back:case-1:req-2:niyam.case-came-back#3:FINDING";
            assertThat(sent).extracting(Transition::id).filteredOn(id -> id.startsWith("information")
                            || id.startsWith("finding:case-came-back"))
                    .containsExactly("information.request@req-1#1:OPENED", "information.request@req-1#2:MET",
                            cameBack, "information.request@req-2#3:OPENED");
            assertThat(sent).extracting(Transition::id).doesNotHaveDuplicates();

            List<Transition> resumed = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(
                    RECEIVED.plusDays(5))).offset(IST).restore(snapshot).listener(resumed::add).build()) {
                monitor.acceptAll(List.of(answer, request));
                assertThat(resumed).as("copies after a snapshot").isEmpty();
                monitor.accept(new org.niyam.compliance.india.InformationRequestReceived("req-2", "case-1",
                        RECEIVED.plusDays(5), "Cyber Crime Cell"));
            }
            assertThat(resumed).extracting(Transition::id).containsExactly(cameBack,
                    "information.request@req-2#3:OPENED");
        }

        /** A listener that throws loses that transition, counted; the monitor goes on and later ones are heard. */
        @Test
        void a_listener_that_throws_loses_that_transition_and_the_monitor_goes_on() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            List<String> heard = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .metrics(registry).listener(t -> {
                        if (t.kind() == Transition.Kind.OPENED && t.id().startsWith("removal")) {
                            throw new IllegalStateException("sink down");
                        }
                        heard.add(t.id());
                    }).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                clock.set(DUE.plusMinutes(1));
                assertThat(registry.get("niyam.monitor.listener.failures").tag("kind", "OPENED").counter().count())
                        .isEqualTo(1.0);
            }
            assertThat(heard).filteredOn(id -> id.startsWith("removal")).extracting(id -> id.replaceAll(".*:", ""))
                    .containsExactly("AT_RISK", "BREACHED");
        }

        /**
         * A listener throwing an error (an {@code AssertionError} of a test's listener) loses that transition only: two
         * orders breached at one instant, the listener failing on the first, the second's breach is still heard, and the
         * monitor has reached the clock's instant.
         */
        @Test
        void a_listener_that_throws_an_error_loses_that_transition_only() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            List<String> heard = new ArrayList<>();
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .metrics(registry).listener(t -> {
                        if (t.kind() == Transition.Kind.BREACHED && t.id().startsWith("removal")
                                && !heard.contains("failed")) {
                            heard.add("failed");
                            throw new AssertionError("sink down");
                        }
                        heard.add(t.id());
                    }).build()) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                monitor.accept(removalOrder("case-2", RECEIVED));
                clock.set(DUE.plusMinutes(1));

                assertThat(registry.get("niyam.monitor.listener.failures").tag("kind", "BREACHED").counter().count())
                        .isEqualTo(1.0);
                assertThat(heard).filteredOn(id -> id.startsWith("removal") && id.endsWith("BREACHED")).hasSize(1);
                assertThat(monitor.now()).isEqualTo(DUE.plusMinutes(1).withOffsetSameInstant(IST));
                assertThat(monitor.report().obligations()).filteredOn(o -> o.caseId() != null)
                        .extracting(o -> o.status()).containsOnly(org.niyam.compliance.model.Status.BREACHED);
            }
        }

        /** endOfInput is for event time, as advanceTo is: a manual clock judges the events that wait itself. */
        @Test
        void end_of_input_is_refused_under_a_manual_clock() {
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(MonitorClock.manual(RECEIVED))
                    .offset(IST).platform(SMALL).build()) {
                assertThatThrownBy(monitor::endOfInput).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("endOfInput is for an event-time clock; this monitor's time is its manual "
                                + "clock's");
            }
        }

        /** A refused event in a batch: the events after it are taken and evaluated too, under either clock. */
        @Test
        void a_refused_event_in_a_batch_leaves_the_others_taken() {
            for (boolean eventTime : new boolean[] {false, true}) {
                MonitorClock clock = eventTime ? MonitorClock.eventTime() : MonitorClock.manual(RECEIVED.plusHours(1));
                try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST)
                        .platform(SMALL).build()) {
                    CaseEvent first = removalOrder("case-1", RECEIVED);
                    monitor.accept(first);
                    CaseEvent clash = new org.niyam.compliance.india.InformationRequestReceived(first.id(), "case-2",
                            RECEIVED, "Cyber Cell");
                    List<CaseEvent> batch = List.of(removalOrder("case-3", RECEIVED), clash,
                            removalOrder("case-4", RECEIVED.plusMinutes(1)), clash);
                    assertThatThrownBy(() -> monitor.acceptAll(batch)).isInstanceOf(InputException.class)
                            .hasMessageContaining("2 of the batch's 4 events were refused")
                            .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2)
                                    .allMatch(r -> r instanceof InputException));
                    CaseEvent again = new org.niyam.compliance.india.InformationRequestReceived(first.id(), "case-9",
                            RECEIVED, "Cyber Cell");
                    // One refused of two: the message still says that the other was taken.
                    assertThatThrownBy(() -> monitor.acceptAll(List.of(removalOrder("case-5", RECEIVED), again)))
                            .isInstanceOf(InputException.class)
                            .hasMessageContaining("1 of the batch's 2 events was refused and the others taken; the "
                                    + "first: ")
                            .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
                    if (eventTime) {
                        monitor.endOfInput();
                    }
                    assertThat(monitor.report().obligations()).extracting(Obligation::caseId)
                            .as("event time %s", eventTime).contains("case-3", "case-4", "case-5")
                            .doesNotContain("case-2", "case-9");
                }
            }
        }

        /**
         * With {@code rememberLeftCases}, what is kept of a case that left is forgotten that long after it left (also
         * by a monitor restored from a snapshot): an event of it after that is a new case's.
         */
        @Test
        void what_is_kept_of_a_case_that_left_is_forgotten_after_the_time_asked() {
            CaseEvent request = new org.niyam.compliance.india.InformationRequestReceived("req-1", "case-1", RECEIVED,
                    "Cyber Crime Cell");
            CaseEvent answer = new org.niyam.compliance.india.InformationProvided("ans-1", "case-1", RECEIVED);
            for (boolean restart : new boolean[] {false, true}) {
                List<String> sent = new ArrayList<>();
                MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
                ComplianceMonitor.Builder builder = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST)
                        .platform(SMALL).retainEndedCases(Duration.ofHours(1)).rememberLeftCases(Duration.ofDays(1))
                        .listener(t -> sent.add(t.id()));
                ComplianceMonitor monitor = builder.build();
                try {
                    monitor.acceptAll(List.of(request, answer));
                    clock.set(RECEIVED.plusHours(2)); // the case left at 11:00
                    if (restart) {
                        byte[] snapshot = monitor.snapshot();
                        monitor.close();
                        monitor = builder.restore(snapshot).build();
                    }
                    clock.set(RECEIVED.plusDays(1));
                    monitor.accept(request);
                    assertThat(sent).as("a copy within the day (restart %s)", restart).filteredOn(
                            id -> id.startsWith("information")).containsExactly("information.request@req-1#1:MET");
                    clock.set(RECEIVED.plusDays(1).plusHours(1));
                    monitor.accept(request);
                    assertThat(sent).as("a new case's after it (restart %s)", restart).filteredOn(
                            id -> id.startsWith("information")).containsExactly("information.request@req-1#1:MET",
                            "information.request@req-1#1:OPENED");
                } finally {
                    monitor.close();
                }
            }
            assertThatThrownBy(() -> ComplianceMonitor.builder(ENGINE).rememberLeftCases(Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rememberLeftCases");
        }

        @Test
        void what_falls_due_next_is_listed_soonest_first_and_by_clause() {
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = monitor(ENGINE, clock)) {
                monitor.accept(removalOrder("case-b", RECEIVED.minusHours(1)));
                monitor.accept(removalOrder("case-a", RECEIVED));
                monitor.accept(new org.niyam.compliance.india.InformationRequestReceived("req-1", "case-c",
                        RECEIVED.minusHours(2), "Cyber Crime Cell"));
                assertThat(monitor.dueNext(2)).extracting(Obligation::caseId).containsExactly("case-b", "case-a");
                assertThat(monitor.dueNext(5, "Rule 3(1)(j)")).extracting(Obligation::caseId).containsExactly("case-c");
                assertThatThrownBy(() -> monitor.dueNext(-1)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void events_from_many_threads_give_the_report_evaluate_gives() throws Exception {
            CaseLogs.Log log = CaseLogs.generate(new Random(7), 40);
            System.out.println("ComplianceMonitorTest threads seed=7");
            OffsetDateTime end = log.asOf();
            MonitorClock.Manual clock = MonitorClock.manual(end);
            List<CaseEvent> known = log.evidence().events().stream().filter(e -> !e.at().isAfter(end)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST)
                    .platform(log.evidence().platform()).facts(log.evidence().facts())
                    .retainEndedCases(Duration.ofDays(100_000)).build()) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = thread; i < known.size(); i += 4) {
                            monitor.accept(known.get(i));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                List<String> live = monitor.report().obligations().stream().map(o -> o.id() + " " + o.status()).toList();
                List<String> expected = ENGINE.evaluate(new Evidence(log.evidence().platform(),
                        log.evidence().facts(), known), end).obligations().stream()
                        .map(o -> o.id() + " " + o.status()).toList();
                assertThat(live).containsExactlyElementsOf(expected);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void an_id_used_by_two_different_events_is_refused() {
            try (ComplianceMonitor monitor = monitor(ENGINE, MonitorClock.manual(RECEIVED))) {
                monitor.accept(removalOrder("case-1", RECEIVED));
                CaseEvent twin = removalOrder("case-1", RECEIVED);
                CaseEvent other = new org.niyam.compliance.india.RemovalOrderReceived(twin.id(), "case-9", RECEIVED,
                        new org.niyam.compliance.india.Issuer(org.niyam.compliance.india.IssuerKind.COURT,
                                "High Court of Bombay", null), null);
                assertThatThrownBy(() -> monitor.accept(other)).isInstanceOf(InputException.class)
                        .hasMessageContaining("event id '" + twin.id() + "' is used by two different events: a "
                                + "RemovalOrderReceived of case 'case-1' at " + RECEIVED + ", then a "
                                + "RemovalOrderReceived of case 'case-9' at " + RECEIVED + "; the first is kept")
                        .hasMessageNotContaining("High Court");
            }
        }

        @Test
        void a_closed_monitor_takes_nothing_more_since_it_would_report_no_deadline_but_still_answers() {
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            ComplianceMonitor monitor = monitor(ENGINE, clock);
            monitor.accept(removalOrder("case-1", RECEIVED));
            monitor.close();
            int before = heard.size();
            CaseEvent order = removalOrder("case-2", RECEIVED);
            assertThatThrownBy(() -> monitor.accept(order)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the monitor is closed");
            assertThatThrownBy(() -> monitor.acceptAll(List.of(order))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> monitor.platform(SMALL)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> monitor.platforms(List.of(SMALL))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> monitor.fact(new OfficerAppointment("go-1", OfficerRole.GRIEVANCE_OFFICER,
                    "A. Rao", true, true, true, RECEIVED, null))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> monitor.facts(List.of(new OfficerAppointment("go-1",
                    OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true, true, true, RECEIVED, null))))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(monitor::endOfInput).isInstanceOf(IllegalStateException.class);
            clock.set(DUE.plusHours(1)); // detached: the closed monitor stays where it was
            assertThat(heard).hasSize(before);
            assertThat(monitor.open()).extracting(Obligation::caseId).contains("case-1").doesNotContain("case-2");
            assertThat(monitor.snapshot()).isNotEmpty();
            monitor.close(); // again: nothing happens
        }

        @Test
        void a_case_whose_obligations_all_ended_leaves_the_report_after_the_retention_where_evaluate_keeps_it() {
            MonitorClock.Manual clock = MonitorClock.manual(RECEIVED);
            try (ComplianceMonitor monitor = ComplianceMonitor.builder(ENGINE).clock(clock).offset(IST).platform(SMALL)
                    .retainEndedCases(Duration.ofDays(1)).build()) {
                CaseEvent request = new org.niyam.compliance.india.InformationRequestReceived("req-1", "case-1",
                        RECEIVED, "Cyber Crime Cell");
                CaseEvent provided = new org.niyam.compliance.india.InformationProvided("req-1-done", "case-1",
                        RECEIVED.plusHours(1));
                monitor.accept(request);
                clock.set(RECEIVED.plusHours(1));
                monitor.accept(provided);
                assertThat(monitor.report().forCase("case-1")).extracting(Obligation::status).containsExactly(Status.MET);
                clock.set(RECEIVED.plusHours(1).plusDays(1).plusMinutes(1));
                assertThat(monitor.report().forCase("case-1")).as("left the monitor").isEmpty();
                assertThat(ENGINE.evaluate(new Evidence(SMALL, List.of(), List.of(request, provided)), monitor.now())
                        .forCase("case-1")).extracting(Obligation::status).containsExactly(Status.MET);
            }
        }

        @Test
        void a_null_batch_or_a_null_event_in_it_is_named_and_nothing_of_the_batch_is_taken() {
            try (ComplianceMonitor monitor = monitor(ENGINE, MonitorClock.manual(RECEIVED))) {
                assertThatThrownBy(() -> monitor.acceptAll(null)).isInstanceOf(NullPointerException.class)
                        .hasMessage("events");
                List<CaseEvent> batch = new ArrayList<>(List.of(removalOrder("case-1", RECEIVED)));
                batch.add(null);
                assertThatThrownBy(() -> monitor.acceptAll(batch)).isInstanceOf(NullPointerException.class)
                        .hasMessage("events[1] is null: nothing of the batch was taken");
                assertThat(monitor.open()).extracting(Obligation::caseId).doesNotContain("case-1");
            }
        }

        @Test
        void a_null_list_of_facts_or_a_null_fact_in_it_is_named_and_nothing_of_the_list_is_taken() {
            try (ComplianceMonitor monitor = monitor(ENGINE, MonitorClock.manual(RECEIVED))) {
                assertThatThrownBy(() -> monitor.facts(null)).isInstanceOf(NullPointerException.class)
                        .hasMessage("facts");
                List<OfficerAppointment> facts = new ArrayList<>(List.of(new OfficerAppointment("go-1",
                        OfficerRole.GRIEVANCE_OFFICER, "A. Rao", true, true, true, RECEIVED.minusDays(1), null)));
                facts.add(null);
                int before = heard.size();
                assertThatThrownBy(() -> monitor.facts(facts)).isInstanceOf(NullPointerException.class)
                        .hasMessage("facts[1] is null: nothing of the batch was taken");
                assertThat(heard).hasSize(before);
                assertThat(of("3(2)(a).grievance-officer")).extracting(Transition::kind)
                        .doesNotContain(Transition.Kind.MET);
            }
        }
    }
}
