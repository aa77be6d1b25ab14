package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2026;
import static org.niyam.compliance.rules.india.IndiaPack.INSTRUMENT;
import static org.niyam.compliance.rules.india.IndiaPack.IT_RULES_2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.disabled;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.hours;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.removalOrder;
import static org.niyam.compliance.rules.india.IndiaPack.removed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.IndiaPack.Boundary;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

@DisplayName("removal.drl")
class RemovalRulesTest {

    private static final String CASE = "order-1";
    private static final String DUTY = "removal.on-order";

    /** The removal duty of {@link #CASE}, as it stands at {@code asOf}. */
    private static Obligation removal(OffsetDateTime asOf, CaseEvent... events) {
        return obligation(evaluate(asOf, events), DUTY, CASE);
    }

    @Nested
    @DisplayName("Rule 3(1)(d): remove or disable within 36 h of the order or intimation; 3 h from 20 Feb 2026")
    class RemoveOnOrder {

        static Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, hours(36)),
                    clock(V2022, hours(36)),
                    clock(V2023, hours(36)),
                    clock(V2025, hours(36)),
                    clock(V2026, hours(3)));
        }

        static Stream<Arguments> actingAroundDue() {
            return IndiaPack.actingAroundDue(clocks());
        }

        static Stream<Arguments> stillRunning() {
            return IndiaPack.stillRunning(clocks());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("the due instant is receipt plus the clock of the version in force at receipt, cited as such")
        void dueInstantAndCitation(Clock clock) {
            Obligation o = removal(clock.due(), removalOrder(CASE, clock.receivedAt()));

            assertThat(o.triggeredAt()).as("clock starts at receipt").isEqualTo(clock.receivedAt());
            assertThat(o.dueAt()).as("due instant for %s", clock).isEqualTo(clock.due());
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 3(1)(d)");
            assertThat(o.citation().version()).as("version in force at receipt").isEqualTo(clock.version());
            assertThat(o.citation().instrument()).as("instrument").isEqualTo(INSTRUMENT);
            assertThat(o.citation().ruleId()).as("rule that opened the duty").isEqualTo("in.3-1-d.order-opens-removal");
            assertThat(o.explanation()).as("no clock here spans an amendment").doesNotContain("keeps its");
        }

        @ParameterizedTest(name = "{0}, removed at {1} => {2}")
        @MethodSource("actingAroundDue")
        @DisplayName("removal at due - 1 ms and at due meets the duty; at due + 1 ms meets it late")
        void removalAroundTheDeadline(Clock clock, Boundary removedAt, Status expected) {
            Obligation o = removal(clock.due().plusDays(1),
                    removalOrder(CASE, clock.receivedAt()), removed(CASE, clock.at(removedAt)));

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.dischargedAt()).as("discharged by the removal").isEqualTo(clock.at(removedAt));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("a removal 1 ms after the deadline is late by exactly 1 ms")
        void lateByOneMillisecond(Clock clock) {
            Obligation o = removal(clock.due().plusDays(1),
                    removalOrder(CASE, clock.receivedAt()), removed(CASE, clock.at(Boundary.DUE_PLUS_1_MS)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET_LATE);
            assertThat(o.lateness()).as("lateness").isEqualTo(Duration.ofMillis(1));
        }

        @ParameterizedTest(name = "{0}, nothing removed, as of {1}")
        @MethodSource("stillRunning")
        @DisplayName("with nothing removed the duty is not breached up to and at the deadline")
        void notBreachedUpToTheDeadline(Clock clock, Boundary asOf) {
            Obligation o = removal(clock.at(asOf), removalOrder(CASE, clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isIn(Status.OPEN, Status.AT_RISK);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("with nothing removed the duty is breached 1 ms after the deadline")
        void breachedOneMillisecondAfterTheDeadline(Clock clock) {
            Obligation o = removal(clock.at(Boundary.DUE_PLUS_1_MS), removalOrder(CASE, clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }
    }

    @Nested
    @DisplayName("Rule 3(1)(d) across 20 Feb 2026: the version in force at receipt decides the clock")
    class AcrossTheAmendment {

        @Test
        @DisplayName("an order received on 19 Feb 2026 at 20:00 IST keeps its 36 h and says so")
        void orderBeforeTheCutKeepsItsClock() {
            Obligation o = removal(ist("2026-02-21T08:00"), removalOrder(CASE, ist("2026-02-19T20:00")));

            assertThat(o.dueAt()).as("36 h after receipt, not 3 h")
                    .isEqualTo(OffsetDateTime.parse("2026-02-21T08:00+05:30"));
            assertThat(o.status()).as(explain(o)).isIn(Status.OPEN, Status.AT_RISK);
            assertThat(o.explanation()).as("explanation").contains("keeps its 36 h");
            assertThat(o.citation().version()).as("version in force at receipt").isEqualTo(V2025);
        }

        @Test
        @DisplayName("an order received 1 ms before 20 Feb 2026 00:00 IST still gets 36 h")
        void orderOneMillisecondBeforeTheCut() {
            OffsetDateTime received = AMENDMENT_2026.minus(Duration.ofMillis(1));
            Obligation o = removal(received, removalOrder(CASE, received));

            assertThat(o.dueAt()).as("due").isEqualTo(received.plusHours(36));
            assertThat(o.citation().version()).as("version").isEqualTo(V2025);
        }

        @Test
        @DisplayName("an order received at 20 Feb 2026 00:00 IST gets 3 h")
        void orderAtTheCut() {
            Obligation o = removal(AMENDMENT_2026, removalOrder(CASE, AMENDMENT_2026));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-20T03:00"));
            assertThat(o.citation().version()).as("version").isEqualTo(V2026);
            assertThat(o.explanation()).as("explanation").doesNotContain("keeps its");
        }

        @Test
        @DisplayName("an order received before the IT Rules 2021 took effect starts no clock")
        void orderBeforeTheRules() {
            OffsetDateTime received = IT_RULES_2021.minus(Duration.ofMillis(1));
            Obligation o = removal(ist("2021-03-10T00:00"), removalOrder(CASE, received));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).as("no due instant").isNull();
        }
    }

    @Nested
    @DisplayName("Rule 3(1)(d): what discharges the duty")
    class WhatDischarges {

        private final Clock clock = clock(V2026, hours(3));

        @Test
        @DisplayName("a removal in another case does not discharge it")
        void removalInAnotherCase() {
            Obligation o = removal(clock.due().plusHours(1),
                    removalOrder(CASE, clock.receivedAt()), removed("order-2", clock.receivedAt().plusMinutes(5)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.dischargeEventId()).as("discharging event").isNull();
        }

        @Test
        @DisplayName("disabling access discharges it as removal does")
        void disablingAccess() {
            Obligation o = removal(clock.due().plusHours(1),
                    removalOrder(CASE, clock.receivedAt()), disabled(CASE, clock.receivedAt().plusMinutes(5)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("a removal after the 'as of' instant is not yet known and does not count")
        void removalAfterAsOf() {
            OffsetDateTime asOf = clock.receivedAt().plusMinutes(30);
            Obligation o = removal(asOf,
                    removalOrder(CASE, clock.receivedAt()), removed(CASE, asOf.plus(Duration.ofMillis(1))));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.dischargeEventId()).as("discharging event").isNull();
        }

        @Test
        @DisplayName("a removal at the 'as of' instant is known and counts")
        void removalAtAsOf() {
            OffsetDateTime asOf = clock.receivedAt().plusMinutes(30);
            Obligation o = removal(asOf, removalOrder(CASE, clock.receivedAt()), removed(CASE, asOf));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("an order received after the 'as of' instant opens no duty yet")
        void orderAfterAsOf() {
            OffsetDateTime asOf = clock.receivedAt().minus(Duration.ofMillis(1));
            Report report = evaluate(asOf, removalOrder(CASE, clock.receivedAt()));

            assertThat(report.forCase(CASE)).as("obligations of the case").isEmpty();
        }

        @Test
        @DisplayName("of two removals, the earliest counts")
        void earliestRemovalCounts() {
            OffsetDateTime inTime = clock.at(Boundary.DUE);
            Obligation o = removal(clock.due().plusHours(1), removalOrder(CASE, clock.receivedAt()),
                    removed(CASE, clock.at(Boundary.DUE_PLUS_1_MS)), removed(CASE, inTime));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.dischargedAt()).as("discharged at").isEqualTo(inTime);
        }
    }
}
