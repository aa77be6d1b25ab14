package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.*;
import org.niyam.compliance.india.ComplaintAcknowledged;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.ComplaintResolved;
import org.niyam.compliance.india.ContentRemoved;
import org.niyam.compliance.india.InformationProvided;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.india.TakedownAction;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.*;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.india.OfficerAppointment;
import org.niyam.compliance.india.OfficerRole;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/** The JSON form of evidence and reports: round trips, and input errors that name the line and the field. */
class ComplianceJsonTest {

    /** Evidence with every kind of event, in several offsets, with and without optional fields. */
    static Evidence everyKindOfEvent() {
        return new Evidence(
                new PlatformProfile("Example", 6_000_000, true, true),
                List.of(
                        new OfficerAppointment("a1", OfficerRole.GRIEVANCE_OFFICER, "A. Officer", true, true, true,
                                at("2021-03-01T09:00:00+05:30"), null),
                        new OfficerAppointment("a2", OfficerRole.CHIEF_COMPLIANCE_OFFICER, "B. Officer", false, true,
                                false, at("2021-05-26T00:00:00+05:30"), at("2025-12-31T23:59:59.999+05:30"), true)),
                List.of(
                        new ComplaintReceived("e1", "c1", at("2026-02-20T10:00:00+05:30"), ComplaintCategory.INTIMATE_IMAGERY),
                        new ComplaintAcknowledged("e2", "c1", at("2026-02-20T05:00:00Z")),
                        new ComplaintResolved("e3", "c1", at("2026-02-20T11:59:59.999+05:30")),
                        new RemovalOrderReceived("e4", "c2", at("2026-02-21T09:15:00-04:00"),
                                new Issuer(IssuerKind.POLICE, "Cyber Cell, Delhi",
                                        IssuerRank.DEPUTY_INSPECTOR_GENERAL_OF_POLICE, true, null), "No. 12/2026",
                                new Intimation(true, true, "IT Act s. 79(3)(b)", "defamation",
                                        List.of("https://example.org/p/1"))),
                        new RemovalOrderReceived("e5", "c3", at("2026-02-21T09:15:00+05:30"),
                                new Issuer(IssuerKind.COURT, null, null), null),
                        new ContentRemoved("e6", "c2", at("2026-02-21T10:00:00-04:00"), TakedownAction.DISABLED,
                                RemovalBasis.ORDER),
                        new InformationRequestReceived("e7", "c4", at("2026-02-22T08:00:00+05:30"), "CERT-In"),
                        new InformationRequestReceived("e8", "c5", at("2026-02-22T08:00:00+05:30"), null),
                        new InformationProvided("e9", "c4", at("2026-02-23T08:00:00.123456789+05:30")),
                        new UserNotified("e10", "c6", at("2026-03-01T10:00:00+05:30"), "Rule 3(1)(b)(ii)"),
                        new RecordsDeleted("e11", "c6", at("2026-09-01T10:00:00+05:30"), RecordKind.REMOVED_CONTENT, false),
                        new AccountCancelled("e12", "c7", at("2026-03-01T10:00:00+05:30")),
                        new UsersInformed("e13", "user-notices", at("2026-03-01T00:00:00+05:30")),
                        new ComplianceReportPublished("e14", "monthly-reports", at("2026-03-30T00:00:00+05:30"),
                                YearMonth.of(2026, 2)),
                        new GacOrderReceived("e15", "c8", at("2026-03-01T10:00:00+05:30")),
                        new GacOrderComplied("e16", "c8", at("2026-03-05T10:00:00+05:30")),
                        new FirstOriginatorOrderReceived("e17", "c9", at("2026-03-01T10:00:00+05:30"),
                                OriginatorOrderSource.SECTION_69_ORDER, true, OffenceGround.PUBLIC_ORDER, 7),
                        new FirstOriginatorIdentified("e18", "c9", at("2026-03-02T10:00:00+05:30")),
                        new CyberIncidentNoticed("e19", "c10", at("2026-03-01T10:00:00+05:30"), "data breach"),
                        new CyberIncidentReported("e20", "c10", at("2026-03-01T14:00:00+05:30")),
                        new CustomEvent("e21", "c11", at("2026-03-01T10:00:00+01:00"), "netzdg.assessed",
                                Map.of("verdict", "manifestly-unlawful"))),
                at("2021-01-01T00:00:00+05:30"));
    }

    @Test
    void every_event_type_is_in_the_round_trip() {
        List<Class<?>> types = everyKindOfEvent().events().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(types).containsAll(EventTypes.onClasspath().asMap().values());
    }

    @Test
    void evidence_with_a_packs_own_event_type_is_read_with_the_engines_types_and_refused_without_them() {
        String json = """
                {"events": [{"type": "AppealLodged", "id": "a1", "caseId": "c1", "at": "2026-03-02T10:00:00+05:30",
                             "ground": "GAC"}]}""";
        EventTypes types = EventTypes.onClasspath().with(org.example.appeals.AppealLodged.class, "pack appeals");

        Evidence evidence = ComplianceJson.readEvidence("evidence.json", new StringReader(json), types);

        assertThat(evidence.events()).containsExactly(new org.example.appeals.AppealLodged("a1", "c1",
                at("2026-03-02T10:00:00+05:30"), "GAC", null));
        InputException without = readError(json);
        assertThat(without.field()).isEqualTo("events[0].type");
        assertThat(without.problem()).startsWith("unknown type 'AppealLodged'");
        InputException misspelt = catchThrowableOfType(InputException.class, () -> ComplianceJson.readEvidence(
                "evidence.json", new StringReader(json.replace("AppealLodged", "AppealLoged")), types));
        assertThat(misspelt.problem()).startsWith("unknown type 'AppealLoged'; did you mean 'AppealLodged'?");
    }

    private static InputException readError(String json) {
        InputException e = catchThrowableOfType(InputException.class,
                () -> ComplianceJson.readEvidence("evidence.json", new StringReader(json)));
        assertThat(e).as("an InputException for %s", json).isNotNull();
        assertThat(e.source()).isEqualTo("evidence.json");
        return e;
    }

    @Nested
    class RoundTrips {

        @Test
        void evidence_with_every_kind_of_event() {
            Evidence evidence = everyKindOfEvent();

            String json = ComplianceJson.write(evidence);

            assertThat(ComplianceJson.readEvidence("evidence.json", new StringReader(json))).isEqualTo(evidence);
        }

        @Test
        void evidence_through_a_file(@TempDir Path folder) throws Exception {
            Path file = folder.resolve("evidence.json");
            Files.writeString(file, ComplianceJson.write(everyKindOfEvent()));

            assertThat(ComplianceJson.readEvidence(file)).isEqualTo(everyKindOfEvent());
        }

        @Test
        void events_carry_their_type_and_instants_keep_their_offset() throws Exception {
            String json = ComplianceJson.write(everyKindOfEvent());
            JsonNode events = ComplianceJson.mapper().readTree(json).get("events");

            assertThat(events).extracting(e -> e.get("type").asText()).startsWith("ComplaintReceived",
                    "ComplaintAcknowledged", "ComplaintResolved", "RemovalOrderReceived", "RemovalOrderReceived",
                    "ContentRemoved", "InformationRequestReceived", "InformationRequestReceived", "InformationProvided")
                    .endsWith("CustomEvent");
            assertThat(events.get(0).get("at").asText()).isEqualTo("2026-02-20T10:00:00+05:30");
            assertThat(events.get(1).get("at").asText()).isEqualTo("2026-02-20T05:00:00Z");
            assertThat(events.get(3).get("at").asText()).isEqualTo("2026-02-21T09:15:00-04:00");
            // Nulls are left out.
            assertThat(events.get(7).has("agency")).isFalse();
        }

        @Test
        void a_report() {
            ComplianceEngine engine = TestPacks.clockEngine();
            Evidence evidence = TestPacks.evidence(
                    TestPacks.complaint("e1", "c1", at("2026-03-02T10:00:00+05:30"), ComplaintCategory.INTIMATE_IMAGERY),
                    TestPacks.resolved("e2", "c1", at("2026-03-02T12:00:00.001+05:30")),
                    TestPacks.order("e3", "c2", at("2026-03-02T10:00:00Z")),
                    TestPacks.request("e4", "c3", at("2026-03-02T11:00:00-04:00")));
            Report report = engine.evaluate(evidence, at("2026-03-03T10:00:00+05:30"));
            assertThat(report.count(Status.MET_LATE)).isEqualTo(1);
            assertThat(report.findings()).isNotEmpty();

            String json = ComplianceJson.write(report);

            assertThat(json).contains("\"lateness\" : \"PT0.001S\"", "\"asOf\" : \"2026-03-03T10:00:00+05:30\"");
            assertThat(ComplianceJson.readReport("report.json", new StringReader(json))).isEqualTo(report);
        }
    }

    @Nested
    class InputErrors {

        @Test
        void malformed_json_names_the_line() {
            InputException e = readError("""
                    {
                      "events": [
                        {"type": "ComplaintAcknowledged", "id": "e1",, "caseId": "c1", "at": "2026-02-20T10:00:00+05:30"}
                      ]
                    }
                    """);

            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("evidence.json:3:");
        }

        @Test
        void an_unknown_event_type() {
            InputException e = readError("""
                    {
                      "events": [
                        {"type": "ComplaintAcknowledged", "id": "e1", "caseId": "c1", "at": "2026-02-20T10:00:00+05:30"},
                        {"type": "ComplaintWithdrawn", "id": "e2", "caseId": "c1", "at": "2026-02-20T11:00:00+05:30"}
                      ]
                    }
                    """);

            assertThat(e.field()).startsWith("events[1]");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("ComplaintWithdrawn", "ComplaintReceived");
        }

        @Test
        void a_missing_required_field() {
            InputException e = readError("""
                    {
                      "events": [
                        {"type": "ComplaintReceived", "id": "e1", "caseId": "c1", "at": "2026-02-20T10:00:00+05:30"}
                      ]
                    }
                    """);

            assertThat(e.field()).isEqualTo("events[0].category");
            assertThat(e.getMessage()).contains("category", "required");
        }

        @Test
        void a_wrongly_typed_field() {
            InputException e = readError("""
                    {
                      "platform": {"name": "Example", "registeredUsersInIndia": "many", "messagingService": false}
                    }
                    """);

            assertThat(e.field()).isEqualTo("platform[0].registeredUsersInIndia"); // one profile is a history of one
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("long", "many");
        }

        @Test
        void an_unknown_enum_value() {
            InputException e = readError("""
                    {"events": [{"type": "ComplaintReceived", "id": "e1", "caseId": "c1",
                                 "at": "2026-02-20T10:00:00+05:30", "category": "SPAM"}]}
                    """);

            assertThat(e.field()).isEqualTo("events[0].category");
            assertThat(e.getMessage()).contains("SPAM", "GENERAL", "INTIMATE_IMAGERY");
        }

        @Test
        void a_negative_number_of_users() {
            InputException e = readError("""
                    {
                      "platform": {"name": "Example", "registeredUsersInIndia": -5, "messagingService": false}
                    }
                    """);

            assertThat(e.field()).isEqualTo("platform[0].registeredUsersInIndia"); // one profile is a history of one
            assertThat(e.getMessage()).contains("registeredUsersInIndia", "negative", "-5");
        }

        @Test
        void an_instant_without_offset() {
            InputException e = readError("""
                    {
                      "events": [
                        {"type": "ComplaintAcknowledged", "id": "e1", "caseId": "c1", "at": "2026-02-20T10:00:00+05:30"},
                        {"type": "ComplaintResolved", "id": "e2", "caseId": "c1", "at": "2026-02-20T10:00:00"}
                      ]
                    }
                    """);

            assertThat(e.field()).isEqualTo("events[1].at");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("instant with offset", "2026-02-20T10:00:00");
        }

        @Test
        void an_unknown_field() {
            InputException e = readError("""
                    {"events": [{"type": "ComplaintResolved", "id": "e1", "caseId": "c1",
                                 "at": "2026-02-20T10:00:00+05:30", "colour": "red"}]}
                    """);

            assertThat(e.field()).isEqualTo("events[0].colour");
            assertThat(e.getMessage()).contains("colour");
        }

        @Test
        void an_empty_document() {
            InputException e = readError("");

            assertThat(e.field()).isEmpty();
            assertThat(e.getMessage()).startsWith("evidence.json");
        }
    }
}
