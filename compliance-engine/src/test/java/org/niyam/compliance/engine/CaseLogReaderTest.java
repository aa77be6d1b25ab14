package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.niyam.compliance.engine.TestPacks.at;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * Every kind of bad input through {@link CaseLogReader}, lenient and strict: what happens to the bad entry, what the
 * error names (source, line, field), and that every valid entry around it is kept. The outcomes are the table of
 * {@code docs/robustness.md}.
 */
@DisplayName("CaseLogReader: one documented outcome per kind of bad input, and no valid entry lost")
class CaseLogReaderTest {

    private static final String SOURCE = "cases.jsonl";

    // A small valid log: the platform, its Grievance Officer, and one complaint acknowledged and resolved.
    static final String PLATFORM = """
            {"type": "PlatformProfile", "name": "Samvad", "registeredUsersInIndia": 12000000, "messagingService": false}""";
    static final String OFFICER = """
            {"type": "OfficerAppointment", "id": "appt-1", "role": "GRIEVANCE_OFFICER", "person": "A. Rao", \
            "residentInIndia": true, "employee": true, "contactPublished": true, "from": "2021-05-20T00:00:00+05:30"}""";
    static final String COMPLAINT = """
            {"type": "ComplaintReceived", "id": "e1", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30", \
            "category": "GENERAL"}""";
    static final String ACKNOWLEDGED = """
            {"type": "ComplaintAcknowledged", "id": "e2", "caseId": "case-1", "at": "2026-03-02T11:00:00+05:30"}""";
    private static final String RESOLVED = """
            {"type": "ComplaintResolved", "id": "e3", "caseId": "case-1", "at": "2026-03-02T11:30:00+05:30"}""";

    private static final OffsetDateTime AS_OF = at("2026-03-03T00:00:00+05:30");

    private static CaseLog lenient(String... lines) {
        return CaseLogReader.lenient().read(SOURCE, new StringReader(String.join("\n", lines)));
    }

    private static CaseLog strict(String... lines) {
        return CaseLogReader.strict().read(SOURCE, new StringReader(String.join("\n", lines)));
    }

    private static InputException strictError(String... lines) {
        InputException e = catchThrowableOfType(InputException.class, () -> strict(lines));
        assertThat(e).as("the strict reader throws an InputException").isNotNull();
        return e;
    }

    private static List<String> eventIds(CaseLog log) {
        return log.evidence().events().stream().map(CaseEvent::id).toList();
    }

    /** The valid log with {@code bad} as its third line, between the complaint and the actions on it. */
    private static String[] withBadThirdLine(String bad) {
        return new String[] {PLATFORM, COMPLAINT, bad, ACKNOWLEDGED, OFFICER, RESOLVED};
    }

    /** A bad line, the field the error must name ("" for the whole line) and words the message must hold. */
    static Stream<Arguments> badLines() {
        return Stream.of(
                arguments("malformed JSON: a doubled comma",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9",, "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""",
                        "", List.of("expected a key in double quotes", "found ','")),
                arguments("malformed JSON: a truncated line",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", "at": "2026-03-02""",
                        "", List.of()),
                arguments("not an object", "[\"e9\"]", "", List.of("expected a JSON object")),
                arguments("null", "null", "", List.of("expected a JSON object")),
                arguments("an unknown event type",
                        """
                        {"type": "ComplaintEscalated", "id": "e9", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""",
                        "type", List.of("'ComplaintEscalated'", "ComplaintReceived")),
                arguments("no type",
                        """
                        {"id": "e9", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""",
                        "type", List.of("no \"type\": every entry names its type")),
                arguments("a missing case id",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "at": "2026-03-02T10:00:00+05:30"}""",
                        "caseId", List.of("required")),
                arguments("a missing instant",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1"}""",
                        "at", List.of("required")),
                arguments("a blank id",
                        """
                        {"type": "ComplaintAcknowledged", "id": " ", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""",
                        "id", List.of("must not be blank")),
                arguments("a missing category",
                        """
                        {"type": "ComplaintReceived", "id": "e9", "caseId": "case-2", "at": "2026-03-02T10:00:00+05:30"}""",
                        "category", List.of("required")),
                arguments("a missing boolean of an appointment",
                        """
                        {"type": "OfficerAppointment", "id": "appt-9", "role": "NODAL_CONTACT_PERSON", "person": "B. Iyer", \
                        "employee": true, "contactPublished": true, "from": "2021-05-20T00:00:00+05:30"}""",
                        "residentInIndia", List.of()),
                arguments("an id that is an object",
                        """
                        {"type": "ComplaintAcknowledged", "id": {"n": 9}, "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""",
                        "id", List.of("String")),
                arguments("a case id that is a list",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": ["case-1"], "at": "2026-03-02T10:00:00+05:30"}""",
                        "caseId", List.of("String")),
                arguments("a user count in words",
                        """
                        {"type": "PlatformProfile", "name": "Samvad", "registeredUsersInIndia": "many", "messagingService": false}""",
                        "registeredUsersInIndia", List.of("many")),
                arguments("an instant that is a boolean",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", "at": true}""",
                        "at", List.of("instant with offset")),
                arguments("an unknown category",
                        """
                        {"type": "ComplaintReceived", "id": "e9", "caseId": "case-2", "at": "2026-03-02T10:00:00+05:30", \
                        "category": "RUDE"}""",
                        "category", List.of("RUDE", "GENERAL")),
                arguments("an unknown field",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30", \
                        "colour": "red"}""",
                        "colour", List.of("colour")),
                arguments("an instant without offset",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", "at": "2026-03-02T10:00:00"}""",
                        "at", List.of("instant with offset", "2026-03-02T10:00:00")),
                arguments("a date without a time",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", "at": "2026-03-02"}""",
                        "at", List.of("instant with offset")),
                arguments("an instant with a zone name after the offset",
                        """
                        {"type": "ComplaintAcknowledged", "id": "e9", "caseId": "case-1", \
                        "at": "2026-03-02T10:00:00+05:30[Asia/Kolkata]"}""",
                        "at", List.of("instant with offset")),
                arguments("a negative user count",
                        """
                        {"type": "PlatformProfile", "name": "Samvad", "registeredUsersInIndia": -5, "messagingService": false}""",
                        "registeredUsersInIndia", List.of("negative", "-5")),
                arguments("an appointment that ends before it starts",
                        """
                        {"type": "OfficerAppointment", "id": "appt-9", "role": "NODAL_CONTACT_PERSON", "person": "B. Iyer", \
                        "residentInIndia": true, "employee": true, "contactPublished": true, \
                        "from": "2021-05-20T00:00:00+05:30", "to": "2021-05-19T00:00:00+05:30"}""",
                        "", List.of("must be after 'from'")),
                arguments("an intimation naming a null target",
                        """
                        {"type": "RemovalOrderReceived", "id": "e9", "caseId": "case-2", "at": "2026-03-02T10:00:00+05:30", \
                        "issuer": {"kind": "GOVERNMENT"}, "intimation": {"targets": [null]}}""",
                        "intimation.targets", List.of("must not be null")));
    }

    @Nested
    @DisplayName("a bad line")
    class BadLines {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.engine.CaseLogReaderTest#badLines")
        void lenient_rejects_it_with_its_line_and_field_and_keeps_every_valid_line(String what, String bad,
                                                                                  String field, List<String> words) {
            CaseLog log = lenient(withBadThirdLine(bad));

            assertThat(log.rejected()).as(what).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo(SOURCE);
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.getMessage()).startsWith(SOURCE + ":3: ");
                words.forEach(word -> assertThat(e.getMessage()).contains(word));
            });
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");
            assertThat(log.evidence().platform()).isEqualTo(new PlatformProfile("Samvad", 12_000_000, false));
            assertThat(log.evidence().facts()).extracting("id").containsExactly("appt-1");
            assertThat(log.entries()).as("entries read, valid or not").isEqualTo(6);
            assertThat(log.duplicates()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.engine.CaseLogReaderTest#badLines")
        void strict_throws_the_same_error(String what, String bad, String field, List<String> words) {
            InputException e = strictError(withBadThirdLine(bad));

            assertThat(e.line()).as(what).isEqualTo(3);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(lenient(withBadThirdLine(bad)).rejected().get(0).getMessage());
        }

        @Test
        void every_bad_line_is_reported_in_input_order_and_reading_goes_on() {
            CaseLog log = lenient(PLATFORM, "{", COMPLAINT, "not json", ACKNOWLEDGED, "null", RESOLVED);

            assertThat(log.rejected()).extracting(InputException::line).containsExactly(2, 4, 6);
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");
            assertThat(log.entries()).isEqualTo(7);
        }

        /** A case arises in one jurisdiction: a later event stating another than its case's first is rejected. */
        @Test
        void an_event_stating_another_jurisdiction_than_its_case_is_rejected_naming_the_first() {
            String in = COMPLAINT.replace("}", ", \"jurisdiction\": \"IN\"}");
            String de = ACKNOWLEDGED.replace("}", ", \"jurisdiction\": \"DE\"}");
            CaseLog log = lenient(PLATFORM, in, de, in, RESOLVED);

            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.field()).isEqualTo("jurisdiction");
                assertThat(e.problem()).contains("event 'e2' of case 'case-1' says it arose in DE, event 'e1' (")
                        .contains(":2) in IN");
            });
            assertThat(eventIds(log)).containsExactly("e1", "e3");
            assertThat(log.duplicates()).isEqualTo(1);
        }

        @Test
        void strict_stops_at_the_first_bad_line() {
            InputException e = strictError(PLATFORM, COMPLAINT, "{", ACKNOWLEDGED, "null");

            assertThat(e.line()).isEqualTo(3);
        }

        @Test
        void blank_lines_are_skipped_and_not_counted_and_line_numbers_stay_true() {
            CaseLog log = lenient("", PLATFORM, "   ", "", COMPLAINT, "\t", "{", RESOLVED, "");

            assertThat(log.rejected()).singleElement().extracting(InputException::line).isEqualTo(7);
            assertThat(eventIds(log)).containsExactly("e1", "e3");
            assertThat(log.entries()).isEqualTo(4);
        }

        @Test
        void an_empty_log_is_empty_evidence_not_an_error() {
            CaseLog log = lenient("");

            assertThat(log.rejected()).isEmpty();
            assertThat(log.entries()).isZero();
            assertThat(log.evidence().platform()).isNull();
            assertThat(log.evidence().events()).isEmpty();
            assertThatCode(() -> strict("", "  ")).doesNotThrowAnyException();
        }

        @Test
        void a_log_whose_only_lines_are_bad_gives_evidence_that_evaluates() {
            CaseLog log = lenient("{", "[1]", "\"text\"");

            assertThat(log.rejected()).hasSize(3);
            assertThat(log.evidence().events()).isEmpty();
            assertThatCode(() -> TestPacks.clockEngine().evaluate(log.evidence(), AS_OF)).doesNotThrowAnyException();
        }
    }

    /**
     * Values that Jackson converts by default but that change what the input said. Each must be rejected like any
     * other wrongly typed field (docs/json.md: integers, capitalised enum names, ISO-8601 instants with offset).
     */
    @Nested
    @DisplayName("a value that converts only by losing what it said")
    class LossyConversions {

        @Test
        void a_fractional_user_count_is_rejected_not_truncated() {
            CaseLog log = lenient(PLATFORM.replace("12000000", "4999999.9"), COMPLAINT);

            assertThat(log.evidence().platform()).as("4999999.9 users must not become 4999999").isNull();
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("registeredUsersInIndia");
            });
        }

        @Test
        void a_number_for_a_category_is_rejected_not_read_as_an_index() {
            CaseLog log = lenient(COMPLAINT.replace("\"GENERAL\"", "2"), ACKNOWLEDGED);

            assertThat(eventIds(log)).as("category 2 must not become the third enum constant").containsExactly("e2");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("category");
            });
        }

        @Test
        void a_number_for_an_instant_is_rejected_as_an_instant_without_offset() {
            CaseLog log = lenient(COMPLAINT.replace("\"2026-03-02T10:00:00+05:30\"", "1772425800"), ACKNOWLEDGED);

            assertThat(eventIds(log)).as("epoch seconds are not an ISO-8601 instant with offset").containsExactly("e2");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("at");
                assertThat(e.getMessage()).contains("instant with offset");
            });
        }
    }

    /**
     * Valid lines of unusual form, read to the values they have always had: a line is bound straight to its record
     * only where that gives what binding through a tree gives, and through the tree otherwise.
     */
    @Nested
    @DisplayName("valid lines of unusual form")
    class UnusualForms {

        private CaseEvent only(String line) {
            CaseLog log = lenient(line);
            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().events()).hasSize(1);
            return log.evidence().events().get(0);
        }

        @Test
        void whole_numbers_given_for_text_are_read_as_written() {
            assertThat(only(ACKNOWLEDGED.replace("\"e2\"", "12")).id()).isEqualTo("12");
            assertThat(only(ACKNOWLEDGED.replace("\"e2\"", "-0")).id()).isEqualTo("0");
            assertThat(only(ACKNOWLEDGED.replace("\"case-1\"", "-0")).caseId()).isEqualTo("0");
        }

        @Test
        void the_type_may_come_anywhere_and_white_space_is_free() {
            String lastType = """
                    { "id" : "appt-1" , "role": "GRIEVANCE_OFFICER", "person": "A. Rao", "residentInIndia": true, \
                    "employee": true, "contactPublished": true, "from": "2021-05-20T00:00:00+05:30", \
                    "type" : "OfficerAppointment" }""";
            String spaced = PLATFORM.replace("{\"type\": ", " {  \"type\"\t:\t");

            CaseLog log = lenient(lastType, spaced, RESOLVED.replace("{\"type\": \"ComplaintResolved\", ", "{")
                    .replace("}", ", \"type\": \"ComplaintResolved\"}"));

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence()).isEqualTo(lenient(OFFICER, PLATFORM, RESOLVED).evidence());
        }
    }

    @Nested
    @DisplayName("replays and clashing ids")
    class Replays {

        @Test
        void the_same_event_twice_is_kept_once_and_counted_as_a_duplicate() {
            CaseLog log = lenient(PLATFORM, COMPLAINT, ACKNOWLEDGED, COMPLAINT, RESOLVED, ACKNOWLEDGED);

            assertThat(log.rejected()).isEmpty();
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");
            assertThat(log.entries()).isEqualTo(6);
            assertThat(log.duplicates()).isEqualTo(2);
            assertThat(strict(PLATFORM, COMPLAINT, ACKNOWLEDGED, COMPLAINT, RESOLVED, ACKNOWLEDGED).evidence())
                    .isEqualTo(log.evidence());
        }

        @Test
        void a_replayed_event_counts_once_in_the_report() {
            Report once = TestPacks.clockEngine().evaluate(lenient(PLATFORM, COMPLAINT, RESOLVED).evidence(), AS_OF);
            Report replayed = TestPacks.clockEngine().evaluate(
                    lenient(PLATFORM, COMPLAINT, RESOLVED, COMPLAINT, RESOLVED, COMPLAINT).evidence(), AS_OF);

            assertThat(replayed).isEqualTo(once);
            assertThat(replayed.forCase("case-1")).singleElement().extracting(Obligation::status).isEqualTo(Status.MET);
        }

        @Test
        void the_same_event_with_its_fields_in_another_order_or_offset_spacing_is_the_same_event() {
            String reordered = """
                    {"at": "2026-03-02T10:00:00+05:30", "category": "GENERAL", "caseId": "case-1", "id": "e1",
                    "type": "ComplaintReceived"}""".replace("\n", " ");

            CaseLog log = lenient(COMPLAINT, reordered);

            assertThat(log.rejected()).isEmpty();
            assertThat(log.duplicates()).isEqualTo(1);
        }

        @Test
        void the_same_appointment_twice_is_kept_once_and_counted_as_a_duplicate() {
            CaseLog log = lenient(OFFICER, PLATFORM, OFFICER);

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().facts()).hasSize(1);
            assertThat(log.duplicates()).isEqualTo(1);
        }

        @Test
        void one_id_for_different_content_rejects_the_later_line_naming_the_first_and_keeps_the_first() {
            String clash = COMPLAINT.replace("\"GENERAL\"", "\"INTIMATE_IMAGERY\"");

            CaseLog log = lenient(PLATFORM, COMPLAINT, ACKNOWLEDGED, clash, RESOLVED);

            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.field()).isEqualTo("id");
                assertThat(e.getMessage()).contains("'e1'", "already used at " + SOURCE + ":2", "the first is kept");
            });
            assertThat(log.evidence().events()).contains(
                    new ComplaintReceived("e1", "case-1", at("2026-03-02T10:00:00+05:30"), ComplaintCategory.GENERAL));
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");
            assertThat(log.duplicates()).isZero();

            assertThat(strictError(PLATFORM, COMPLAINT, ACKNOWLEDGED, clash, RESOLVED).line()).isEqualTo(4);
        }

        @Test
        void one_id_for_an_event_of_another_type_is_rejected_too() {
            String clash = ACKNOWLEDGED.replace("\"e2\"", "\"e1\"");

            CaseLog log = lenient(COMPLAINT, clash);

            assertThat(log.rejected()).singleElement().extracting(InputException::field).isEqualTo("id");
            assertThat(eventIds(log)).containsExactly("e1");
        }

        @Test
        void one_appointment_id_for_different_content_replaces_the_first_and_is_counted() {
            CaseLog log = lenient(OFFICER, PLATFORM, OFFICER.replace("A. Rao", "C. Das"));

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().facts()).singleElement().extracting("person").isEqualTo("C. Das");
            assertThat(log.replaced()).isEqualTo(1);
            assertThat(log.duplicates()).isZero();
            assertThat(log.entries()).isEqualTo(3);
            assertThat(strict(OFFICER, PLATFORM, OFFICER.replace("A. Rao", "C. Das"))).isEqualTo(log);
        }

        @Test
        void the_last_line_of_an_appointment_is_the_fact_even_when_it_repeats_an_earlier_one() {
            String other = OFFICER.replace("A. Rao", "C. Das");

            CaseLog log = lenient(OFFICER, other, OFFICER);

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().facts()).singleElement().extracting("person").isEqualTo("A. Rao");
            assertThat(log.replaced()).isEqualTo(2);
            assertThat(log.duplicates()).isZero();
        }

        @Test
        void a_second_different_platform_profile_from_the_same_instant_is_rejected_and_the_first_kept() {
            CaseLog log = lenient(PLATFORM, COMPLAINT, PLATFORM.replace("12000000", "3000000"));

            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).contains("two different PlatformProfiles hold from the start of the "
                        + "evidence", "a later 'from'", SOURCE + ":1");
            });
            assertThat(((PlatformProfile) log.evidence().platform()).registeredUsersInIndia()).isEqualTo(12_000_000);
        }

        @Test
        void the_same_platform_profile_twice_is_kept_once_without_an_error() {
            CaseLog log = lenient(PLATFORM, COMPLAINT, PLATFORM);

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().platform()).isNotNull();
            assertThat(log.entries()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("valid lines the reader cannot judge: kept, and the engine decides")
    class KeptAsGiven {

        private final ComplianceEngine engine = TestPacks.clockEngine();

        @Test
        void an_event_for_a_case_that_nothing_opened_is_kept_and_opens_nothing() {
            String orphan = """
                    {"type": "ComplaintResolved", "id": "e7", "caseId": "case-7", "at": "2026-03-02T12:00:00+05:30"}""";

            CaseLog log = lenient(PLATFORM, COMPLAINT, orphan, RESOLVED);
            Report report = engine.evaluate(log.evidence(), AS_OF);

            assertThat(log.rejected()).isEmpty();
            assertThat(eventIds(log)).contains("e7");
            assertThat(report.forCase("case-7")).isEmpty();
            assertThat(report.forCase("case-1")).singleElement().extracting(Obligation::status).isEqualTo(Status.MET);
        }

        @Test
        void an_action_before_its_trigger_is_kept_and_meets_the_duty_saying_how_early() {
            String early = """
                    {"type": "ComplaintResolved", "id": "e3", "caseId": "case-1", "at": "2026-03-02T09:00:00+05:30"}""";

            CaseLog log = lenient(PLATFORM, COMPLAINT, early);
            Obligation answer = engine.evaluate(log.evidence(), AS_OF).forCase("case-1").get(0);

            assertThat(log.rejected()).isEmpty();
            assertThat(answer.status()).isEqualTo(Status.MET);
            assertThat(answer.dischargeEventId()).isEqualTo("e3");
            assertThat(answer.explanation()).contains("1 h before the clock started");
        }

        @Test
        void events_out_of_time_order_give_the_report_of_in_order_delivery() {
            List<String> inOrder = List.of(PLATFORM, OFFICER, COMPLAINT, ACKNOWLEDGED, RESOLVED,
                    """
                    {"type": "RemovalOrderReceived", "id": "e4", "caseId": "case-2", "at": "2026-03-02T08:00:00Z", \
                    "issuer": {"kind": "COURT"}}""",
                    """
                    {"type": "ContentRemoved", "id": "e5", "caseId": "case-2", "at": "2026-03-02T14:00:00+05:30"}""");
            List<String> reversed = new ArrayList<>(inOrder);
            Collections.reverse(reversed);

            CaseLog ordered = lenient(inOrder.toArray(String[]::new));
            CaseLog unordered = lenient(reversed.toArray(String[]::new));

            assertThat(unordered.evidence().events()).containsExactlyInAnyOrderElementsOf(ordered.evidence().events());
            assertThat(engine.evaluate(unordered.evidence(), AS_OF)).isEqualTo(engine.evaluate(ordered.evidence(), AS_OF));
        }
    }

    @Nested
    @DisplayName("several files read as one log")
    class SeveralFiles {

        @TempDir
        Path folder;

        private Path write(String name, String... lines) throws IOException {
            return Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n");
        }

        @Test
        void entries_of_all_files_are_kept_and_a_replay_across_files_counts_once() throws IOException {
            Path first = write("2026-03-01.jsonl", PLATFORM, OFFICER, COMPLAINT);
            Path second = write("2026-03-02.jsonl", COMPLAINT, ACKNOWLEDGED, RESOLVED);

            CaseLog log = CaseLogReader.lenient().read(List.of(first, second));

            assertThat(log.rejected()).isEmpty();
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");
            assertThat(log.entries()).isEqualTo(6);
            assertThat(log.duplicates()).isEqualTo(1);
            assertThat(CaseLogReader.strict().read(List.of(first, second))).isEqualTo(log);
        }

        @Test
        void an_error_names_its_own_file_and_line_and_a_clash_names_the_first_file() throws IOException {
            Path first = write("a.jsonl", PLATFORM, COMPLAINT);
            Path second = write("b.jsonl", ACKNOWLEDGED, "{", COMPLAINT.replace("GENERAL", "REMOVAL_REQUEST"), RESOLVED);

            CaseLog log = CaseLogReader.lenient().read(List.of(first, second));

            assertThat(log.rejected()).hasSize(2);
            assertThat(log.rejected().get(0)).satisfies(e -> {
                assertThat(e.source()).isEqualTo(second.toString());
                assertThat(e.line()).isEqualTo(2);
            });
            assertThat(log.rejected().get(1)).satisfies(e -> {
                assertThat(e.source()).isEqualTo(second.toString());
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).contains("already used at " + first + ":2");
            });
            assertThat(eventIds(log)).containsExactly("e1", "e2", "e3");

            InputException e = catchThrowableOfType(InputException.class,
                    () -> CaseLogReader.strict().read(List.of(first, second)));
            assertThat(e.source()).isEqualTo(second.toString());
            assertThat(e.line()).isEqualTo(2);
        }

        @Test
        void a_line_that_is_not_utf8_is_rejected_and_the_lines_around_it_kept() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes((COMPLAINT + "\n").getBytes(StandardCharsets.UTF_8));
            // "café" in Latin-1: one byte 0xE9 that is not UTF-8.
            bytes.writeBytes(("""
                    {"type": "CustomEvent", "id": "e8", "caseId": "case-1", "at": "2026-03-02T10:30:00+05:30", \
                    "kind": "note", "attributes": {"text": "café"}}""" + "\n").getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes((RESOLVED + "\n").getBytes(StandardCharsets.UTF_8));
            Path file = Files.write(folder.resolve("latin1.jsonl"), bytes.toByteArray());

            CaseLog log = CaseLogReader.lenient().read(file);

            assertThat(eventIds(log)).containsExactly("e1", "e3");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo(file.toString());
                assertThat(e.line()).isEqualTo(2);
            });
        }
    }

    @Nested
    @DisplayName("a JSON array of entries")
    class JsonArrays {

        private String array(String... entries) {
            return "[\n" + String.join(",\n", entries) + "\n]\n";
        }

        private CaseLog read(String text) {
            return CaseLogReader.lenient().read("cases.json", new StringReader(text));
        }

        @Test
        void is_read_like_json_lines() {
            CaseLog log = read(array(PLATFORM, OFFICER, COMPLAINT, ACKNOWLEDGED, RESOLVED, COMPLAINT));

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence()).isEqualTo(lenient(PLATFORM, OFFICER, COMPLAINT, ACKNOWLEDGED, RESOLVED).evidence());
            assertThat(log.entries()).isEqualTo(6);
            assertThat(log.duplicates()).isEqualTo(1);
        }

        @Test
        void a_bad_entry_is_rejected_with_the_line_it_starts_on_and_the_others_kept() {
            String unknownType = """
                    {"type": "ComplaintEscalated", "id": "e9", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30"}""";
            String noOffset = ACKNOWLEDGED.replace("+05:30", "");

            CaseLog log = read(array(PLATFORM, COMPLAINT, unknownType, noOffset, RESOLVED));

            assertThat(log.rejected()).extracting(InputException::line).containsExactly(4, 5);
            assertThat(log.rejected().get(1).field()).isEqualTo("at");
            assertThat(eventIds(log)).containsExactly("e1", "e3");
            assertThat(log.evidence().platform()).isNotNull();
        }

        @Test
        void broken_syntax_keeps_the_entries_before_it_and_stops_with_one_error() {
            // After a syntax error inside an array there is no reliable next entry: reading stops there.
            CaseLog log = read(array(PLATFORM, COMPLAINT, "{\"type\": \"ComplaintAcknowledged\", \"id\": }", RESOLVED));

            assertThat(eventIds(log)).containsExactly("e1");
            assertThat(log.evidence().platform()).isNotNull();
            assertThat(log.rejected()).singleElement().extracting(InputException::line).isEqualTo(4);
        }

        @Test
        void strict_throws_at_the_first_bad_entry() {
            InputException e = catchThrowableOfType(InputException.class, () -> CaseLogReader.strict()
                    .read("cases.json", new StringReader(array(PLATFORM, COMPLAINT, "null", RESOLVED))));

            assertThat(e).isNotNull();
            assertThat(e.line()).isEqualTo(4);
        }
    }

    @org.junit.jupiter.api.Test
    void progressIsToldEveryFewThousandEntries() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2 * CaseLogReader.PROGRESS_EVERY + 10; i++) {
            log.append(i == 5 ? "{broken\n" : "{\"type\": \"ComplaintAcknowledged\", \"id\": \"e" + i
                    + "\", \"caseId\": \"c\", \"at\": \"2026-03-02T10:00:00+05:30\"}\n");
        }
        java.util.List<String> told = new java.util.ArrayList<>();

        CaseLogReader.lenient().withProgress((entries, rejected) -> told.add(entries + "/" + rejected))
                .read("log.jsonl", new java.io.StringReader(log.toString()));

        assertThat(told).containsExactly(CaseLogReader.PROGRESS_EVERY + "/1", 2 * CaseLogReader.PROGRESS_EVERY + "/1");
    }
}
