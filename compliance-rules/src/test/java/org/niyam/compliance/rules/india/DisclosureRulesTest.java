package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.india.OffenceGround.PUBLIC_ORDER;
import static org.niyam.compliance.india.OriginatorOrderSource.COURT_ORDER;
import static org.niyam.compliance.india.OriginatorOrderSource.OTHER;
import static org.niyam.compliance.india.OriginatorOrderSource.SECTION_69_ORDER;
import static org.niyam.compliance.rules.india.ClockContract.action;
import static org.niyam.compliance.rules.india.IndiaPack.CERT_IN_DIRECTIONS;
import static org.niyam.compliance.rules.india.IndiaPack.RULE_4_APPLIES;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.evidence;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.findings;
import static org.niyam.compliance.rules.india.IndiaPack.hours;
import static org.niyam.compliance.rules.india.IndiaPack.incidentNoticed;
import static org.niyam.compliance.rules.india.IndiaPack.informationProvided;
import static org.niyam.compliance.rules.india.IndiaPack.informationRequest;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.messagingPlatform;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.originatorIdentified;
import static org.niyam.compliance.rules.india.IndiaPack.originatorOrder;
import static org.niyam.compliance.rules.india.IndiaPack.platform;
import static org.niyam.compliance.rules.india.IndiaPack.receivedUnder;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.india.FirstOriginatorOrderReceived;
import org.niyam.compliance.india.OffenceGround;
import org.niyam.compliance.india.OriginatorOrderSource;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.ClockContract.Action;
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
    class ProvideInformation extends ClockContract {

        ProvideInformation() {
            super(DUTY, "Rule 3(1)(j)", "in.3-1-j.request-opens-disclosure");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(
                    clock(V2021, hours(72)),
                    clock(V2022, hours(72)),
                    clock(V2023, hours(72)),
                    clock(V2025, hours(72)),
                    clock(V2026, hours(72)));
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return informationRequest(CASE, at);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("provided", IndiaPack::informationProvided));
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

    @Nested
    @DisplayName("Rule 4(2): a messaging SSMI enables identification of the first originator on an in-scope order")
    class FirstOriginator {

        private static final String ORDER_CASE = "originator-1";
        private static final String KEY = "4(2).first-originator";
        private static final String OUTSIDE = "order-outside-4-2-scope";
        private static final PlatformProfile MESSAGING_SSMI = messagingPlatform(5_000_000);

        static Report assess(PlatformProfile platform, OffsetDateTime asOf, CaseEvent... events) {
            return evaluate(evidence(platform, events), asOf);
        }

        static FirstOriginatorOrderReceived order(OffsetDateTime at, OriginatorOrderSource source, Boolean copy,
                                                  OffenceGround ground, Integer years) {
            return originatorOrder(ORDER_CASE, at, source, copy, ground, years);
        }

        /** Orders Rule 4(2) covers: a court order, or a section 69 order with a copy; a listed offence; 5 years. */
        static Stream<Arguments> inScope() {
            return Stream.of(
                    arguments("a court order", COURT_ORDER, null, PUBLIC_ORDER, 5),
                    arguments("a court order without a copy", COURT_ORDER, false, PUBLIC_ORDER, 7),
                    arguments("a section 69 order with a copy", SECTION_69_ORDER, true, PUBLIC_ORDER, 5),
                    arguments("a life term", COURT_ORDER, true, PUBLIC_ORDER, 99));
        }

        /** Orders outside it, each for one reason, with the reason the finding must give. */
        static Stream<Arguments> outOfScope() {
            return Stream.of(
                    arguments("an OTHER source", OTHER, true, PUBLIC_ORDER, 7,
                            "not a court order or an order under section 69 of the IT Act"),
                    arguments("section 69 without a copy", SECTION_69_ORDER, false, PUBLIC_ORDER, 7,
                            "a section 69 order without a copy of the information"),
                    arguments("an OTHER ground", COURT_ORDER, true, OffenceGround.OTHER, 7,
                            "not for an offence Rule 4(2) lists"),
                    arguments("4 years", COURT_ORDER, true, PUBLIC_ORDER, 4,
                            "the offence is punishable with imprisonment of less than five years"),
                    arguments("an OTHER ground, term not stated", COURT_ORDER, true, OffenceGround.OTHER, null,
                            "not for an offence Rule 4(2) lists"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("inScope")
        @DisplayName("an in-scope order is an open case duty with no deadline, then met once the originator is identified")
        void inScopeOrder(String order, OriginatorOrderSource source, Boolean copy, OffenceGround ground, int years) {
            OffsetDateTime received = receivedUnder(V2026);
            FirstOriginatorOrderReceived o = order(received, source, copy, ground, years);
            OffsetDateTime identifiedAt = received.plusDays(40);

            Obligation open = obligation(assess(MESSAGING_SSMI, identifiedAt.minus(Duration.ofMillis(1)), o,
                    originatorIdentified(ORDER_CASE, identifiedAt)), KEY, ORDER_CASE);
            Report doneReport = assess(MESSAGING_SSMI, identifiedAt, o, originatorIdentified(ORDER_CASE, identifiedAt));
            Obligation done = obligation(doneReport, KEY, ORDER_CASE);

            assertThat(open.id()).as("obligation id: one per order").isEqualTo(KEY + "@" + o.id());
            assertThat(open.status()).as(explain(open)).isEqualTo(Status.OPEN);
            assertThat(open.dueAt()).as("Rule 4(2) sets no deadline").isNull();
            assertThat(open.explanation()).as("explanation").contains("no deadline");
            assertThat(open.citation().clause()).as("clause").isEqualTo("Rule 4(2)");
            assertThat(open.citation().ruleId()).as("rule").isEqualTo("in.4-2.order-in-scope");
            assertThat(done.status()).as(explain(done)).isEqualTo(Status.MET);
            assertThat(done.explanation()).as("names the order and the identification")
                    .contains(o.id(), "originator-identified:" + ORDER_CASE);
            assertThat(doneReport.findings()).as("findings").isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = OffenceGround.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("every listed offence is in scope")
        void everyListedGround(OffenceGround ground) {
            OffsetDateTime received = receivedUnder(V2026);
            Obligation o = obligation(assess(MESSAGING_SSMI, received, order(received, COURT_ORDER, true, ground, 5)),
                    KEY, ORDER_CASE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("outOfScope")
        @DisplayName("an order outside the rule is not applicable, with a finding that names why")
        void outOfScopeOrder(String order, OriginatorOrderSource source, Boolean copy, OffenceGround ground,
                             Integer years, String reason) {
            OffsetDateTime received = receivedUnder(V2026);
            FirstOriginatorOrderReceived o = order(received, source, copy, ground, years);
            Report report = assess(MESSAGING_SSMI, received.plusDays(1), o);

            Obligation duty = obligation(report, KEY, ORDER_CASE);
            assertThat(duty.status()).as(explain(duty)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(duty.explanation()).as("explanation").contains(reason);
            List<Finding> found = findings(report, OUTSIDE, ORDER_CASE);
            assertThat(found).as("findings of %s", report.findings()).hasSize(1);
            assertThat(found.get(0).message()).as("names exactly the reason").endsWith(": " + reason + ".");
            assertThat(found.get(0).evidence()).as("evidence").containsExactly(o.id());
            assertThat(found.get(0).citation().clause()).as("clause").isEqualTo("Rule 4(2)");
            assertThat(found.get(0).citation().ruleId()).as("rule").isEqualTo("in.4-2.order-outside-scope");
        }

        @Test
        @DisplayName("an order outside the rule on several counts names each")
        void severalReasons() {
            OffsetDateTime received = receivedUnder(V2026);
            Report report = assess(MESSAGING_SSMI, received, order(received, OTHER, null, OffenceGround.OTHER, 3));

            assertThat(findings(report, OUTSIDE, ORDER_CASE)).singleElement().extracting(Finding::message).asString()
                    .contains("not a court order or an order under section 69 of the IT Act",
                            "not for an offence Rule 4(2) lists", "less than five years");
        }

        /** The obligation with this id; fails, showing the report, if there is none. */
        static Obligation byId(Report report, String id) {
            List<Obligation> found = report.obligations().stream().filter(o -> o.id().equals(id)).toList();
            assertThat(found).as("obligation %s in %s", id, report.obligations()).hasSize(1);
            return found.get(0);
        }

        @Test
        @DisplayName("two orders in one case, one in scope and one outside, get a verdict each")
        void inAndOutsideScopeInOneCase() {
            FirstOriginatorOrderReceived outside = order(ist("2025-06-01T10:00"), COURT_ORDER, true,
                    OffenceGround.OTHER, 7);
            FirstOriginatorOrderReceived inside = order(ist("2025-06-02T10:00"), COURT_ORDER, true, PUBLIC_ORDER, 7);
            Report report = assess(MESSAGING_SSMI, ist("2026-07-15T00:00"), outside, inside);

            Obligation out = byId(report, KEY + "@" + outside.id());
            Obligation in = byId(report, KEY + "@" + inside.id());
            assertThat(out.status()).as(explain(out)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(in.status()).as(explain(in)).isEqualTo(Status.OPEN);
            assertThat(findings(report, OUTSIDE, ORDER_CASE)).singleElement().extracting(Finding::evidence)
                    .isEqualTo(List.of(outside.id()));
        }

        @Test
        @DisplayName("an order before Rule 4 and one after it in one case get a verdict each")
        void acrossRule4InOneCase() {
            FirstOriginatorOrderReceived before = order(ist("2021-05-20T10:00"), COURT_ORDER, true, PUBLIC_ORDER, 7);
            FirstOriginatorOrderReceived after = order(ist("2021-06-01T10:00"), COURT_ORDER, true, PUBLIC_ORDER, 7);
            Report report = assess(MESSAGING_SSMI, ist("2026-07-15T00:00"), before, after);

            Obligation first = byId(report, KEY + "@" + before.id());
            Obligation second = byId(report, KEY + "@" + after.id());
            assertThat(first.status()).as(explain(first)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(first.citation().version()).as("version at receipt").isEqualTo(V2021);
            assertThat(second.status()).as(explain(second)).isEqualTo(Status.OPEN);
            assertThat(second.citation().version()).as("version at receipt").isEqualTo(V2021);
        }

        @Test
        @DisplayName("a second order after the first was answered is owed again: the earlier identification does not meet it")
        void secondOrderAfterIdentification() {
            FirstOriginatorOrderReceived first = order(ist("2025-06-01T10:00"), COURT_ORDER, true, PUBLIC_ORDER, 7);
            FirstOriginatorOrderReceived second = order(ist("2025-09-01T10:00"), COURT_ORDER, true,
                    OffenceGround.RAPE, 7);
            OffsetDateTime identified = ist("2025-06-10T10:00");
            Report report = assess(MESSAGING_SSMI, ist("2026-07-15T00:00"), first,
                    originatorIdentified(ORDER_CASE, identified), second);

            Obligation answered = byId(report, KEY + "@" + first.id());
            Obligation owed = byId(report, KEY + "@" + second.id());
            assertThat(answered.status()).as(explain(answered)).isEqualTo(Status.MET);
            assertThat(answered.citation().version()).as("version at receipt").isEqualTo(V2023);
            assertThat(owed.status()).as(explain(owed)).isEqualTo(Status.OPEN);
            assertThat(owed.explanation()).as("explanation").contains("answered an earlier order");
            assertThat(owed.citation().version()).as("version at receipt").isEqualTo(V2023);

            Obligation met = byId(assess(MESSAGING_SSMI, ist("2026-07-15T00:00"), first,
                    originatorIdentified(ORDER_CASE, identified), second,
                    originatorIdentified(ORDER_CASE, ist("2025-09-05T10:00"))), KEY + "@" + second.id());
            assertThat(met.status()).as(explain(met)).isEqualTo(Status.MET);
            assertThat(met.explanation()).as("the later identification").contains("2025-09-05");
        }

        @Test
        @DisplayName("a case's only order is met by an identification recorded before it, as before")
        void identificationBeforeTheOnlyOrder() {
            OffsetDateTime received = receivedUnder(V2026);
            FirstOriginatorOrderReceived o = order(received, COURT_ORDER, true, PUBLIC_ORDER, 7);
            Obligation met = obligation(assess(MESSAGING_SSMI, received.plusDays(1),
                    originatorIdentified(ORDER_CASE, received.minusHours(1)), o), KEY, ORDER_CASE);

            assertThat(met.status()).as(explain(met)).isEqualTo(Status.MET);
            assertThat(met.explanation()).as("says the identification came first")
                    .contains("before the order was received (" + received + ")")
                    .contains("since no earlier first-originator order of the case had asked for it");
        }

        @Test
        @DisplayName("an identification after the order says nothing of coming first")
        void identificationAfterTheOrder() {
            OffsetDateTime received = receivedUnder(V2026);
            FirstOriginatorOrderReceived o = order(received, COURT_ORDER, true, PUBLIC_ORDER, 7);
            Obligation met = obligation(assess(MESSAGING_SSMI, received.plusDays(1),
                    originatorIdentified(ORDER_CASE, received.plusHours(1)), o), KEY, ORDER_CASE);

            assertThat(met.status()).as(explain(met)).isEqualTo(Status.MET);
            assertThat(met.explanation()).as(explain(met)).doesNotContain("before the order");
        }

        @Test
        @DisplayName("an order outside the rule is cited under the version at its receipt, as its finding is")
        void outsideScopeCitedAtReceipt() {
            FirstOriginatorOrderReceived o = order(ist("2024-03-01T10:00"), COURT_ORDER, true, OffenceGround.OTHER, 7);
            Report report = assess(MESSAGING_SSMI, ist("2026-07-15T00:00"), o);

            Obligation duty = obligation(report, KEY, ORDER_CASE);
            assertThat(duty.citation().version()).as("version").isEqualTo(V2023);
            assertThat(findings(report, OUTSIDE, ORDER_CASE)).singleElement()
                    .extracting(f -> f.citation().version()).isEqualTo(V2023);
        }

        @Test
        @DisplayName("an order whose offence's term is not recorded is indeterminate, not outside the rule")
        void termNotRecorded() {
            OffsetDateTime received = receivedUnder(V2026);
            FirstOriginatorOrderReceived o = order(received, COURT_ORDER, true, PUBLIC_ORDER, null);
            Report report = assess(MESSAGING_SSMI, received.plusDays(1), o);

            Obligation duty = obligation(report, KEY, ORDER_CASE);
            assertThat(duty.status()).as(explain(duty)).isEqualTo(Status.INDETERMINATE);
            assertThat(duty.explanation()).as("explanation").contains("is not recorded", "minimumPunishmentYears");
            assertThat(duty.citation().ruleId()).as("rule").isEqualTo("in.4-2.scope-not-recorded");
            assertThat(report.findings()).as("no finding: nothing shows the order outside the rule").isEmpty();
        }

        @Test
        @DisplayName("a section 69 order that does not record whether a copy came is indeterminate, not outside the rule")
        void copyNotRecorded() {
            OffsetDateTime received = receivedUnder(V2026);
            Report unknown = assess(MESSAGING_SSMI, received.plusDays(1),
                    order(received, SECTION_69_ORDER, null, PUBLIC_ORDER, 7));

            Obligation duty = obligation(unknown, KEY, ORDER_CASE);
            assertThat(duty.status()).as(explain(duty)).isEqualTo(Status.INDETERMINATE);
            assertThat(duty.explanation()).as("explanation").contains("copyOfInformation", "is not recorded");
            assertThat(unknown.findings()).as("no finding: nothing shows the order came without a copy").isEmpty();

            Report without = assess(MESSAGING_SSMI, received.plusDays(1),
                    order(received, SECTION_69_ORDER, false, PUBLIC_ORDER, 7));
            assertThat(obligation(without, KEY, ORDER_CASE).status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(findings(without, OUTSIDE, ORDER_CASE)).singleElement().extracting(f -> f.message())
                    .asString().contains("without a copy of the information");
        }

        @Test
        @DisplayName("identification in another case does not meet it")
        void identifiedInAnotherCase() {
            OffsetDateTime received = receivedUnder(V2026);
            Obligation o = obligation(assess(MESSAGING_SSMI, received.plusDays(2),
                    order(received, COURT_ORDER, true, PUBLIC_ORDER, 7),
                    originatorIdentified("originator-2", received.plusDays(1))), KEY, ORDER_CASE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notApplicable")
        @DisplayName("not applicable, with the reason, where Rule 4(2) does not bind the platform")
        void platformNotBound(String why, PlatformProfile platform, OffsetDateTime received, String reason) {
            FirstOriginatorOrderReceived o = order(received, COURT_ORDER, true, PUBLIC_ORDER, 7);
            Report report = assess(platform, received.plusDays(1), o);

            Obligation duty = obligation(report, KEY, ORDER_CASE);
            assertThat(duty.status()).as(explain(duty)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(duty.explanation()).as("explanation").contains(reason);
            assertThat(duty.citation().ruleId()).as("rule").isEqualTo("in.4-2.not-applicable");
            assertThat(report.findings()).as("no finding: the order is not the problem").isEmpty();
        }

        static Stream<Arguments> notApplicable() {
            OffsetDateTime received = receivedUnder(V2026);
            return Stream.of(
                    arguments("not mainly messaging", platform(5_000_000), received,
                            "ExampleNet does not mainly provide messaging."),
                    arguments("4,999,999 registered users", messagingPlatform(4_999_999), received,
                            "ExampleChat is not a significant social media intermediary."),
                    arguments("received 1 ms before 26 May 2021", MESSAGING_SSMI,
                            RULE_4_APPLIES.minus(Duration.ofMillis(1)), "Rule 4 did not yet apply when the order came."));
        }

        @Test
        @DisplayName("an out-of-scope order to a platform Rule 4(2) does not bind gives no finding")
        void outOfScopeButNotBound() {
            OffsetDateTime received = receivedUnder(V2026);
            Report report = assess(platform(5_000_000), received, order(received, OTHER, null, OffenceGround.OTHER, 1));

            assertThat(obligation(report, KEY, ORDER_CASE).status()).as("status").isEqualTo(Status.NOT_APPLICABLE);
            assertThat(report.findings()).as("findings").isEmpty();
        }

        @Test
        @DisplayName("an order received at 26 May 2021 00:00 IST is in scope")
        void appliesFromRule4() {
            Obligation o = obligation(assess(MESSAGING_SSMI, RULE_4_APPLIES,
                    order(RULE_4_APPLIES, COURT_ORDER, true, PUBLIC_ORDER, 7)), KEY, ORDER_CASE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.citation().version()).as("version").isEqualTo(V2021);
        }

        @Test
        @DisplayName("indeterminate without a platform profile")
        void noProfile() {
            OffsetDateTime received = receivedUnder(V2026);
            Obligation o = obligation(assess(null, received, order(received, COURT_ORDER, true, PUBLIC_ORDER, 7)),
                    KEY, ORDER_CASE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as("explanation").contains("No platform profile");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.rules.india.DisclosureRulesTest#versions")
        @DisplayName("an in-scope order in every version is open, cited to the version in force at its receipt")
        void inEveryVersion(String version) {
            OffsetDateTime received = receivedUnder(version);
            Obligation o = obligation(assess(MESSAGING_SSMI, ist("2026-12-01T00:00"),
                    order(received, SECTION_69_ORDER, true, OffenceGround.CHILD_SEXUAL_ABUSE_MATERIAL, 5)),
                    KEY, ORDER_CASE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.OPEN);
            assertThat(o.citation().version()).as("version").isEqualTo(version);
        }
    }

    static Stream<String> versions() {
        return Stream.of(V2021, V2022, V2023, V2025, V2026);
    }

    @Nested
    @DisplayName("Rule 3(1)(l) with the CERT-In directions: report a cyber incident within 6 h, from 28 Jun 2022")
    class CertInReport extends ClockContract {

        private static final String INCIDENT = "incident-1";
        private static final String REPORT = "cert-in.report";

        CertInReport() {
            super(REPORT, "Rule 3(1)(l); CERT-In directions of 28 Apr 2022, direction (ii)",
                    "in.3-1-l.incident-opens-report");
        }

        @Override
        Stream<Clock> clocks() {
            return Stream.of(clock(V2022, hours(6)), clock(V2023, hours(6)), clock(V2025, hours(6)),
                    clock(V2026, hours(6)));
        }

        /** The incident is noticed. */
        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return incidentNoticed(INCIDENT, at);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("reported", IndiaPack::incidentReported));
        }

        static Obligation report(OffsetDateTime asOf, CaseEvent... events) {
            return obligation(evaluate(asOf, events), REPORT, INCIDENT);
        }

        @Test
        @DisplayName("an incident noticed under the 2021 text, before the directions took effect, is not applicable")
        void underTheRulesAsNotified() {
            Obligation o = report(receivedUnder(V2021).plusDays(1), incidentNoticed(INCIDENT, receivedUnder(V2021)));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
        }

        @Test
        @DisplayName("noticed 1 ms before 28 Jun 2022 00:00 IST: not applicable, naming the date the clock applies from")
        void oneMillisecondBeforeTheDirections() {
            OffsetDateTime noticed = CERT_IN_DIRECTIONS.minus(Duration.ofMillis(1));
            Obligation o = report(noticed.plusDays(1), incidentNoticed(INCIDENT, noticed));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).as("no due instant").isNull();
            assertThat(o.explanation()).as("explanation").contains("2022-06-28T00:00+05:30")
                    .contains("No fixed time to report applied when the incident was noticed",
                            "Rule 3(1)(l) sets none")
                    .doesNotContain("Not in force");
            assertThat(o.citation().clause()).as("clause: the Rule, in force").isEqualTo("Rule 3(1)(l)");
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-1-l.before-cert-in-directions");
        }

        @Test
        @DisplayName("noticed at 28 Jun 2022 00:00 IST: due at 06:00 IST")
        void atTheDirections() {
            Obligation o = report(CERT_IN_DIRECTIONS, incidentNoticed(INCIDENT, CERT_IN_DIRECTIONS));

            assertThat(o.dueAt()).as("due").isEqualTo(ist("2022-06-28T06:00"));
        }
    }
}
