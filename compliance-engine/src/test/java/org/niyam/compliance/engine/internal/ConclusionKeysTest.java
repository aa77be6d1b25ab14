package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import org.niyam.compliance.pack.RulePack;

/**
 * The keys and codes a pack owns are the string literals its consequences and functions pass where they conclude,
 * read from their syntax trees: not a literal in a comment, a condition, a string or another argument.
 */
class ConclusionKeysTest {

    private static StoredAnalysis.Conclusions scan(String drl) {
        DrlAnalysis analysis = DrlAnalysis.of(new RulePack.DrlSource("x.drl", drl));
        assertThat(analysis.parsed()).as("the DRL parses").isTrue();
        return ConclusionKeys.scan(analysis);
    }

    @Test
    void the_literals_passed_where_a_consequence_or_function_concludes_are_found() {
        StoredAnalysis.Conclusions found = scan("""
                package p;
                import org.niyam.compliance.model.*;
                import org.niyam.compliance.india.*;

                function Duty officer(CaseEvent e) {
                    return Duty.periodic("f.periodic", "w", "c", e);
                }

                rule "a" @citation("x")
                when
                    $e : ComplaintReceived()
                then
                    insert(new Duty("a.duty", "w", "c", $e));
                    insert(Duty.keepUntil(("a.kept"), "w", "c", $e));
                    insert(new org.niyam.compliance.model.Assessment("a.assessed", "w", null, "e", List.of()));
                    insert(Assessment.about($e, "a.about", "w", null, "e", List.of()));
                    insert(org.niyam.compliance.model.Duty.periodic("a.qualified", "w", "c", $e));
                    insert(new Finding("a.code", $e.caseId(), "m", List.of()));
                    insert(new Finding("a.\\"quoted\\"", $e.caseId(), "m", List.of()));
                end
                """);

        assertThat(found.origin()).isEqualTo("x.drl");
        assertThat(found.keys()).containsExactly("a.about", "a.assessed", "a.duty", "a.kept", "a.qualified",
                "f.periodic");
        assertThat(found.codes()).containsExactly("a.\"quoted\"", "a.code");
    }

    @Test
    void a_literal_in_a_comment_a_string_a_condition_or_another_argument_is_not_a_key() {
        StoredAnalysis.Conclusions found = scan("""
                package p;
                import org.niyam.compliance.model.*;
                import org.niyam.compliance.india.*;

                // new Duty("comment.line", "w", "c", $e)
                rule "a" @citation("x")
                when
                    $e : ComplaintReceived()
                    Duty(key == "condition.key")
                then
                    /* insert(new Duty("comment.block", "w", "c", $e)); */
                    String s = "new Duty(\\"string.key\\", ...) and new Finding(\\"string.code\\"";
                    insert(new Duty(s, "not.a.key", "c", $e)); // new Finding("comment.code", ...)
                    insert(Assessment.about($e, s, "about.what", null, "e", List.of()));
                    insert(Duty.keepUntil(s + "built", "w", "c", $e));
                    System.out.println(String.format("new Duty(\\"format.key\\""));
                end
                """);

        assertThat(found.keys()).isEmpty();
        assertThat(found.codes()).isEmpty();
    }

    @Test
    void a_type_of_the_same_name_that_is_not_the_models_is_not_a_conclusion() {
        StoredAnalysis.Conclusions found = scan("""
                package p;
                import org.example.Finding;

                declare Duty
                    key : String
                end

                rule "a" @citation("x")
                when
                then
                    insert(new Duty("own.duty"));
                    insert(new Finding("own.finding"));
                    insert(new org.example.Assessment("other.assessment"));
                    insert(new org.niyam.compliance.model.Finding("model.code", "c", "m", java.util.List.of()));
                end
                """);

        assertThat(found.keys()).isEmpty();
        assertThat(found.codes()).containsExactly("model.code");
    }

    /**
     * A model type's static method reached through a static import ({@code import static}, DRL's
     * {@code import function}, single or on demand), or called through a variable, as Java allows, concludes.
     */
    @Test
    void a_static_import_or_a_call_through_a_variable_reaches_the_models_methods() {
        StoredAnalysis.Conclusions found = scan("""
                package p;
                import static org.niyam.compliance.model.Duty.keepUntil;
                import static org.niyam.compliance.model.Assessment.*;
                import function org.niyam.compliance.model.Duty.periodic;
                import org.niyam.compliance.model.*;
                import org.niyam.compliance.india.*;

                rule "a" @citation("x")
                when
                    $e : ComplaintReceived()
                    $d : Duty()
                then
                    insert(keepUntil("s.kept", "w", "c", $e));
                    insert(periodic("s.periodic", "w", "c", $e));
                    insert(about($e, "s.about", "w", null, "e", List.of()));
                    insert($d.keepUntil("i.kept", "w", "c", $e));
                    insert(String.valueOf("not.a.key").keepUntil("x.kept"));
                    insert(Math.keepUntil("another.types.method", "w", "c", $e));
                end
                """);

        assertThat(found.keys()).containsExactly("i.kept", "s.about", "s.kept", "s.periodic", "x.kept");
    }

    /**
     * A simple name is resolved as Java resolves it: a type of the file's own package, or of a package imported on
     * demand, is not the model's; a single-type import of the model's type in another file of the same DRL package
     * (which Drools compiles with it) makes it the model's.
     */
    @Test
    void a_simple_name_names_the_type_java_finds() {
        String other = "org.niyam.compliance.engine.internal.keys";
        assertThat(scan("package " + other + ";\n" + """
                rule "a" @citation("x")
                when
                then
                    insert(new Finding("same.package"));
                end
                """).codes()).isEmpty();
        assertThat(scan("package p;\nimport " + other + ".*;\n" + """
                rule "a" @citation("x")
                when
                then
                    insert(new Finding("on.demand"));
                end
                """).codes()).isEmpty();
        assertThat(scan("package p;\nimport " + other + ".*;\nimport org.niyam.compliance.model.*;\n" + """
                rule "a" @citation("x")
                when
                then
                    insert(new Finding("ambiguous", "c", "m", java.util.List.of()));
                end
                """).codes()).as("ambiguous, so not compiled: counted").containsExactly("ambiguous");

        DrlAnalysis first = DrlAnalysis.of(new RulePack.DrlSource("first.drl", """
                package p;
                import org.niyam.compliance.model.Finding;
                """));
        DrlAnalysis second = DrlAnalysis.of(new RulePack.DrlSource("second.drl", "package p;\nimport " + other
                + ".*;\n" + """
                rule "a" @citation("x")
                when
                then
                    insert(new Finding("imported.by.the.other.file", "c", "m", java.util.List.of()));
                end
                """));
        assertThat(ConclusionKeys.scan(second, List.of(first, second), getClass().getClassLoader()).codes())
                .containsExactly("imported.by.the.other.file");
        assertThat(ConclusionKeys.scan(second).codes()).as("the file alone").isEmpty();
    }

    @Test
    void each_pack_owns_the_keys_of_its_files() {
        RulePack first = RulePack.drl("first.drl", "package p;\n");
        RulePack second = RulePack.drl("second.drl", "package q;\n");
        ConclusionKeys keys = ConclusionKeys.of(List.of(first, second), List.of(
                new StoredAnalysis.Conclusions("first.drl", List.of("k"), List.of("c")),
                new StoredAnalysis.Conclusions("second.drl", List.of("k", "own"), List.of())));
        String[] found = new String[1];

        assertThat(keys.otherOwnerOfKey("k", second)).isSameAs(first);
        assertThat(keys.otherOwnerOfKey("k", first)).isSameAs(second);
        assertThat(keys.otherOwnerOfKey("own", second)).isNull();
        assertThat(keys.otherOwnerOfKey("own", first)).isSameAs(second);
        assertThat(keys.otherOwnerOfCode("c", second)).isSameAs(first);
        assertThat(keys.otherOwnerOfCode("c", first)).isNull();
        assertThat(keys.otherOwnerOfObligation("own@e-1", first, found)).isSameAs(second);
        assertThat(found[0]).isEqualTo("own");
    }
}
