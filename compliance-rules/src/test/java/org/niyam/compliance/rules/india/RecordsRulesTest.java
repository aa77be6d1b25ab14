package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.rules.india.IndiaPack.IT_RULES_2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.accountCancelled;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.days;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.recordsDeleted;
import static org.niyam.compliance.rules.india.IndiaPack.removed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.india.RecordKind;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.IndiaPack.Boundary;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

/**
 * Duties to keep ({@link Duty.Kind#KEEP_UNTIL}): deleting the records before the due instant breaches them; keeping
 * them until it meets them. The same tests run for both clauses, each with its trigger and its kind of records.
 */
@DisplayName("records.drl")
class RecordsRulesTest {

    private static final String CASE = "case-1";

    /** 180 x 24 h in every version: the clock never changed. */
    static Stream<Clock> clocks() {
        return Stream.of(V2021, V2022, V2023, V2025, V2026).map(v -> clock(v, days(180)));
    }

    /** One clause: its duty key, clause, the event that opens it, and the records it keeps. */
    enum Retention {
        REMOVED_CONTENT("3(1)(g).preserve", "Rule 3(1)(g)", "in.3-1-g.removal-opens-preservation",
                RecordKind.REMOVED_CONTENT, RecordKind.REGISTRATION_DATA,
                (caseId, at) -> removed(caseId, at, RemovalBasis.ORDER)),
        REGISTRATION_DATA("3(1)(h).keep-registration-data", "Rule 3(1)(h)", "in.3-1-h.cancellation-opens-retention",
                RecordKind.REGISTRATION_DATA, RecordKind.REMOVED_CONTENT, IndiaPack::accountCancelled);

        final String duty;
        final String clause;
        final String rule;
        final RecordKind kept;
        final RecordKind other;
        private final BiFunction<String, OffsetDateTime, CaseEvent> trigger;

        Retention(String duty, String clause, String rule, RecordKind kept, RecordKind other,
                  BiFunction<String, OffsetDateTime, CaseEvent> trigger) {
            this.duty = duty;
            this.clause = clause;
            this.rule = rule;
            this.kept = kept;
            this.other = other;
            this.trigger = trigger;
        }

        CaseEvent trigger(OffsetDateTime at) {
            return trigger.apply(CASE, at);
        }

        Obligation at(OffsetDateTime asOf, CaseEvent... events) {
            return obligation(evaluate(asOf, events), duty, CASE);
        }
    }

    /** The tests every retention duty shares; each clause runs them with its own trigger and records. */
    abstract static class KeepFor180Days {

        abstract Retention retention();

        static Stream<Arguments> deletionAroundDue() {
            return clocks().flatMap(c -> Stream.of(
                    arguments(c, Boundary.DUE_MINUS_1_MS, Status.BREACHED),
                    arguments(c, Boundary.DUE, Status.MET),
                    arguments(c, Boundary.DUE_PLUS_1_MS, Status.MET)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.rules.india.RecordsRulesTest#clocks")
        @DisplayName("due 180 x 24 h after the trigger, cited to the version in force then")
        void dueInstantAndCitation(Clock clock) {
            Retention r = retention();
            Obligation o = r.at(clock.receivedAt().plusDays(1), r.trigger(clock.receivedAt()));

            assertThat(o.triggeredAt()).as("starts at the trigger").isEqualTo(clock.receivedAt());
            assertThat(o.dueAt()).as("due").isEqualTo(clock.due());
            assertThat(o.citation().clause()).as("clause").isEqualTo(r.clause);
            assertThat(o.citation().version()).as("version").isEqualTo(clock.version());
            assertThat(o.citation().ruleId()).as("rule").isEqualTo(r.rule);
            assertThat(o.explanation()).as("the 180 days never changed").doesNotContain("keeps its");
        }

        @ParameterizedTest(name = "{0}, deleted at {1} => {2}")
        @MethodSource("org.niyam.compliance.rules.india.RecordsRulesTest$KeepFor180Days#deletionAroundDue")
        @DisplayName("deleting at due - 1 ms breaches it; at due or after, it was kept long enough")
        void deletionAroundTheDeadline(Clock clock, Boundary at, Status expected) {
            Retention r = retention();
            Obligation o = r.at(clock.due().plusDays(1), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, clock.at(at), r.kept, false));

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.dischargedAt()).as("ended by the deletion").isEqualTo(clock.at(at));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.rules.india.RecordsRulesTest#clocks")
        @DisplayName("a breach is known as soon as the deletion is, long before the due instant")
        void breachedAtTheDeletion(Clock clock) {
            Retention r = retention();
            OffsetDateTime deletedAt = clock.receivedAt().plusDays(10);
            Obligation o = r.at(deletedAt, r.trigger(clock.receivedAt()), recordsDeleted(CASE, deletedAt, r.kept, false));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("explanation").contains("170 days before the 180 days required");
        }

        @ParameterizedTest(name = "{0}, nothing deleted, as of due - 1 ms")
        @MethodSource("org.niyam.compliance.rules.india.RecordsRulesTest#clocks")
        @DisplayName("open while the 180 days run")
        void openWhileRunning(Clock clock) {
            Retention r = retention();
            Obligation o = r.at(clock.at(Boundary.DUE_MINUS_1_MS), r.trigger(clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
        }

        @ParameterizedTest(name = "{0}, nothing deleted, as of due")
        @MethodSource("org.niyam.compliance.rules.india.RecordsRulesTest#clocks")
        @DisplayName("met once 'as of' reaches the due instant with nothing deleted")
        void metAtTheDueInstant(Clock clock) {
            Retention r = retention();
            Obligation o = r.at(clock.due(), r.trigger(clock.receivedAt()));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).as("nothing ended it").isNull();
        }

        @Test
        @DisplayName("a deletion a court or agency instructed does not breach it, and the verdict says it was deleted on order")
        void instructedDeletion() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            OffsetDateTime deletedAt = clock.receivedAt().plusDays(10);

            Obligation running = r.at(deletedAt.plusDays(1), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, deletedAt, r.kept, true));
            Obligation kept = r.at(clock.due(), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, deletedAt, r.kept, true));

            for (Obligation o : List.of(running, kept)) {
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
                assertThat(o.explanation()).as("says when it was deleted, and on whose instruction")
                        .contains("Deleted at " + deletedAt, "on the instruction of a court or authorised agency",
                                "10 days into the 180 days")
                        .doesNotContain("Kept for").doesNotContain("Being kept");
                assertThat(o.triggeredAt()).as("dated at the trigger").isEqualTo(clock.receivedAt());
                assertThat(o.citation().ruleId()).as("rule").endsWith(".deleted-on-order");
            }
        }

        @Test
        @DisplayName("an instructed deletion after an uninstructed one does not undo the breach")
        void instructedAfterUninstructed() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            Obligation o = r.at(clock.due().plusDays(1), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, clock.receivedAt().plusDays(5), r.kept, false),
                    recordsDeleted(CASE, clock.receivedAt().plusDays(10), r.kept, true));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("an instructed deletion after the 180 days: they were kept for the 180 days")
        void instructedAfterTheKeeping() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            Obligation o = r.at(clock.due().plusDays(2), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, clock.due().plusDays(1), r.kept, true));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.dueAt()).as("due").isEqualTo(clock.due());
        }

        @Test
        @DisplayName("deleting the other kind of records does not end this keeping")
        void otherRecords() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            Obligation o = r.at(clock.receivedAt().plusDays(11), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, clock.receivedAt().plusDays(10), r.other, false));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.dischargeEventId()).as("not ended by it").isNull();
        }

        @Test
        @DisplayName("deleting records of another case does not end this keeping")
        void otherCase() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            Obligation o = r.at(clock.receivedAt().plusDays(11), r.trigger(clock.receivedAt()),
                    recordsDeleted("case-2", clock.receivedAt().plusDays(10), r.kept, false));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
        }

        @Test
        @DisplayName("of two deletions, the earlier decides")
        void earliestDeletion() {
            Retention r = retention();
            Clock clock = clock(V2026, days(180));
            Obligation o = r.at(clock.due().plusDays(1), r.trigger(clock.receivedAt()),
                    recordsDeleted(CASE, clock.due().plusDays(1), r.kept, false),
                    recordsDeleted(CASE, clock.at(Boundary.DUE_MINUS_1_MS), r.kept, false));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("a trigger 1 ms before the IT Rules 2021 took effect: not applicable")
        void beforeTheRules() {
            Retention r = retention();
            OffsetDateTime at = IT_RULES_2021.minus(Duration.ofMillis(1));
            Obligation o = r.at(ist("2021-03-01T00:00"), r.trigger(at));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).as("no due instant").isNull();
        }
    }

    @Nested
    @DisplayName("Rule 3(1)(g): preserve removed content and its associated records for 180 days after the removal")
    class PreserveRemovedContent extends KeepFor180Days {

        @Override
        Retention retention() {
            return Retention.REMOVED_CONTENT;
        }

        @Test
        @DisplayName("every removal opens it, whatever its basis")
        void everyRemoval() {
            OffsetDateTime at = ist("2026-03-02T11:20");
            for (RemovalBasis basis : RemovalBasis.values()) {
                Obligation o = obligation(evaluate(at, removed(CASE, at, basis)), Retention.REMOVED_CONTENT.duty, CASE);
                assertThat(o.dueAt()).as("%s: due", basis).isEqualTo(at.plusDays(180));
            }
            Obligation unrecorded = obligation(evaluate(at, removed(CASE, at)), Retention.REMOVED_CONTENT.duty, CASE);
            assertThat(unrecorded.dueAt()).as("basis not recorded: due").isEqualTo(at.plusDays(180));
        }

        @Test
        @DisplayName("180 x 24 h: a removal at 23:59 IST is kept until 23:59 IST 180 days later, not the end of that day")
        void hoursNotCalendarDays() {
            OffsetDateTime at = ist("2025-01-01T23:59");
            Obligation o = obligation(evaluate(at, removed(CASE, at, RemovalBasis.ORDER)),
                    Retention.REMOVED_CONTENT.duty, CASE);

            assertThat(o.dueAt()).as("due").isEqualTo(at.plus(Duration.ofHours(180 * 24)));
        }
    }

    @Nested
    @DisplayName("Rule 3(1)(h): keep a cancelled account's registration data for 180 days after the cancellation")
    class KeepRegistrationData extends KeepFor180Days {

        @Override
        Retention retention() {
            return Retention.REGISTRATION_DATA;
        }

        @Test
        @DisplayName("a cancellation opens no duty to preserve removed content")
        void onlyRegistrationData() {
            OffsetDateTime at = ist("2026-03-02T11:20");

            assertThat(evaluate(at, accountCancelled(CASE, at)).forCase(CASE)).as("obligations of the case")
                    .extracting(Obligation::duty).containsExactly(Retention.REGISTRATION_DATA.duty);
        }
    }
}
