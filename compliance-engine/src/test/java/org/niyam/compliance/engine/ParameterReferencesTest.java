package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.internal.ParameterReferences;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * A parameter a rule names but no pack defines, reads as the wrong type, or cannot read on a date the pack is in
 * force fails the engine build with the DRL file and line, before anything runs.
 */
@DisplayName("Parameter references in DRL are checked at build")
class ParameterReferencesTest {

    /** A pack in force from 2020 with a clock, a threshold, a switch starting late, and a setting without default. */
    private static final String PACK_YAML = """
            id: params
            instrument: Test Act, 2020
            versions:
              - {name: as made, from: 2020-01-01T00:00:00+05:30}
            parameters:
              t.answer:
                type: duration
                values:
                  - {from: 2020-01-01T00:00:00+05:30, value: PT10H}
              t.threshold:
                type: number
                values:
                  - {from: 2020-01-01T00:00:00+05:30, value: 100}
              t.late-switch:
                type: flag
                values:
                  - {from: 2024-01-01T00:00:00+05:30, value: true}
              t.service-level:
                type: duration
                setting: true
            """;

    private static final String HEADER = """
            package org.niyam.test.params;

            import org.niyam.compliance.india.ComplaintReceived;
            import org.niyam.compliance.model.Duty;
            import org.niyam.compliance.model.LawInForce;
            import org.niyam.compliance.india.PlatformProfile;

            """;

    @TempDir
    Path folder;

    private RulePack pack(String rules) throws IOException {
        Files.writeString(folder.resolve("pack.yaml"), PACK_YAML);
        Files.writeString(folder.resolve("rules.drl"), HEADER + rules);
        return RulePack.directory(folder);
    }

    private Path drl() {
        return folder.resolve("rules.drl");
    }

    private static RulePackException failure(ComplianceEngine.Builder builder) {
        return catchThrowableOfType(RulePackException.class, builder::build);
    }

    private RulePackException failure(String rules) throws IOException {
        return failure(ComplianceEngine.builder().rulePack(pack(rules)));
    }

    @Nested
    @DisplayName("a name no pack defines")
    class Undefined {

        @Test
        void the_clock_of_a_duty_names_the_file_the_line_the_rule_and_the_likely_name() throws IOException {
            RulePackException e = failure("""
                    rule "p.answer"
                        @citation("Section 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("t.answer", "Answer the complaint",
                                "t.answr", $c));
                    end
                    """);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(drl().toString());
                assertThat(p.line()).isEqualTo(14);
                assertThat(p.message()).contains("'t.answr'", "not defined by any pack", "the clock of a Duty",
                        "'p.answer'", "did you mean 't.answer'?", "pack.yaml");
            });
        }

        @Test
        void the_clock_of_a_keep_until_duty() throws IOException {
            RulePackException e = failure("""
                    rule "p.keep"
                        @citation("Section 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(Duty.keepUntil("t.keep", "Keep the record", "t.retention", $c));
                    end
                    """);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(13);
                assertThat(p.message()).contains("'t.retention'", "the clock of a Duty");
            });
        }

        @Test
        void reads_of_law_in_force_in_conditions_and_consequences() throws IOException {
            RulePackException e = failure("""
                    rule "p.big"
                        @citation("Section 2")
                    when
                        $law : LawInForce(flag("t.in-force"))
                        PlatformProfile(registeredUsersInIndia >= $law.numberAt("t.treshold", $law.asOf))
                    then
                        String name = $law.text("t.name");
                    end
                    """);

            assertThat(e.problems()).extracting(Problem::line).containsExactly(11, 12, 14);
            assertThat(e.problems().get(0).message()).contains("'t.in-force'", "LawInForce.flag(\"t.in-force\")", "'p.big'");
            assertThat(e.problems().get(1).message()).contains("'t.treshold'", "numberAt", "did you mean 't.threshold'?");
            assertThat(e.problems().get(2).message()).contains("'t.name'", "LawInForce.text(\"t.name\")");
        }

        @Test
        void a_parameter_of_another_pack_is_found_when_that_pack_is_loaded_too() throws IOException {
            String rules = """
                    rule "p.ours"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("p.ours", "Answer it our way", "test.clock", $c));
                    end
                    """;
            Path ours = Files.createDirectory(folder.resolve("ours"));
            Files.writeString(ours.resolve("ours.drl"), HEADER + rules);

            RulePackException alone = failure(ComplianceEngine.builder().rulePack(RulePack.directory(ours)));
            assertThat(alone.problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("'test.clock'", "or load the pack that defines it"));

            ComplianceEngine both = ComplianceEngine.builder()
                    .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                    .rulePack(RulePack.directory(ours))
                    .build();
            assertThat(both.ruleIds()).contains("p.ours");
        }

        @Test
        void comments_strings_and_names_built_at_run_time_are_not_references() throws IOException {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                    // new Duty("k", "w", "t.commented-out", $c)
                    /* $law.flag("t.also-commented") */
                    rule "p.fine"
                        @citation("Section 1")
                    when
                        $c : ComplaintReceived()
                        $law : LawInForce()
                    then
                        String clock = "t." + "answer";
                        insert(new Duty("t.answer", "Say new Duty(a, b, 't.in-a-string', c)",
                                clock, $c));
                    end
                    """)).build();

            assertThat(engine.ruleIds()).containsExactly("p.fine");
        }
    }

    @Nested
    @DisplayName("a parameter used as the wrong type")
    class WrongType {

        @Test
        void a_clock_that_is_not_a_duration() throws IOException {
            RulePackException e = failure("""
                    rule "p.answer"
                        @citation("Section 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("t.answer", "Answer the complaint", "t.threshold", $c));
                    end
                    """);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(13);
                assertThat(p.message()).contains("'t.threshold' is a number", "must be a parameter of type duration");
            });
        }

        @Test
        void a_number_read_as_a_flag_says_which_reader_to_use() throws IOException {
            RulePackException e = failure("""
                    rule "p.threshold"
                        @citation("Section 2")
                    when
                        LawInForce(flag("t.threshold"))
                    then
                    end
                    """);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("'t.threshold' is a number", "read it with number(...)");
            });
        }
    }

    @Nested
    @DisplayName("a parameter read on a date it has no value")
    class NotDefinedForADate {

        @Test
        void a_value_starting_after_the_pack_is_in_force_names_both_dates() throws IOException {
            RulePackException e = failure("""
                    rule "p.switch"
                        @citation("Section 3")
                    when
                        LawInForce(flag("t.late-switch"))
                    then
                    end
                    """);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(drl().toString());
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("'t.late-switch' has no value before 2024-01-01T00:00+05:30",
                        "in force from 2020-01-01T00:00+05:30", "definedAt(\"t.late-switch\"");
            });
        }

        @Test
        void a_rule_that_asks_defined_at_first_is_accepted() throws IOException {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                    rule "p.switch"
                        @citation("Section 3")
                    when
                        $law : LawInForce(definedAt("t.late-switch", asOf), flag("t.late-switch"))
                    then
                    end
                    """)).build();

            assertThat(engine.ruleIds()).containsExactly("p.switch");
        }

        @Test
        void a_setting_without_default_must_be_given_before_it_is_read() throws IOException {
            String rules = """
                    rule "p.service-level"
                        @citation("Section 4")
                    when
                        $law : LawInForce(duration("t.service-level") != null)
                    then
                    end
                    """;

            RulePackException e = failure(rules);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(11);
                assertThat(p.message()).contains("'t.service-level' has no value", "setting without default",
                        "ComplianceEngine.Builder.setting(\"t.service-level\"");
            });

            ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack(rules))
                    .setting("t.service-level", "PT4H").build();
            assertThat(engine.ruleIds()).containsExactly("p.service-level");
        }

        @Test
        void a_clock_without_value_is_left_to_the_lifecycle_which_reports_it_indeterminate() throws IOException {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack("""
                    rule "p.service-level"
                        @citation("Section 4")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("p.service-level", "Answer within our service level", "t.service-level", $c));
                    end
                    """)).build();

            assertThat(engine.ruleIds()).containsExactly("p.service-level");
        }
    }

    @Test
    @DisplayName("the scan finds each literal with its use, line and rule")
    void scan() {
        RulePack.DrlSource source = new RulePack.DrlSource("x.drl", """
                rule "a"
                when
                    $law : LawInForce(!flag("f.one"))
                then
                    insert(new Duty("k", "w", "c.one", $e));
                end

                function long threshold(LawInForce law) {
                    return law.number("n.one");
                }
                rule 'b'
                when
                    $law : LawInForce()
                    Thing(size > $law.numberAt("n.two", $law.asOf), text("not-a-parameter") == "x")
                then
                end
                """);

        assertThat(ParameterReferences.scan(source))
                .extracting(r -> r.parameter() + "/" + r.use() + "/" + r.line() + "/" + r.rule())
                .containsExactly("f.one/FLAG/3/a", "c.one/CLOCK/5/a", "n.one/NUMBER/9/null", "n.two/NUMBER/14/b");
    }
}
