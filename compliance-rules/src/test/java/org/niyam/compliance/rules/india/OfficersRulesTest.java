package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.india.OfficerRole.CHIEF_COMPLIANCE_OFFICER;
import static org.niyam.compliance.india.OfficerRole.GRIEVANCE_OFFICER;
import static org.niyam.compliance.india.OfficerRole.NODAL_CONTACT_PERSON;
import static org.niyam.compliance.india.OfficerRole.RESIDENT_GRIEVANCE_OFFICER;
import static org.niyam.compliance.rules.india.IndiaPack.INSTRUMENT;
import static org.niyam.compliance.rules.india.IndiaPack.IT_RULES_2021;
import static org.niyam.compliance.rules.india.IndiaPack.RULE_4_APPLIES;
import static org.niyam.compliance.rules.india.IndiaPack.V2021;
import static org.niyam.compliance.rules.india.IndiaPack.V2022;
import static org.niyam.compliance.rules.india.IndiaPack.V2023;
import static org.niyam.compliance.rules.india.IndiaPack.V2025;
import static org.niyam.compliance.rules.india.IndiaPack.V2026;
import static org.niyam.compliance.rules.india.IndiaPack.evaluate;
import static org.niyam.compliance.rules.india.IndiaPack.explain;
import static org.niyam.compliance.rules.india.IndiaPack.ist;
import static org.niyam.compliance.rules.india.IndiaPack.officer;
import static org.niyam.compliance.rules.india.IndiaPack.platform;
import static org.niyam.compliance.rules.india.IndiaPack.receivedUnder;
import static org.niyam.compliance.rules.india.IndiaPack.standing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

@DisplayName("officers.drl")
class OfficersRulesTest {

    static final String GRIEVANCE = "3(2)(a).grievance-officer";
    static final String CCO = "4(1)(a).chief-compliance-officer";
    static final String NODAL = "4(1)(b).nodal-contact-person";
    static final String RESIDENT_GO = "4(1)(c).resident-grievance-officer";
    static final String ADDRESS = "4(5).address-in-india";

    /** The standing-duty key and clause of each role. */
    static final Map<OfficerRole, String> KEY = Map.of(
            GRIEVANCE_OFFICER, GRIEVANCE,
            CHIEF_COMPLIANCE_OFFICER, CCO,
            NODAL_CONTACT_PERSON, NODAL,
            RESIDENT_GRIEVANCE_OFFICER, RESIDENT_GO);
    static final Map<OfficerRole, String> CLAUSE = Map.of(
            GRIEVANCE_OFFICER, "Rule 3(2)(a)",
            CHIEF_COMPLIANCE_OFFICER, "Rule 4(1)(a)",
            NODAL_CONTACT_PERSON, "Rule 4(1)(b)",
            RESIDENT_GRIEVANCE_OFFICER, "Rule 4(1)(c)");

    static final OffsetDateTime AS_OF = ist("2024-07-15T12:00");
    static final OffsetDateTime SINCE = ist("2021-05-01T00:00");
    static final PlatformProfile SSMI = platform(5_000_000);

    /** Every officer in post since 1 May 2021, each a different person: all duties met. */
    static List<OfficerAppointment> fullBench() {
        return List.of(
                officer("go-1", GRIEVANCE_OFFICER, "Asha Rao", SINCE),
                officer("cco-1", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", SINCE),
                officer("ncp-1", NODAL_CONTACT_PERSON, "Meera Nair", SINCE),
                officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", SINCE));
    }

    /** The full bench with the appointments of {@code role} replaced. */
    static List<OfficerAppointment> benchWith(OfficerRole role, OfficerAppointment... replacements) {
        List<OfficerAppointment> bench = new ArrayList<>(fullBench());
        bench.removeIf(a -> a.role() == role);
        bench.addAll(List.of(replacements));
        return bench;
    }

    static Report assess(PlatformProfile platform, List<OfficerAppointment> appointments, OffsetDateTime asOf) {
        return evaluate(new Evidence(platform, appointments, List.of()), asOf);
    }

    @Nested
    @DisplayName("Rule 3(2)(a): a Grievance Officer in post, name and contact details published")
    class GrievanceOfficer {

        @Test
        @DisplayName("met when an officer with published contact details holds the post, citing the appointment")
        void met() {
            Obligation o = standing(assess(null, fullBench(), AS_OF), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.explanation()).as("names the appointment").contains("go-1");
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 3(2)(a)");
            assertThat(o.citation().version()).as("version in force at 'as of'").isEqualTo(V2023);
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-2-a.grievance-officer.met");
        }

        @Test
        @DisplayName("breached when the officer's contact details are not published")
        void contactNotPublished() {
            OfficerAppointment unpublished = new OfficerAppointment("go-1", GRIEVANCE_OFFICER, "Asha Rao",
                    true, true, false, SINCE, null);
            Obligation o = standing(assess(null, List.of(unpublished), AS_OF), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @Test
        @DisplayName("breached when nobody was ever appointed")
        void nobodyAppointed() {
            Obligation o = standing(assess(null, List.of(), AS_OF), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.3-2-a.grievance-officer.breached");
        }

        @ParameterizedTest(name = "appointment {0} => {3}")
        @CsvSource(delimiter = '|', textBlock = """
                ends exactly at 'as of' ('to' is exclusive)     | -P30D    | PT0S     | BREACHED
                ends 1 ms after 'as of'                         | -P30D    | PT0.001S | MET
                starts exactly at 'as of' ('from' is inclusive) | PT0S     |          | MET
                starts 1 ms after 'as of'                       | PT0.001S |          | BREACHED
                """)
        @DisplayName("held from 'from' inclusive to 'to' exclusive")
        void heldOnlyWithinItsPeriod(String appointment, Duration from, Duration to, Status expected) {
            OfficerAppointment a = officer("go-1", GRIEVANCE_OFFICER, "Asha Rao",
                    AS_OF.plus(from), to == null ? null : AS_OF.plus(to));
            Obligation o = standing(assess(null, List.of(a), AS_OF), GRIEVANCE);

            assertThat(o.status()).as("%s: %s", appointment, explain(o)).isEqualTo(expected);
        }

        @Test
        @DisplayName("an SSMI's Resident Grievance Officer with published contact details is its Grievance Officer "
                + "(Rule 4(1)(c): responsible for the functions of Rule 3(2))")
        void residentGrievanceOfficerOfAnSsmi() {
            OfficerAppointment resident = officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", SINCE);
            Obligation o = standing(assess(SSMI, List.of(resident), AS_OF), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.explanation()).as("names the reading").contains("Resident Grievance Officer",
                    "responsible for the functions of Rule 3(2)");
            assertThat(o.explanation()).as("names the appointment").contains("rgo-1");
            assertThat(o.citation().ruleId()).as("rule")
                    .isEqualTo("in.3-2-a.grievance-officer.met-by-resident-grievance-officer");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                below the threshold      | 4999999 | 2024-07-15T12:00
                before Rule 4 applied    | 5000000 | 2021-05-25T23:59:59.999
                """)
        @DisplayName("a Resident Grievance Officer does not count where Rule 4 does not bind the platform")
        void residentGrievanceOfficerWhereRule4DoesNotBind(String when, long users, String asOf) {
            OfficerAppointment resident = officer("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah", SINCE);
            Obligation o = standing(assess(platform(users), List.of(resident), ist(asOf)), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("no mention of the other role").doesNotContain("Resident");
        }

        @Test
        @DisplayName("an SSMI's Resident Grievance Officer without published contact details does not count")
        void residentGrievanceOfficerWithoutContact() {
            OfficerAppointment resident = new OfficerAppointment("rgo-1", RESIDENT_GRIEVANCE_OFFICER, "Kabir Shah",
                    true, true, false, SINCE, null);
            Obligation o = standing(assess(SSMI, List.of(resident), AS_OF), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("says why")
                    .contains("nor a Resident Grievance Officer, who is the Grievance Officer of a significant")
                    .contains("The officer in post (rgo-1) has no published contact details.");
        }

        @Test
        @DisplayName("not applicable before the IT Rules 2021 took effect on 25 Feb 2021")
        void notInForceBeforeTheRules() {
            Obligation o = standing(assess(null, List.of(), IT_RULES_2021.minus(Duration.ofMillis(1))), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
        }

        @Test
        @DisplayName("breached from 25 Feb 2021 00:00 IST when nobody is appointed")
        void inForceFromTheRules() {
            Obligation o = standing(assess(null, List.of(), IT_RULES_2021), GRIEVANCE);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.citation().version()).as("version").isEqualTo(V2021);
        }
    }

    @Nested
    @DisplayName("Rule 4(1): whether the SSMI officer duties apply")
    class Applicability {

        static final List<String> SSMI_DUTIES = List.of(CCO, NODAL, RESIDENT_GO);

        @ParameterizedTest(name = "{0} registered users => applies: {1}")
        @CsvSource({"5000000, true", "4999999, false", "0, false", "120000000, true"})
        @DisplayName("the duties apply from 50 lakh (5,000,000) registered users in India")
        void threshold(long users, boolean applies) {
            Report report = assess(platform(users), List.of(), AS_OF);

            for (String key : SSMI_DUTIES) {
                Obligation o = standing(report, key);
                if (applies) {
                    assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
                } else {
                    assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
                    assertThat(o.explanation()).as("the reason names the count and the threshold")
                            .contains(String.format(java.util.Locale.ROOT, "%,d", users) + " registered users", "below the 5,000,000");
                    assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 4");
                }
            }
        }

        @Test
        @DisplayName("the duties apply at exactly 5,000,000 users and are met with every officer in post")
        void metAtTheThreshold() {
            Report report = assess(platform(5_000_000), fullBench(), AS_OF);

            for (String key : SSMI_DUTIES) {
                assertThat(standing(report, key).status()).as(explain(standing(report, key))).isEqualTo(Status.MET);
            }
        }

        @Test
        @DisplayName("not applicable on 25 May 2021 at 23:59:59.999 IST, the last instant before Rule 4 applied")
        void notApplicableBefore26May2021() {
            Report report = assess(SSMI, fullBench(), RULE_4_APPLIES.minus(Duration.ofMillis(1)));

            for (String key : SSMI_DUTIES) {
                Obligation o = standing(report, key);
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.NOT_APPLICABLE);
                assertThat(o.explanation()).as("the reason").contains("26 May 2021");
            }
        }

        @Test
        @DisplayName("applicable from 26 May 2021 00:00 IST")
        void applicableFrom26May2021() {
            Report report = assess(SSMI, fullBench(), RULE_4_APPLIES);

            for (String key : SSMI_DUTIES) {
                Obligation o = standing(report, key);
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
                assertThat(o.citation().version()).as("version").isEqualTo(V2021);
            }
        }

        @Test
        @DisplayName("indeterminate without a platform profile; the Rule 3(2)(a) duty is still assessed")
        void indeterminateWithoutAPlatformProfile() {
            Report report = assess(null, fullBench(), AS_OF);

            for (String key : SSMI_DUTIES) {
                Obligation o = standing(report, key);
                assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
                assertThat(o.explanation()).as("the reason").contains("No platform profile");
            }
            assertThat(standing(report, GRIEVANCE).status()).as("Rule 3(2)(a) binds every intermediary")
                    .isEqualTo(Status.MET);
        }
    }

    @Nested
    @DisplayName("Rule 4(1)(a)-(c): Chief Compliance Officer, Nodal Contact Person, Resident Grievance Officer")
    class SsmiOfficers {

        /** Each role's defects: not resident in India; not an employee, for the two roles Rule 4(1) says "employee". */
        static Stream<Arguments> defects() {
            return Stream.of(CHIEF_COMPLIANCE_OFFICER, NODAL_CONTACT_PERSON, RESIDENT_GRIEVANCE_OFFICER)
                    .flatMap(role -> Stream.concat(Stream.of(
                            arguments(role, "not resident in India", new OfficerAppointment("x-1", role, "Sam Lee",
                                    false, true, true, SINCE, null, seniorIfCco(role)))),
                            role == CHIEF_COMPLIANCE_OFFICER ? Stream.empty() : Stream.of(
                            arguments(role, "not an employee", new OfficerAppointment("x-1", role, "Sam Lee",
                                    true, false, true, SINCE, null, seniorIfCco(role))))));
        }

        /**
         * Rule 4(1)(a) asks for "key managerial personnel or such other senior employee": a key managerial person who
         * is not an employee (a director, say) meets it; one whose seniority is not recorded leaves it indeterminate.
         */
        @ParameterizedTest(name = "keyManagerialOrSenior {0} => {1}")
        @CsvSource(nullValues = "null", value = {"true, MET", "null, INDETERMINATE", "false, BREACHED"})
        @DisplayName("a Chief Compliance Officer who is not an employee is judged by seniority alone")
        void chiefComplianceOfficerNeedNotBeAnEmployee(Boolean keyManagerialOrSenior, Status expected) {
            OfficerAppointment director = new OfficerAppointment("cco-d", CHIEF_COMPLIANCE_OFFICER, "A. Rao", true,
                    false, true, SINCE, null, keyManagerialOrSenior);
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER, director), AS_OF),
                    KEY.get(CHIEF_COMPLIANCE_OFFICER));

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.explanation()).as("employment is not asked of it").doesNotContain("not an employee");
        }

        /** A Chief Compliance Officer who is senior enough, so that the defect named is the only one. */
        static Boolean seniorIfCco(OfficerRole role) {
            return role == CHIEF_COMPLIANCE_OFFICER ? Boolean.TRUE : null;
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = OfficerRole.class, names = {"CHIEF_COMPLIANCE_OFFICER", "NODAL_CONTACT_PERSON",
                "RESIDENT_GRIEVANCE_OFFICER"})
        @DisplayName("met by an employee resident in India in post, citing the clause and the appointment")
        void met(OfficerRole role) {
            Obligation o = standing(assess(SSMI, fullBench(), AS_OF), KEY.get(role));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.citation().clause()).as("clause").isEqualTo(CLAUSE.get(role));
            assertThat(o.explanation()).as("names the appointment")
                    .contains(fullBench().stream().filter(a -> a.role() == role).findFirst().orElseThrow().id());
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("defects")
        @DisplayName("breached when the only officer in post is not resident in India or not an employee")
        void breachedByADefectiveAppointment(OfficerRole role, String defect, OfficerAppointment appointment) {
            Report report = assess(SSMI, benchWith(role, appointment), AS_OF);

            Obligation o = standing(report, KEY.get(role));
            assertThat(o.status()).as("%s %s: %s", role, defect, explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.citation().clause()).as("clause").isEqualTo(CLAUSE.get(role));
            assertThat(o.explanation()).as("names what the officer in post lacks")
                    .contains("The officer in post (x-1) is " + defect + (defect.contains("employee") ? " of the platform." : "."))
                    .doesNotContain("key managerial person or senior employee").doesNotContain("Sam Lee");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = OfficerRole.class, names = {"CHIEF_COMPLIANCE_OFFICER", "NODAL_CONTACT_PERSON",
                "RESIDENT_GRIEVANCE_OFFICER"})
        @DisplayName("breached when nobody holds the post")
        void breachedWhenVacant(OfficerRole role) {
            Obligation o = standing(assess(SSMI, benchWith(role), AS_OF), KEY.get(role));

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }
    }

    @Nested
    @DisplayName("Rule 4(1)(b): the Nodal Contact Person is not the Chief Compliance Officer")
    class NodalIsNotTheChiefComplianceOfficer {

        @Test
        @DisplayName("breached when the Nodal Contact Person is the Chief Compliance Officer")
        void samePerson() {
            Report report = assess(SSMI, benchWith(NODAL_CONTACT_PERSON,
                    officer("ncp-1", NODAL_CONTACT_PERSON, "Vikram Iyer", SINCE)), AS_OF);

            Obligation o = standing(report, NODAL);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("says why, naming no one").contains("The officer in post (ncp-1) is also "
                    + "the Chief Compliance Officer (").doesNotContain("Vikram Iyer");
            assertThat(standing(report, CCO).status()).as("the CCO duty itself").isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("met when the Nodal Contact Person is a different person")
        void differentPerson() {
            Obligation o = standing(assess(SSMI, fullBench(), AS_OF), NODAL);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("met when the Nodal Contact Person was Chief Compliance Officer only before 'as of'")
        void formerChiefComplianceOfficer() {
            Report report = assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER,
                    officer("cco-0", CHIEF_COMPLIANCE_OFFICER, "Meera Nair", SINCE, ist("2023-01-01T00:00")),
                    officer("cco-1", CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer", ist("2023-01-01T00:00"))), AS_OF);

            Obligation o = standing(report, NODAL);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
        }
    }

    @Nested
    @DisplayName("Every officer duty: a gap between two appointments")
    class GapBetweenAppointments {

        static final OffsetDateTime FIRST_ENDS = ist("2023-01-01T00:00");
        static final OffsetDateTime SECOND_STARTS = ist("2023-02-01T00:00");

        /**
         * An SSMI, except for the Grievance Officer's gap: there a platform below the threshold, whose Resident
         * Grievance Officer (in the bench) is not its Grievance Officer, so that the gap is one.
         */
        static PlatformProfile gapPlatform(OfficerRole role) {
            return role == GRIEVANCE_OFFICER ? platform(1_000_000) : SSMI;
        }

        static Stream<Arguments> instants() {
            return Stream.of(OfficerRole.values()).flatMap(role -> Stream.of(
                    arguments(role, "last instant of the first", FIRST_ENDS.minus(Duration.ofMillis(1)), Status.MET),
                    arguments(role, "first instant of the gap", FIRST_ENDS, Status.BREACHED),
                    arguments(role, "last instant of the gap", SECOND_STARTS.minus(Duration.ofMillis(1)),
                            Status.BREACHED),
                    arguments(role, "first instant of the second", SECOND_STARTS, Status.MET)));
        }

        @ParameterizedTest(name = "{0}, {1} => {3}")
        @MethodSource("instants")
        @DisplayName("breached inside the gap, met on either side")
        void gap(OfficerRole role, String when, OffsetDateTime asOf, Status expected) {
            Report report = assess(gapPlatform(role), benchWith(role,
                    officer("first", role, "Ravi Menon", SINCE, FIRST_ENDS),
                    officer("second", role, "Lata Pillai", SECOND_STARTS)), asOf);

            Obligation o = standing(report, KEY.get(role));
            assertThat(o.status()).as("%s at the %s: %s", role, when, explain(o)).isEqualTo(expected);
            assertThat(o.citation().clause()).as("clause").isEqualTo(CLAUSE.get(role));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(OfficerRole.class)
        @DisplayName("the breach names when the last appointment ended and when the next starts")
        void vacancyIsDated(OfficerRole role) {
            OffsetDateTime asOf = ist("2023-01-15T12:00");
            Report report = assess(gapPlatform(role), benchWith(role,
                    officer("earlier", role, "Anil Kapoor", SINCE, ist("2022-06-01T00:00")),
                    officer("first", role, "Ravi Menon", ist("2022-06-01T00:00"), FIRST_ENDS),
                    officer("second", role, "Lata Pillai", SECOND_STARTS, ist("2023-06-01T00:00")),
                    officer("later", role, "Uma Bose", ist("2023-06-01T00:00"))), asOf);

            Obligation o = standing(report, KEY.get(role));
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("the latest appointment to end before 'as of', and the next to start")
                    .contains("Vacant since 2023-01-01T00:00+05:30, when appointment first ended.")
                    .contains("Appointment second starts 2023-02-01T00:00+05:30.")
                    .doesNotContain("earlier", "later");
        }

        @Test
        @DisplayName("a Chief Compliance Officer who is not senior enough does not end the vacancy's dates")
        void unqualifiedAppointmentIsNotTheLastOrNext() {
            OffsetDateTime asOf = ist("2023-01-15T12:00");
            Report report = assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER,
                    officer("first", CHIEF_COMPLIANCE_OFFICER, "Ravi Menon", SINCE, FIRST_ENDS),
                    new OfficerAppointment("junior", CHIEF_COMPLIANCE_OFFICER, "Dev Rao", true, true, true,
                            FIRST_ENDS, SECOND_STARTS, false),
                    officer("second", CHIEF_COMPLIANCE_OFFICER, "Lata Pillai", SECOND_STARTS)), asOf);

            Obligation o = standing(report, CCO);
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("explanation: held, so not vacant")
                    .contains("The officer in post (junior) is neither key managerial personnel nor a senior employee.")
                    .contains("No qualifying officer since 2023-01-01T00:00+05:30, when appointment first ended.")
                    .contains("Appointment second starts 2023-02-01T00:00+05:30.")
                    .doesNotContain("Vacant");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(OfficerRole.class)
        @DisplayName("a post held by an officer who does not qualify is not called vacant")
        void heldByAnOfficerWhoDoesNotQualify(OfficerRole role) {
            OffsetDateTime asOf = ist("2023-01-15T12:00");
            OfficerAppointment unqualified = role == GRIEVANCE_OFFICER
                    ? new OfficerAppointment("other", role, "Dev Rao", true, true, false, FIRST_ENDS, null)
                    : new OfficerAppointment("other", role, "Dev Rao", false, true, true, FIRST_ENDS, null,
                    role == CHIEF_COMPLIANCE_OFFICER ? Boolean.TRUE : null);
            Report report = assess(gapPlatform(role), benchWith(role,
                    officer("first", role, "Ravi Menon", SINCE, FIRST_ENDS), unqualified), asOf);

            Obligation o = standing(report, KEY.get(role));
            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
            assertThat(o.explanation()).as("explanation")
                    .contains("The officer in post (other) ")
                    .contains("No qualifying officer since 2023-01-01T00:00+05:30, when appointment first ended.")
                    .doesNotContain("Vacant");
        }
    }

    @Nested
    @DisplayName("Rule 4(1)(a): the Chief Compliance Officer is key managerial personnel or a senior employee")
    class ChiefComplianceOfficerSeniority {

        static OfficerAppointment cco(String id, Boolean keyManagerialOrSenior) {
            return new OfficerAppointment(id, CHIEF_COMPLIANCE_OFFICER, "Vikram Iyer " + id, true, true, true,
                    SINCE, null, keyManagerialOrSenior);
        }

        @ParameterizedTest(name = "keyManagerialOrSenior {0} => {1} by {2}")
        @CsvSource(nullValues = "null", value = {
                "true,  MET,           in.4-1-a.chief-compliance-officer.met",
                "null,  INDETERMINATE, in.4-1-a.chief-compliance-officer.seniority-unknown",
                "false, BREACHED,      in.4-1-a.chief-compliance-officer.breached"})
        @DisplayName("seniority recorded true meets the duty, not recorded leaves it open to doubt, false breaches it")
        void seniority(Boolean keyManagerialOrSenior, Status expected, String rule) {
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER,
                    cco("cco-1", keyManagerialOrSenior)), AS_OF), CCO);

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.citation().ruleId()).as("rule").isEqualTo(rule);
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 4(1)(a)");
        }

        @Test
        @DisplayName("indeterminate: the explanation says seniority is not recorded and names the appointment")
        void seniorityNotRecordedIsExplained() {
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER, cco("cco-1", null)), AS_OF), CCO);

            assertThat(o.explanation()).as("explanation")
                    .contains("key managerial personnel or a senior employee is not recorded").contains("cco-1");
        }

        @Test
        @DisplayName("breached: the explanation says the officer in post is neither key managerial nor senior")
        void notSeniorIsExplained() {
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER, cco("cco-1", false)), AS_OF),
                    CCO);

            assertThat(o.explanation()).as("explanation")
                    .contains("No Chief Compliance Officer in post", "meets Rule 4(1)(a)",
                            "The officer in post (cco-1) is neither key managerial personnel nor a senior employee.");
        }

        @ParameterizedTest(name = "{0} and {1} in post together => {2}")
        @CsvSource(nullValues = "null", value = {
                "true,  false, MET",
                "true,  null,  MET",
                "null,  false, INDETERMINATE"})
        @DisplayName("with two Chief Compliance Officers in post, the better-qualified one decides")
        void twoInPost(Boolean first, Boolean second, Status expected) {
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER,
                    cco("cco-1", first), cco("cco-2", second)), AS_OF), CCO);

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
        }

        @Test
        @DisplayName("a senior Chief Compliance Officer who is not resident in India does not meet it")
        void seniorButNotResident() {
            Obligation o = standing(assess(SSMI, benchWith(CHIEF_COMPLIANCE_OFFICER,
                    new OfficerAppointment("cco-1", CHIEF_COMPLIANCE_OFFICER, "Sam Lee", false, true, true, SINCE,
                            null, true)), AS_OF), CCO);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.BREACHED);
        }

        @ParameterizedTest(name = "keyManagerialOrSenior {0}")
        @CsvSource(nullValues = "null", value = {"true", "false", "null"})
        @DisplayName("seniority is not asked of the other officers")
        void notAskedOfOtherOfficers(Boolean keyManagerialOrSenior) {
            List<OfficerAppointment> bench = new ArrayList<>();
            for (OfficerAppointment a : fullBench()) {
                bench.add(a.role() == CHIEF_COMPLIANCE_OFFICER ? a : new OfficerAppointment(a.id(), a.role(),
                        a.person(), true, true, true, SINCE, null, keyManagerialOrSenior));
            }
            Report report = assess(SSMI, bench, AS_OF);

            for (String key : List.of(GRIEVANCE, NODAL, RESIDENT_GO)) {
                assertThat(standing(report, key).status()).as(explain(standing(report, key))).isEqualTo(Status.MET);
            }
        }
    }

    @Nested
    @DisplayName("Rule 4(5): a physical contact address in India, published")
    class AddressInIndia {

        static PlatformProfile ssmi(Boolean addressInIndiaPublished) {
            return new PlatformProfile("ExampleNet", 5_000_000, false, addressInIndiaPublished);
        }

        @ParameterizedTest(name = "addressInIndiaPublished {0} => {1}")
        @CsvSource(nullValues = "null", value = {
                "true,  MET,           A physical contact address in India is published.",
                "false, BREACHED,      No physical contact address in India is published.",
                "null,  INDETERMINATE, addressInIndiaPublished"})
        @DisplayName("met when published, breached when not, indeterminate when the profile does not say")
        void assessedFromTheProfile(Boolean published, Status expected, String reason) {
            Obligation o = standing(assess(ssmi(published), fullBench(), AS_OF), ADDRESS);

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            assertThat(o.explanation()).as("explanation").contains(reason);
            assertThat(o.citation().clause()).as("clause").isEqualTo("Rule 4(5)");
            assertThat(o.citation().ruleId()).as("rule").isEqualTo("in.4-5.address.assessed");
            assertThat(o.caseId()).as("a standing duty").isNull();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.rules.india.OfficersRulesTest#versionsFromRule4")
        @DisplayName("met in every version from 26 May 2021, cited to the version at 'as of'")
        void inEveryVersion(String version, OffsetDateTime asOf) {
            Obligation o = standing(assess(ssmi(true), fullBench(), asOf), ADDRESS);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.MET);
            assertThat(o.citation().version()).as("version").isEqualTo(version);
        }

        @ParameterizedTest(name = "{0} registered users => {1}")
        @CsvSource({"4999999, NOT_APPLICABLE", "5000000, MET"})
        @DisplayName("applies from 50 lakh registered users in India")
        void threshold(long users, Status expected) {
            Obligation o = standing(assess(new PlatformProfile("ExampleNet", users, false, true), fullBench(), AS_OF),
                    ADDRESS);

            assertThat(o.status()).as(explain(o)).isEqualTo(expected);
            if (expected == Status.NOT_APPLICABLE) {
                assertThat(o.explanation()).as("the reason").contains("4,999,999 registered users", "below the 5,000,000");
            }
        }

        @Test
        @DisplayName("not applicable at 25 May 2021 23:59:59.999 IST; met at 26 May 2021 00:00 IST")
        void appliesFrom26May2021() {
            Obligation before = standing(assess(ssmi(true), fullBench(), RULE_4_APPLIES.minus(Duration.ofMillis(1))),
                    ADDRESS);
            Obligation from = standing(assess(ssmi(true), fullBench(), RULE_4_APPLIES), ADDRESS);

            assertThat(before.status()).as(explain(before)).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(before.explanation()).as("the reason").contains("26 May 2021");
            assertThat(from.status()).as(explain(from)).isEqualTo(Status.MET);
        }

        @Test
        @DisplayName("indeterminate without a platform profile")
        void indeterminateWithoutAProfile() {
            Obligation o = standing(assess(null, fullBench(), AS_OF), ADDRESS);

            assertThat(o.status()).as(explain(o)).isEqualTo(Status.INDETERMINATE);
            assertThat(o.explanation()).as("the reason").contains("No platform profile");
        }
    }

    /** An instant inside each version in which Rule 4 applies, with the version's name. */
    static Stream<Arguments> versionsFromRule4() {
        return Stream.of(V2021, V2022, V2023, V2025, V2026).map(v -> arguments(v, receivedUnder(v)));
    }

    @Nested
    @DisplayName("Every standing obligation: no case, no due instant, a citation to the version at 'as of'")
    class ShapeOfStandingObligations {

        static Stream<Arguments> scenarios() {
            return Stream.of(
                    arguments("before the IT Rules", null, IT_RULES_2021.minusDays(1), "not yet in force"),
                    arguments("before Rule 4", SSMI, ist("2021-03-01T00:00"), V2021),
                    arguments("no platform profile", null, ist("2022-11-01T00:00"), V2022),
                    arguments("below the threshold", platform(10), AS_OF, V2023),
                    arguments("an SSMI, all met", SSMI, ist("2025-12-01T00:00"), V2025),
                    arguments("an SSMI, all met", SSMI, ist("2026-03-01T00:00"), V2026));
        }

        @ParameterizedTest(name = "{0}, as of {2}")
        @MethodSource("scenarios")
        @DisplayName("five standing obligations, each with caseId null, dueAt null and a citation")
        void shape(String scenario, PlatformProfile platform, OffsetDateTime asOf, String version) {
            // With no notice to users recorded, transparency.drl adds its own standing 3(1)(c) duty
            // (TransparencyRulesTest); this file's duties are the rest.
            List<Obligation> officerDuties = assess(platform, fullBench(), asOf).obligations().stream()
                    .filter(o -> !o.duty().equals("3(1)(c).inform-users")).toList();

            assertThat(officerDuties).as("standing obligations when %s", scenario)
                    .extracting(Obligation::duty)
                    .containsExactlyInAnyOrder(GRIEVANCE, CCO, NODAL, RESIDENT_GO, ADDRESS);
            for (Obligation o : officerDuties) {
                assertThat(o.caseId()).as("caseId of %s", o.id()).isNull();
                assertThat(o.dueAt()).as("dueAt of %s", o.id()).isNull();
                assertThat(o.triggerEventId()).as("trigger event of %s", o.id()).isNull();
                assertThat(o.triggeredAt()).as("assessed at 'as of': %s", o.id()).isEqualTo(asOf);
                assertThat(o.citation()).as("citation of %s", o.id()).isNotNull();
                assertThat(o.citation().instrument()).as("instrument of %s", o.id()).isEqualTo(INSTRUMENT);
                assertThat(o.citation().clause()).as("clause of %s", o.id()).startsWith("Rule ");
                assertThat(o.citation().version()).as("version of %s", o.id()).startsWith(version);
                assertThat(o.citation().ruleId()).as("rule of %s", o.id()).startsWith("in.");
            }
        }
    }
}
