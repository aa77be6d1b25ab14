package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.rules.india.ClockContract.action;
import static org.niyam.compliance.rules.india.ClockContract.takedowns;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2022;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2026;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.acknowledged;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.complaint;
import static org.niyam.compliance.rules.india.IndiaPack.days;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.gacComplied;
import static org.niyam.compliance.rules.india.IndiaPack.gacOrder;
import static org.niyam.compliance.rules.india.IndiaPack.hours;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.resolved;
import static org.niyam.compliance.india.ComplaintCategory.GENERAL;
import static org.niyam.compliance.india.ComplaintCategory.INTIMATE_IMAGERY;
import static org.niyam.compliance.india.ComplaintCategory.REMOVAL_REQUEST;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.ClockContract.Action;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

@DisplayName("grievance.drl")
class GrievanceRulesTest {

    private static final String CASE = "complaint-1";

    /**
     * The Rules fix no time for complying with a Grievance Appellate Committee order; this engine is a platform's
     * that holds itself to 15 days (15 x 24 h). Built once for the class.
     */
    private static final ComplianceEngine WITH_GAC_SERVICE_LEVEL =
            IndiaPack.builder().setting("gac.compliance", "P15D").build();

    private static Obligation duty(String duty, OffsetDateTime asOf, CaseEvent... events) {
        return obligation(evaluate(asOf, events), duty, CASE);
    }

    @Nested
    @DisplayName("Rule 3(2)(a)(i): acknowledge a complaint within 24 h, in every version")
    class Acknowledge extends ClockContract {

        Acknowledge() {
            super("complaint.acknowledge", "Rule 3(2)(a)(i)", "in.3-2-a-i.complaint-opens-acknowledgement");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, hours(24)),
                    clock(V2022, hours(24)),
                    clock(V2023, hours(24)),
                    clock(V2025, hours(24)),
                    clock(V2026, hours(24)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return complaint(CASE, at, GENERAL);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("acknowledged", IndiaPack::acknowledged));
        }
    }

    @Nested
    @DisplayName("Rule 3(2)(a)(i): a resolution is not an acknowledgement")
    class ResolutionIsNotAnAcknowledgement {

        private static final String DUTY = "complaint.acknowledge";
        private static final OffsetDateTime RECEIVED = ist("2026-03-02T10:00");
        private static final String READING = "the pack does not read a resolution as an acknowledgement";

        @Test
        @DisplayName("resolved within 24 h, never acknowledged: breached, saying the resolution was not read as one")
        void resolvedNotAcknowledged() {
            Obligation o = duty(DUTY, RECEIVED.plusDays(2), complaint(CASE, RECEIVED, GENERAL),
                    resolved(CASE, RECEIVED.plusHours(23)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("names the resolution and the reading")
                    .contains("The complaint was resolved (", "at 2026-03-03T09:00+05:30) before any "
                            + "acknowledgement", READING);
        }

        @Test
        @DisplayName("resolved, then acknowledged in time: met, and the explanation still gives the reading")
        void resolvedThenAcknowledged() {
            Obligation o = duty(DUTY, RECEIVED.plusDays(2), complaint(CASE, RECEIVED, GENERAL),
                    resolved(CASE, RECEIVED.plusHours(2)), acknowledged(CASE, RECEIVED.plusHours(5)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.explanation()).as("reading").contains(READING);
        }

        @Test
        @DisplayName("acknowledged first, or at the resolution's instant: no remark")
        void acknowledgedFirst() {
            Obligation first = duty(DUTY, RECEIVED.plusDays(2), complaint(CASE, RECEIVED, GENERAL),
                    acknowledged(CASE, RECEIVED.plusHours(1)), resolved(CASE, RECEIVED.plusHours(2)));
            Obligation same = duty(DUTY, RECEIVED.plusDays(2), complaint(CASE, RECEIVED, GENERAL),
                    acknowledged(CASE, RECEIVED.plusHours(2)), resolved(CASE, RECEIVED.plusHours(2)));
            Obligation none = duty(DUTY, RECEIVED.plusDays(2), complaint(CASE, RECEIVED, GENERAL));

            assertThat(first.explanation()).as(explain(first)).doesNotContain(READING);
            assertThat(same.explanation()).as(explain(same)).doesNotContain(READING);
            assertThat(none.explanation()).as(explain(none)).doesNotContain(READING);
        }
    }

    @Nested
    @DisplayName("Rule 3(2)(a)(i): resolve a complaint within 15 days of receipt; 7 days from 20 Feb 2026")
    class Resolve extends ClockContract {

        private static final String DUTY = "complaint.resolve";

        Resolve() {
            super(DUTY, "Rule 3(2)(a)(i)", "in.3-2-a-i.complaint-opens-resolution");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, days(15)),
                    clock(V2022, days(15)),
                    clock(V2023, days(15)),
                    clock(V2025, days(15)),
                    clock(V2026, days(7)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return complaint(CASE, at, GENERAL);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("resolved", IndiaPack::resolved));
        }

        // "Days from the date of receipt" is read as N x 24 hours from the instant of receipt (pack.yaml), not as
        // calendar days in IST: these two tests pin both edges of that choice.
        @Test
        @DisplayName("15 x 24 h reading: resolved 1 ms after receipt + 360 h is late, though on the same IST day")
        void fifteenDaysMeansFifteenTimes24Hours() {
            OffsetDateTime received = ist("2024-07-01T09:00");
            OffsetDateTime resolvedAt = ist("2024-07-16T09:00:00.001");
            Obligation o = duty(DUTY, resolvedAt.plusDays(1),
                    complaint(CASE, received, GENERAL), resolved(CASE, resolvedAt));

            assertThat(resolvedAt.toLocalDate()).as("same IST calendar day as the due instant")
                    .isEqualTo(o.dueAt().toLocalDate());
            assertThat(o.dueAt()).as("due").isEqualTo(received.plus(Duration.ofHours(15 * 24)));
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET_LATE);
            assertThat(o.lateness()).as("lateness").isEqualTo(Duration.ofMillis(1));
        }

        @Test
        @DisplayName("15 x 24 h reading: a complaint at 23:59 IST is due 360 h later, in time at 23:59, late at 00:00")
        void lateEveningComplaintGetsNoExtraDay() {
            OffsetDateTime received = ist("2024-07-01T23:59");
            Obligation atDue = duty(DUTY, ist("2024-07-20T00:00"),
                    complaint(CASE, received, GENERAL), resolved(CASE, ist("2024-07-16T23:59")));
            Obligation nextMorning = duty(DUTY, ist("2024-07-20T00:00"),
                    complaint(CASE, received, GENERAL), resolved(CASE, ist("2024-07-17T00:00")));

            assertThat(atDue.status()).as(explain(atDue)).isEqualTo(Status.MET);
            assertThat(nextMorning.status()).as(explain(nextMorning)).isEqualTo(Status.MET_LATE);
        }

        @Test
        @DisplayName("a complaint received on 10 Feb 2026 keeps its 15 days across 20 Feb 2026")
        void complaintBeforeTheCutKeepsItsClock() {
            OffsetDateTime received = ist("2026-02-10T12:00");
            Obligation o = duty(DUTY, received.plusDays(1), complaint(CASE, received, GENERAL));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-25T12:00"));
            assertThat(o.explanation()).as("explanation").contains("keeps its 15 days");
            assertThat(o.citation().version()).as("version").isEqualTo(V2025);
        }

        @Test
        @DisplayName("a complaint received at 20 Feb 2026 00:00 IST gets 7 days")
        void complaintAtTheCut() {
            Obligation o = duty(DUTY, AMENDMENT_2026, complaint(CASE, AMENDMENT_2026, GENERAL));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-27T00:00"));
            assertThat(o.citation().version()).as("version").isEqualTo(V2026);
        }
    }

    @Nested
    @DisplayName("Proviso to Rule 3(2)(a)(i): act on a removal request in 72 h from 28 Oct 2022; 36 h from 20 Feb 2026")
    class RemovalRequest extends ClockContract {

        private static final String DUTY = "complaint.removal-request";

        RemovalRequest() {
            super(DUTY, "Proviso to Rule 3(2)(a)(i)", "in.3-2-a-i-proviso.removal-request-opens");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2022, hours(72)),
                    clock(V2023, hours(72)),
                    clock(V2025, hours(72)),
                    clock(V2026, hours(36)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return complaint(CASE, at, REMOVAL_REQUEST);
        }

        /** Acting on the request is removing the content, or deciding the complaint (which may refuse it). */
        @Override
        Stream<Action> actions() {
            return Stream.of(action("content removed", IndiaPack::removed),
                    action("complaint resolved", IndiaPack::resolved));
        }

        @Test
        @DisplayName("no clock before 28 Oct 2022: a request received 1 ms before is NOT_APPLICABLE, with the reason")
        void notApplicableBeforeTheAmendment() {
            OffsetDateTime received = AMENDMENT_2022.minus(Duration.ofMillis(1));
            Obligation o = duty(DUTY, received.plusDays(5), complaint(CASE, received, REMOVAL_REQUEST));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).as("due").isNull();
            assertThat(o.explanation()).as("explanation names the date the clock applies from")
                    .contains("2022-10-28T00:00+05:30");
            assertThat(o.citation().clause()).as("clause").isEqualTo("Proviso to Rule 3(2)(a)(i)");
            assertThat(o.citation().version()).as("version").isEqualTo(V2021);
        }

        @Test
        @DisplayName("a request received at 28 Oct 2022 00:00 IST gets 72 h")
        void applicableFromTheAmendment() {
            Obligation o = duty(DUTY, AMENDMENT_2022, complaint(CASE, AMENDMENT_2022, REMOVAL_REQUEST));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2022-10-31T00:00"));
            assertThat(o.citation().version()).as("version").isEqualTo(V2022);
        }

        @Test
        @DisplayName("an acknowledgement alone does not discharge it")
        void acknowledgementDoesNotDischarge() {
            Clock clock = clock(V2026, hours(36));
            Obligation o = duty(DUTY, clock.due().plusHours(1),
                    complaint(CASE, clock.receivedAt(), REMOVAL_REQUEST),
                    acknowledged(CASE, clock.receivedAt().plusHours(1)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("a request received on 18 Feb 2026 keeps its 72 h across 20 Feb 2026")
        void requestBeforeTheCutKeepsItsClock() {
            OffsetDateTime received = ist("2026-02-18T12:00");
            Obligation o = duty(DUTY, received, complaint(CASE, received, REMOVAL_REQUEST));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-21T12:00"));
            assertThat(o.explanation()).as("explanation").contains("keeps its 72 h");
        }
    }

    @Nested
    @DisplayName("Rule 3(2)(b): remove intimate imagery or impersonation within 24 h; 2 h from 20 Feb 2026")
    class IntimateImagery extends ClockContract {

        private static final String DUTY = "complaint.intimate-imagery";

        IntimateImagery() {
            super(DUTY, "Rule 3(2)(b)", "in.3-2-b.intimate-imagery-opens-removal");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, hours(24)),
                    clock(V2022, hours(24)),
                    clock(V2023, hours(24)),
                    clock(V2025, hours(24)),
                    clock(V2026, hours(2)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return complaint(CASE, at, INTIMATE_IMAGERY);
        }

        /** Disabling access discharges it as removal does. */
        @Override
        Stream<Action> actions() {
            return takedowns();
        }

        @Test
        @DisplayName("resolving the complaint without removing the content does not discharge it")
        void resolutionDoesNotDischarge() {
            Clock clock = clock(V2026, hours(2));
            Obligation o = duty(DUTY, clock.due().plusHours(1),
                    complaint(CASE, clock.receivedAt(), INTIMATE_IMAGERY),
                    resolved(CASE, clock.receivedAt().plusHours(1)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("a complaint received on 19 Feb 2026 at 23:00 IST keeps its 24 h across 20 Feb 2026")
        void complaintBeforeTheCutKeepsItsClock() {
            OffsetDateTime received = ist("2026-02-19T23:00");
            Obligation o = duty(DUTY, received, complaint(CASE, received, INTIMATE_IMAGERY));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-02-20T23:00"));
            assertThat(o.explanation()).as("explanation").contains("keeps its 24 h");
        }
    }

    @Nested
    @DisplayName("Rule 3(2): which clocks a complaint starts, by category")
    class ClocksByCategory {

        @ParameterizedTest(name = "{0}")
        @EnumSource(ComplaintCategory.class)
        @DisplayName("every complaint is acknowledged and resolved; only its category adds a removal clock")
        void dutiesOfACategory(ComplaintCategory category) {
            Report report = evaluate(ist("2026-03-02T12:00"), complaint(CASE, ist("2026-03-02T11:00"), category));

            var expected = switch (category) {
                case GENERAL -> new String[] {"complaint.acknowledge", "complaint.resolve"};
                case REMOVAL_REQUEST -> new String[] {"complaint.acknowledge", "complaint.resolve",
                        "complaint.removal-request"};
                case INTIMATE_IMAGERY -> new String[] {"complaint.acknowledge", "complaint.resolve",
                        "complaint.intimate-imagery"};
            };
            assertThat(report.forCase(CASE)).as("duties of a %s complaint", category)
                    .extracting(Obligation::duty).containsExactlyInAnyOrder(expected);
        }
    }

    @Nested
    @DisplayName("Rule 3A: comply with a Grievance Appellate Committee order within the platform's own service level")
    class GacOrder extends ClockContract {

        private static final String DUTY = "3A.gac-order";
        private static final String APPEAL = "appeal-1";

        GacOrder() {
            super(DUTY, "Rule 3A", "in.3a.gac-order-opens-compliance");
        }

        /** GACs sit from 1 Mar 2023: orders arrive only in the versions from then. */
        @Override
        Stream<Clock> clocks() {
            return Stream.of(clock(V2023, days(15)), clock(V2025, days(15)), clock(V2026, days(15)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return gacOrder(APPEAL, at);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("complied", IndiaPack::gacComplied));
        }

        /** The clock is the platform's: with 'gac.compliance' P15D, due 15 x 24 h after the order is received. */
        @Override
        Report evaluateAsOf(OffsetDateTime asOf, CaseEvent... events) {
            return WITH_GAC_SERVICE_LEVEL.evaluate(new Evidence(null, List.of(), List.of(events)), asOf);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("without a service level, not complied: open with no due instant, however long ago, naming the "
                + "setting")
        void openWithoutASetting(Clock clock) {
            Obligation o = obligation(evaluate(clock.due().plusDays(365), gacOrder(APPEAL, clock.receivedAt())),
                    DUTY, APPEAL);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.dueAt()).as("no due instant").isNull();
            assertThat(o.explanation()).as("names the setting").contains("'gac.compliance' is not set")
                    .contains("open with no due instant");
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 3A");
            assertThat(o.citation().version()).as("version at receipt").isEqualTo(clock.version());
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3a.gac-order-opens-compliance");
        }

        @ParameterizedTest(name = "complied {0} days after the order")
        @ValueSource(ints = {0, 1, 400})
        @DisplayName("without a service level, complied with: met, however long it took")
        void metWithoutASetting(int days) {
            Clock clock = clock(V2026, days(15));
            OffsetDateTime complied = clock.receivedAt().plusDays(days);
            Obligation o = obligation(evaluate(complied.plusDays(1), gacOrder(APPEAL, clock.receivedAt()),
                    gacComplied(APPEAL, complied)), DUTY, APPEAL);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.dueAt()).as("no due instant").isNull();
            assertThat(o.dischargedAt()).as("complied at").isEqualTo(complied);
            assertThat(o.lateness()).as("lateness").isNull();
        }

        @Test
        @DisplayName("an order received before Rule 3A existed (28 Oct 2022) is not applicable, saying why")
        void beforeRule3A() {
            OffsetDateTime received = ist("2022-06-01T10:00");
            Obligation o = obligation(evaluate(ist("2026-07-15T00:00"), gacOrder(APPEAL, received)), DUTY, APPEAL);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.explanation()).as("explanation").contains("before Rule 3A", "28 Oct 2022");
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3a.before-rule-3a");
            assertThat(o.triggeredAt()).as("dated at receipt").isEqualTo(received);
            Obligation atStart = obligation(evaluate(ist("2026-07-15T00:00"),
                    gacOrder(APPEAL, ist("2022-10-28T00:00"))), DUTY, APPEAL);
            assertThat(atStart.status()).as(explain(atStart)).isEqualTo(Status.OPEN);
        }

        @Test
        @DisplayName("an order received before the committees took appeals (1 Mar 2023) is owed, with a remark")
        void beforeTheCommitteesSat() {
            Obligation early = obligation(evaluate(ist("2026-07-15T00:00"), gacOrder(APPEAL, ist("2023-02-15T10:00"))),
                    DUTY, APPEAL);
            Obligation sitting = obligation(evaluate(ist("2026-07-15T00:00"), gacOrder(APPEAL, ist("2023-03-01T00:00"))),
                    DUTY, APPEAL);

            assertThat(early.status()).as(explain(early)).isEqualTo(Status.OPEN);
            assertThat(early.explanation()).as("remark").contains("before the Grievance Appellate Committees took appeals");
            assertThat(sitting.explanation()).as("no remark").doesNotContain("took appeals");
        }

        @Test
        @DisplayName("with a service level, late or breached: the explanation says the time is the platform's "
                + "setting, not the law's")
        void settingIsNamedAsThePlatforms() {
            Clock clock = clock(V2026, days(15));
            Obligation late = obligation(WITH_GAC_SERVICE_LEVEL.evaluate(new Evidence(null, List.of(), List.of(
                    gacOrder(APPEAL, clock.receivedAt()), gacComplied(APPEAL, clock.due().plusDays(4)))),
                    clock.due().plusDays(5)), DUTY, APPEAL);
            Obligation breached = obligation(WITH_GAC_SERVICE_LEVEL.evaluate(new Evidence(null, List.of(),
                    List.of(gacOrder(APPEAL, clock.receivedAt()))), clock.due().plusDays(5)), DUTY, APPEAL);

            String platforms = "The law sets no time for complying with the order: the 15 days allowed is the "
                    + "platform's own setting 'gac.compliance'.";
            assertThat(late.status()).as(explain(late)).isEqualTo(Status.MET_LATE);
            assertThat(late.explanation()).as("met late").contains(platforms);
            assertThat(breached.status()).as(explain(breached)).isEqualTo(Status.BREACHED);
            assertThat(breached.explanation()).as("breached").contains(platforms);
        }

        @Test
        @DisplayName("the setting changes only the GAC clock: the law's own clocks are the same in both engines")
        void settingLeavesTheLawAlone() {
            Clock clock = clock(V2026, days(7));
            Obligation o = obligation(WITH_GAC_SERVICE_LEVEL.evaluate(new Evidence(null, List.of(),
                    List.of(complaint(CASE, clock.receivedAt(), GENERAL))), clock.due()), "complaint.resolve", CASE);

            assertThat(o.dueAt()).as("7 days, as the law sets").isEqualTo(clock.due());
        }
    }
}
