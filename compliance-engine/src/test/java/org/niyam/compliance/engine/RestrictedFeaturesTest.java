package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.CustomEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

/**
 * Ordinary DRL still builds and evaluates in restricted mode: {@code packs/allowed/features.drl} holds joins,
 * {@code not}, {@code exists}, {@code forall}, accumulate with every built-in function, an inline accumulate,
 * {@code collect}, {@code from}, {@code eval}, functions using {@code java.time}, {@code List.of} and
 * {@code StringBuilder}, declared types (an event with {@code @timestamp}, a type with a field initialiser),
 * {@code modify}, {@code delete}, {@code salience} and {@code no-loop}.
 */
@DisplayName("Restricted mode: ordinary DRL builds and evaluates")
class RestrictedFeaturesTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");

    private static Evidence evidenceOfOneCase() {
        return evidence(complaint("c1", "case-1", T),
                new CustomEvent("e1", "case-1", T.plusMinutes(5), "x", Map.of()),
                new CustomEvent("e2", "case-1", T.plusMinutes(6), "yy", Map.of()),
                resolved("r1", "case-1", T.plusHours(2)));
    }

    @Test
    void everyAllowedFeatureBuildsAndEvaluates() {
        RulePack pack = RulePack.classpath("packs/allowed");
        assertThat(pack.restricted()).isTrue();

        Report report = ComplianceEngine.builder().rulePack(pack).build().evaluate(evidenceOfOneCase(), T.plusDays(1));

        assertThat(report.forCase("case-1")).singleElement().satisfies(o -> {
            assertThat(o.duty()).isEqualTo("allowed.answer");
            assertThat(o.status()).isEqualTo(Status.MET);
            assertThat(o.dischargeEventId()).isEqualTo("r1");
        });
        assertThat(report.findings()).extracting(Finding::code).containsOnly("allowed.summary");
        assertThat(report.findings()).extracting(Finding::message).contains(
                "events 2, total 3, c1, [p, q]a=b 2 3.5, 1", "events 2, total 3, case-1, [p, q]a=b 2 3.5, 1");
    }

    @Test
    void theCheckedBuildGivesTheReportOfTheUncheckedOne() {
        RulePack pack = RulePack.classpath("packs/allowed");
        Report checked = ComplianceEngine.builder().rulePack(pack).build().evaluate(evidenceOfOneCase(), T.plusDays(1));
        Report unchecked = ComplianceEngine.builder().rulePack(pack.unrestricted()).build()
                .evaluate(evidenceOfOneCase(), T.plusDays(1));

        assertThat(checked).isEqualTo(unchecked);
    }

    /**
     * From a thousand rules on, Drools' generated model hands its rules out through a {@code RulesSupplier}, which
     * restricted packs were refused for; and the check placed each rule on every other's classes, in time and memory
     * quadratic in the rules (a thousand took over a minute and a gigabyte, three thousand four minutes).
     */
    @Test
    void aThousandRulesBuildAndEvaluate() {
        StringBuilder drl = new StringBuilder("""
                package org.niyam.test.many;

                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Finding;
                """);
        for (int i = 0; i < 1_000; i++) {
            drl.append("\nrule \"many.r").append(i).append("\" @citation(\"P ").append(i)
                    .append("\")\nwhen\n    $c : ComplaintReceived(id == \"c").append(i).append("\")\nthen\n")
                    .append(i % 999 == 0 ? "    insert(new Finding(\"many\", $c.caseId(), \"rule " + i
                            + "\", java.util.List.of($c.id())));\n" : "").append("end\n");
        }
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("many.drl", drl.toString()))
                .build();
        Report report = engine.evaluate(new Evidence(null, List.of(), List.of(
                complaint("c999", "case-1", T), complaint("c0", "case-2", T))), T.plusDays(1));

        assertThat(engine.rules()).hasSize(1_000);
        assertThat(report.findings()).extracting(Finding::message).containsExactlyInAnyOrder("rule 0", "rule 999");
    }

    @Test
    void manySimilarRulesBuild() {
        // Drools marks lambdas shared by more rules than it lists with a call of its own, seen only in large packs.
        RulePack pack = RulePack.drl("many.drl", org.niyam.compliance.engine.internal.sandbox.RestrictedBuildCostPack
                .drl(60));
        Report report = ComplianceEngine.builder().rulePack(pack).build().evaluate(evidenceOfOneCase(), T.plusDays(1));

        assertThat(report.findings()).hasSize(60);
    }
}
