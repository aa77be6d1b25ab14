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
        assertThat(RuleBase.build(List.of(india, ours), OPTIONS).descriptions()).hasSize(india.sources().size() + 1);
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
