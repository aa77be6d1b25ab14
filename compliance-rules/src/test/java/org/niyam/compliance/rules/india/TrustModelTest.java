package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.internal.ExecutableModels;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * The India pack is Niyam's own and loads unrestricted, yet uses nothing that restricted mode refuses. Trust comes
 * from where a pack is loaded (this module's jar or class folder), not from the name it is asked for by.
 */
class TrustModelTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";

    @Test
    void the_india_pack_on_the_classpath_is_unrestricted() {
        assertThat(RulePack.classpath(INDIA).restricted()).isFalse();
    }

    @Test
    void the_india_pack_passes_the_restricted_check_when_loaded_as_a_users_folder() throws URISyntaxException {
        Path folder = Path.of(TrustModelTest.class.getClassLoader().getResource(INDIA + "/pack.yaml").toURI())
                .getParent();
        RulePack asUsers = RulePack.directory(folder);

        assertThat(asUsers.restricted()).isTrue();
        assertThatCode(() -> ComplianceEngine.builder().rulePack(asUsers).build()).doesNotThrowAnyException();
    }

    @Test
    void a_copy_of_the_india_pack_in_another_folder_of_the_class_path_is_restricted(@TempDir Path root)
            throws Exception {
        Path india = Path.of(TrustModelTest.class.getClassLoader().getResource(INDIA + "/pack.yaml").toURI())
                .getParent();
        Path copy = Files.createDirectories(root.resolve("org/niyam/compliance/rules/copy"));
        try (Stream<Path> files = Files.list(india)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName().toString()));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                TrustModelTest.class.getClassLoader())) {
            assertThat(RulePack.classpath("org/niyam/compliance/rules/copy", loader).restricted()).isTrue();
            assertThat(RulePack.classpath(INDIA, loader).restricted()).as("the real one, through the same loader")
                    .isFalse();
        }
    }

    @Test
    void a_path_that_climbs_out_of_niyams_folder_is_refused() {
        assertThatThrownBy(() -> RulePack.classpath("org/niyam/compliance/rules/../rules/india"))
                .isInstanceOf(RulePackException.class).hasMessageContaining("is not a classpath folder");
    }

    @Test
    void beside_a_users_pack_the_india_pack_keeps_its_build_time_model_and_its_reports() {
        RulePack india = RulePack.classpath(INDIA);
        RulePack ours = RulePack.drl("ours.drl", """
                package org.example.ours;

                import java.util.List;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Finding;

                rule "ours.every-complaint"
                    @citation("Our policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("ours.seen", $c.caseId(), "seen " + $c.id(), List.of($c.id())));
                end
                """);
        RuleBase.Options options = new RuleBase.Options(Map.of(), Set.of(), false);
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");

        assertThat(RuleBase.build(List.of(india, ours), options).executableModel()).isTrue();
        ComplianceEngine both = ComplianceEngine.builder().rulePack(india).rulePack(ours).build();
        Random random = new Random(20_261_205L);
        for (int i = 0; i < 50; i++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(8));
            Report alone = IndiaPack.engine().evaluate(log.evidence(), log.asOf());
            Report beside = both.evaluate(log.evidence(), log.asOf());
            assertThat(beside.obligations()).as("log %d", i).isEqualTo(alone.obligations());
            assertThat(beside.findings()).as("log %d", i).containsAll(alone.findings());
        }
    }

    @Test
    void beside_a_trusted_users_pack_the_india_pack_keeps_its_build_time_model_and_only_the_users_is_compiled() {
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");
        RulePack india = RulePack.classpath(INDIA);
        RulePack ours = RulePack.drl("ours.drl", """
                package org.example.ours;

                import java.util.List;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Finding;

                rule "ours.every-complaint"
                    @citation("Our policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("ours.seen", $c.caseId(), "seen " + $c.id(), List.of($c.id())));
                end
                """).unrestricted();
        RuleBase.Options options = new RuleBase.Options(Map.of(), Set.of(), false);

        RuleBase built = RuleBase.build(List.of(india, ours), options);
        assertThat(built.executableModel()).isTrue();
        assertThat(built.howBuilt()).startsWith("packs [india-it-rules] from their build-time executable model; "
                + "packs [ours.drl] compiled now, to the executable model, in ");
        ComplianceEngine both = ComplianceEngine.builder().rulePack(india).rulePack(ours).build();
        Random random = new Random(20_261_206L);
        int seen = 0;
        for (int i = 0; i < 50; i++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(8));
            Report alone = IndiaPack.engine().evaluate(log.evidence(), log.asOf());
            Report beside = both.evaluate(log.evidence(), log.asOf());
            assertThat(beside.obligations()).as("log %d", i).isEqualTo(alone.obligations());
            assertThat(beside.findings()).as("log %d", i).containsAll(alone.findings());
            seen += beside.findings().size() - alone.findings().size();
        }
        assertThat(seen).as("findings of the user's rule").isPositive();
    }

    @Test
    void a_trusted_pack_that_compiles_only_beside_the_india_pack_is_compiled_with_it_and_the_log_says_why() {
        // It calls a function of the India pack's package: on its own it does not compile.
        RulePack india = RulePack.classpath(INDIA);
        RulePack ours = RulePack.drl("ours.drl", """
                package org.niyam.compliance.rules.india;

                import org.niyam.compliance.india.ComplaintReceived;
                
                rule "ours.uses-an-india-function"
                    @citation("Our policy 2")
                when
                    $c : ComplaintReceived( addressKey() != null )
                then
                end
                """).unrestricted();
        RuleBase.Options options = new RuleBase.Options(Map.of(), Set.of(), false);

        RuleBase built = RuleBase.build(List.of(india, ours), options);
        assertThat(built.executableModel()).isFalse();
        assertThat(built.howBuilt()).startsWith("packs [india-it-rules, ours.drl] compiled now, with Drools' DRL "
                + "compiler, in ").contains("compiling packs [ours.drl] beside the build-time model of "
                + "[india-it-rules] failed (", "so every pack's DRL was compiled together");
        assertThat(built.rules()).containsKey("ours.uses-an-india-function");
    }

    /**
     * A pack beside the India pack is compiled with the India pack's DRL among the files its errors are looked for in:
     * a consequence of a restricted pack naming List without importing it was reported at the India pack's
     * removal.drl, which names List too. Only the files of the package the failing code was generated in are searched.
     */
    @Test
    void a_compile_error_of_a_pack_beside_the_india_pack_is_placed_in_that_pack() {
        String drl = """
                package com.example.policy;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;

                rule "policy.escalate"
                    @citation("Policy 2.2")
                when
                    $complaint : ComplaintReceived()
                then
                    insert(new Finding("escalated", $complaint.caseId(), "Escalated", List.of($complaint.id())));
                end
                """;
        // Also without a package line: the executable model generates such a file's classes in defaultpkg.
        String unpackaged = drl.replace("package com.example.policy;\n", "");
        for (RulePack pack : List.of(RulePack.drl("policy.drl", drl), RulePack.drl("policy.drl", drl).unrestricted(),
                RulePack.drl("policy.drl", unpackaged))) {
            assertThatThrownBy(() -> ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).rulePack(pack)
                    .build()).as("restricted %s", pack.restricted()).isInstanceOf(RulePackException.class)
                    .hasMessageContaining(pack.sources().get(0).text().startsWith("package") ? "policy.drl:10"
                            : "policy.drl:9")
                    .hasMessageContaining("List cannot be resolved").hasMessageNotContaining("removal.drl");
        }
    }

    @Test
    void the_india_pack_alone_says_it_came_from_its_build_time_model() {
        assumeFalse("false".equals(System.getProperty(ExecutableModels.PROPERTY)), "models switched off");
        RuleBase built = RuleBase.build(List.of(RulePack.classpath(INDIA)),
                new RuleBase.Options(Map.of(), Set.of(), false));
        assertThat(built.howBuilt()).isEqualTo("packs [india-it-rules] from their build-time executable model, "
                + "with their DRL analysis stored beside it");
    }
}
