package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.internal.CaseLocality;
import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import org.niyam.compliance.engine.internal.ExecutableModels;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.engine.internal.StoredAnalysis;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.pack.RulePack;

/**
 * The India pack's build stores what the engine reads from its DRL beside the executable model, so that an engine of
 * the India pack parses no DRL when it starts. What is stored must be exactly what a fresh analysis finds. (That the
 * reports are the same is held by {@code ExecutableModelTest}, which compares this engine with one compiling DRL.)
 */
class StoredAnalysisTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";
    private static final ClassLoader LOADER = StoredAnalysisTest.class.getClassLoader();
    private static final RuleBase.Options OPTIONS = new RuleBase.Options(Map.of(), Set.of(), false);

    private final RulePack india = RulePack.classpath(INDIA);

    @BeforeEach
    void modelsOn() {
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");
    }

    @Test
    void the_stored_analysis_equals_a_fresh_analysis_of_the_drl() {
        StoredAnalysis stored = StoredAnalysis.load(List.of(india), LOADER);

        assertThat(stored).as("stored by the build").isNotNull();
        assertThat(stored).isEqualTo(StoredAnalysis.of(List.of(india), LOADER));
        assertThat(stored.rules()).hasSize(india.sources().stream()
                .mapToInt(source -> DrlAnalysis.of(source).rules().size()).sum());
        assertThat(stored.locality().localRules()).isNotEmpty();
        assertThat(stored.references()).isNotEmpty();
        // The keys and codes each file concludes about, as a fresh analysis reads them from the syntax trees.
        assertThat(stored.conclusions()).extracting(StoredAnalysis.Conclusions::origin)
                .isEqualTo(india.sources().stream().map(RulePack.DrlSource::origin).toList());
        assertThat(stored.conclusions()).flatExtracting(StoredAnalysis.Conclusions::keys)
                .contains("complaint.acknowledge");
        assertThat(stored.conclusions()).flatExtracting(StoredAnalysis.Conclusions::codes).isNotEmpty();
    }

    @Test
    void an_engine_of_the_india_pack_parses_no_drl_and_knows_what_a_fresh_analysis_knows() {
        RuleBase fromStored = RuleBase.build(List.of(india), OPTIONS);
        RuleBase analysed = RuleBase.build(List.of(india), OPTIONS, false);

        assertThat(fromStored.descriptions()).as("DRL files parsed").isEmpty();
        assertThat(fromStored.howBuilt()).endsWith("with their DRL analysis stored beside it");
        assertThat(analysed.descriptions()).hasSize(india.sources().size());
        assertThat(fromStored.rules()).isEqualTo(analysed.rules());
        assertThat(List.copyOf(fromStored.rules().keySet())).isEqualTo(List.copyOf(analysed.rules().keySet()));
        assertThat(fromStored.locality().stored()).isEqualTo(analysed.locality().stored());
        assertThat(fromStored.locality().stored()).isEqualTo(
                CaseLocality.of(india.sources().stream().map(DrlAnalysis::of).toList(), fromStored.kieBase()).stored());
    }

    @Test
    void the_stored_analysis_gives_the_same_problems_as_a_fresh_one() {
        // A setting that empties nothing, a rule id that does not exist and an unknown setting: the same problems.
        RuleBase.Options bad = new RuleBase.Options(Map.of("no-such-setting", "1"), Set.of("no-such-rule"), true);
        String fromStored = problems(() -> RuleBase.build(List.of(india), bad));
        String analysed = problems(() -> RuleBase.build(List.of(india), bad, false));

        assertThat(fromStored).isNotEmpty().isEqualTo(analysed);
    }

    @Test
    void with_other_packs_or_other_drl_the_drl_is_analysed() {
        RulePack ours = RulePack.drl("ours.drl", "package org.example.ours;\n").unrestricted();

        assertThat(StoredAnalysis.load(List.of(india, ours), LOADER)).isNull();
        // Only the pack beside the India pack is parsed; the India pack's analysis is the stored one.
        assertThat(RuleBase.build(List.of(india, ours), OPTIONS).descriptions()).hasSize(1);
    }

    /** A pack that reads the India pack's conclusions: a case-local rule, a global one, and one extending another. */
    static final String READS_CONCLUSIONS = """
            package org.example.ours;
            import org.niyam.compliance.model.*;
            import org.niyam.compliance.india.*;

            rule "ours.duty-of-a-complaint" @citation("Ours 1")
            when
                $duty : Duty($case : caseId)
                ComplaintReceived(caseId == $case)
            then
            end

            rule "ours.any-duty" @citation("Ours 2") @unconfirmed("not tied to a case, so it runs once")
            when
                Duty()
                ComplaintReceived()
            then
            end

            rule "ours.acknowledged-duty" extends "ours.duty-of-a-complaint" @citation("Ours 3") @instrument("Ours")
            when
                ComplaintAcknowledged(caseId == $case)
            then
            end
            """;

    /** A pack with events of its own, declared in its DRL and concluded from the India pack's events. */
    static final String OWN_EVENTS = """
            package org.example.escalation;
            import org.niyam.compliance.india.ComplaintReceived;

            declare Escalated
                caseId : String
            end

            rule "escalation.raise" @citation("Escalation 1")
            when
                ComplaintReceived($id : caseId)
            then
                insert(new Escalated($id));
            end

            rule "escalation.seen" @citation("Escalation 2")
            when
                Escalated($id : caseId)
                not ComplaintReceived(caseId == $id, category == null)
            then
            end
            """;

    /** A pack that names a parameter of the India pack, for its parameter references. */
    static final String NAMES_A_PARAMETER = """
            package org.example.params;
            import org.niyam.compliance.model.*;
            import org.niyam.compliance.india.*;

            rule "params.complaint" @citation("Params 1")
            when
                $c : ComplaintReceived()
                $law : LawInForce()
            then
                insert(new Duty("params.acknowledge", "Acknowledge", "%s", $c));
            end
            """;

    /** The packs of one's own the combination is compared on, each beside the India pack. */
    private List<List<RulePack>> ownPacks() {
        String parameter = india.parameters().keySet().stream().filter(p -> p.contains("acknowledge")).findFirst()
                .orElseThrow();
        RulePack restricted = RulePack.drl("restricted.drl", READS_CONCLUSIONS.replace("org.example.ours",
                "org.example.restricted"));
        return List.of(
                List.of(india, RulePack.drl("ours.drl", READS_CONCLUSIONS).unrestricted()),
                List.of(india, RulePack.drl("escalation.drl", OWN_EVENTS).unrestricted()),
                List.of(india, RulePack.drl("params.drl", NAMES_A_PARAMETER.formatted(parameter)).unrestricted()),
                List.of(india, restricted),
                List.of(india, RulePack.drl("escalation.drl", OWN_EVENTS)),
                List.of(india, RulePack.drl("ours.drl", READS_CONCLUSIONS).unrestricted(),
                        RulePack.drl("escalation.drl", OWN_EVENTS).unrestricted()));
    }

    @Test
    void beside_the_india_pack_only_the_own_packs_drl_is_analysed_and_the_whole_equals_a_fresh_analysis() {
        for (List<RulePack> packs : ownPacks()) {
            List<String> ids = packs.stream().map(RulePack::id).toList();
            RuleBase combined = RuleBase.build(packs, OPTIONS);
            RuleBase analysed = RuleBase.build(packs, OPTIONS, false);
            int own = packs.subList(1, packs.size()).stream().mapToInt(p -> p.sources().size()).sum();

            assertThat(combined.descriptions()).as("%s: DRL files parsed", ids).hasSize(own);
            assertThat(combined.howBuilt()).as("%s", ids).contains("stored beside their model, only that of");
            assertThat(analysed.descriptions()).as("%s", ids).hasSize(india.sources().size() + own);
            assertThat(combined.storedAnalysis()).as("%s: the India pack's stored analysis and the rest's", ids)
                    .isEqualTo(StoredAnalysis.of(packs, DroolsInternals.rootClassLoader(analysed.kieBase())));
            assertThat(combined.rules()).as("%s", ids).isEqualTo(analysed.rules());
            assertThat(List.copyOf(combined.rules().keySet())).isEqualTo(List.copyOf(analysed.rules().keySet()));
            assertThat(combined.locality().stored()).as("%s", ids).isEqualTo(analysed.locality().stored());
            assertThat(combined.parameters()).as("%s", ids).isEqualTo(analysed.parameters());
        }
    }

    @Test
    void the_combination_has_local_global_and_declared_types_to_compare() {
        RuleBase combined = RuleBase.build(ownPacks().get(5), OPTIONS);
        CaseLocality.Stored locality = combined.locality().stored();

        assertThat(locality.unpartitionable()).isNull();
        assertThat(locality.localRules()).contains("ours.duty-of-a-complaint", "ours.acknowledged-duty",
                "escalation.raise", "escalation.seen");
        assertThat(locality.globalReasons()).containsKey("ours.any-duty");
        assertThat(locality.localTypes()).contains("org.example.escalation.Escalated");
        assertThat(combined.storedAnalysis().references()).as("the India pack's parameter references")
                .isNotEmpty();
        assertThat(RuleBase.build(ownPacks().get(2), OPTIONS).storedAnalysis().references())
                .hasSize(StoredAnalysis.load(List.of(india), LOADER).references().size() + 1);
        assertThat(RuleBase.build(ownPacks().get(2), OPTIONS).storedAnalysis().conclusions())
                .as("the India pack's keys stored, then the pack's beside it")
                .startsWith(StoredAnalysis.load(List.of(india), LOADER).conclusions().toArray(
                        new StoredAnalysis.Conclusions[0]))
                .endsWith(new StoredAnalysis.Conclusions("params.drl", List.of("params.acknowledge"), List.of()));
    }

    @Test
    void what_cannot_be_analysed_apart_is_analysed_whole_with_the_same_result() {
        // Drools resolves a parent rule in the same package only.
        String extendsIndia = """
                package org.niyam.compliance.rules.india;
                import org.niyam.compliance.india.*;
                rule "ours.after-india" extends "%s" @citation("Ours 4")
                when
                    ComplaintAcknowledged()
                then
                end
                """.formatted(StoredAnalysis.load(List.of(india), LOADER).rules().get(0).name());
        String query = """
                package org.example.ours;
                import org.niyam.compliance.india.*;
                query "complaints"
                    ComplaintReceived()
                end
                rule "ours.complaint" @citation("Ours 5")
                when
                    ComplaintReceived()
                then
                end
                """;
        for (String drl : List.of(extendsIndia, query)) {
            List<RulePack> packs = List.of(india, RulePack.drl("ours.drl", drl).unrestricted());
            RuleBase whole = RuleBase.build(packs, OPTIONS);
            RuleBase analysed = RuleBase.build(packs, OPTIONS, false);

            assertThat(whole.storedAnalysis()).isNull();
            assertThat(whole.descriptions()).hasSize(india.sources().size() + 1);
            assertThat(whole.rules()).isEqualTo(analysed.rules());
            assertThat(whole.locality().stored()).isEqualTo(analysed.locality().stored());
        }
    }

    @Test
    void beside_the_india_pack_the_problems_are_those_of_a_fresh_analysis() {
        String twin = StoredAnalysis.load(List.of(india), LOADER).rules().get(0).name();
        List<RulePack> packs = List.of(
                RulePack.drl("twin.drl", READS_CONCLUSIONS.replace("ours.any-duty", twin)).unrestricted(),
                RulePack.drl("uncited.drl", READS_CONCLUSIONS.replace("@citation(\"Ours 2\")", "")),
                RulePack.drl("params.drl", NAMES_A_PARAMETER.formatted("no.such.parameter")).unrestricted());
        RuleBase.Options bad = new RuleBase.Options(Map.of("no-such-setting", "1"), Set.of("no-such-rule"), false);
        for (RulePack pack : packs) {
            for (RuleBase.Options options : List.of(OPTIONS, bad)) {
                String combined = problems(() -> RuleBase.build(List.of(india, pack), options));
                String analysed = problems(() -> RuleBase.build(List.of(india, pack), options, false));

                assertThat(combined).as(pack.id()).isNotEmpty().isEqualTo(analysed);
            }
        }
        String settings = problems(() -> RuleBase.build(List.of(india, ownPacks().get(0).get(1)), bad));
        assertThat(settings).isNotEmpty()
                .isEqualTo(problems(() -> RuleBase.build(List.of(india, ownPacks().get(0).get(1)), bad, false)));
    }

    private static String problems(Runnable build) {
        try {
            build.run();
            return "";
        } catch (org.niyam.compliance.pack.RulePackException e) {
            return e.getMessage();
        }
    }
}
