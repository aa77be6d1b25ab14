package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.pack.RuleDescription;
import org.niyam.compliance.pack.RulePack;

/**
 * docs/writing-rules.md: a duty key that two packs conclude is a warning when the engine is built; the India pack's
 * rules, read from the analysis stored with its build-time model, are named with their files and lines.
 */
class SharedKeysTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";

    private static RulePack opening(String key) {
        return RulePack.drl("policy.drl", """
                package org.example.policy;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Duty;
                rule "policy.opens"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("%s", "Acknowledge", "complaint.acknowledge", $c));
                end
                """.formatted(key));
    }

    @Test
    void the_india_pack_alone_gives_no_warning() {
        assertThat(ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).build().warnings()).isEmpty();
    }

    @Test
    void a_pack_of_its_own_keys_beside_the_india_pack_gives_no_warning() {
        assertThat(ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).rulePack(opening("policy.ack"))
                .build().warnings()).isEmpty();
    }

    @Test
    void a_pack_concluding_an_india_key_is_warned_of_naming_the_india_rule_and_its_line() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA))
                .rulePack(opening("complaint.acknowledge")).build();
        RuleDescription india = engine.rules().stream()
                .filter(r -> r.id().equals("in.3-2-a-i.complaint-opens-acknowledgement")).findFirst().orElseThrow();

        assertThat(engine.warnings()).singleElement().satisfies(w -> {
            assertThat(w.source()).isEqualTo("policy.drl");
            assertThat(w.line()).isEqualTo(4);
            assertThat(w.message()).startsWith("duty key 'complaint.acknowledge' is concluded by 2 packs: "
                    + "pack 'india-it-rules' (rule 'in.3-2-a-i.complaint-opens-acknowledgement', " + india.origin()
                    + ":" + india.line() + ") and pack 'policy.drl' (rule 'policy.opens', policy.drl:4); "
                    + "a restricted pack may conclude only keys of its own, so an evaluation fails "
                    + "(RuleExecutionException) the first time a rule of pack 'policy.drl' above concludes it");
        });
    }
}
