package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.internal.ExecutableModels;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.pack.RulePack;

/**
 * The pack's executable model, compiled when this module is built, is what an engine runs, only for the DRL it was
 * compiled from, and gives the reports that compiling the DRL at run time gives.
 */
class ExecutableModelTest {

    private static final Path SOURCE = Path.of("src/main/resources/org/niyam/compliance/rules/india");
    private static final ClassLoader LOADER = RuleBase.class.getClassLoader();

    /** Whether an engine of these packs runs the build-time model, which it loads as this does. */
    private static boolean hasModel(RulePack... packs) {
        return ExecutableModels.result(ExecutableModels.start(List.of(packs), LOADER)) != null;
    }

    /** The pack folder copied, with a comment appended to the end of one DRL file. */
    private static RulePack edited(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(folder.resolve("records.drl"), "\n// compiled at run time\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return RulePack.directory(folder);
    }

    @Test
    void the_pack_as_shipped_has_a_model_wherever_it_is_loaded_from() {
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");
        assertThat(hasModel(RulePack.classpath("org/niyam/compliance/rules/india"))).isTrue();
        assertThat(hasModel(RulePack.directory(SOURCE))).as("the fingerprint covers the text, not the location")
                .isTrue();
    }

    @Test
    void other_drl_or_another_pack_beside_it_is_compiled_at_run_time(@TempDir Path folder) throws IOException {
        assertThat(hasModel(edited(folder))).isFalse();
        RulePack india = RulePack.classpath("org/niyam/compliance/rules/india");
        assertThat(hasModel(india, RulePack.drl("ours", "package ours;\n"))).isFalse();
    }

    @Test
    void the_model_gives_the_reports_of_the_drl_compiled_at_run_time(@TempDir Path folder) throws IOException {
        ComplianceEngine model = IndiaPack.engine();
        ComplianceEngine compiled = ComplianceEngine.builder().rulePack(edited(folder)).build();
        assertThat(compiled.ruleIds()).isEqualTo(model.ruleIds());
        Random random = new Random(20_260_302L);
        for (int i = 0; i < 300; i++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(16));
            assertThat(compiled.evaluate(log.evidence(), log.asOf())).as("log %d", i)
                    .isEqualTo(model.evaluate(log.evidence(), log.asOf()));
        }
    }
}
