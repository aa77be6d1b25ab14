package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * A DRL that names a fact type, field or method the model does not have fails the build with the file, the line
 * and the name, so that its author can fix the spelling or the import. (The Drools compiler finds these; these
 * tests hold its messages to that standard.)
 */
@DisplayName("Unknown fact types, fields and methods in DRL")
class UnknownTypesTest {

    private static Problem onlyProblem(String name, String drl) {
        RulePackException e = catchThrowableOfType(RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.drl(name, drl)).build());
        assertThat(e).as("the build fails").isNotNull();
        assertThat(e.problems()).as("problems of %s", name).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void an_unknown_fact_type_in_a_condition() {
        Problem p = onlyProblem("type.drl", """
                package org.niyam.test.unknown.type;

                import org.niyam.compliance.india.ComplaintReceived;

                rule "u.type"
                    @citation("Section 1")
                when
                    $c : Complaint()
                then
                end
                """);

        assertThat(p.source()).isEqualTo("type.drl");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).contains("Unable to resolve ObjectType 'Complaint'");
    }

    @Test
    void an_import_of_a_type_the_model_does_not_have_is_named() {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.drl("import.drl", """
                        package org.niyam.test.unknown.imports;

                        import org.niyam.compliance.model.NetzDgComplaint;

                        rule "u.import"
                            @citation("Section 1")
                        when
                            NetzDgComplaint()
                        then
                        end
                        """)).build());

        assertThat(e.problems()).extracting(Problem::source).containsOnly("import.drl");
        assertThat(e.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("'org.niyam.compliance.model.NetzDgComplaint'"))
                .anySatisfy(m -> assertThat(m).contains("Unable to resolve ObjectType 'NetzDgComplaint'"));
        assertThat(e.problems()).filteredOn(p -> p.message().contains("ObjectType"))
                .extracting(Problem::line).containsExactly(8);
    }

    @Test
    void an_unknown_field_in_a_constraint() {
        Problem p = onlyProblem("field.drl", """
                package org.niyam.test.unknown.field;

                import org.niyam.compliance.model.CustomEvent;

                rule "u.field"
                    @citation("Section 1")
                when
                    CustomEvent(kindd == "netzdg.assessment")
                then
                end
                """);

        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).contains("kindd");
    }

    @Test
    void an_unknown_method_in_a_consequence_names_its_line_and_the_method() {
        Problem p = onlyProblem("method.drl", """
                package org.niyam.test.unknown.method;

                import org.niyam.compliance.india.ComplaintReceived;

                rule "u.method"
                    @citation("Section 1")
                when
                    $c : ComplaintReceived()
                then
                    String number = $c.caseNumber();
                end
                """);

        // The compiler places errors in a consequence at the rule's first line; the engine finds the line that
        // names the unknown method.
        assertThat(p.source()).isEqualTo("method.drl");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.message()).contains("caseNumber()", "ComplaintReceived");
    }
}
