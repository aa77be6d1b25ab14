package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Assessment;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.EvidencePeriod;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.LawInForce;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * A restricted pack shares the working memory with the India pack and the engine's facts, but may update, modify or
 * delete only what its own rules inserted, and may insert conclusions, not the evidence the engine is given.
 */
class RestrictedPackFactsTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00+05:30");
    private static final Evidence EVIDENCE = new Evidence(new PlatformProfile("ExampleNet", 80_000_000, false),
            List.of(), List.of(new ComplaintReceived("c-1", "case-1", AT, ComplaintCategory.values()[0]),
                    new ComplaintReceived("c-2", "case-2", AT.plusHours(1), ComplaintCategory.values()[0])));

    private static final String PACK = """
            package org.example.policy;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            %s
            """;

    private static Report evaluate(RulePack pack) {
        return ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).rulePack(pack).build()
                .evaluate(EVIDENCE, AT.plusDays(1));
    }

    private static RuleExecutionException refused(String rules) {
        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> evaluate(RulePack.drl("policy.drl", PACK.formatted(rules))));
        assertThat(e).as("the evaluation is refused:\n%s", rules).isNotNull();
        assertThat(e.getCause()).as("told without a stack trace").isNull();
        return e;
    }

    private static int indiaObligations() {
        return ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).build()
                .evaluate(EVIDENCE, AT.plusDays(1)).obligations().size();
    }

    /** The refusal cannot be caught by the rule that was refused: the evaluation stops all the same. */
    @Test
    void a_rule_cannot_swallow_its_refusal() {
        RuleExecutionException e = refused("""
                rule "evil.drop-duties-quietly"
                    @citation("x")
                    salience -1000
                when
                    $d : Duty()
                then
                    try { delete($d); } catch (Throwable t) { }
                end
                """);
        assertThat(e.getMessage()).contains("evil.drop-duties-quietly");
    }

    @Test
    void a_restricted_pack_may_not_delete_the_india_packs_duties() {
        RuleExecutionException e = refused("""
                rule "evil.drop-duties"
                    @citation("x")
                    salience -1000
                when
                    $d : Duty()
                then
                    delete($d);
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.drop-duties");
        assertThat(e.getMessage()).contains("rule 'evil.drop-duties' (x, policy.drl:5)", "restricted pack 'policy.drl'",
                "deleted Duty '", "of pack 'india-it-rules' inserted",
                "may update, modify or delete only the facts its own rules inserted", "unrestricted()");
    }

    @Test
    void a_restricted_pack_may_not_delete_the_law_in_force() {
        RuleExecutionException e = refused("""
                rule "evil.drop-law"
                    @citation("x")
                    salience 1000
                when
                    $l : LawInForce()
                then
                    delete($l);
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.drop-law");
        assertThat(e.getMessage()).contains("'evil.drop-law'", "deleted LawInForce, which the engine was given as "
                + "evidence");
    }

    @Test
    void a_restricted_pack_may_not_update_an_event() {
        RuleExecutionException e = refused("""
                rule "evil.touch"
                    @citation("x")
                    no-loop true
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    update($c);
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.touch");
        assertThat(e.getMessage()).contains("restricted pack 'policy.drl' updated ComplaintReceived 'c-1' of case "
                + "'case-1', which the engine was given as evidence");
    }

    @Test
    void a_restricted_pack_may_not_insert_the_law_in_force_or_an_event() {
        RuleExecutionException law = refused("""
                rule "evil.law"
                    @citation("x")
                when
                    $l : LawInForce()
                    not LawInForce(this != $l)
                then
                    insert(new LawInForce($l.asOf(), java.util.Map.of()));
                end
                """);
        RuleExecutionException event = refused("""
                rule "evil.event"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new ComplaintReceived("forged", "case-1", $c.at(), $c.category()));
                end
                """);

        assertThat(law.ruleId()).isEqualTo("evil.law");
        assertThat(law.getMessage()).contains("restricted pack 'policy.drl' inserted LawInForce, which is evidence the "
                + "engine is given, not a conclusion");
        assertThat(event.getMessage()).contains("inserted ComplaintReceived 'forged' of case 'case-1'");
    }

    @Test
    void a_restricted_pack_may_not_delete_what_another_restricted_pack_concluded() {
        RulePack concludes = RulePack.drl("mine.drl", """
                package org.example.mine;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                rule "mine.finding"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new Finding("MINE", $c.caseId(), "noted", java.util.List.of($c.id()), null));
                end
                """);
        RulePack drops = RulePack.drl("other.drl", PACK.formatted("""
                rule "other.drop"
                    @citation("x")
                when
                    $f : Finding(code == "MINE")
                then
                    delete($f);
                end
                """));

        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.classpath(INDIA)).rulePack(concludes).rulePack(drops).build()
                .evaluate(EVIDENCE, AT.plusDays(1)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("restricted pack 'other.drl' deleted Finding", "rule 'mine.finding'",
                "of pack 'mine.drl' inserted");
    }

    @Test
    void a_restricted_pack_still_modifies_and_deletes_its_own_facts() {
        Report report = evaluate(RulePack.drl("policy.drl", PACK.formatted("""
                declare Note
                    id : String
                    seen : boolean
                end

                rule "own.note"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Note($c.id(), false));
                end

                rule "own.see"
                    @citation("x")
                when
                    $n : Note(!seen)
                then
                    modify($n) { setSeen(true) }
                end

                rule "own.drop"
                    @citation("x")
                when
                    $n : Note(seen)
                then
                    delete($n);
                end

                rule "own.finding"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new Finding("OWN", $c.caseId(), "noted", java.util.List.of($c.id()), null));
                end

                rule "own.finding.dropped"
                    @citation("x")
                    salience -10
                when
                    $f : Finding(code == "OWN")
                then
                    delete($f);
                end
                """)));

        assertThat(report.obligations()).hasSize(indiaObligations());
        assertThat(report.findings()).noneMatch(f -> f.code().equals("OWN"));
    }

    @Test
    void the_engines_facts_and_the_models_conclusions_are_immutable_so_no_call_changes_them() {
        for (Class<?> type : List.of(LawInForce.class, EvidencePeriod.class, Duty.class, Discharge.class,
                Assessment.class, Finding.class, PlatformProfile.class, ComplaintReceived.class)) {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
        }
        List<String> given = new ArrayList<>(List.of("e-1"));
        Map<String, List<DatedValue>> table = new HashMap<>(Map.of("p", new ArrayList<>(List.of(
                new DatedValue(AT, 1L, "x")))));
        Finding finding = new Finding("F", "case-1", "m", given);
        Assessment assessment = new Assessment("a", "w", Status.MET, "x", given);
        LawInForce law = new LawInForce(AT, table);

        assertThatThrownBy(() -> finding.evidence().add("e-2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> assessment.evidence().add("e-2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> law.parameters().put("q", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> law.parameters().get("p").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_unrestricted_pack_is_not_checked() {
        RulePack reviewed = RulePack.drl("policy.drl", PACK.formatted("""
                rule "reviewed.drop-duties"
                    @citation("x")
                when
                    $d : Duty()
                then
                    delete($d);
                end
                """)).unrestricted();

        Report report = evaluate(reviewed);

        assertThat(report.obligations()).as("the cases' duties are gone").hasSizeLessThan(indiaObligations())
                .allMatch(o -> o.caseId() == null);
    }

    /**
     * A restricted pack's DRL in the India pack's own package is refused, though the India pack comes from its
     * build-time model and is not compiled with it: a package's functions and declared types are shared by its files.
     */
    @Test
    void a_restricted_pack_in_the_india_pack_s_package_is_refused() {
        RulePack policy = RulePack.drl("policy.drl", """
                package org.niyam.compliance.rules.india;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;

                rule "policy.note"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("policy.note", $c.caseId(), "noted", java.util.List.of($c.id())));
                end
                """);

        org.niyam.compliance.pack.RulePackException e = catchThrowableOfType(
                org.niyam.compliance.pack.RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).rulePack(policy).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("policy.drl");
            assertThat(p.message()).contains("package 'org.niyam.compliance.rules.india' is also the package of "
                    + "pack 'india-it-rules': a restricted pack's DRL must be in a package of its own");
        });
    }

    /**
     * A restricted pack declaring a type of Niyam's model in the model's package is refused with the compiler's
     * problem placed at its declaration (it named no file), as every problem names its file and line.
     */
    @Test
    void a_type_of_the_model_declared_again_is_refused_at_its_declaration() {
        RulePack shadow = RulePack.drl("shadow.drl", """
                package org.niyam.compliance.model;
                import org.niyam.compliance.india.*;
                declare Citation
                    instrument : String
                end
                rule "shadow.r"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("shadow.f", $c.caseId(), "shadow", java.util.List.of($c.id())));
                end
                """);

        for (List<RulePack> packs : List.of(List.of(RulePack.classpath(INDIA), shadow), List.of(shadow))) {
            org.niyam.compliance.pack.RulePackException e = catchThrowableOfType(
                    org.niyam.compliance.pack.RulePackException.class, () -> {
                        ComplianceEngine.Builder builder = ComplianceEngine.builder();
                        packs.forEach(builder::rulePack);
                        builder.build();
                    });

            assertThat(e).as("packs %s", packs.size()).isNotNull();
            assertThat(e.problems()).as(e.getMessage()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("shadow.drl");
                assertThat(p.line()).isPositive();
            });
        }
    }
}
