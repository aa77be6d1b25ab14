package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.pack.RulePack;

/** What the fingerprint of a build-time executable model covers, and where its index is looked for. */
class ExecutableModelsTest {

    private static final String RULES = "package p;\nrule r @citation(\"Section 1\") when then end\n";

    @Test
    void the_fingerprint_covers_the_text_the_order_and_the_pack_ids_but_not_where_a_pack_came_from() {
        String one = ExecutableModels.fingerprint(List.of(RulePack.drl("a", RULES)));
        assertThat(one).hasSize(64).isEqualTo(ExecutableModels.fingerprint(List.of(RulePack.drl("a", RULES))));
        assertThat(ExecutableModels.fingerprint(List.of(RulePack.drl("a", RULES + " "))))
                .as("one more space").isNotEqualTo(one);
        assertThat(ExecutableModels.fingerprint(List.of(RulePack.drl("b", RULES)))).isNotEqualTo(one);

        RulePack a = RulePack.drl("a", RULES);
        RulePack b = RulePack.drl("b", RULES.replace("rule r", "rule s"));
        assertThat(ExecutableModels.fingerprint(List.of(a, b)))
                .isNotEqualTo(ExecutableModels.fingerprint(List.of(b, a)));
        assertThat(ExecutableModels.fingerprint(List.of(a.unrestricted()))).isEqualTo(one);
    }

    @Test
    void the_index_is_named_after_the_packs_in_order() {
        assertThat(ExecutableModels.indexName(List.of(RulePack.drl("india-it-rules", RULES))))
                .isEqualTo("META-INF/niyam/executable-model/india-it-rules.properties");
        assertThat(ExecutableModels.indexName(List.of(RulePack.drl("a/b c", RULES), RulePack.drl("d", RULES))))
                .isEqualTo("META-INF/niyam/executable-model/a_b_c+d.properties");
    }

    @Test
    void packs_without_a_model_are_compiled_at_run_time() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(ExecutableModels.result(ExecutableModels.start(List.of(RulePack.drl("a", RULES)), loader))).isNull();
    }
}
