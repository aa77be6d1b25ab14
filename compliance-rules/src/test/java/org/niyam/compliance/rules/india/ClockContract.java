package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.rules.india.IndiaPack.INSTRUMENT;
import static org.niyam.compliance.rules.india.IndiaPack.explain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.IndiaPack.Boundary;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

/**
 * What every clock to act by must do, whatever the clause: a trigger opens the duty, due when the clock of the
 * version in force at the trigger runs out; acting by then meets it, acting later meets it late, and acting in
 * another case does not count.
 *
 * <p>Each clause's {@code @Nested} class extends this and supplies only what differs: its duty key, clause and
 * opening rule, its clocks by version, its trigger and the actions that discharge it. Tests that belong to one clause
 * stay in its class, beside these. One instance per class, so that the factories below can read what the subclass
 * supplies.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class ClockContract {

    /** A case that is not the trigger's, for actions that must not count. */
    static final String ANOTHER_CASE = "another-case";

    private final String key;
    private final String clause;
    private final String openingRule;

    /**
     * @param key         the duty key, e.g. {@code removal.on-order}
     * @param clause      the clause the obligation cites, e.g. {@code Rule 3(1)(d)}
     * @param openingRule the id of the rule that opens the duty
     */
    ClockContract(String key, String clause, String openingRule) {
        this.key = key;
        this.clause = clause;
        this.openingRule = openingRule;
    }

    /** The clause's clock in each version it is tested in, started at {@link IndiaPack}'s receipt instant there. */
    abstract Stream<Clock> clocks();

    /** The event that starts the clock, in the clause's case. */
    abstract CaseEvent trigger(OffsetDateTime at);

    /** The actions that discharge the duty, each named as a test name should read, e.g. "removed". */
    abstract Stream<Action> actions();

    /** The evidence of {@code events}, evaluated at {@code asOf}; by default with no platform profile. */
    Report evaluateAsOf(OffsetDateTime asOf, CaseEvent... events) {
        return IndiaPack.evaluate(asOf, events);
    }

    /** The obligation {@code trigger} opened; by default the one obligation of the duty in the trigger's case. */
    Obligation dutyOpenedBy(CaseEvent trigger, Report report) {
        return IndiaPack.obligation(report, key, trigger.caseId());
    }

    /** An action that discharges the duty: the event it records, in a case, at an instant. */
    record Action(String name, BiFunction<String, OffsetDateTime, CaseEvent> event) {

        CaseEvent in(String caseId, OffsetDateTime at) {
            return event.apply(caseId, at);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Action action(String name, BiFunction<String, OffsetDateTime, CaseEvent> event) {
        return new Action(name, event);
    }

    /** Removing the content and disabling access to it: either discharges a duty to take content down. */
    static Stream<Action> takedowns() {
        return Stream.of(action("removed", IndiaPack::removed), action("access disabled", IndiaPack::disabled));
    }

    /** The duty {@code trigger} opened, as it stands at {@code asOf} with the {@code later} events known too. */
    private Obligation opened(CaseEvent trigger, OffsetDateTime asOf, CaseEvent... later) {
        CaseEvent[] events = Stream.concat(Stream.of(trigger), Stream.of(later)).toArray(CaseEvent[]::new);
        return dutyOpenedBy(trigger, evaluateAsOf(asOf, events));
    }

    // ---- factories ----

    /** For each clock and action: acting at due - 1 ms and at due meets the duty; at due + 1 ms meets it late. */
    Stream<Arguments> actingAroundDue() {
        return clocks().flatMap(c -> actions().flatMap(a -> Stream.of(
                arguments(c, a, Boundary.DUE_MINUS_1_MS, Status.MET),
                arguments(c, a, Boundary.DUE, Status.MET),
                arguments(c, a, Boundary.DUE_PLUS_1_MS, Status.MET_LATE))));
    }

    /**
     * For each clock: asked at due - 1 ms and at due with nothing done, the duty is still running. A clock of zero
     * is due at its trigger, and 1 ms before that there is no duty yet to ask about.
     */
    Stream<Arguments> stillRunning() {
        return clocks().flatMap(c -> Stream.of(Boundary.DUE_MINUS_1_MS, Boundary.DUE)
                .filter(b -> !c.at(b).isBefore(c.receivedAt()))
                .map(b -> arguments(c, b)));
    }

    /** Each clock with each action. */
    Stream<Arguments> clocksAndActions() {
        return clocks().flatMap(c -> actions().map(a -> arguments(c, a)));
    }

    // ---- the contract ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("clocks")
    @DisplayName("due when the clock of the version in force at the trigger runs out, cited to that version")
    void dueInstantAndCitation(Clock clock) {
        CaseEvent trigger = trigger(clock.receivedAt());
        Obligation o = opened(trigger, clock.due());

        assertThat(o.caseId()).as("the trigger's case").isEqualTo(trigger.caseId());
        assertThat(o.triggerEventId()).as("opened by the trigger").isEqualTo(trigger.id());
        assertThat(o.triggeredAt()).as("clock starts at the trigger").isEqualTo(clock.receivedAt());
        assertThat(o.dueAt()).as("due instant for %s", clock).isEqualTo(clock.due());
        assertThat(o.citation().instrument()).as("instrument").isEqualTo(INSTRUMENT);
        assertThat(o.citation().clause()).as("clause").isEqualTo(clause);
        assertThat(o.citation().version()).as("version in force at the trigger").isEqualTo(clock.version());
        assertThat(o.citation().ruleId()).as("rule that opened the duty").isEqualTo(openingRule);
    }

    @ParameterizedTest(name = "{0}, {1} at {2} => {3}")
    @MethodSource("actingAroundDue")
    @DisplayName("acting at due - 1 ms and at due meets the duty; at due + 1 ms meets it late, by exactly 1 ms")
    void actingAroundTheDeadline(Clock clock, Action action, Boundary at, Status expected) {
        CaseEvent trigger = trigger(clock.receivedAt());
        CaseEvent done = action.in(trigger.caseId(), clock.at(at));
        Obligation o = opened(trigger, clock.due().plusDays(1), done);

        assertThat(o.status()).as(explain(o)).isEqualTo(expected);
        assertThat(o.dischargeEventId()).as("discharged by the action").isEqualTo(done.id());
        assertThat(o.dischargedAt()).as("discharged at").isEqualTo(clock.at(at));
        assertThat(o.lateness()).as("lateness")
                .isEqualTo(expected == Status.MET_LATE ? Duration.ofMillis(1) : null);
    }

    @ParameterizedTest(name = "{0}, nothing done, as of {1}")
    @MethodSource("stillRunning")
    @DisplayName("with nothing done, at risk (not breached) at due - 1 ms and at due: the default at-risk fraction is "
            + "the last quarter of the clock")
    void atRiskUpToTheDeadline(Clock clock, Boundary asOf) {
        Obligation o = opened(trigger(clock.receivedAt()), clock.at(asOf));

        assertThat(o.status()).as(explain(o)).isEqualTo(Status.AT_RISK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clocks")
    @DisplayName("with nothing done, open right after the trigger (for a clock longer than zero)")
    void openRightAfterTheTrigger(Clock clock) {
        Obligation o = opened(trigger(clock.receivedAt()), clock.receivedAt());

        assertThat(o.status()).as(explain(o)).isEqualTo(clock.due().isEqual(clock.receivedAt())
                ? Status.AT_RISK : Status.OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clocks")
    @DisplayName("with nothing done, breached 1 ms after the deadline")
    void breachedOneMillisecondAfterTheDeadline(Clock clock) {
        Obligation o = opened(trigger(clock.receivedAt()), clock.at(Boundary.DUE_PLUS_1_MS));

        assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
    }

    @ParameterizedTest(name = "{0}, {1} in another case at due")
    @MethodSource("clocksAndActions")
    @DisplayName("the same action in another case does not discharge it")
    void actionInAnotherCase(Clock clock, Action action) {
        Obligation o = opened(trigger(clock.receivedAt()), clock.at(Boundary.DUE_PLUS_1_MS),
                action.in(ANOTHER_CASE, clock.at(Boundary.DUE)));

        assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        assertThat(o.dischargeEventId()).as("discharging event").isNull();
    }
}
