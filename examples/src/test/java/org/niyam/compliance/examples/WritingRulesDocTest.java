package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;
import org.niyam.compliance.scenario.Scenario;
import org.niyam.compliance.scenario.ScenarioResult;
import org.niyam.compliance.scenario.ScenarioRunner;

/**
 * docs/writing-rules.md stays true: its files (the blocks marked {@code <!-- file: ... -->}) build into a pack that
 * loads beside the India pack, its scenario passes, its first rule is ten lines, and its example of the checks is
 * what the engine prints.
 */
class WritingRulesDocTest {

    private static final Path DOC = Path.of("..", "docs", "writing-rules.md");
    private static final Pattern FILE_BLOCK =
            Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    private static String doc;
    private static Map<String, String> files;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(DOC);
        files = new LinkedHashMap<>();
        Matcher block = FILE_BLOCK.matcher(doc);
        while (block.find()) {
            files.merge(block.group(1), block.group(2) + "\n", (a, b) -> a + "\n" + b);
        }
    }

    private static Path writeFiles(Path folder, Map<String, String> contents) throws IOException {
        for (Map.Entry<String, String> file : contents.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return folder.resolve("policy");
    }

    @Test
    void theFirstRuleIsTenLines() {
        Matcher first = Pattern.compile("```drl\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc);
        assertThat(first.find()).isTrue();
        assertThat(first.group(1).lines()).hasSize(10);
    }

    @Test
    void thePagesFilesAreTheFilesOfExamplesPolicy() throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            assertThat(Files.readString(Path.of(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    @Test
    void theRunningScenariosExampleIsPolicyScenariosTest() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/niyam/compliance/examples/PolicyScenariosTest.java"));
        Matcher shown = Pattern.compile("```java\n(class PolicyScenariosTest \\{.*?)\n```", Pattern.DOTALL).matcher(doc);
        assertThat(shown.find()).as("the JUnit example in the page").isTrue();
        assertThat(source.substring(source.indexOf("class PolicyScenariosTest {")).strip()).isEqualTo(shown.group(1));
    }

    /** The engine of the page's "Load it beside the India pack", built as the page shows it (between the markers). */
    private static ComplianceEngine pagesEngine() {
        // docs/writing-rules.md:start
        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))   // the law
                .rulePack(RulePack.directory(Path.of("policy")))                     // your rules
                .build();
        // docs/writing-rules.md:end
        return engine;
    }

    @Test
    void theEngineOfThePageIsBuiltAsThePageShows() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/niyam/compliance/examples/WritingRulesDocTest.java"));
        Matcher code = Pattern.compile("// docs/writing-rules.md:start\\n(.*?)\\n\\s*// docs/writing-rules.md:end",
                Pattern.DOTALL).matcher(source);
        assertThat(code.find()).isTrue();
        Matcher shown = Pattern.compile("```java\\n(ComplianceEngine engine = .*?)\\n```", Pattern.DOTALL).matcher(doc);
        assertThat(shown.find()).as("the engine in the page").isTrue();
        assertThat(code.group(1).stripIndent().strip()).isEqualTo(shown.group(1));
    }

    @Test
    void theCoverageIsWhatThePageShows() throws IOException {
        ScenarioRunner runner = new ScenarioRunner(pagesEngine());
        Scenario.loadAll(Path.of("policy/scenarios")).forEach(runner::run);

        Matcher shown = Pattern.compile("```text\n(Coverage: .*?)\n```", Pattern.DOTALL).matcher(doc);
        assertThat(shown.find()).as("the coverage of the policy pack in the page").isTrue();
        assertThat(runner.coverage().forPack("examplenet-policy").describe()).isEqualTo(shown.group(1));
        assertThat(shown.find()).as("the coverage of the whole engine in the page").isTrue();
        String whole = runner.coverage().describe();
        List<String> lines = shown.group(1).lines().toList();
        assertThat(whole.lines().limit(lines.size() - 1)).containsExactlyElementsOf(lines.subList(0, lines.size() - 1));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("    ...");
    }

    @Test
    void thePolicyPackLoadsBesideTheIndiaPackAndItsScenarioPasses(@TempDir Path folder) throws IOException {
        assertThat(files).containsOnlyKeys("policy/acknowledgement.drl", "policy/pack.yaml",
                "policy/scenarios/acknowledged-after-18-hours.yaml");
        Path policy = writeFiles(folder, files);

        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.directory(policy))
                .build();
        ScenarioRunner runner = new ScenarioRunner(engine);
        List<ScenarioResult> results = Scenario.loadAll(policy.resolve("scenarios")).stream().map(runner::run).toList();

        assertThat(results).hasSize(1).allSatisfy(r -> assertThat(r.passed()).as(r.describe()).isTrue());
        assertThat(runner.coverage().fired())
                .contains("policy.complaint-opens-acknowledgement", "policy.acknowledgement-discharges");
    }

    @Test
    void theChecksPrintWhatThePageShows(@TempDir Path folder) throws IOException {
        Map<String, String> broken = new LinkedHashMap<>(files);
        String drl = files.get("policy/acknowledgement.drl");
        // The ten-line rule with a misspelt clock, then a rule without citation and with a misspelt fact type.
        String firstRule = drl.substring(0, drl.indexOf("end\n") + 4)
                .replace("\"policy.acknowledge\", $complaint", "\"policy.acknowledgement\", $complaint");
        broken.put("policy/acknowledgement.drl", firstRule + """

                rule "policy.order-opens-review"
                when
                    $complaint : Complant()
                then
                end
                """);
        Path policy = writeFiles(folder, broken);

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.directory(policy))
                .build());

        Matcher shown = Pattern.compile("```text\\n(3 problems in the rule packs:.*?)\\n```", Pattern.DOTALL).matcher(doc);
        assertThat(shown.find()).as("the example of the checks in the page").isTrue();
        assertThat(e.getMessage().replace(folder + "/", "")).isEqualTo(shown.group(1));
    }

    /** The warning of a duty key that two packs conclude is the one the page shows. */
    @Test
    void theWarningOfASharedKeyIsWhatThePageShows(@TempDir Path folder) throws IOException {
        Path policy = writeFiles(folder, Map.of("policy/pack.yaml", """
                id: my-policy
                instrument: My Policy
                """, "policy/other.drl", OTHER_DRL));

        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.directory(policy))
                .build();

        Matcher shown = Pattern.compile("  ```text\\n  (policy/other.drl:4: duty key .*?)\\n  ```", Pattern.DOTALL)
                .matcher(doc);
        assertThat(shown.find()).as("the example of the warning in the page").isTrue();
        assertThat(engine.warnings()).singleElement().extracting(w -> w.toString().replace(folder + "/", ""))
                .isEqualTo(shown.group(1));
    }

    private static final String OTHER_DRL = """
            package com.example.policy;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;
            rule "policy.opens"
                @citation("Policy 1")
            when
                $complaint : ComplaintReceived()
            then
                insert(new Duty("complaint.acknowledge", "Acknowledge", "complaint.acknowledge", $complaint));
            end
            """;

    /** The warning of a finding code that two packs report is the one the page shows. */
    @Test
    void theWarningOfASharedFindingCodeIsWhatThePageShows(@TempDir Path folder) throws IOException {
        Path policy = writeFiles(folder, Map.of("policy/pack.yaml", """
                id: my-policy
                instrument: My Policy
                """, "policy/findings.drl", """
                package com.example.policy;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                rule "policy.flags"
                    @citation("Policy 1")
                when
                    $order : RemovalOrderReceived()
                then
                    insert(new Finding("defective-intimation", $order.caseId(), "Flagged", java.util.List.of()));
                end
                """));

        ComplianceEngine engine = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.directory(policy))
                .build();

        Matcher shown = Pattern.compile("  ```text\\n  (policy/findings.drl:4: finding code .*?)\\n  ```",
                Pattern.DOTALL).matcher(doc);
        assertThat(shown.find()).as("the example of the warning in the page").isTrue();
        assertThat(engine.warnings()).singleElement().extracting(w -> w.toString().replace(folder + "/", ""))
                .isEqualTo(shown.group(1));
    }

    /** The warnings of a build that fails come in its exception, as the page shows. */
    @Test
    void theWarningsOfAFailedBuildAreWhatThePageShows(@TempDir Path folder) throws IOException {
        Path policy = writeFiles(folder, Map.of("policy/pack.yaml", """
                id: my-policy
                instrument: My Policy
                """, "policy/other.drl", OTHER_DRL, "policy/broken.drl", """
                package com.example.policy;
                rule "policy.broken"
                    @citation("Policy 2")
                when
                    Complant()
                then
                end
                """));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .rulePack(RulePack.directory(policy))
                .build());

        Matcher shown = Pattern.compile("```text\\n(1 problem in the rule packs:.*?)\\n```", Pattern.DOTALL)
                .matcher(doc);
        assertThat(shown.find()).as("the example of a failed build's warnings in the page").isTrue();
        assertThat(e.getMessage().replace(folder + "/", "")).isEqualTo(shown.group(1));
        assertThat(e.warnings()).singleElement().extracting(w -> w.message())
                .asString().startsWith("duty key 'complaint.acknowledge' is concluded by 2 packs");
    }
}
