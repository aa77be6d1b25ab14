package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.rules.india.ClockContract.action;
import static org.niyam.compliance.rules.india.ClockContract.takedowns;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2025;
import static org.niyam.compliance.rules.india.IndiaPack.AMENDMENT_2026;
import static org.niyam.compliance.rules.india.IndiaPack.INSTRUMENT;
import static org.niyam.compliance.rules.india.IndiaPack.IT_RULES_2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.RULE_4_APPLIES;
import static org.niyam.compliance.rules.india.IndiaPack.clock;
import static org.niyam.compliance.rules.india.IndiaPack.complaint;
import static org.niyam.compliance.rules.india.IndiaPack.completeIntimation;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.evidence;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.findings;
import static org.niyam.compliance.rules.india.IndiaPack.hours;
import static org.niyam.compliance.rules.india.IndiaPack.intimation;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.jointSecretary;
import static org.niyam.compliance.rules.india.IndiaPack.obligation;
import static org.niyam.compliance.rules.india.IndiaPack.obligations;
import static org.niyam.compliance.rules.india.IndiaPack.platform;
import static org.niyam.compliance.rules.india.IndiaPack.receivedUnder;
import static org.niyam.compliance.rules.india.IndiaPack.removalOrder;
import static org.niyam.compliance.rules.india.IndiaPack.removed;
import static org.niyam.compliance.rules.india.IndiaPack.userNotified;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.Intimation;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.IssuerRank;
import org.niyam.compliance.india.RemovalBasis;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.rules.india.ClockContract.Action;
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

    /** Rule 3(1)(d)'s clock in each version. */
    static Stream<Clock> removalClocks() {
        return Stream.of(
                clock(V2021, hours(36)),
                clock(V2022, hours(36)),
                clock(V2023, hours(36)),
                clock(V2025, hours(36)),
                clock(V2026, hours(3)));
    }

    @Nested
    @DisplayName("Rule 3(1)(d): remove or disable within 36 h of the order or intimation; 3 h from 20 Feb 2026")
    class RemoveOnOrder extends ClockContract {

        RemoveOnOrder() {
            super(DUTY, "Rule 3(1)(d)", "in.3-1-d.order-opens-removal");
        }

        @Override
        Stream<Clock> clocks() {
            return removalClocks();
        }

        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return removalOrder(CASE, at);
        }

        @Override
        Stream<Action> actions() {
            return takedowns();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("no clock here spans an amendment, and the explanation reports no change of clock")
        void noChangeOfClockReported(Clock clock) {
            Obligation o = removal(clock.due(), removalOrder(CASE, clock.receivedAt()));

            assertThat(o.explanation()).as("no clock here spans an amendment").doesNotContain("keeps its");
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
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.AT_RISK);
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

    @Nested
    @DisplayName("Rule 3(1)(d) as amended by G.S.R. 775(E): a valid intimation starts the 36 h clock; 3 h from "
            + "20 Feb 2026")
    class ValidIntimation extends ClockContract {

        ValidIntimation() {
            super(DUTY, "Rule 3(1)(d)", "in.3-1-d.order-opens-removal");
        }

        /** The clocks a valid intimation starts in the versions that check it. */
        @Override
        Stream<Clock> clocks() {
            return Stream.of(clock(V2025, hours(36)), clock(V2026, hours(3)));
        }

        /** A complete intimation from a Joint Secretary. */
        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return intimation(CASE, at, jointSecretary(), completeIntimation());
        }

        @Override
        Stream<Action> actions() {
            return takedowns();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("clocks")
        @DisplayName("a complete intimation from a Joint Secretary gives no finding; its verdict names what was checked")
        void noFinding(Clock clock) {
            Report report = evaluate(clock.due(), trigger(clock.receivedAt()));

            assertThat(report.findings()).as("findings").isEmpty();
            Obligation o = obligation(report, DUTY, CASE);
            assertThat(o.explanation()).as(explain(o)).contains("The intimation meets the 2025 tests of Rule 3(1)(d): "
                    + "in writing, reasoned, signed by a Joint Secretary, stating its legal basis (Section 79(3)(b) of "
                    + "the IT Act, 2000; Rule 3(1)(d)), the unlawful act (content threatening public order) and 1 URL "
                    + "or identifier.");
        }
    }

    @Nested
    @DisplayName("Rule 3(1)(d) as amended by G.S.R. 775(E): from 15 Nov 2025 an intimation starts the clock only if it "
            + "passes the tests, judged at receipt")
    class IntimationChecks {

        static final String DEFECTIVE = "defective-intimation";
        static final String RANK_BELOW_JOINT_SECRETARY = "signed below Joint Secretary (a Director counts only where "
                + "no Joint Secretary is appointed)";
        static final String RANK_NOT_RECORDED = "the signing officer's rank is not recorded (issuer.rank)";
        static final String DIRECTOR_WHERE_JOINT_SECRETARY = "signed by a Director of a body that has a Joint "
                + "Secretary (a Director counts only where none is appointed)";
        static final String DIRECTOR_JOINT_SECRETARY_NOT_RECORDED = "signed by a Director; whether the issuing body "
                + "has a Joint Secretary is not recorded (issuer.jointSecretaryAppointed), and a Director counts only "
                + "where none is appointed";
        static final String BELOW_DIG = "signed by an officer below Deputy Inspector General";
        static final String NOT_AUTHORISED = "officer not shown to be specifically authorised";

        static final String LEGAL_BASIS = "Section 79(3)(b) of the IT Act, 2000; Rule 3(1)(d)";
        static final String UNLAWFUL_ACT = "content threatening public order";
        static final List<String> URL = List.of("https://example.net/p/88231");

        static Issuer government(IssuerRank rank, Boolean jointSecretaryAppointed) {
            return new Issuer(IssuerKind.GOVERNMENT, "Ministry of Home Affairs", rank, null, jointSecretaryAppointed);
        }

        static Issuer police(IssuerRank rank, Boolean specificallyAuthorised) {
            return new Issuer(IssuerKind.POLICE, "Delhi Police, IFSO", rank, specificallyAuthorised, null);
        }

        /** Each way an intimation can fail, alone, with what the finding must name. */
        static Stream<Arguments> defects() {
            return Stream.of(
                    arguments("not in writing", jointSecretary(),
                            new Intimation(false, true, LEGAL_BASIS, UNLAWFUL_ACT, URL), "not in writing"),
                    arguments("writing not stated", jointSecretary(),
                            new Intimation(null, true, LEGAL_BASIS, UNLAWFUL_ACT, URL), "not in writing"),
                    arguments("no reasons", jointSecretary(),
                            new Intimation(true, false, LEGAL_BASIS, UNLAWFUL_ACT, URL), "no reasons given"),
                    arguments("reasons not stated", jointSecretary(),
                            new Intimation(true, null, LEGAL_BASIS, UNLAWFUL_ACT, URL), "no reasons given"),
                    arguments("no legal basis", jointSecretary(),
                            new Intimation(true, true, null, UNLAWFUL_ACT, URL), "no legal basis or provision stated"),
                    arguments("a blank legal basis", jointSecretary(),
                            new Intimation(true, true, "  ", UNLAWFUL_ACT, URL), "no legal basis or provision stated"),
                    arguments("no unlawful act", jointSecretary(),
                            new Intimation(true, true, LEGAL_BASIS, null, URL), "nature of the unlawful act not stated"),
                    arguments("no URL", jointSecretary(),
                            new Intimation(true, true, LEGAL_BASIS, UNLAWFUL_ACT, List.of()),
                            "no specific URL or identifier"),
                    arguments("an empty URL", jointSecretary(),
                            new Intimation(true, true, LEGAL_BASIS, UNLAWFUL_ACT, List.of("")),
                            "no specific URL or identifier (target 1 of 1 is blank)"),
                    arguments("a blank URL", jointSecretary(),
                            new Intimation(true, true, LEGAL_BASIS, UNLAWFUL_ACT, List.of("   ")),
                            "no specific URL or identifier (target 1 of 1 is blank)"),
                    arguments("two blank URLs", jointSecretary(),
                            new Intimation(true, true, LEGAL_BASIS, UNLAWFUL_ACT, List.of("", "\t")),
                            "no specific URL or identifier (targets 1, 2 of 2 are blank)"),
                    arguments("intimation particulars absent", jointSecretary(), null,
                            "its contents (writing, reasons, legal basis, unlawful act, URLs) are not recorded"),
                    arguments("rank below Joint Secretary", government(IssuerRank.BELOW_DIRECTOR, null),
                            completeIntimation(), RANK_BELOW_JOINT_SECRETARY),
                    arguments("rank not stated", government(null, null), completeIntimation(), RANK_NOT_RECORDED),
                    arguments("a Director where a Joint Secretary is appointed",
                            government(IssuerRank.DIRECTOR, true), completeIntimation(),
                            DIRECTOR_WHERE_JOINT_SECRETARY),
                    arguments("a Director, whether a Joint Secretary is appointed not stated",
                            government(IssuerRank.DIRECTOR, null), completeIntimation(),
                            DIRECTOR_JOINT_SECRETARY_NOT_RECORDED),
                    arguments("a government intimation signed with a police rank",
                            government(IssuerRank.INSPECTOR_GENERAL_OF_POLICE, null), completeIntimation(),
                            "signed with a police rank (Inspector General of Police), not a civil-service rank of "
                                    + "Joint Secretary or above"),
                    arguments("police below DIG",
                            police(IssuerRank.BELOW_DEPUTY_INSPECTOR_GENERAL, true), completeIntimation(), BELOW_DIG),
                    arguments("police rank not stated", police(null, true), completeIntimation(), RANK_NOT_RECORDED),
                    arguments("police signed with a civil rank", police(IssuerRank.JOINT_SECRETARY, true),
                            completeIntimation(), "signed with a civil-service rank (Joint Secretary), not a police "
                                    + "rank of Deputy Inspector General or above"),
                    arguments("police DIG not specifically authorised",
                            police(IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE, false), completeIntimation(),
                            NOT_AUTHORISED),
                    arguments("police DIG, authorisation not stated",
                            police(IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE, null), completeIntimation(),
                            NOT_AUTHORISED));
        }

        /** Each defect, received in each version that checks intimations. */
        static Stream<Arguments> defectsInEachVersion() {
            return Stream.of(V2025, V2026).flatMap(version -> defects().map(a -> {
                Object[] d = a.get();
                return arguments(d[0], d[1], d[2], d[3], version);
            }));
        }

        /** Issuers whose intimations count, with everything else stated. */
        static Stream<Arguments> validIssuers() {
            return Stream.of(
                    arguments("a Joint Secretary", government(IssuerRank.JOINT_SECRETARY, null)),
                    arguments("an Additional Secretary", government(IssuerRank.ADDITIONAL_SECRETARY, null)),
                    arguments("a Secretary", government(IssuerRank.SECRETARY, true)),
                    arguments("a Director where no Joint Secretary is appointed", government(IssuerRank.DIRECTOR, false)),
                    arguments("a police DIG specifically authorised",
                            police(IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE, true)),
                    arguments("a police IGP specifically authorised",
                            police(IssuerRank.INSPECTOR_GENERAL_OF_POLICE, true)),
                    arguments("a police DGP specifically authorised", police(IssuerRank.DIRECTOR_GENERAL_OF_POLICE, true)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("validIssuers")
        @DisplayName("intimations from the ranks the amendment names open the clock")
        void validIssuer(String who, Issuer issuer) {
            OffsetDateTime received = receivedUnder(V2026);
            Report report = evaluate(received, intimation(CASE, received, issuer, completeIntimation()));

            Obligation o = obligation(report, DUTY, CASE);
            assertThat(o.dueAt()).as("%s: due", who).isEqualTo(received.plusHours(3));
            assertThat(report.findings()).as("%s: findings", who).isEmpty();
            assertThat(o.explanation()).as("%s: verdict", who).contains("The intimation meets the 2025 tests",
                    issuer.kind() == IssuerKind.POLICE ? ", specifically authorised"
                            : issuer.rank() == IssuerRank.DIRECTOR ? "a Director of a body with no Joint Secretary"
                            : "signed by a");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "GOVERNMENT, ADDITIONAL_SECRETARY,        signed by an Additional Secretary,",
                "GOVERNMENT, JOINT_SECRETARY,             signed by a Joint Secretary,",
                "POLICE,     INSPECTOR_GENERAL_OF_POLICE, 'signed by an Inspector General of Police, specifically'",
                "POLICE,     DEPUTY_INSPECTOR_GENERAL_OF_POLICE, 'signed by a Deputy Inspector General of Police, specifically'"})
        @DisplayName("the verdict gives the signer's rank with the article its sound takes")
        void articleBySound(IssuerKind kind, IssuerRank rank, String words) {
            Issuer issuer = kind == IssuerKind.POLICE ? police(rank, true) : government(rank, null);
            OffsetDateTime received = receivedUnder(V2026);
            Obligation o = obligation(evaluate(received, intimation(CASE, received, issuer, completeIntimation())),
                    DUTY, CASE);

            assertThat(o.explanation()).as(explain(o)).contains(words);
        }

        @ParameterizedTest(name = "{0}, received under ''{4}''")
        @MethodSource("defectsInEachVersion")
        @DisplayName("a defective intimation is a finding naming what it lacks; its removal duty is not applicable, "
                + "naming the same")
        void defectiveIntimation(String defect, Issuer issuer, Intimation said, String named, String version) {
            OffsetDateTime received = receivedUnder(version);
            RemovalOrderReceived order = intimation(CASE, received, issuer, said);
            Report report = evaluate(received.plusDays(3), order);

            Obligation verdict = obligation(report, DUTY, CASE);
            assertThat(verdict.id()).as("the id a removal duty would have").isEqualTo(DUTY + "@" + order.id());
            assertThat(verdict.status()).as(explain(verdict)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(verdict.dueAt()).as("no due instant").isNull();
            assertThat(verdict.triggeredAt()).as("dated at receipt").isEqualTo(received);
            assertThat(verdict.triggerEventId()).as("the order").isEqualTo(order.id());
            assertThat(verdict.explanation()).as(explain(verdict)).contains("no removal clock runs", named);
            assertThat(verdict.citation().version()).as("version at receipt").isEqualTo(version);
            assertThat(verdict.citation().ruleId()).as("rule").isEqualTo("in.3-1-d.defective-intimation");
            List<Finding> found = findings(report, DEFECTIVE, CASE);
            assertThat(found).as("%s: findings of %s", defect, report.findings()).hasSize(1);
            Finding finding = found.get(0);
            assertThat(finding.message()).as("%s: names exactly what is missing", defect).endsWith(": " + named + ".");
            assertThat(finding.evidence()).as("evidence").containsExactly(order.id());
            // The clause names no version: the citation's version says which one, so the two cannot disagree.
            assertThat(finding.citation().clause()).as("clause").isEqualTo("Rule 3(1)(d)");
            assertThat(finding.citation().ruleId()).as("rule").isEqualTo("in.3-1-d.defective-intimation");
            assertThat(finding.citation().instrument()).as("instrument").isEqualTo(INSTRUMENT);
            // Cited under the version in force at the order's receipt, however much later the audit runs.
            assertThat(findings(evaluate(received.plusYears(1), order), DEFECTIVE, CASE)).singleElement()
                    .satisfies(f -> assertThat(f.citation().version()).as("version at receipt").isEqualTo(version));
        }

        @Test
        @DisplayName("a blank target beside a real URL is not counted, and the verdict says which one it was")
        void blankTargetBesideARealOne() {
            OffsetDateTime received = receivedUnder(V2026);
            Report report = evaluate(received, intimation(CASE, received, jointSecretary(),
                    new Intimation(true, true, LEGAL_BASIS, UNLAWFUL_ACT, List.of("https://example.net/p/1", " "))));

            Obligation o = obligation(report, DUTY, CASE);
            assertThat(report.findings()).as("findings").isEmpty();
            assertThat(o.dueAt()).as("due").isEqualTo(received.plusHours(3));
            assertThat(o.explanation()).as(explain(o))
                    .contains("and 1 URL or identifier (target 2 of 2 is blank and not counted).");
        }

        @Test
        @DisplayName("an intimation lacking several things names each of them")
        void everythingMissing() {
            OffsetDateTime received = receivedUnder(V2026);
            Report report = evaluate(received, intimation(CASE, received,
                    police(IssuerRank.BELOW_DEPUTY_INSPECTOR_GENERAL, null),
                    new Intimation(false, false, null, null, List.of())));

            assertThat(findings(report, DEFECTIVE, CASE)).singleElement()
                    .extracting(Finding::message).asString()
                    .contains(BELOW_DIG, NOT_AUTHORISED, "not in writing", "no reasons given",
                            "no legal basis or provision stated", "nature of the unlawful act not stated",
                            "no specific URL or identifier");
            assertThat(obligation(report, DUTY, CASE).status()).as("removal duty").isEqualTo(Status.NOT_APPLICABLE);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("defects")
        @DisplayName("the same intimation received 1 ms before 15 Nov 2025 00:00 IST opens the 36 h clock, no finding")
        void notCheckedBeforeTheAmendment(String defect, Issuer issuer, Intimation said, String named) {
            OffsetDateTime received = AMENDMENT_2025.minus(Duration.ofMillis(1));
            Report report = evaluate(received.plusHours(36), intimation(CASE, received, issuer, said));

            Obligation o = obligation(report, DUTY, CASE);
            assertThat(o.dueAt()).as("%s: due", defect).isEqualTo(received.plusHours(36));
            assertThat(o.citation().version()).as("version at receipt").isEqualTo(V2023);
            assertThat(report.findings()).as("%s: findings", defect).isEmpty();
            assertThat(o.explanation()).as("%s: verdict", defect).contains("An intimation received before the 2025 "
                    + "tests of Rule 3(1)(d) took effect (15 Nov 2025): not checked against them.");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("defects")
        @DisplayName("the same intimation received at 15 Nov 2025 00:00 IST is defective")
        void checkedFromTheAmendment(String defect, Issuer issuer, Intimation said, String named) {
            Report report = evaluate(AMENDMENT_2025.plusHours(1), intimation(CASE, AMENDMENT_2025, issuer, said));

            assertThat(obligation(report, DUTY, CASE).status()).as("%s: removal duty", defect)
                    .isEqualTo(Status.NOT_APPLICABLE);
            assertThat(findings(report, DEFECTIVE, CASE)).as("%s: findings", defect).hasSize(1);
        }

        @Test
        @DisplayName("judged at receipt: an intimation received before 15 Nov 2025 keeps its clock when assessed after")
        void judgedAtReceipt() {
            OffsetDateTime received = AMENDMENT_2025.minus(Duration.ofMillis(1));
            OffsetDateTime due = received.plusHours(36);
            Report report = evaluate(due.plus(Duration.ofMillis(1)), intimation(CASE, received,
                    police(IssuerRank.BELOW_DEPUTY_INSPECTOR_GENERAL, null), null));

            Obligation o = obligation(report, DUTY, CASE);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(report.findings()).as("findings").isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.rules.india.RemovalRulesTest#removalClocks")
        @DisplayName("a court order is never checked: no rank, no particulars, and its clock still runs")
        void courtOrdersAreNotChecked(Clock clock) {
            RemovalOrderReceived courtOrder = new RemovalOrderReceived("court-order", CASE, clock.receivedAt(),
                    new Issuer(IssuerKind.COURT, "High Court of Delhi", null), null,
                    new Intimation(false, false, null, null, List.of()));
            Report report = evaluate(clock.due(), courtOrder);

            Obligation o = obligation(report, DUTY, CASE);
            assertThat(o.dueAt()).as("due").isEqualTo(clock.due());
            assertThat(report.findings()).as("findings").isEmpty();
            assertThat(o.explanation()).as(explain(o)).contains(
                    "A court order: the 2025 tests of Rule 3(1)(d) apply only to government and police intimations.");
        }
    }

    @Nested
    @DisplayName("Rule 4(8): an SSMI notifies the user, with grounds, before removing on its own initiative")
    class PriorNotice extends ClockContract {

        static final String NOTICE = "4(8).prior-notice";
        static final String GROUNDS = "Breach of the community guidelines on hateful conduct, section 4.2";
        static final PlatformProfile SSMI = platform(5_000_000);
        static final String BASIS_INCONSISTENT = "removal-basis-inconsistent";

        PriorNotice() {
            super(NOTICE, "Rule 4(8)", "in.4-8.own-initiative-removal-opens-notice");
        }

        /** The notice is due by the removal: a clock of zero, in every version from 26 May 2021. */
        @Override
        Stream<Clock> clocks() {
            return Stream.of(V2021, V2022, V2023, V2025, V2026).map(v -> clock(v, Duration.ZERO));
        }

        /** A removal on the platform's own initiative. */
        @Override
        CaseEvent trigger(OffsetDateTime at) {
            return removed(CASE, at, RemovalBasis.OWN_INITIATIVE);
        }

        @Override
        Stream<Action> actions() {
            return Stream.of(action("notice with grounds", (caseId, at) -> userNotified(caseId, at, GROUNDS)));
        }

        /** The duty binds an SSMI only: evaluated with the platform's profile. */
        @Override
        Report evaluateAsOf(OffsetDateTime asOf, CaseEvent... events) {
            return evaluate(evidence(SSMI, events), asOf);
        }

        static Obligation notice(PlatformProfile platform, OffsetDateTime asOf, CaseEvent... events) {
            return obligation(evaluate(evidence(platform, events), asOf), NOTICE, CASE);
        }

        @Test
        @DisplayName("a notice a day before the removal meets it")
        void noticeWellBefore() {
            OffsetDateTime removal = receivedUnder(V2026);
            Obligation o = notice(SSMI, removal.plusHours(1), userNotified(CASE, removal.minusDays(1), GROUNDS),
                    removed(CASE, removal, RemovalBasis.OWN_INITIATIVE));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
        }

        @ParameterizedTest(name = "grounds \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "   "})
        @DisplayName("a notice without grounds does not discharge it")
        void noticeWithoutGrounds(String grounds) {
            OffsetDateTime removal = receivedUnder(V2026);
            Obligation o = notice(SSMI, removal.plusHours(1), userNotified(CASE, removal.minusHours(1), grounds),
                    removed(CASE, removal, RemovalBasis.OWN_INITIATIVE));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.dischargeEventId()).as("discharging event").isNull();
        }

        @Test
        @DisplayName("a notice without grounds, then one with grounds after the removal: met late by the second")
        void groundsGivenOnlyAfterwards() {
            OffsetDateTime removal = receivedUnder(V2026);
            Obligation o = notice(SSMI, removal.plusHours(2), userNotified(CASE, removal.minusHours(1), null),
                    removed(CASE, removal, RemovalBasis.OWN_INITIATIVE),
                    userNotified(CASE, removal.plusHours(1), GROUNDS));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET_LATE);
            assertThat(o.lateness()).as("lateness").isEqualTo(Duration.ofHours(1));
        }

        @ParameterizedTest(name = "basis {0}")
        @EnumSource(value = RemovalBasis.class, names = {"ORDER", "COMPLAINT"})
        @DisplayName("removals on an order or a complaint: 4(8) not applicable, saying why, whatever the platform")
        void otherBases(RemovalBasis basis) {
            OffsetDateTime removal = receivedUnder(V2026);
            CaseEvent request = basis == RemovalBasis.ORDER ? removalOrder(CASE, removal.minusHours(1))
                    : complaint(CASE, removal.minusHours(1), ComplaintCategory.REMOVAL_REQUEST);
            for (PlatformProfile profile : Arrays.asList(SSMI, platform(4_999_999), null)) {
                ContentRemoved removed = removed(CASE, removal, basis);
                Report report = evaluate(evidence(profile, request, removed), removal.plusHours(1));

                Obligation o = obligation(report, NOTICE, CASE);
                assertThat(o.id()).as("id").isEqualTo(NOTICE + "@" + removed.id());
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
                assertThat(o.explanation()).as(explain(o))
                        .contains(basis == RemovalBasis.ORDER ? "Removed on a court order or government intimation"
                                : "Removed on a user's complaint")
                        .contains("Rule 4(8) applies only to removals on the platform's own initiative");
                assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.4-8.exempt-basis");
                assertThat(findings(report, BASIS_INCONSISTENT, CASE)).as("findings").isEmpty();
            }
        }

        @Test
        @DisplayName("an SSMI's removal whose basis is not recorded: 4(8) indeterminate, naming the missing basis")
        void basisNotRecorded() {
            OffsetDateTime removal = receivedUnder(V2026);
            Report report = evaluate(evidence(SSMI, removed(CASE, removal)), removal.plusHours(1));

            Obligation o = obligation(report, NOTICE, CASE);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as(explain(o)).contains("basis is not recorded (ContentRemoved.basis)");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notSsmi")
        @DisplayName("an own-initiative (or unrecorded) removal by a platform not shown to be an SSMI: 4(8) not "
                + "applicable below the threshold, indeterminate without a profile")
        void notAnSsmi(String platform, PlatformProfile profile, Status expected, String why) {
            OffsetDateTime removal = receivedUnder(V2026);
            for (ContentRemoved removed : List.of(removed(CASE, removal, RemovalBasis.OWN_INITIATIVE),
                    removed(CASE, removal))) {
                Report report = evaluate(evidence(profile, removed), removal.plusHours(1));

                Obligation o = obligation(report, NOTICE, CASE);
                assertThat(o.status()).as("%s: %s", platform, explain(o)).isEqualTo(expected);
                assertThat(o.dueAt()).as("no due instant").isNull();
                assertThat(o.explanation()).as(explain(o)).contains(why);
            }
        }

        static Stream<Arguments> notSsmi() {
            return Stream.of(arguments("4,999,999 registered users", platform(4_999_999), Status.NOT_APPLICABLE,
                            "ExampleNet had 4,999,999 registered users in India at the removal, below the 5,000,000 of a "
                                    + "significant social media intermediary"),
                    arguments("no platform profile", null, Status.INDETERMINATE,
                            "No platform profile holds at the removal"));
        }

        @Test
        @DisplayName("a removal 1 ms before 26 May 2021 00:00 IST: not applicable, naming the date Rule 4 applies from")
        void notApplicableBeforeRule4() {
            OffsetDateTime removal = RULE_4_APPLIES.minus(Duration.ofMillis(1));
            Obligation o = notice(SSMI, removal.plusDays(1), removed(CASE, removal, RemovalBasis.OWN_INITIATIVE));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(o.dueAt()).as("no due instant").isNull();
            assertThat(o.explanation()).as("explanation").contains("2021-05-26T00:00+05:30");
        }

        @Test
        @DisplayName("a removal at 26 May 2021 00:00 IST is due by the removal")
        void applicableFromRule4() {
            Obligation o = notice(SSMI, RULE_4_APPLIES.plusDays(1),
                    removed(CASE, RULE_4_APPLIES, RemovalBasis.OWN_INITIATIVE));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.dueAt()).as("due").isEqualTo(RULE_4_APPLIES);
            assertThat(o.citation().version()).as("version").isEqualTo(V2021);
            assertThat(o.explanation()).as("a clock of zero is not 'within the 0 s allowed'")
                    .startsWith("Not done: it was due when the clock started, with no time allowed; overdue by 24 h at")
                    .doesNotContain("0 s");
        }

        // Evaluating an SSMI's evidence as of a date before the Rules existed must not fail: the threshold
        // parameter has no value then.
        @Test
        @DisplayName("an SSMI's own-initiative removal assessed before 25 Feb 2021 evaluates, with no 4(8) duty")
        void assessedBeforeTheRules() {
            OffsetDateTime removal = ist("2021-01-10T10:00");
            OffsetDateTime asOf = ist("2021-02-24T00:00");

            assertThatCode(() -> evaluate(evidence(SSMI, removed(CASE, removal, RemovalBasis.OWN_INITIATIVE)), asOf))
                    .as("evaluation before the Rules").doesNotThrowAnyException();
            Report report = evaluate(evidence(SSMI, removed(CASE, removal, RemovalBasis.OWN_INITIATIVE)), asOf);
            assertThat(obligations(report, NOTICE)).as("4(8) obligations")
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.NOT_APPLICABLE));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("beforeTheRules")
        @DisplayName("a removal before 25 Feb 2021 that would not be exempt gets a 4(8) verdict: not applicable, "
                + "saying the Rules were not yet in force, whatever the platform")
        void removedBeforeTheRules(String which, ContentRemoved removed) {
            for (PlatformProfile profile : Arrays.asList(SSMI, platform(4_999_999), null)) {
                Report report = evaluate(evidence(profile, removed), ist("2021-03-01T00:00"));

                Obligation o = obligation(report, NOTICE, CASE);
                assertThat(o.id()).as("id").isEqualTo(NOTICE + "@" + removed.id());
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
                assertThat(o.dueAt()).as("no due instant").isNull();
                assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.4-8.before-the-rules");
                assertThat(o.explanation()).as(explain(o)).contains("before the IT Rules 2021 took effect "
                        + "(25 Feb 2021): Rule 4(8), a duty of significant social media intermediaries from 26 May "
                        + "2021, did not apply.");
            }
        }

        static Stream<Arguments> beforeTheRules() {
            OffsetDateTime removal = IT_RULES_2021.minus(Duration.ofMillis(1));
            return Stream.of(arguments("on its own initiative", removed(CASE, removal, RemovalBasis.OWN_INITIATIVE)),
                    arguments("basis not recorded", removed(CASE, removal)));
        }
    }

    @Nested
    @DisplayName("Rule 4(8): a notice answers one removal, the one it precedes (or, late, the one just before it)")
    class OneNoticeOneRemoval {

        static final String NOTICE = PriorNotice.NOTICE;
        static final String GROUNDS = PriorNotice.GROUNDS;
        static final OffsetDateTime REMOVAL = ist("2026-03-01T10:00");

        static Obligation noticeFor(Report report, ContentRemoved removal) {
            return IndiaPack.obligationById(report, NOTICE + "@" + removal.id());
        }

        @Test
        @DisplayName("a notice before two removals answers the first; the second, with no notice of its own, is "
                + "breached, naming the notice and the removal it answered")
        void aNoticeCountsForTheRemovalItPrecedes() {
            CaseEvent notice = userNotified(CASE, REMOVAL.minusHours(1), GROUNDS);
            ContentRemoved first = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            ContentRemoved second = removed(CASE, REMOVAL.plusDays(4), RemovalBasis.OWN_INITIATIVE);
            Report report = evaluate(evidence(PriorNotice.SSMI, notice, first, second), REMOVAL.plusDays(10));

            Obligation met = noticeFor(report, first);
            assertThat(met.status()).as(explain(met)).isEqualTo(Status.MET);
            assertThat(met.dischargeEventId()).as("discharge").isEqualTo(notice.id());
            assertThat(met.explanation()).as(explain(met))
                    .contains("The notice " + notice.id() + ", with grounds, was given 1 h before the removal.");
            Obligation breached = noticeFor(report, second);
            assertThat(breached.status()).as(explain(breached)).isEqualTo(Status.BREACHED);
            assertThat(breached.dischargeEventId()).as("discharge").isNull();
            assertThat(breached.explanation()).as(explain(breached)).contains(notice.id() + " (at "
                    + notice.at() + ") did not count for this removal: it answered " + first.id() + " (removed at "
                    + first.at() + "), the removal it came before. A notice answers one removal.");
        }

        @Test
        @DisplayName("a notice a year before the only removal after it still answers it: the law sets no time")
        void aNoticeLongBefore() {
            CaseEvent notice = userNotified(CASE, REMOVAL.minusDays(365).minusHours(1), GROUNDS);
            ContentRemoved removal = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            Obligation o = noticeFor(evaluate(evidence(PriorNotice.SSMI, notice, removal), REMOVAL.plusDays(1)),
                    removal);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.explanation()).as(explain(o)).contains("was given 365 days 1 h before the removal.");
        }

        @Test
        @DisplayName("a notice after a removal no notice answered answers it late, not the next removal; the next "
                + "is breached, naming it")
        void aLateNoticeAnswersTheRemovalBeforeIt() {
            ContentRemoved first = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            CaseEvent notice = userNotified(CASE, REMOVAL.plusMinutes(5), GROUNDS);
            ContentRemoved second = removed(CASE, REMOVAL.plusDays(1), RemovalBasis.OWN_INITIATIVE);
            Report before = evaluate(evidence(PriorNotice.SSMI, first, notice), REMOVAL.plusHours(1));
            Report report = evaluate(evidence(PriorNotice.SSMI, first, notice, second), REMOVAL.plusDays(2));

            Obligation late = noticeFor(report, first);
            assertThat(late.status()).as(explain(late)).isEqualTo(Status.MET_LATE);
            assertThat(late.dischargeEventId()).as("discharge").isEqualTo(notice.id());
            assertThat(noticeFor(before, first)).as("the same before the second removal came")
                    .isEqualTo(late);
            Obligation breached = noticeFor(report, second);
            assertThat(breached.status()).as(explain(breached)).isEqualTo(Status.BREACHED);
            assertThat(breached.explanation()).as(explain(breached)).contains("it answered " + first.id()
                    + " (removed at " + first.at() + "), the removal just before it, which no notice had answered.");
        }

        @Test
        @DisplayName("a notice at the instant of a removal is given by it: it answers that removal, not the one "
                + "before")
        void aNoticeAtTheRemoval() {
            ContentRemoved first = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            ContentRemoved second = removed(CASE, REMOVAL.plusHours(1), RemovalBasis.OWN_INITIATIVE);
            CaseEvent notice = userNotified(CASE, REMOVAL.plusHours(1), GROUNDS);
            Report report = evaluate(evidence(PriorNotice.SSMI, first, second, notice), REMOVAL.plusDays(1));

            assertThat(noticeFor(report, first).status()).as("first").isEqualTo(Status.BREACHED);
            Obligation o = noticeFor(report, second);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.explanation()).as(explain(o)).contains("with grounds, was given at the removal.");
        }

        @Test
        @DisplayName("a breach names the notice without grounds that came before the removal")
        void aNoticeWithoutGroundsIsNamed() {
            CaseEvent notice = userNotified(CASE, REMOVAL.minusDays(1), null);
            ContentRemoved removal = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            Obligation o = noticeFor(evaluate(evidence(PriorNotice.SSMI, notice, removal), REMOVAL.plusDays(1)),
                    removal);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as(explain(o)).contains(notice.id() + " (at " + notice.at()
                    + ") was a notice without grounds, which Rule 4(8) does not accept.");
        }

        @Test
        @DisplayName("removals on an order do not take a notice: it answers the own-initiative removal after them")
        void exemptRemovalsTakeNoNotice() {
            CaseEvent order = removalOrder(CASE, REMOVAL.minusHours(3));
            CaseEvent notice = userNotified(CASE, REMOVAL.minusHours(2), GROUNDS);
            ContentRemoved onOrder = removed(CASE, REMOVAL.minusHours(1), RemovalBasis.ORDER);
            ContentRemoved own = removed(CASE, REMOVAL, RemovalBasis.OWN_INITIATIVE);
            Report report = evaluate(evidence(PriorNotice.SSMI, order, notice, onOrder, own), REMOVAL.plusDays(1));

            assertThat(noticeFor(report, own).status()).as(explain(noticeFor(report, own))).isEqualTo(Status.MET);
            assertThat(noticeFor(report, onOrder).status()).as("on the order").isEqualTo(Status.NOT_APPLICABLE);
        }
    }

    @Nested
    @DisplayName("Content removed before receipt is read as already removed, and the verdict says it is a reading")
    class RemovedBeforeReceipt {

        @Test
        @DisplayName("the case's only removal, on the platform's own initiative 790 days before a court order: met, "
                + "saying how long before and that the evidence does not say which content it took down")
        void aRemovalLongBefore() {
            ContentRemoved removal = removed(CASE, ist("2024-01-01T10:00"), RemovalBasis.OWN_INITIATIVE);
            RemovalOrderReceived order = removalOrder(CASE, ist("2026-03-01T10:00"));
            Obligation o = removal(ist("2026-03-02T00:00"), removal, order);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.dueAt()).as("no due instant").isNull();
            assertThat(o.explanation()).as(explain(o)).startsWith("Read as already removed at receipt: the case's "
                    + "content was removed at 2024-01-01T10:00+05:30 (" + removal.id() + "), 790 days before "
                    + "receipt, and no earlier request to remove of the case was answered by that removal. The "
                    + "evidence does not say which content a removal took down; the pack reads this as the content "
                    + "being down when the clock would have started, however long before receipt the removal came.")
                    .doesNotContain("the content was down");
        }
    }

    @Nested
    @DisplayName("Rule 4(8): a removal's recorded basis that the case contradicts is a finding, and the notice is "
            + "judged taking neither reading")
    class BasisTheCaseContradicts {

        static final String NOTICE = PriorNotice.NOTICE;
        static final OffsetDateTime RECEIVED = ist("2026-03-01T09:00");

        @Test
        @DisplayName("an own-initiative removal that meets a court order's removal duty: the order is met, the "
                + "notice indeterminate (not breached), its explanation naming both events, and no finding")
        void ownInitiativeRemovalThatMeetsAnOrder() {
            RemovalOrderReceived order = removalOrder(CASE, RECEIVED);
            ContentRemoved removal = removed(CASE, RECEIVED.plusHours(1), RemovalBasis.OWN_INITIATIVE);
            Report report = evaluate(evidence(PriorNotice.SSMI, order, removal), RECEIVED.plusDays(1));

            assertThat(obligation(report, DUTY, CASE).status()).as("the order").isEqualTo(Status.MET);
            Obligation o = obligation(report, NOTICE, CASE);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as(explain(o)).contains("does not show a breach: its basis is recorded as "
                    + "OWN_INITIATIVE, but it is the removal that meets the Rule 3(1)(d) duty of the order or "
                    + "intimation " + order.id() + " (received at " + order.at() + "), which Rule 4(8) exempts");
            assertThat(report.findings()).as("findings").isEmpty();
        }

        @Test
        @DisplayName("the same removal, with a notice with grounds before it: the notice meets Rule 4(8) either way")
        void aNoticeMeetsItEitherWay() {
            CaseEvent notice = userNotified(CASE, RECEIVED.plusMinutes(30), PriorNotice.GROUNDS);
            Report report = evaluate(evidence(PriorNotice.SSMI, removalOrder(CASE, RECEIVED), notice,
                    removed(CASE, RECEIVED.plusHours(1), RemovalBasis.OWN_INITIATIVE)), RECEIVED.plusDays(1));

            assertThat(obligation(report, NOTICE, CASE).status()).as("4(8)").isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("an own-initiative removal that meets an intimate-imagery complaint's Rule 3(2)(b) duty: the "
                + "notice indeterminate, naming the complaint")
        void ownInitiativeRemovalThatMeetsAnIntimateImageryComplaint() {
            CaseEvent complaint = complaint(CASE, RECEIVED, ComplaintCategory.INTIMATE_IMAGERY);
            Report report = evaluate(evidence(PriorNotice.SSMI, complaint,
                    removed(CASE, RECEIVED.plusHours(1), RemovalBasis.OWN_INITIATIVE)), RECEIVED.plusDays(1));

            Obligation o = obligation(report, NOTICE, CASE);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as(explain(o)).contains("Rule 3(2)(b) duty of the intimate-imagery complaint "
                    + complaint.id());
        }

        @Test
        @DisplayName("an own-initiative removal before the order came, or after another removal met it: the notice "
                + "owed as any")
        void ownInitiativeRemovalsTheCaseBearsOut() {
            ContentRemoved before = removed(CASE, RECEIVED.minusDays(1), RemovalBasis.OWN_INITIATIVE);
            Report first = evaluate(evidence(PriorNotice.SSMI, before, removalOrder(CASE, RECEIVED)),
                    RECEIVED.plusDays(1));
            assertThat(obligation(first, NOTICE, CASE).status()).as("removed before the order")
                    .isEqualTo(Status.BREACHED);
            assertThat(first.findings()).as("findings").isEmpty();

            ContentRemoved later = removed(CASE, RECEIVED.plusHours(2), RemovalBasis.OWN_INITIATIVE);
            Report second = evaluate(evidence(PriorNotice.SSMI, removalOrder(CASE, RECEIVED),
                    removed(CASE, RECEIVED.plusHours(1), RemovalBasis.ORDER), later), RECEIVED.plusDays(1));
            assertThat(IndiaPack.obligationById(second, NOTICE + "@" + later.id()).status())
                    .as("removed after the order was met").isEqualTo(Status.BREACHED);
            assertThat(second.findings()).as("findings").isEmpty();
        }

        @ParameterizedTest(name = "basis {0}")
        @EnumSource(value = RemovalBasis.class, names = {"ORDER", "COMPLAINT"})
        @DisplayName("a removal recorded as on an order or complaint is taken at its word, even in a case that holds "
                + "none: exempt from Rule 4(8)")
        void exemptBasisWithoutItsRequest(RemovalBasis basis) {
            ContentRemoved removal = removed(CASE, RECEIVED, basis);
            Report report = evaluate(evidence(PriorNotice.SSMI, removal), RECEIVED.plusDays(1));

            Obligation o = obligation(report, NOTICE, CASE);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
            Report below = evaluate(evidence(platform(4_999_999), removal), RECEIVED.plusDays(1));
            assertThat(obligation(below, NOTICE, CASE).status()).as("below the threshold")
                    .isEqualTo(Status.NOT_APPLICABLE);
        }
    }
}
