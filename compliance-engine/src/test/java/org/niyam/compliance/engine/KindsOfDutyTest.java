package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.CyberIncidentNoticed;
import org.niyam.compliance.india.GacOrderComplied;
import org.niyam.compliance.india.GacOrderReceived;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.india.UserNotified;
import org.niyam.compliance.india.UsersInformed;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/**
 * The kinds of duty the kernel knows beyond "act within the clock in force at the trigger", through the test pack
 * {@code packs/kinds}: a periodic duty whose interval is cut from 12 to 3 months on 20 Feb 2026, a clock of zero,
 * a clock that is a setting nobody set, a verdict on a matter that opens no clock, and a duty that is indeterminate,
 * not breached, when its clock runs out ({@link Duty#indeterminateIfNotDone}), and one that only an act at or after
 * its trigger answers ({@link Duty#notBeforeTrigger}).
 */
class KindsOfDutyTest {

    private static final ComplianceEngine ENGINE = ComplianceEngine.builder()
            .rulePack(RulePack.classpath("packs/kinds")).build();
    private static final OffsetDateTime AMENDMENT = TestPacks.AMENDMENT;
    private static final OffsetDateTime MAY_20 = OffsetDateTime.parse("2026-05-20T00:00:00+05:30");
    private static final Duration MS = Duration.ofMillis(1);

    private static Report evaluate(OffsetDateTime asOf, CaseEvent... events) {
        return ENGINE.evaluate(new Evidence(null, List.of(), List.of(events)), asOf);
    }

    private static Obligation obligation(Report report, String id) {
        return report.obligations().stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no obligation " + id + " in " + report.obligations()));
    }

    @Nested
    class Periodic {

        private UsersInformed notice(String id, OffsetDateTime at) {
            return new UsersInformed(id, "notices", at);
        }

        @ParameterizedTest(name = "notice at {0} => due {1}")
        @CsvSource({
                "2025-02-19T10:00:00+05:30, 2026-02-19T10:00:00+05:30",  // ends before the change: untouched
                "2025-03-01T10:00:00+05:30, 2026-03-01T10:00:00+05:30",  // 12 months end first: not extended
                "2025-05-20T00:00:00+05:30, 2026-05-20T00:00:00+05:30",  // both at the same instant
                "2025-12-01T10:00:00+05:30, 2026-05-20T00:00:00+05:30",  // the change + 3 months ends first
                "2026-02-20T00:00:00+05:30, 2026-05-20T00:00:00+05:30"}) // started under the new interval
        void due_at_the_earlier_of_the_old_interval_and_the_change_plus_the_new(String noticeAt, String dueAt) {
            OffsetDateTime given = OffsetDateTime.parse(noticeAt);
            Obligation o = obligation(evaluate(given, notice("n1", given)), "test.notice@n1");

            assertThat(o.dueAt()).as(o.explanation()).isEqualTo(OffsetDateTime.parse(dueAt));
        }

        @Test
        void the_explanation_gives_both_instants_when_the_change_falls_inside_the_clock() {
            OffsetDateTime given = OffsetDateTime.parse("2025-12-01T10:00:00+05:30");
            Obligation o = obligation(evaluate(given, notice("n1", given)), "test.notice@n1");

            assertThat(o.explanation()).contains("The interval became 3 months on " + AMENDMENT,
                    "due at the earlier of the start + 12 months (2026-12-01T10:00+05:30) and " + AMENDMENT
                            + " + 3 months (2026-05-20T00:00+05:30)")
                    .doesNotContain("12 months allowed");
        }

        @ParameterizedTest(name = "next notice at due {0} ms => {1}")
        @CsvSource({"-1, MET", "0, MET", "1, MET_LATE"})
        void boundaries_at_the_cut_short_due_instant(long offsetMillis, Status expected) {
            OffsetDateTime given = OffsetDateTime.parse("2025-12-01T10:00:00+05:30");
            OffsetDateTime next = MAY_20.plus(Duration.ofMillis(offsetMillis));
            Obligation o = obligation(evaluate(next, notice("n1", given), notice("n2", next)), "test.notice@n1");

            assertThat(o.status()).as(o.explanation()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "nothing done, as of due {0} ms => {1}")
        @CsvSource({"-1, AT_RISK", "0, AT_RISK", "1, BREACHED"})
        void nothing_done_around_the_cut_short_due_instant(long offsetMillis, Status expected) {
            OffsetDateTime given = OffsetDateTime.parse("2025-12-01T10:00:00+05:30");
            Obligation o = obligation(evaluate(MAY_20.plus(Duration.ofMillis(offsetMillis)), notice("n1", given)),
                    "test.notice@n1");

            assertThat(o.status()).as(o.explanation()).isEqualTo(expected);
        }
    }

    @Nested
    class ClockOfZero {

        private final OffsetDateTime removal = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");

        private Obligation prior(OffsetDateTime asOf, CaseEvent... more) {
            CaseEvent[] events = new CaseEvent[more.length + 1];
            events[0] = new ContentRemoved("r1", "c1", removal, TakedownAction.REMOVED);
            System.arraycopy(more, 0, events, 1, more.length);
            return obligation(evaluate(asOf, events), "test.prior@r1");
        }

        @Test
        void breached_without_speaking_of_zero_seconds_allowed() {
            Obligation o = prior(removal.plusHours(2));

            assertThat(o.status()).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).startsWith("Not done: it was due when the clock started, with no time "
                    + "allowed; overdue by 2 h").doesNotContain("0 s").endsWith("Checked: a removal.");
        }

        @Test
        void met_late_and_met_at_or_before_the_trigger() {
            assertThat(prior(removal.plusHours(1), new UserNotified("n1", "c1", removal.plusHours(1), "x")))
                    .satisfies(o -> assertThat(o.status()).isEqualTo(Status.MET_LATE))
                    .satisfies(o -> assertThat(o.explanation()).startsWith("Done 1 h late: it was due when the clock "
                            + "started"));
            assertThat(prior(removal, new UserNotified("n1", "c1", removal, "x")))
                    .satisfies(o -> assertThat(o.status()).isEqualTo(Status.MET))
                    .satisfies(o -> assertThat(o.explanation()).startsWith("Done when the clock started"));
            assertThat(prior(removal, new UserNotified("n1", "c1", removal.minus(MS), "x")))
                    .satisfies(o -> assertThat(o.status()).isEqualTo(Status.MET));
        }
    }

    @Nested
    class SettingNotSet {

        private final OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");

        @Test
        void not_done_is_open_with_no_due_instant_however_long_ago() {
            Obligation o = obligation(evaluate(received.plusDays(400), new GacOrderReceived("g1", "a1", received)),
                    "test.comply@g1");

            assertThat(o.status()).isEqualTo(Status.OPEN);
            assertThat(o.dueAt()).isNull();
            assertThat(o.explanation()).contains("'test.service-level' is not set", "open with no due instant");
        }

        @Test
        void done_is_met_however_late() {
            Obligation o = obligation(evaluate(received.plusDays(401), new GacOrderReceived("g1", "a1", received),
                    new GacOrderComplied("g1-done", "a1", received.plusDays(400))), "test.comply@g1");

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dueAt()).isNull();
            assertThat(o.dischargeEventId()).isEqualTo("g1-done");
            assertThat(o.lateness()).isNull();
        }

        @Test
        void a_set_service_level_decides_lateness() {
            ComplianceEngine withLevel = ComplianceEngine.builder().rulePack(RulePack.classpath("packs/kinds"))
                    .setting("test.service-level", "P15D").build();
            Obligation o = obligation(withLevel.evaluate(new Evidence(null, List.of(), List.of(
                    new GacOrderReceived("g1", "a1", received),
                    new GacOrderComplied("g1-done", "a1", received.plusDays(15).plus(MS)))), received.plusDays(20)),
                    "test.comply@g1");

            assertThat(o.status()).isEqualTo(Status.MET_LATE);
            assertThat(o.lateness()).isEqualTo(MS);
        }
    }

    @Nested
    class IndeterminateIfNotDone {

        private final OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");
        private final OffsetDateTime due = received.plusHours(2);

        private Obligation unless(OffsetDateTime asOf, CaseEvent... more) {
            CaseEvent[] events = new CaseEvent[more.length + 1];
            events[0] = new RemovalOrderReceived("o1", "c1", received, new Issuer(IssuerKind.COURT, "A court", null),
                    "ref-1");
            System.arraycopy(more, 0, events, 1, more.length);
            return obligation(evaluate(asOf, events), "test.unless@o1");
        }

        @ParameterizedTest(name = "nothing done, as of due {0} ms => {1}")
        @CsvSource({"-1, AT_RISK", "0, AT_RISK", "1, INDETERMINATE"})
        void open_and_at_risk_as_any_duty_then_indeterminate_not_breached(long offsetMillis, Status expected) {
            Obligation o = unless(due.plus(Duration.ofMillis(offsetMillis)));

            assertThat(o.status()).as(o.explanation()).isEqualTo(expected);
            assertThat(o.dueAt()).isEqualTo(due);
        }

        @Test
        void the_explanation_gives_the_clock_and_the_reason() {
            Obligation o = unless(due.plusHours(1));

            assertThat(o.explanation()).isEqualTo("Not done within the 2 h allowed (overdue by 1 h at "
                    + due.plusHours(1) + "), but that does not show a breach: the content may have been removed "
                    + "before the order. Checked: an order.");
            assertThat(o.dischargeEventId()).isNull();
        }

        @ParameterizedTest(name = "removed at due {0} ms => {1}")
        @CsvSource({"-1, MET", "0, MET", "1, MET_LATE"})
        void a_discharge_meets_it_as_any_duty(long offsetMillis, Status expected) {
            OffsetDateTime at = due.plus(Duration.ofMillis(offsetMillis));
            Obligation o = unless(due.plusDays(1), new ContentRemoved("r1", "c1", at, TakedownAction.REMOVED));

            assertThat(o.status()).as(o.explanation()).isEqualTo(expected);
            assertThat(o.dischargeEventId()).isEqualTo("r1");
        }

        @Test
        void only_a_duty_to_act_takes_a_reason_and_notes_keep_it() {
            CaseEvent order = new RemovalOrderReceived("o1", "c1", received,
                    new Issuer(IssuerKind.COURT, "A court", null), "ref-1");
            Duty duty = new Duty("k", "Act", "clock", order).indeterminateIfNotDone("why");

            assertThat(duty.withNote("note").ifNotDone()).isEqualTo("why");
            assertThat(new Duty("k", "Act", "clock", order).ifNotDone()).isNull();
            assertThat(new Duty("k", "Act", "clock", "c1", "o1", received, Duty.Kind.ACT_BY, "note").ifNotDone())
                    .isNull();
            assertThatThrownBy(() -> Duty.keepUntil("k", "Keep", "clock", order).indeterminateIfNotDone("why"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Duty k: only a duty to act by the due instant (ACT_BY) can be indeterminate when "
                            + "not done, not KEEP_UNTIL");
            assertThatThrownBy(() -> new Duty("k", "Act", "clock", order).indeterminateIfNotDone(" "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ifNotDone");
        }
    }

    @Nested
    class NotBeforeTrigger {

        private final OffsetDateTime received = OffsetDateTime.parse("2026-03-02T10:00:00+05:30");

        private Obligation answer(OffsetDateTime asOf, CaseEvent... more) {
            CaseEvent[] events = new CaseEvent[more.length + 1];
            events[0] = new InformationRequestReceived("q1", "c1", received, "an agency");
            System.arraycopy(more, 0, events, 1, more.length);
            return obligation(evaluate(asOf, events), "test.reply@q1");
        }

        @Test
        void an_act_before_the_trigger_does_not_count_and_is_named() {
            Obligation o = answer(received.plusHours(3), new InformationProvided("early", "c1", received.minusHours(1)),
                    new InformationProvided("earlier", "c1", received.minusHours(2)));

            assertThat(o.status()).isEqualTo(Status.BREACHED);
            assertThat(o.dischargeEventId()).isNull();
            assertThat(o.explanation()).isEqualTo("Not done within the 2 h allowed; overdue by 1 h at "
                    + received.plusHours(3) + ". early (at " + received.minusHours(1) + ") came 1 h before the clock "
                    + "started (" + received + "), so it does not count.");
            assertThat(answer(received.plusHours(1), new InformationProvided("early", "c1", received.minus(MS))))
                    .satisfies(open -> assertThat(open.status()).isEqualTo(Status.OPEN))
                    .satisfies(open -> assertThat(open.explanation()).endsWith("early (at "
                            + received.minus(MS) + ") came 1 ms before the clock started (" + received
                            + "), so it does not count."));
        }

        @Test
        void an_act_at_the_trigger_counts_and_a_met_duty_names_nothing_early() {
            Obligation o = answer(received.plusHours(3), new InformationProvided("early", "c1", received.minus(MS)),
                    new InformationProvided("at", "c1", received));

            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).isEqualTo("at");
            assertThat(o.explanation()).doesNotContain("early");
        }

        @Test
        void a_late_act_is_met_late_and_names_the_early_one() {
            Obligation o = answer(received.plusHours(5), new InformationProvided("early", "c1", received.minusHours(1)),
                    new InformationProvided("late", "c1", received.plusHours(4)));

            assertThat(o.status()).isEqualTo(Status.MET_LATE);
            assertThat(o.dischargeEventId()).isEqualTo("late");
            assertThat(o.explanation()).contains("early (at " + received.minusHours(1) + ") came 1 h before");
        }
    }

    @Test
    void a_verdict_on_a_matter_has_the_id_date_and_version_of_that_matter() {
        OffsetDateTime noticed = OffsetDateTime.parse("2025-06-01T10:00:00+05:30");
        Obligation o = obligation(evaluate(noticed.plusYears(1), new CyberIncidentNoticed("i1", "c1", noticed, "x")),
                "test.report@i1");

        assertThat(o.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(o.caseId()).isEqualTo("c1");
        assertThat(o.triggerEventId()).isEqualTo("i1");
        assertThat(o.triggeredAt()).isEqualTo(noticed);
        assertThat(o.citation().version()).as("version at the matter, not at as-of").isEqualTo(TestPacks.AS_MADE);
        assertThat(o.explanation()).isEqualTo("Not a listed incident. Evidence: i1.");
    }
}
