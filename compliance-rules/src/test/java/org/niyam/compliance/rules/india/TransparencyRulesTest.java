package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.rules.india.ClockContract.action;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2026;
import static org.niyam.compliance.rules.india.IndiaPack.IST;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.months;
import static org.niyam.compliance.rules.india.IndiaPack.obligationById;
import static org.niyam.compliance.rules.india.IndiaPack.obligations;
import static org.niyam.compliance.rules.india.IndiaPack.platform;
import static org.niyam.compliance.rules.india.IndiaPack.reportPublished;
import static org.niyam.compliance.rules.india.IndiaPack.standing;
import static org.niyam.compliance.rules.india.IndiaPack.usersInformed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.UsersInformed;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.rules.india.ClockContract.Action;
import org.niyam.compliance.rules.india.IndiaPack.Boundary;
import org.niyam.compliance.rules.india.IndiaPack.Clock;

@DisplayName("transparency.drl")
class TransparencyRulesTest {

    @Nested
    @DisplayName("Rule 3(1)(c): inform users at least every 12 calendar months; every 3 from 20 Feb 2026")
    class InformUsers extends ClockContract {

        private static final String DUTY = "3(1)(c).inform-users";

        InformUsers() {
            super(DUTY, "Rule 3(1)(c)", "in.3-1-c.notice-opens-next");
        }

        /** Each notice starts the clock for the next, with the interval in force when it was given. */
        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, months(12)),
                    clock(V2022, months(12)),
                    clock(V2023, months(12)),
                    clock(V2025, months(12)),
                    clock(V2026, months(3)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return usersInformed(at);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("next notice", IndiaPack::usersInformed));
        }

        /** All notices share one case, and each opens a duty: the one a notice opened is found by its id. */
        @Override
        Obligation dutyOpenedBy(CaseEvent notice, Report report) {
            return obligationById(report, DUTY + "@" + notice.id());
        }

        /** The duty the notice opened: to give the next one. */
        Obligation next(UsersInformed notice, OffsetDateTime asOf, CaseEvent... more) {
            List<CaseEvent> events = new ArrayList<>(List.of(more));
            events.add(notice);
            return dutyOpenedBy(notice, evaluate(asOf, events.toArray(CaseEvent[]::new)));
        }

        @ParameterizedTest(name = "notice at {0} => next due {1}")
        @CsvSource({
                "2023-03-01T10:00, 2024-03-01T10:00",  // 366 days: 12 months across 29 Feb 2024
                "2024-02-29T10:00, 2025-02-28T10:00",  // no 29 Feb in 2025: the month's last day
                "2026-05-31T10:00, 2026-08-31T10:00",  // 92 days
                "2026-11-30T10:00, 2027-02-28T10:00",  // no 30 Feb: the month's last day
                "2027-01-31T10:00, 2027-04-30T10:00"}) // 89 days
        @DisplayName("intervals are calendar months, ending on the same day of the month or the month's last day")
        void calendarMonths(String noticeAt, String dueAt) {
            Obligation o = next(usersInformed(ist(noticeAt)), ist(noticeAt));

            assertThat(o.dueAt()).as(explain(o)).isEqualTo(ist(dueAt));
        }

        @ParameterizedTest(name = "notice at {0} => next due {1}")
        @CsvSource({
                "2026-11-30T00:30+05:30, 2027-02-28T00:30+05:30",  // written in IST
                "2026-11-29T19:00Z,      2027-02-28T00:30+05:30",  // the same instant written in UTC: not 1 Mar IST
                "2026-03-30T16:30-04:00, 2026-06-30T02:00+05:30",  // 31 Mar 02:00 IST: not 1 Jul
                "2026-05-30T20:00Z,      2026-08-31T01:30+05:30"}) // 31 May 01:30 IST
        @DisplayName("calendar months are counted in India Standard Time, whatever offset the notice was written in; "
                + "the due instant is given in IST")
        void calendarMonthsInIst(String noticeAt, String dueAt) {
            OffsetDateTime at = OffsetDateTime.parse(noticeAt);
            Obligation o = next(usersInformed(at), at);

            assertThat(o.dueAt()).as(explain(o)).isEqualTo(OffsetDateTime.parse(dueAt));
            assertThat(o.triggeredAt()).as("started at the notice").isAtSameInstantAs(at);
        }

        @ParameterizedTest(name = "notice at {0} => next due {1}, {2} on 1 Mar 2026")
        @CsvSource({
                "2025-03-01T10:00, 2026-03-01T10:00, AT_RISK",
                "2025-05-20T00:00, 2026-05-20T00:00, AT_RISK",
                "2025-06-10T10:00, 2026-06-10T10:00, OPEN",
                "2025-12-01T10:00, 2026-12-01T10:00, OPEN",     // not 20 May 2026: the clock keeps its 12 months
                "2026-02-19T23:59:59.999, 2027-02-19T23:59:59.999, OPEN"})
        @DisplayName("a notice before 20 Feb 2026 keeps the 12 months of the version in force at it (no "
                + "transitional provision), and the explanation says its clock runs across the amendment")
        void noticeBeforeTheCut(String noticeAt, String dueAt, Status expected) {
            OffsetDateTime given = ist(noticeAt);
            Obligation o = next(usersInformed(given), ist("2026-03-01T00:00"));

            assertThat(o.dueAt()).as(explain(o)).isEqualTo(ist(dueAt));
            assertThat(o.status()).as("as of 1 Mar 2026, a quarter of the clock at risk: %s", explain(o))
                    .isEqualTo(expected);
            assertThat(o.explanation()).as("explanation").contains("keeps its 12 months; the 3 months in force from "
                    + "2026-02-20T00:00+05:30 applies only to clocks that start from then. The next notice starts a "
                    + "clock of 3 months.");
            assertThat(o.citation().version()).as("version at the notice").isNotEqualTo(V2026);
        }

        @Test
        @DisplayName("a notice of 1 Dec 2025 is next due 1 Dec 2026, cited to the version in force at it; the notice "
                + "that answers it starts a clock of 3 months")
        void noticeOfDecember2025() {
            UsersInformed december = usersInformed(ist("2025-12-01T10:00"));
            UsersInformed june = usersInformed(ist("2026-06-15T10:00"));
            Report report = evaluate(ist("2026-07-01T00:00"), december, june);

            Obligation first = obligationById(report, DUTY + "@" + december.id());
            assertThat(first.dueAt()).as(explain(first)).isEqualTo(ist("2026-12-01T10:00"));
            assertThat(first.status()).as(explain(first)).isEqualTo(Status.MET);
            assertThat(first.citation().version()).as("version at the notice").isEqualTo(V2025);
            assertThat(first.explanation()).as("explanation").contains("The clock started under '" + V2025
                    + "' and keeps its 12 months", "The next notice starts a clock of 3 months.");
            Obligation second = obligationById(report, DUTY + "@" + june.id());
            assertThat(second.dueAt()).as(explain(second)).isEqualTo(ist("2026-09-15T10:00"));
            assertThat(second.explanation()).as("explanation").doesNotContain("keeps its", "next notice");
        }

        @Test
        @DisplayName("a notice whose 12 months end before 20 Feb 2026 is not affected by the amendment")
        void noticeEndingBeforeTheCut() {
            OffsetDateTime given = ist("2025-02-19T10:00");
            Obligation o = next(usersInformed(given), ist("2025-03-01T00:00"));

            assertThat(o.dueAt()).as(explain(o)).isEqualTo(ist("2026-02-19T10:00"));
            assertThat(o.explanation()).as("explanation").doesNotContain("keeps its", "next notice");
        }

        @Test
        @DisplayName("a notice 1 ms before 20 Feb 2026 00:00 IST is next due 12 months later, one at 00:00 on 20 May 2026")
        void aroundTheCut() {
            OffsetDateTime before = AMENDMENT_2026.minus(Duration.ofMillis(1));
            Obligation twelve = next(usersInformed(before), before);
            Obligation three = next(usersInformed(AMENDMENT_2026), AMENDMENT_2026);

            assertThat(twelve.dueAt()).as("12 months, the interval in force at the notice")
                    .isEqualTo(before.plusMonths(12));
            assertThat(twelve.explanation()).as("change of interval reported").contains("keeps its 12 months", "The next notice starts a clock of 3 months.");
            assertThat(three.dueAt()).as("3 months").isEqualTo(ist("2026-05-20T00:00"));
            assertThat(three.explanation()).as("no change of interval to report").doesNotContain("keeps its", "next notice");
        }

        @Test
        @DisplayName("each notice opens the next duty: the second meets the first's and opens its own")
        void chainOfNotices() {
            UsersInformed first = usersInformed(ist("2026-03-01T10:00"));
            UsersInformed second = usersInformed(ist("2026-05-15T10:00"));
            Report report = evaluate(ist("2026-06-01T00:00"), first, second);

            assertThat(obligationById(report, DUTY + "@" + first.id()).status()).as("first").isEqualTo(Status.MET);
            Obligation open = obligationById(report, DUTY + "@" + second.id());
            assertThat(open.status()).as(explain(open)).isEqualTo(Status.OPEN);
            assertThat(open.dueAt()).as("due").isEqualTo(ist("2026-08-15T10:00"));
        }

        @Test
        @DisplayName("a notice a day for eight years: each met by the next, the two at one instant by the first by id")
        void aNoticeADayForYears() {
            List<CaseEvent> notices = new ArrayList<>();
            OffsetDateTime start = ist("2021-03-01T10:00");
            for (int day = 0; day < 3_000; day++) {
                notices.add(usersInformed(start.plusDays(day)));
            }
            UsersInformed twin = new UsersInformed("a-twin", "user-notices", start.plusDays(1), null);
            notices.add(twin);
            Report report = evaluate(start.plusDays(3_000), notices.toArray(CaseEvent[]::new));

            List<Obligation> duties = obligations(report, DUTY);
            assertThat(duties).hasSize(3_001);
            Obligation first = obligationById(report, DUTY + "@" + notices.get(0).id());
            assertThat(first.status()).isEqualTo(Status.MET);
            assertThat(first.dischargeEventId()).as("of two notices at the next instant, the first by id")
                    .isEqualTo("a-twin");
            Obligation later = obligationById(report, DUTY + "@" + notices.get(1_500).id());
            assertThat(later.dischargeEventId()).isEqualTo(notices.get(1_501).id());
            assertThat(duties.stream().filter(o -> o.status() == Status.OPEN).count()).as("the last notice's")
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("no notice at all: indeterminate, saying the evidence records none")
        void noNoticeAtAll() {
            Report report = evaluate(ist("2026-03-01T00:00"));

            Obligation o = standing(report, DUTY);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as("explanation").contains("no notice to users");
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-1-c.no-notice-recorded");
        }

        @Test
        @DisplayName("with a notice recorded, there is no indeterminate standing duty")
        void noticeRecorded() {
            Report report = evaluate(ist("2026-03-01T00:00"), usersInformed(ist("2026-02-01T00:00")));

            assertThat(report.obligations()).as("3(1)(c) obligations")
                    .filteredOn(o -> o.duty().equals(DUTY)).extracting(Obligation::status)
                    .containsExactly(Status.OPEN);
        }

        /** The verdict on a gap between the evidence period's start and its first notice. */
        private static final String GAP = DUTY + "@period-start";

        static Report fromPeriod(OffsetDateTime since, OffsetDateTime asOf, CaseEvent... events) {
            return evaluate(new Evidence((PlatformProfile) null, List.of(), List.of(events), since), asOf);
        }

        @ParameterizedTest(name = "period from {0}, first notice at {1} => due by {2}: {3}")
        @CsvSource({
                "2025-01-01T00:00, 2026-04-01T00:00,     2026-01-01T00:00, true",  // the review's case: 90 days late
                "2025-01-01T00:00, 2026-01-01T00:00,     2026-01-01T00:00, false", // at the latest due: maybe in time
                "2025-01-01T00:00, 2026-01-01T00:00:00.001, 2026-01-01T00:00, true",
                "2026-12-01T00:00, 2027-03-01T00:00,     2027-03-01T00:00, false", // 3 months from 20 Feb 2026
                "2026-12-01T00:00, 2027-03-01T00:00:00.001, 2027-03-01T00:00, true",
                // a notice just before 20 Feb 2026 keeps its 12 months: due by 20 Feb 2027 at the latest, not 1 Jun 2026
                "2026-03-01T00:00, 2026-07-01T00:00,     2027-02-20T00:00, false",
                "2026-03-01T00:00, 2027-02-20T00:00,     2027-02-20T00:00, false",
                "2026-03-01T00:00, 2027-02-20T00:00:00.001, 2027-02-20T00:00, true"})
        @DisplayName("a period whose first notice comes after the latest instant any notice before the period was due "
                + "again is breached from that instant to the notice; at that instant or before, nothing is said")
        void gapAtThePeriodsStart(String since, String first, String latestDue, boolean breached) {
            UsersInformed notice = usersInformed(ist(first));
            Report report = fromPeriod(ist(since), ist(first).plusDays(1), notice);

            List<Obligation> gap = report.obligations().stream().filter(o -> o.id().equals(GAP)).toList();
            assertThat(gap).as("gap verdicts in %s", report.obligations()).hasSize(breached ? 1 : 0);
            if (breached) {
                Obligation o = gap.get(0);
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
                assertThat(o.caseId()).as("case of the notice").isEqualTo("user-notices");
                assertThat(o.triggeredAt()).as("dated at the period's start").isEqualTo(ist(since));
                assertThat(o.explanation()).as("explanation").contains(
                        "the next was due by " + ist(latestDue) + " at the latest",
                        "The first notice the evidence records, " + notice.id() + " at " + ist(first));
                assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-1-c.gap-from-period-start");
                assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 3(1)(c)");
            }
            assertThat(obligationById(report, DUTY + "@" + notice.id()).status()).as("the notice's own clock")
                    .isEqualTo(Status.OPEN);
        }

        @Test
        @DisplayName("a notice recorded before the period leaves the gap to its own clock: met late, no gap verdict")
        void noticeBeforeThePeriod() {
            UsersInformed before = usersInformed(ist("2024-12-01T00:00"));
            UsersInformed after = usersInformed(ist("2026-04-01T00:00"));
            Report report = fromPeriod(ist("2025-01-01T00:00"), ist("2026-04-20T00:00"), before, after);

            assertThat(report.obligations()).as("obligations").extracting(Obligation::id).doesNotContain(GAP);
            Obligation o = obligationById(report, DUTY + "@" + before.id());
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET_LATE);
        }

        @Test
        @DisplayName("two notices after the gap: one verdict, naming the first (by instant, then id)")
        void firstOfSeveral() {
            UsersInformed first = usersInformed(ist("2026-04-01T00:00"));
            UsersInformed second = usersInformed(ist("2026-05-01T00:00"));
            Report report = fromPeriod(ist("2025-01-01T00:00"), ist("2026-05-20T00:00"), second, first);

            Obligation o = obligationById(report, GAP);
            assertThat(o.explanation()).as("explanation").contains(first.id() + " at ").doesNotContain(second.id());
        }

        @Test
        @DisplayName("a period longer than the interval with no notice at all: only the indeterminate verdict "
                + "(the log may not record notices)")
        void periodWithoutNotices() {
            Report report = fromPeriod(ist("2025-01-01T00:00"), ist("2026-04-20T00:00"));

            assertThat(obligations(report, DUTY)).as("3(1)(c) obligations").extracting(Obligation::id,
                    Obligation::status).containsExactly(org.assertj.core.groups.Tuple.tuple(DUTY, Status.INDETERMINATE));
        }

        @Test
        @DisplayName("a period starting before the IT Rules 2021: no gap verdict")
        void periodBeforeTheRules() {
            Report report = fromPeriod(ist("2020-01-01T00:00"), ist("2023-01-01T00:00"),
                    usersInformed(ist("2022-06-01T00:00")));

            assertThat(report.obligations()).as("obligations").extracting(Obligation::id).doesNotContain(GAP);
        }

        @Test
        @DisplayName("before the IT Rules 2021, nothing is asked")
        void beforeTheRules() {
            Report report = evaluate(ist("2021-02-24T00:00"));

            assertThat(obligations(report, DUTY)).as("3(1)(c) obligations").isEmpty();
        }
    }

    @Nested
    @DisplayName("Rule 4(1)(d): an SSMI publishes a compliance report for each month within the grace period")
    class MonthlyReport {

        private static final String DUTY = "4(1)(d).monthly-report";
        /** The one verdict for the months of the period that ended before Rule 4 came into force. */
        private static final String BEFORE_RULE_4 = DUTY + "@monthly-reports";
        private static final PlatformProfile SSMI = platform(5_000_000);

        /** A platform that gives itself 15 days (15 x 24 h) after a month ends. Built once for the class. */
        private static final ComplianceEngine WITH_15_DAYS_GRACE =
                IndiaPack.builder().setting("monthly-report.grace", "P15D").build();

        /** 00:00 IST on the first of the next month: when the month ends and its report's clock starts. */
        static OffsetDateTime monthEnd(YearMonth month) {
            return month.plusMonths(1).atDay(1).atStartOfDay().atOffset(IST);
        }

        static String id(YearMonth month) {
            return DUTY + "@month-end:" + month;
        }

        static Report assess(OffsetDateTime since, OffsetDateTime asOf, CaseEvent... events) {
            return evaluate(new Evidence(SSMI, List.of(), List.of(events), since), asOf);
        }

        /** A month whose end falls in each version, with the version; the default grace is one calendar month. */
        static Stream<Arguments> monthsByVersion() {
            return Stream.of(
                    arguments(V2021, YearMonth.of(2021, 6)),
                    arguments(V2022, YearMonth.of(2022, 11)),
                    arguments(V2023, YearMonth.of(2024, 6)),
                    arguments(V2025, YearMonth.of(2025, 11)),
                    arguments(V2026, YearMonth.of(2026, 3)));
        }

        static Stream<Arguments> publishedAroundDue() {
            return monthsByVersion().flatMap(a -> Stream.of(
                    arguments(a.get()[0], a.get()[1], Boundary.DUE_MINUS_1_MS, Status.MET),
                    arguments(a.get()[0], a.get()[1], Boundary.DUE, Status.MET),
                    arguments(a.get()[0], a.get()[1], Boundary.DUE_PLUS_1_MS, Status.MET_LATE)));
        }

        @Test
        @DisplayName("each month that ended inside the evidence period opens one duty, due a calendar month later")
        void oneDutyPerEndedMonth() {
            Report report = assess(ist("2026-01-15T00:00"), ist("2026-04-10T00:00"));

            List<Obligation> duties = obligations(report, DUTY);
            assertThat(duties).as("one per month that has ended").extracting(Obligation::what).containsExactly(
                    "Publish the compliance report for 2026-01",
                    "Publish the compliance report for 2026-02",
                    "Publish the compliance report for 2026-03");
            Obligation january = obligationById(report, id(YearMonth.of(2026, 1)));
            assertThat(january.caseId()).as("case").isEqualTo("monthly-reports");
            assertThat(january.triggeredAt()).as("starts when January ends").isEqualTo(ist("2026-02-01T00:00"));
            assertThat(january.dueAt()).as("one calendar month later").isEqualTo(ist("2026-03-01T00:00"));
            assertThat(january.status()).as(explain(january)).isEqualTo(Status.BREACHED);
            assertThat(january.citation().clause()).as("clause").isEqualTo("Rule 4(1)(d)");
            assertThat(january.citation().ruleId()).as("rule").isEqualTo("in.4-1-d.month-end-opens-report");
        }

        @ParameterizedTest(name = "{1} under ''{0}'', published at {2} => {3}")
        @MethodSource("publishedAroundDue")
        @DisplayName("a report published at due - 1 ms and at due is in time; at due + 1 ms it is late")
        void publishedAroundTheDeadline(String version, YearMonth month, Boundary at, Status expected) {
            OffsetDateTime due = monthEnd(month).plusMonths(1);
            Report report = assess(month.atDay(1).atStartOfDay().atOffset(IST), due.plusDays(1),
                    reportPublished(month, at.of(due)));

            Obligation o = obligationById(report, id(month));
            assertThat(o.dueAt()).as("due").isEqualTo(due);
            assertThat(o.citation().version()).as("version at the month's end").isEqualTo(version);
            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.lateness()).as("lateness")
                    .isEqualTo(expected == Status.MET_LATE ? Duration.ofMillis(1) : null);
        }

        @ParameterizedTest(name = "{1} under ''{0}''")
        @MethodSource("monthsByVersion")
        @DisplayName("unpublished, at risk at the due instant and breached 1 ms after")
        void unpublished(String version, YearMonth month) {
            OffsetDateTime due = monthEnd(month).plusMonths(1);
            OffsetDateTime since = month.atDay(1).atStartOfDay().atOffset(IST);

            Obligation atDue = obligationById(assess(since, due), id(month));
            Obligation after = obligationById(assess(since, due.plus(Duration.ofMillis(1))), id(month));

            assertThat(atDue.status()).as(explain(atDue)).isEqualTo(Status.AT_RISK);
            assertThat(after.status()).as(explain(after)).isEqualTo(Status.BREACHED);
        }

        @ParameterizedTest(name = "{0} => due {1}")
        @CsvSource({"2025-12, 2026-02-01T00:00", "2026-01, 2026-03-01T00:00", "2024-01, 2024-03-01T00:00"})
        @DisplayName("the default grace is one calendar month, not 30 days")
        void graceIsACalendarMonth(String month, String due) {
            YearMonth m = YearMonth.parse(month);
            Obligation o = obligationById(assess(m.atDay(1).atStartOfDay().atOffset(IST), ist(due)), id(m));

            assertThat(o.dueAt()).as(explain(o)).isEqualTo(ist(due));
        }

        @Test
        @DisplayName("the explanation says the law sets no time: the month is the pack's default, which the platform "
                + "can change; with the setting, the platform's own")
        void graceIsNotTheLaws() {
            YearMonth month = YearMonth.of(2026, 3);
            OffsetDateTime due = monthEnd(month).plusMonths(1);
            Obligation late = obligationById(assess(ist("2026-03-01T00:00"), due.plusDays(1),
                    reportPublished(month, due.plus(Duration.ofMillis(1)))), id(month));
            Obligation open = obligationById(assess(ist("2026-03-01T00:00"), ist("2026-04-02T00:00")), id(month));
            Obligation set = obligationById(WITH_15_DAYS_GRACE.evaluate(new Evidence(SSMI, List.of(), List.of(),
                    ist("2026-03-01T00:00")), ist("2026-04-02T00:00")), id(month));

            assertThat(late.status()).as(explain(late)).isEqualTo(Status.MET_LATE);
            for (Obligation o : List.of(late, open)) {
                assertThat(o.explanation()).as("default").contains("The law sets no time for publishing the report: "
                        + "the 1 month allowed is the pack's default for the setting 'monthly-report.grace', which "
                        + "the platform can change");
            }
            assertThat(set.explanation()).as("set").contains("The law sets no time for publishing the report: the "
                    + "15 days allowed is the platform's own setting 'monthly-report.grace'.")
                    .doesNotContain("default");
        }

        @Test
        @DisplayName("a report for another month does not discharge it")
        void reportForAnotherMonth() {
            YearMonth january = YearMonth.of(2026, 1);
            Report report = assess(ist("2026-01-01T00:00"), ist("2026-03-02T00:00"),
                    reportPublished(YearMonth.of(2026, 2), ist("2026-02-20T00:00")));

            Obligation o = obligationById(report, id(january));
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("with 'monthly-report.grace' P15D, due 15 x 24 h after the month ends, at the boundaries")
        void graceSetting() {
            YearMonth month = YearMonth.of(2026, 3);
            OffsetDateTime due = monthEnd(month).plus(Duration.ofDays(15));
            OffsetDateTime since = ist("2026-03-01T00:00");

            for (Boundary at : Boundary.values()) {
                Report report = WITH_15_DAYS_GRACE.evaluate(new Evidence(SSMI, List.of(),
                        List.of(reportPublished(month, at.of(due))), since), due.plusDays(1));
                Obligation o = obligationById(report, id(month));
                assertThat(o.dueAt()).as("due").isEqualTo(ist("2026-04-16T00:00"));
                assertThat(o.status()).as("published at %s: %s", at, explain(o))
                        .isEqualTo(at == Boundary.DUE_PLUS_1_MS ? Status.MET_LATE : Status.MET);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notBound")
        @DisplayName("a platform not shown to be an SSMI: every month in the period gets a verdict, with its reason")
        void notAnSsmi(String why, PlatformProfile platform, Status expected, String reason, String rule) {
            Report report = evaluate(new Evidence(platform, List.of(), List.of(), ist("2026-01-01T00:00")),
                    ist("2026-04-10T00:00"));

            List<Obligation> months = obligations(report, DUTY);
            assertThat(months).as("%s: monthly-report duties", why).extracting(Obligation::id)
                    .containsExactly(id(YearMonth.of(2026, 1)), id(YearMonth.of(2026, 2)), id(YearMonth.of(2026, 3)));
            for (Obligation o : months) {
                assertThat(o.status()).as(explain(o)).isEqualTo(expected);
                assertThat(o.dueAt()).as("no due instant").isNull();
                assertThat(o.caseId()).as("case").isEqualTo("monthly-reports");
                assertThat(o.explanation()).as(explain(o)).contains(reason);
                assertThat(o.citation().ruleId()).as("rule").isEqualTo(rule);
            }
            Obligation january = months.get(0);
            assertThat(january.triggeredAt()).as("dated at the month's end").isEqualTo(ist("2026-02-01T00:00"));
            assertThat(january.citation().version()).as("version at the month's end").isEqualTo(V2025);
        }

        static Stream<Arguments> notBound() {
            return Stream.of(arguments("4,999,999 registered users", platform(4_999_999), Status.NOT_APPLICABLE,
                            "ExampleNet had 4,999,999 registered users in India all month, below the 5,000,000",
                            "in.4-1-d.below-threshold"),
                    arguments("no platform profile", null, Status.INDETERMINATE, "No platform profile holds in the month",
                            "in.4-1-d.platform-unknown"));
        }

        @Test
        @DisplayName("no duties for months that ended before 26 May 2021, one NOT_APPLICABLE for them; May 2021 is owed")
        void monthsBeforeRule4() {
            Report report = assess(ist("2021-03-10T00:00"), ist("2021-07-15T00:00"));

            assertThat(owed(report)).as("months owed").extracting(Obligation::what).containsExactly(
                    "Publish the compliance report for 2021-05", "Publish the compliance report for 2021-06");
            Obligation before = obligationById(report, BEFORE_RULE_4);
            assertThat(before.status()).as(explain(before)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(before.explanation()).isEqualTo("No report is owed for the 2 months from 2021-03 to 2021-04 "
                    + "in the period the evidence covers: they ended before Rule 4 came into force at "
                    + "2021-05-26T00:00+05:30.");
            assertThat(before.citation().ruleId()).isEqualTo("in.4-1-d.months-before-rule-4");
        }

        @Test
        @DisplayName("a month ending exactly when Rule 4 came into force would be owed; one ending 1 ms before is not")
        void monthEndingAtRule4() {
            // Rule 4 came into force mid-month; the boundary is checked through a month ending just before it.
            Report aprilOnly = assess(ist("2021-04-30T23:59"), ist("2021-05-25T23:59"));

            assertThat(owed(aprilOnly)).as("April 2021 ended before Rule 4").isEmpty();
            assertThat(obligationById(aprilOnly, BEFORE_RULE_4).explanation()).as("one month")
                    .startsWith("No report is owed for the month 2021-04 in the period");
        }

        @Test
        @DisplayName("an SSMI with an event dated 1970-01-01 (a placeholder in exports) is audited: the months "
                + "before Rule 4 are one NOT_APPLICABLE, not an error, and only months from May 2021 are listed")
        void placeholderEpochDate() {
            Report report = evaluate(new Evidence(SSMI, List.of(), List.of(usersInformed(
                    OffsetDateTime.parse("1970-01-01T00:00:00+05:30")))), ist("2026-04-10T00:00"));

            Obligation before = obligationById(report, BEFORE_RULE_4);
            assertThat(before.status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(before.explanation()).startsWith("No report is owed for the 616 months from 1970-01 to 2021-04 ");
            List<Obligation> owed = owed(report);
            assertThat(owed).as("May 2021 to March 2026").hasSize(59);
            assertThat(owed.get(0).id()).isEqualTo(id(YearMonth.of(2021, 5)));
            assertThat(owed.get(owed.size() - 1).id()).isEqualTo(id(YearMonth.of(2026, 3)));
        }

        @Test
        @Timeout(60) // a guard against the unbounded listing this replaces, which ran for minutes, then out of memory
        @DisplayName("an event at year -999999999 is counted, not listed: one NOT_APPLICABLE, then the months owed")
        void earliestYearJavaKnows() {
            Report report = evaluate(new Evidence(SSMI, List.of(), List.of(usersInformed(OffsetDateTime.MIN))),
                    ist("2021-08-01T00:00"));

            assertThat(obligationById(report, BEFORE_RULE_4).explanation())
                    .startsWith("No report is owed for the 12,000,024,244 months from -999999999-01 to 2021-04 ");
            assertThat(owed(report)).extracting(Obligation::id).containsExactly(id(YearMonth.of(2021, 5)),
                    id(YearMonth.of(2021, 6)), id(YearMonth.of(2021, 7)));
        }

        @Test
        @Timeout(60)
        @DisplayName("an 'as of' thousands of years ahead fails with one error naming the period, not out of memory")
        void asOfFarAhead() {
            Evidence evidence = new Evidence(SSMI, List.of(), List.of(), ist("2026-01-01T00:00"));

            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> IndiaPack.engine().evaluate(evidence, OffsetDateTime.parse("+999999999-12-31T23:59:59Z")));
            assertThat(e).as("a RuleExecutionException").isNotNull();
            assertThat(e.getMessage()).contains("the evidence period, 2026-01-01T00:00+05:30 to "
                    + "+999999999-12-31T23:59:59Z, holds more than 3600 months of monthly reports; give a shorter period");
            assertThat(e.getMessage().split("holds more than 3600 months", -1)).as("said once, not again as the cause")
                    .hasSize(2);
        }

        @Test
        @DisplayName("300 years of months are listed: every instant a case log may hold is within reach")
        void longestPeriodOfACaseLog() {
            Report report = assess(ist("1990-01-01T00:00"), ist("2199-12-31T00:00"));

            assertThat(owed(report)).as("June 2021 to November 2199").hasSize((2199 - 2021) * 12 + 7);
        }

        /** The monthly duties, leaving out the one verdict for months before Rule 4. */
        private static List<Obligation> owed(Report report) {
            return obligations(report, DUTY).stream().filter(o -> !o.id().equals(BEFORE_RULE_4)).toList();
        }

        @Test
        @DisplayName("months that ended before Evidence.since are not assessed; a month ending exactly at it is not")
        void monthsBeforeSince() {
            Report fromFebruary = assess(ist("2026-02-01T00:00"), ist("2026-04-10T00:00"));
            Report fromLastMsOfJanuary = assess(ist("2026-02-01T00:00").minus(Duration.ofMillis(1)),
                    ist("2026-04-10T00:00"));

            assertThat(obligations(fromFebruary, DUTY)).as("since 1 Feb 2026 00:00 IST")
                    .extracting(Obligation::id).containsExactly(id(YearMonth.of(2026, 2)), id(YearMonth.of(2026, 3)));
            assertThat(obligations(fromLastMsOfJanuary, DUTY)).as("since 31 Jan 2026 23:59:59.999 IST")
                    .extracting(Obligation::id).containsExactly(id(YearMonth.of(2026, 1)), id(YearMonth.of(2026, 2)),
                            id(YearMonth.of(2026, 3)));
        }

        @Test
        @DisplayName("months are IST months: 'since' given in UTC is read in India Standard Time")
        void istMonths() {
            OffsetDateTime lastMsOfJanuaryIst = OffsetDateTime.parse("2026-01-31T18:29:59.999Z");
            OffsetDateTime firstInstantOfFebruaryIst = OffsetDateTime.parse("2026-01-31T18:30:00Z");

            assertThat(obligations(assess(lastMsOfJanuaryIst, ist("2026-02-10T00:00")), DUTY))
                    .as("since 31 Jan 23:59:59.999 IST").extracting(Obligation::id)
                    .containsExactly(id(YearMonth.of(2026, 1)));
            assertThat(obligations(assess(firstInstantOfFebruaryIst, ist("2026-02-10T00:00")), DUTY))
                    .as("since 1 Feb 00:00 IST").isEmpty();
            assertThat(lastMsOfJanuaryIst.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30)).getMonthValue())
                    .as("sanity: still January in IST").isEqualTo(1);
        }

        @Test
        @DisplayName("without Evidence.since, the period starts at the earliest event")
        void periodFromTheEarliestEvent() {
            Report report = evaluate(new Evidence(SSMI, List.of(), List.of(usersInformed(ist("2026-01-20T10:00")))),
                    ist("2026-03-10T00:00"));

            assertThat(obligations(report, DUTY)).as("months owed").extracting(Obligation::id)
                    .containsExactly(id(YearMonth.of(2026, 1)), id(YearMonth.of(2026, 2)));
        }

        @Test
        @DisplayName("without Evidence.since and without events, no month is assessed")
        void noPeriod() {
            Report report = evaluate(new Evidence(SSMI, List.of(), List.of()), ist("2026-03-10T00:00"));

            assertThat(obligations(report, DUTY)).as("monthly-report duties").isEmpty();
        }

        @Test
        @DisplayName("a month that has not ended at 'as of' is not yet owed")
        void currentMonth() {
            Report atEnd = assess(ist("2026-03-01T00:00"), ist("2026-04-01T00:00"));
            Report justBefore = assess(ist("2026-03-01T00:00"), ist("2026-04-01T00:00").minus(Duration.ofMillis(1)));

            assertThat(obligations(atEnd, DUTY)).as("as of 1 Apr 00:00 IST").extracting(Obligation::id)
                    .containsExactly(id(YearMonth.of(2026, 3)));
            assertThat(obligations(justBefore, DUTY)).as("as of 31 Mar 23:59:59.999 IST").isEmpty();
        }

        // The threshold parameter has no value before 25 Feb 2021; evaluating old evidence must not fail on it.
        @Test
        @DisplayName("an SSMI's evidence assessed before 25 Feb 2021 evaluates, with no monthly duties")
        void assessedBeforeTheRules() {
            Evidence evidence = new Evidence(SSMI, List.of(), List.of(), ist("2020-10-01T00:00"));

            assertThatCode(() -> evaluate(evidence, ist("2021-02-24T00:00"))).as("evaluation before the Rules")
                    .doesNotThrowAnyException();
            assertThat(obligations(evaluate(evidence, ist("2021-02-24T00:00")), DUTY)).as("monthly duties").isEmpty();
        }
    }
}
