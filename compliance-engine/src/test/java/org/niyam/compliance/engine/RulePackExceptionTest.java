package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.pack.LawVersion;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/** A broken rule pack is reported when the engine is built, every problem at once, each with file and line. */
class RulePackExceptionTest {

    // Line numbers in the DRL below are asserted: line 9 is the pattern of each rule.
    private static final String SYNTAX_ERROR = """
            package org.niyam.test.syntax;

            import org.niyam.compliance.india.ComplaintReceived;
            import org.niyam.compliance.model.Duty;

            rule "s.broken"
                @citation("Section 1")
            when
                $c : ComplaintReceived(id == )
            then
            end
            """;

    private static final String TYPE_ERROR = """
            package org.niyam.test.type;

            import org.niyam.compliance.india.ComplaintReceived;
            import org.niyam.compliance.model.Duty;

            rule "s.no-such-field"
                @citation("Section 1")
            when
                $c : ComplaintReceived(colour == "red")
            then
            end
            """;

    private static RulePackException buildFailure(RulePack... packs) {
        ComplianceEngine.Builder builder = ComplianceEngine.builder();
        for (RulePack pack : packs) {
            builder.rulePack(pack);
        }
        return catchThrowableOfType(RulePackException.class, builder::build);
    }

    private static String rule(String pkg, String name, String annotations) {
        return """
                package %s;

                import org.niyam.compliance.india.ComplaintReceived;

                rule "%s"
                    %s
                when
                    ComplaintReceived()
                then
                end
                """.formatted(pkg, name, annotations);
    }

    @Nested
    class Drl {

        /** Sent between processes (a remote job's failure), the exception keeps its problems and warnings. */
        @Test
        void problems_and_warnings_survive_serialization() throws Exception {
            RulePackException sent = new RulePackException(List.of(new Problem("a.drl", 3, "no such field")),
                    List.of(new Problem("b.drl", 0, "duty key 'k' is concluded by two packs")));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(sent);
            }
            RulePackException received;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                received = (RulePackException) in.readObject();
            }

            assertThat(received.problems()).isEqualTo(sent.problems());
            assertThat(received.warnings()).isEqualTo(sent.warnings());
            assertThat(received.getMessage()).isEqualTo(sent.getMessage());
        }

        @Test
        void syntax_error_names_the_file_and_the_line() {
            RulePackException e = buildFailure(RulePack.drl("syntax.drl", SYNTAX_ERROR));

            assertThat(e.problems()).isNotEmpty();
            assertThat(e.problems().get(0).source()).isEqualTo("syntax.drl");
            assertThat(e.problems().get(0).line()).isEqualTo(9);
            assertThat(e.getMessage()).contains("syntax.drl:9:");
        }

        /**
         * Brackets nested thousands deep (a generated or hostile file) are refused before Drools parses them: its
         * parsers spent half a minute and overflowed their stack, naming no file or line. Restricted or not.
         */
        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void brackets_nested_too_deep_are_refused_naming_the_file_and_the_line(boolean restricted) {
            String deep = "(".repeat(3_000) + "1" + ")".repeat(3_000);
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.model.*;

                    // a comment ((((( and a string "((((" do not count
                    rule "deep"
                        @citation("Policy 1")
                    when
                        eval(%s > 0)
                    then
                    end
                    """.formatted(deep);
            RulePack pack = RulePack.drl("deep.drl", drl);
            RulePackException e = buildFailure(restricted ? pack : pack.unrestricted());

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("deep.drl");
                assertThat(p.line()).isEqualTo(8);
                assertThat(p.message()).contains("nested more than 256 deep");
            });
        }

        /**
         * A flat chain of operators, with no bracket, builds a syntax tree as deep: 2,000 terms overflowed the stack
         * with no file or line. Restricted or not.
         */
        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void a_chain_of_operators_too_long_is_refused_naming_the_file_and_the_line(boolean restricted) {
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.model.*;

                    // a comment + + + + and a string "+ + + +" do not count
                    rule "flat"
                        @citation("Policy 1")
                    when
                        $f : Finding()
                    then
                        int n = 1%s;
                    end
                    """.formatted(" + 1".repeat(2_000));
            RulePack pack = RulePack.drl("flat.drl", drl);
            RulePackException e = buildFailure(restricted ? pack : pack.unrestricted());

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("flat.drl");
                assertThat(p.line()).isEqualTo(10);
                assertThat(p.message()).contains("more than 512 operators in one expression");
            });
        }

        @Test
        void constraint_on_a_field_that_does_not_exist_names_the_file_the_line_and_the_field() {
            RulePackException e = buildFailure(RulePack.drl("type.drl", TYPE_ERROR));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("type.drl");
                assertThat(p.line()).isEqualTo(9);
                assertThat(p.message()).contains("colour");
            });
        }

        @Test
        void several_broken_files_are_all_reported_in_one_exception() {
            RulePackException e = buildFailure(RulePack.drl("syntax.drl", SYNTAX_ERROR),
                    RulePack.drl("type.drl", TYPE_ERROR));

            assertThat(e.problems()).extracting(Problem::source).contains("syntax.drl", "type.drl");
            assertThat(e.problems()).filteredOn(p -> p.source().equals("type.drl"))
                    .extracting(Problem::line).containsExactly(9);
            assertThat(e.getMessage()).contains("syntax.drl:9:", "type.drl:9:");
        }

        @Test
        void several_broken_files_of_one_folder_are_all_reported(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("a.drl"), SYNTAX_ERROR);
            Files.writeString(folder.resolve("b.drl"), TYPE_ERROR);

            RulePackException e = buildFailure(RulePack.directory(folder));

            assertThat(e.problems()).extracting(Problem::source)
                    .contains(folder.resolve("a.drl").toString(), folder.resolve("b.drl").toString());
        }

        @Test
        void a_rule_without_citation_is_rejected_naming_the_rule() {
            RulePackException e = buildFailure(RulePack.drl("bare.drl", rule("org.niyam.test.bare", "s.uncited", "")));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("bare.drl");
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.message()).contains("'s.uncited'", "@citation");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"@citation(\"\")", "@citation(\"  \")", "@instrument(\"Other Act\")"})
        void a_blank_citation_is_no_citation(String annotations) {
            RulePackException e = buildFailure(RulePack.drl("blank.drl", rule("org.niyam.test.blank", "s.blank", annotations)));

            assertThat(e.problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("'s.blank'", "@citation"));
        }

        @Test
        void two_rules_with_one_name_in_two_packs_are_rejected() {
            RulePack first = RulePack.drl("first.drl", rule("org.niyam.test.first", "s.same", "@citation(\"Section 1\")"));
            RulePack second = RulePack.drl("second.drl", rule("org.niyam.test.second", "s.same", "@citation(\"Section 2\")"));

            RulePackException e = buildFailure(first, second);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("second.drl");
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.message()).contains("'s.same'", "first.drl:5", "unique");
            });
        }

        @Test
        void no_packs_at_all() {
            assertThatThrownBy(() -> ComplianceEngine.builder().build())
                    .isInstanceOf(RulePackException.class)
                    .hasMessageContaining("no rule pack given");
        }
    }

    @Nested
    class Descriptor {

        @Test
        void two_packs_defining_one_parameter() {
            RulePackException e = buildFailure(RulePack.classpath("packs/param-a"), RulePack.classpath("packs/param-b"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("classpath:packs/param-b/pack.yaml");
                assertThat(p.message()).contains("'shared.clock'", "'param-a'");
            });
        }

        @Test
        void unknown_parameter_type() {
            assertThatThrownBy(() -> RulePack.classpath("packs/bad-type"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/bad-type/pack.yaml");
                                assertThat(p.message()).contains("'bad.clock'", "'length'", "duration, number, flag, text");
                            }));
        }

        @Test
        void duration_that_does_not_parse() {
            assertThatThrownBy(() -> RulePack.classpath("packs/bad-duration"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/bad-duration/pack.yaml");
                                assertThat(p.message()).contains("'bad.clock'", "'36 hours'", "PT36H");
                            }));
        }

        @Test
        void versions_out_of_order() {
            assertThatThrownBy(() -> RulePack.classpath("packs/bad-order"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/bad-order/pack.yaml");
                                assertThat(p.message()).contains("versions[1]", "Test Act as made", "oldest first");
                            }));
        }

        @Test
        void parameter_values_out_of_order_and_other_problems_are_reported_together(@TempDir Path folder)
                throws IOException {
            Files.writeString(folder.resolve("pack.yaml"), """
                    id: several
                    instrument: Test Act, 2020
                    parameters:
                      late.clock:
                        type: duration
                        values:
                          - {from: 2026-02-20T00:00:00+05:30, value: PT2H}
                          - {from: 2020-01-01T00:00:00+05:30, value: PT10H}
                      odd.clock:
                        type: length
                        values:
                          - {from: 2020-01-01T00:00:00+05:30, value: PT2H}
                    """);
            Path descriptor = folder.resolve("pack.yaml");

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> {
                        assertThat(e.problems()).extracting(Problem::source).containsOnly(descriptor.toString());
                        assertThat(e.problems()).extracting(Problem::message).anySatisfy(m ->
                                assertThat(m).contains("'late.clock'", "values[1]", "oldest first"));
                        assertThat(e.problems()).extracting(Problem::message).anySatisfy(m ->
                                assertThat(m).contains("'odd.clock'", "'length'"));
                    });
        }

        @Test
        void each_problem_of_a_pack_yaml_is_placed_on_the_line_of_its_entry(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("pack.yaml"), """
                    id: lines
                    instrument: Test Act, 2020
                    jurisdictions: [IN, India]
                    versions:
                      - {name: later, from: 2026-01-01T00:00:00+05:30}
                      - {name: earlier, from: 2025-01-01T00:00:00+05:30}
                    parameters:
                      test.clock:
                        type: duration
                        values:
                          - {from: 2026-01-01T00:00:00+05:30, value: PT6H}
                          - {from: 2025-01-01T00:00:00+05:30, value: PT12H}
                      test.users:
                        type: numbr
                    """);

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems())
                            .extracting(p -> p.line() + " " + p.message().substring(0, 20)).containsExactlyInAnyOrder(
                                    "3 'jurisdictions' has ", "6 versions[1] 'earlier", "12 parameter 'test.cloc",
                                    "14 parameter 'test.user"));
        }

        @Test
        void an_instant_without_offset_in_a_pack_yaml_is_named_in_words(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("pack.yaml"), """
                    id: offset
                    instrument: Test Act, 2020
                    versions:
                      - {name: as made, from: 2025-01-01T00:00:00}
                    """);

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.line()).isEqualTo(4);
                                assertThat(p.message()).isEqualTo("versions[0].from: expected an ISO-8601 instant with "
                                        + "offset, e.g. 2026-02-20T10:15:00+05:30, not \"2025-01-01T00:00:00\"");
                            }));
        }

        @Test
        void a_listed_drl_file_that_is_missing_on_the_classpath() {
            assertThatThrownBy(() -> RulePack.classpath("packs/missing-drl"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/missing-drl/pack.yaml");
                                assertThat(p.message()).contains("'absent.drl'", "classpath:packs/missing-drl/absent.drl",
                                        "does not exist");
                            }));
        }

        @Test
        void a_listed_drl_file_that_is_missing_in_a_folder(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("pack.yaml"), """
                    id: folder-pack
                    instrument: Test Act, 2020
                    rules: [absent.drl]
                    """);

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo(folder.resolve("pack.yaml").toString());
                                assertThat(p.message()).contains("lists 'absent.drl'").contains("does not exist");
                            }));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"../outside.drl", "sub/../../outside.drl", "ABSOLUTE"})
        void a_listed_drl_file_outside_the_folder_is_not_read(String listed, @TempDir Path root) throws IOException {
            Path folder = Files.createDirectories(root.resolve("pack"));
            Path outside = Files.writeString(root.resolve("outside.drl"), "secret-token-in-a-file-outside");
            String name = listed.equals("ABSOLUTE") ? outside.toAbsolutePath().toString() : listed;
            Files.writeString(folder.resolve("pack.yaml"), """
                    id: folder-pack
                    instrument: Test Act, 2020
                    rules: ["%s"]
                    """.formatted(name));

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo(folder.resolve("pack.yaml").toString());
                                assertThat(p.message()).contains("lists '" + name + "'", "outside the pack's folder")
                                        .doesNotContain("secret-token");
                            }));
        }

        @ParameterizedTest(name = "listed in pack.yaml: {0}")
        @ValueSource(booleans = {true, false})
        void a_link_to_a_file_outside_the_folder_is_not_read(boolean listed, @TempDir Path root) throws IOException {
            Path folder = Files.createDirectories(root.resolve("pack"));
            Path outside = Files.writeString(root.resolve("outside.txt"), "secret-token-in-a-file-outside");
            Files.createSymbolicLink(folder.resolve("rules.drl"), outside);
            if (listed) {
                Files.writeString(folder.resolve("pack.yaml"), """
                        id: folder-pack
                        instrument: Test Act, 2020
                        rules: [rules.drl]
                        """);
            }

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p.message()).contains("outside the pack's folder")
                                    .doesNotContain("secret-token")));
        }

        @Test
        void a_pack_yaml_over_3_mib_is_refused_by_its_size_unread(@TempDir Path folder) throws IOException {
            // SnakeYAML's work on one long value grows as the square of its length before its own limit is checked:
            // a 30 MB value took minutes.
            Files.writeString(folder.resolve("pack.yaml"), "id: large\ninstrument: " + "A".repeat(3 << 20));
            Files.writeString(folder.resolve("rules.drl"), "package x;");

            assertThatThrownBy(() -> RulePack.directory(folder))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .isEqualTo(new Problem(folder.resolve("pack.yaml").toString(), 0, "is 3,145,750 bytes "
                                    + "long, over the limit of 3,145,728 (3 MiB) a YAML file may have: it is not "
                                    + "read")));
        }

        @Test
        void a_pack_yaml_text_over_3_mib_is_refused_unread() {
            String text = "id: large\ninstrument: " + "A".repeat(3 << 20);

            RulePack.Contents contents = new RulePack.Contents("large", new RulePack.DrlSource("large/pack.yaml",
                    text), List.of(new RulePack.DrlSource("large/rules.drl", "package x;")));

            assertThatThrownBy(() -> RulePack.of(contents))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .isEqualTo(new Problem("large/pack.yaml", 0, "is 3,145,750 characters long, over the "
                                    + "limit of 3,145,728 (3 MiB) a YAML file may have: it is not read")));
        }

        @Test
        void a_classpath_location_that_does_not_exist() {
            assertThatThrownBy(() -> RulePack.classpath("packs/no-such-pack"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/no-such-pack/pack.yaml");
                                assertThat(p.message()).contains("does not exist");
                            }));
        }

        @Test
        void an_unknown_key_names_the_file_and_the_key() {
            assertThatThrownBy(() -> RulePack.classpath("packs/unknown-key"))
                    .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.source()).isEqualTo("classpath:packs/unknown-key/pack.yaml");
                                assertThat(p.line()).isEqualTo(4);
                                assertThat(p.message()).isEqualTo("unknown key 'parameter'; did you mean 'parameters'?");
                            }));
        }

        @Test
        void a_good_pack_loads_with_its_versions_and_parameters() {
            RulePack pack = RulePack.classpath(TestPacks.CLOCK_PACK);

            assertThat(pack.id()).isEqualTo("test-clock");
            assertThat(pack.instrument()).isEqualTo(TestPacks.INSTRUMENT);
            assertThat(pack.versions()).extracting(LawVersion::name).containsExactly(TestPacks.AS_MADE, TestPacks.AMENDED);
            assertThat(pack.parameters()).containsOnlyKeys("test.clock", "test.inform");
            assertThat(pack.versionAt(TestPacks.AMENDMENT.minusNanos(1_000_000))).isEqualTo(TestPacks.AS_MADE);
            assertThat(pack.versionAt(TestPacks.AMENDMENT)).isEqualTo(TestPacks.AMENDED);
            assertThat(pack.versionAt(TestPacks.IN_FORCE.minusNanos(1_000_000))).isNull();
        }
    }
}
