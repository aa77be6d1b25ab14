package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.hours;
import static org.niyam.compliance.rules.india.IndiaPack.informationProvided;
import static org.niyam.compliance.rules.india.IndiaPack.informationRequest;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;

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
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.IndiaPack.Boundary;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

@DisplayName("disclosure.drl")
class DisclosureRulesTest {

    private static final String CASE = "request-1";
    private static final String DUTY = "information.request";

    private static Obligation disclosure(OffsetDateTime asOf, CaseEvent... events) {
        return obligation(evaluate(asOf, events), DUTY, CASE);
    }

    @Nested
    @DisplayName("Rule 3(1)(j): provide information or assistance within 72 h of the written order, in every version")
    class ProvideInformation {

        static Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, hours(72)),
                    clock(V2022, hours(72)),
                    clock(V2023, hours(72)),
                    clock(V2025, hours(72)),
                    clock(V2026, hours(72)));
        }

        static Stream<Arguments> actingAroundDue() {
            return IndiaPack.actingAroundDue(clocks());
        }

        static Stream<Arguments> stillRunning() {
            return IndiaPack.stillRunning(clocks());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("due 72 h after receipt, cited to the version in force at receipt")
        void dueInstantAndCitation(Clock clock) {
            Obligation o = disclosure(clock.due(), informationRequest(CASE, clock.receivedAt()));

            assertThat(o.triggeredAt()).as("clock starts at receipt").isEqualTo(clock.receivedAt());
            assertThat(o.dueAt()).as("due").isEqualTo(clock.due());
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 3(1)(j)");
            assertThat(o.citation().version()).as("version").isEqualTo(clock.version());
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-1-j.request-opens-disclosure");
        }

        @ParameterizedTest(name = "{0}, provided at {1} => {2}")
        @MethodSource("actingAroundDue")
        @DisplayName("information provided at due - 1 ms and at due is in time; at due + 1 ms it is late")
        void provisionAroundTheDeadline(Clock clock, Boundary at, Status expected) {
            Obligation o = disclosure(clock.due().plusDays(1),
                    informationRequest(CASE, clock.receivedAt()), informationProvided(CASE, clock.at(at)));

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.lateness()).as("lateness")
                    .isEqualTo(expected == Status.MET_LATE ? Duration.ofMillis(1) : null);
        }

        @ParameterizedTest(name = "{0}, nothing provided, as of {1}")
        @MethodSource("stillRunning")
        @DisplayName("with nothing provided the duty is not breached up to and at the deadline")
        void notBreachedUpToTheDeadline(Clock clock, Boundary asOf) {
            Obligation o = disclosure(clock.at(asOf), informationRequest(CASE, clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isIn(Status.OPEN, Status.AT_RISK);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("with nothing provided the duty is breached 1 ms after the deadline")
        void breachedOneMillisecondAfterTheDeadline(Clock clock) {
            Obligation o = disclosure(clock.at(Boundary.DUE_PLUS_1_MS), informationRequest(CASE, clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("a request received on 19 Feb 2026 keeps 72 h, and no change of clock is reported")
        void requestAcrossTheAmendment() {
            OffsetDateTime received = ist("2026-02-19T20:00");
            Obligation o = disclosure(received, informationRequest(CASE, received));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-22T20:00"));
            assertThat(o.explanation()).as("the 72 h clock did not change").doesNotContain("keeps its");
        }

        @Test
        @DisplayName("information provided in another case does not discharge it")
        void provisionInAnotherCase() {
            Clock clock = clock(V2026, hours(72));
            Obligation o = disclosure(clock.due().plusHours(1), informationRequest(CASE, clock.receivedAt()),
                    informationProvided("request-2", clock.receivedAt().plusHours(1)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("information provided after the 'as of' instant is not yet known and does not count")
        void provisionAfterAsOf() {
            Clock clock = clock(V2026, hours(72));
            OffsetDateTime asOf = clock.receivedAt().plusHours(1);
            Obligation o = disclosure(asOf, informationRequest(CASE, clock.receivedAt()),
                    informationProvided(CASE, asOf.plus(Duration.ofMillis(1))));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.dischargeEventId()).as("discharging event").isNull();
        }
    }
}
