package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * Error messages say what the person who wrote the rules or the case log needs, in the words of
 * {@code docs/writing-rules.md} and {@code docs/json.md}: not what the DRL compiler or the JSON parser saw.
 */
@DisplayName("Error messages name what is wrong and the likely intended name")
class ErrorMessagesTest {

    private static RulePackException buildFailure(RulePack pack, UnaryOperator<ComplianceEngine.Builder> more) {
        ComplianceEngine.Builder builder = more.apply(ComplianceEngine.builder().rulePack(pack));
        return catchThrowableOfType(RulePackException.class, builder::build);
    }

    private static String drl(String constraint) {
        // Line 8 is the pattern.
        return """
                package org.niyam.test.fields;

                import org.niyam.compliance.india.ComplaintReceived;

                rule "t.field"
                    @citation("Section 1")
                when
                    $c : ComplaintReceived(%s)
                then
                end
                """.formatted(constraint);
    }

    @Nested
    @DisplayName("a rule pack")
    class Rules {

        @ParameterizedTest(name = "restricted: {0}")
        @ValueSource(booleans = {true, false})
        void a_consequence_that_does_not_parse_is_told_without_the_parsers_stack_trace(boolean restricted) {
            RulePack pack = RulePack.drl("syntax.drl", """
                    package org.niyam.test.syntax;

                    import org.niyam.compliance.india.ComplaintReceived;

                    rule "t.syntax"
                        @citation("Section 1")
                    when
                        $c : ComplaintReceived()
                    then
                        int x = ;
                    end
                    """);
            RulePackException e = buildFailure(restricted ? pack : pack.unrestricted(), b -> b);

            assertThat(e.problems()).as(e.getMessage()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("syntax.drl");
                assertThat(p.line()).isPositive();
                assertThat(p.message()).doesNotContain("stacktrace", "GeneratedJavaParser", "(JavaParser.java:");
            });
        }

        @ParameterizedTest(name = "restricted: {0}")
        @ValueSource(booleans = {true, false})
        void a_misspelt_fact_field_is_named_with_the_field_meant(boolean restricted) {
            RulePack pack = RulePack.drl("typo.drl", drl("categroy != null"));
            RulePackException e = buildFailure(restricted ? pack : pack.unrestricted(), b -> b);

            assertThat(e.problems()).containsExactly(new Problem("typo.drl", 8,
                    "no field 'categroy' in ComplaintReceived; did you mean 'category'?"));
            assertThat(e.getMessage()).doesNotContain("strict-mode", "left part");
        }

        @ParameterizedTest(name = "restricted: {0}")
        @ValueSource(booleans = {true, false})
        void a_field_far_from_any_lists_the_fields_of_the_fact(boolean restricted) {
            RulePack pack = RulePack.drl("colour.drl", drl("colour == \"red\""));
            RulePackException e = buildFailure(restricted ? pack : pack.unrestricted(), b -> b);

            assertThat(e.problems()).containsExactly(new Problem("colour.drl", 8,
                    "no field 'colour' in ComplaintReceived; its fields are id, caseId, at, category and jurisdiction"));
        }

        /**
         * A name that cannot be resolved in a {@code from} expression is placed at that expression, quoted as the
         * pack wrote it: it was placed at the first consequence naming it, in another rule, and then at the rule,
         * quoting the expression the engine wraps it in to count what it gives.
         */
        @Test
        void an_unresolved_name_in_a_from_expression_is_placed_at_its_rule_and_line() {
            RulePack pack = RulePack.drl("from.drl", """
                    package org.niyam.test.from;

                    import org.niyam.compliance.model.*;
                    import java.util.List;

                    rule "t.from"
                        @citation("Section 1")
                    when
                        $e : CustomEvent(kind == "complaint", $c : caseId)
                        f : Finding() from new Finding("a", $c, "under review", List.of($x.id()))
                    then
                        insert(f);
                    end

                    rule "t.other"
                        @citation("Section 2")
                    when
                        $e : CustomEvent(kind == "complaint", $c : caseId)
                    then
                        insert(new Finding("b", $c, "not under review", List.of($e.id())));
                    end
                    """);
            RulePackException e = buildFailure(pack, b -> b);

            assertThat(e.problems()).as(e.getMessage()).containsExactly(new Problem("from.drl", 10,
                    "Unable to Analyse Expression new Finding(\"a\", $c, \"under review\", List.of($x.id())):"));
        }

        /**
         * The same in an {@code eval}, whose binding the executable model does not resolve inside a concatenation:
         * it was blamed on the first file of the rule base, another pack's (a file naming the binding in its
         * consequence), with no line.
         */
        @Test
        void an_unresolved_name_in_an_eval_is_placed_at_its_rule_and_line() {
            RulePack other = RulePack.drl("other.drl", """
                    package org.niyam.test.other;

                    import org.niyam.compliance.model.*;

                    rule "o.other"
                        @citation("Section 2")
                    when
                        $c : CustomEvent(kind == "complaint")
                    then
                        insert(new Finding("b", $c.caseId(), "seen", java.util.List.of($c.id())));
                    end
                    """).unrestricted();
            RulePack pack = RulePack.drl("eval.drl", """
                    package org.niyam.test.eval;

                    import org.niyam.compliance.model.*;
                    function boolean f(Object o) { return true; }

                    rule "t.eval"
                        @citation("Section 1")
                    when
                        $c : CustomEvent(kind == "complaint")
                        eval(f("x" + $c.id()))
                    then
                    end
                    """);
            RulePackException e = buildFailure(other, b -> b.rulePack(pack));

            assertThat(e.problems()).as(e.getMessage()).containsExactly(new Problem("eval.drl", 10,
                    "rule 't.eval': $c cannot be resolved"));
        }

        @Test
        void a_duplicate_rule_name_is_one_problem() {
            String twice = """
                    package org.niyam.test.twice;

                    import org.niyam.compliance.india.ComplaintReceived;

                    rule "t.same"
                        @citation("Section 1")
                    when
                        ComplaintReceived()
                    then
                    end

                    rule "t.same"
                        @citation("Section 2")
                    when
                        ComplaintReceived()
                    then
                    end
                    """;
            RulePack restricted = RulePack.drl("twice.drl", twice);
            for (RulePack pack : List.of(restricted, restricted.unrestricted())) {
                RulePackException e = buildFailure(pack, b -> b);

                assertThat(e.problems()).as("restricted: %s", pack.restricted()).containsExactly(new Problem("twice.drl",
                        12, "rule id 't.same' is already used at twice.drl:5: rule names are ids and must be unique "
                        + "across all packs"));
            }
        }

        @Test
        void a_misspelt_setting_gets_the_setting_meant() {
            RulePackException e = buildFailure(RulePack.classpath("packs/kinds"),
                    b -> b.setting("test.service-levle", "PT3H"));

            assertThat(e.problems()).containsExactly(new Problem("engine", 0, "setting 'test.service-levle': no pack "
                    + "defines that parameter; did you mean 'test.service-level'?"));
        }

        @Test
        void a_fixed_parameter_of_ones_own_pack_is_not_called_law() {
            RulePackException e = buildFailure(RulePack.classpath("packs/kinds"), b -> b.setting("test.prior", "PT3H"));

            assertThat(e.problems()).containsExactly(new Problem("classpath:packs/kinds/pack.yaml", 0,
                    "setting 'test.prior': pack 'test-kinds' fixes this parameter: only a parameter its pack.yaml "
                            + "marks 'setting: true' can be set"));
            assertThat(e.getMessage()).doesNotContain("law");
        }
    }

    @Nested
    @DisplayName("a case log")
    class CaseLogs {

        private static final String COMPLAINT = """
                {"type": "ComplaintReceived", "id": "e1", "caseId": "case-1", "at": "2026-03-02T10:00:00+05:30", \
                "category": "GENERAL"}""";

        /** The error of a log whose second line is {@code bad}. */
        private static InputException secondLine(String bad) {
            InputException e = catchThrowableOfType(InputException.class, () -> CaseLogReader.strict()
                    .read("cases.jsonl", new StringReader(COMPLAINT + "\n" + bad + "\n")));
            assertThat(e.line()).isEqualTo(2);
            return e;
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                an unclosed object  | {"type": "ComplaintAcknowledged", "id": "e2"               | the text ends before the object is closed: a '}' is missing
                a key not in quotes | {"type": "ComplaintAcknowledged", id: "e2"}               | expected a key in double quotes, such as "id", but found 'i' (column 35)
                a doubled comma     | {"type": "ComplaintAcknowledged",, "id": "e2"}            | expected a key in double quotes, such as "id", but found ',' (column 34)
                a missing colon     | {"type" "ComplaintAcknowledged"}                          | expected ':' between the key and its value, but found '"' (column 9)
                a missing comma     | {"type": "ComplaintAcknowledged" "id": "e2"}              | expected ',' before the next key, or '}' to close the object, but found '"' (column 34)
                a word, not JSON    | not json                                                  | 'not' is not a JSON value: text is written in double quotes, and a value is text, a number, true, false, null, an object or a list (column 1)
                cut after a comma   | {"type": "ContentRemoved", "id": "e2",                    | the text ends inside the object, before its next key or its '}': the rest of the entry is missing
                two objects         | {"type": "ComplaintAcknowledged", "id": "e2", "caseId": "case-1", "at": "2026-03-02T11:00:00+05:30"} {"x": 1} | more text follows the entry on its line: one JSON object per line
                """)
        void malformed_json_is_described_at_its_line_without_the_parsers_location(String what, String bad,
                                                                                  String message) {
            InputException e = secondLine(bad);

            assertThat(e.problem()).as(what).isEqualTo(message);
            assertThat(e.getMessage()).startsWith("cases.jsonl:2: ").doesNotContain("line: 1", "column: 1", "code ",
                    "Source");
        }

        @Test
        void an_unknown_event_type_gets_the_type_meant_and_the_known_types_in_words() {
            InputException e = secondLine(COMPLAINT.replace("ComplaintReceived", "ComplaintRecieved"));

            assertThat(e.field()).isEqualTo("type");
            assertThat(e.problem()).startsWith("unknown type 'ComplaintRecieved'; did you mean 'ComplaintReceived'? "
                    + "The known types are AccountCancelled, ComplaintAcknowledged, ComplaintReceived, ")
                    .endsWith(", UserNotified and UsersInformed").doesNotContain("[", "org.niyam");
        }

        @Test
        void an_unknown_type_of_a_case_log_lists_its_other_entries_too() {
            InputException e = secondLine("{\"type\": \"PlatfromProfile\", \"name\": \"Samvad\"}");

            assertThat(e.problem()).startsWith("unknown type 'PlatfromProfile'; did you mean 'PlatformProfile'? ")
                    .contains(" EvidencePeriod, ", " OfficerAppointment, ", " PlatformProfile, ");
        }

        @Test
        void an_unknown_event_type_far_from_any_lists_the_known_types() {
            InputException e = secondLine(COMPLAINT.replace("ComplaintReceived", "Escalated"));

            assertThat(e.problem()).startsWith("unknown type 'Escalated'. The known types are AccountCancelled, ");
        }

        @Test
        void a_misspelt_optional_key_is_named_with_the_key_meant() {
            InputException e = secondLine(COMPLAINT.replace("\"category\"", "\"categroy\": \"GENERAL\", \"category\""));

            assertThat(e.field()).isEqualTo("categroy");
            assertThat(e.problem()).isEqualTo("unknown key 'categroy' in ComplaintReceived; did you mean 'category'?");
        }

        @Test
        void a_misspelt_required_key_is_named_rather_than_the_key_it_leaves_out() {
            InputException e = secondLine(COMPLAINT.replace("caseId", "caseid"));

            assertThat(e.field()).isEqualTo("caseid");
            assertThat(e.problem()).isEqualTo("unknown key 'caseid' in ComplaintReceived; did you mean 'caseId'?");
        }

        @Test
        void an_instant_without_offset_is_quoted_without_the_parsers_words() {
            InputException e = secondLine(COMPLAINT.replace("2026-03-02T10:00:00+05:30", "2026-03-02T10:00:00"));

            assertThat(e.field()).isEqualTo("at");
            assertThat(e.problem()).isEqualTo("expected an ISO-8601 instant with offset, e.g. 2026-02-20T10:15:00+05:30, "
                    + "not \"2026-03-02T10:00:00\"");
        }

        /** An instant in the form asked for that names no such day, or an offset out of range: java.time's reason. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                no such day          | 2026-02-30T10:00:00+05:30 | invalid date 'FEBRUARY 30'
                no 29 February       | 2026-02-29T10:00:00+05:30 | invalid date 'February 29' as '2026' is not a leap year
                an offset too large  | 2026-03-02T10:00:00+25:00 | the offset is out of range (at most 18 hours either side of UTC)
                """)
        void an_instant_in_form_that_names_no_instant_says_why(String what, String at, String why) {
            InputException e = secondLine(COMPLAINT.replace("2026-03-02T10:00:00+05:30", at));

            assertThat(e.field()).isEqualTo("at");
            assertThat(e.problem()).as(what).isEqualTo("expected an ISO-8601 instant with offset, e.g. "
                    + "2026-02-20T10:15:00+05:30, not \"" + at + "\": " + why);
        }

        @Test
        void a_boolean_given_as_other_text_is_asked_for_in_words() {
            InputException e = secondLine(CaseLogReaderTest.OFFICER.replace("\"residentInIndia\": true",
                    "\"residentInIndia\": \"yes\""));

            assertThat(e.field()).isEqualTo("residentInIndia");
            assertThat(e.problem()).isEqualTo("expected true or false, not \"yes\"");
        }

        @Test
        void an_unknown_key_far_from_any_lists_the_keys() {
            InputException e = secondLine(COMPLAINT.replace("\"category\"", "\"colour\": \"red\", \"category\""));

            assertThat(e.problem()).isEqualTo("unknown key 'colour' in ComplaintReceived, which has the keys id, "
                    + "caseId, at, category and jurisdiction");
        }

        @Test
        void a_month_that_is_not_a_month_is_asked_for_as_a_month_not_as_an_instant() {
            InputException e = secondLine("{\"type\": \"ComplianceReportPublished\", \"id\": \"e2\", \"caseId\": "
                    + "\"monthly\", \"at\": \"2026-03-02T10:00:00+05:30\", \"month\": \"2026-13\"}");

            assertThat(e.field()).isEqualTo("month");
            assertThat(e.problem()).isEqualTo("expected a month as YYYY-MM, e.g. 2026-02, not \"2026-13\"");
        }
    }

    @Nested
    @DisplayName("an evidence document")
    class EvidenceDocuments {

        private static InputException reading(String json) {
            return catchThrowableOfType(InputException.class,
                    () -> ComplianceJson.readEvidence("evidence.json", new StringReader(json)));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                a list        | [{"events": []}]  | expected a JSON object (Evidence), not a list
                text          | "evidence"        | expected a JSON object (Evidence), not text
                a number      | 42                | expected a JSON object (Evidence), not a number
                nothing       | '   '             | the input is empty: expected a JSON object
                """)
        void a_document_that_is_not_an_object_is_described_without_the_parsers_words(String what, String json,
                                                                                     String message) {
            InputException e = reading(json);

            assertThat(e.problem()).as(what).isEqualTo(message);
            assertThat(e.getMessage()).startsWith("evidence.json").doesNotContain("org.niyam", "JsonToken", "`");
        }

        @Test
        void a_month_in_an_evidence_document_is_asked_for_as_a_month() {
            InputException e = reading("{\"events\": [{\"type\": \"ComplianceReportPublished\", \"id\": \"e1\", "
                    + "\"caseId\": \"monthly\", \"at\": \"2026-03-02T10:00:00+05:30\", \"month\": \"March\"}]}");

            assertThat(e.field()).isEqualTo("events[0].month");
            assertThat(e.problem()).isEqualTo("expected a month as YYYY-MM, e.g. 2026-02, not \"March\"");
        }
    }
}
