package org.niyam.compliance.engine.internal.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kie.api.io.Resource;
import org.kie.internal.io.ResourceFactory;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.pack.RulePack;

/**
 * Measures what restricted mode costs when an engine is built: a user pack of {@code -Dniyam.cost.rules=N} ordinary rules
 * (a join, a {@code not}, an insert), compiled, checked and loaded {@code -Dniyam.cost.runs=R} times in one JVM; the first run
 * is cold. With {@code -Dniyam.cost.mode=classic} the same pack is built unrestricted, compiled by Drools' classic compiler, as
 * every user pack was before. Not run by {@code mvn verify} (its name does not end in Test); run it with
 * {@code mvn -pl compliance-engine verify -Dtest=RestrictedBuildCost -Dsurefire.failIfNoSpecifiedTests=false
 * -Dniyam.cost.rules=50}. docs/restricted-drl.md gives the figures.
 */
class RestrictedBuildCost {

    @Test
    void measure() throws Exception {
        int rules = Integer.getInteger("niyam.cost.rules", 10);
        int runs = Integer.getInteger("niyam.cost.runs", 6);
        boolean classic = "classic".equals(System.getProperty("niyam.cost.mode"));
        String drl = RestrictedBuildCostPack.drl(rules);
        List<String> lines = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            if (classic) {
                ComplianceEngine.builder().rulePack(RulePack.drl("cost.drl", drl).unrestricted()).build();
                lines.add("run " + run + ": classic build " + ms(System.nanoTime() - start));
                continue;
            }
            Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(RuleBase.resourcePath(0));
            DrlAnalysis analysis = DrlAnalysis.of(new RulePack.DrlSource("cost.drl", drl));
            ClassLoader loader = RuleBase.class.getClassLoader();
            RestrictedBuild.Result result = RestrictedBuild.build(List.of(resource),
                    List.of(new CompiledCheck.Source(analysis, true)), RuleBase.builderConfiguration(loader),
                    RuleBase::builderConfiguration, loader, e -> { throw new IllegalStateException(e.toString()); },
                    "", true, List.of(), org.niyam.compliance.model.EventTypes.standard(), Steps.DEFAULT_LIMIT);
            if (!result.problems().isEmpty()) {
                throw new IllegalStateException(result.problems().toString());
            }
            long total = System.nanoTime() - start;
            lines.add("run " + run + ": restricted build " + ms(total) + " = compile " + ms(result.nanos()[0])
                    + " + check " + ms(result.nanos()[1]) + " + load " + ms(result.nanos()[2]) + " (check "
                    + Math.round(100.0 * result.nanos()[1] / total) + "%)");
        }
        System.out.println("COST " + rules + " rules, " + (classic ? "classic" : "restricted") + ":");
        lines.forEach(l -> System.out.println("COST   " + l));
        System.out.println("COST " + Arrays.toString(new int[] {rules, runs}));
    }

    private static String ms(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}
