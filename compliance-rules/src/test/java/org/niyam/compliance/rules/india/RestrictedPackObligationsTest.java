package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.CaseTracker;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.ComplianceMonitor;
import org.niyam.compliance.engine.MonitorClock;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * A restricted pack cannot change the status, due instant or discharge of an obligation another pack opened, nor
 * pose as another pack: its duties, assessments and discharges are of its own keys, its findings of its own codes,
 * cited to its own rules. Each way in is refused, and the refusal survives a consequence that catches it.
 */
class RestrictedPackObligationsTest {

    private static final String INDIA = "org/niyam/compliance/rules/india";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00+05:30");
    private static final PlatformProfile PROFILE = new PlatformProfile("ExampleNet", 80_000_000, false);
    private static final Evidence EVIDENCE = new Evidence(PROFILE, List.of(), List.of(
            new ComplaintReceived("c-1", "case-1", AT, ComplaintCategory.values()[0]),
            new ComplaintReceived("c-2", "case-2", AT.plusHours(1), ComplaintCategory.values()[0])));
    /** Two days on: the complaints' acknowledgements (due in a day) are breached, as nothing acknowledged them. */
    private static final OffsetDateTime AS_OF = AT.plusDays(2);

    private static final String PACK = """
            package org.example.policy;
            import java.util.List;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;

            %s
            """;

    private static RulePack policy(String rules) {
        return RulePack.drl("policy.drl", PACK.formatted(rules));
    }

    private static ComplianceEngine engine(RulePack... packs) {
        ComplianceEngine.Builder builder = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA));
        for (RulePack pack : packs) {
            builder.rulePack(pack);
        }
        return builder.build();
    }

    private static RuleExecutionException refused(Function<ComplianceEngine.Builder, ComplianceEngine.Builder> how,
                                                  RulePack... packs) {
        ComplianceEngine.Builder builder = ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA));
        for (RulePack pack : packs) {
            builder.rulePack(pack);
        }
        ComplianceEngine engine = how.apply(builder).build();
        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(EVIDENCE, AS_OF));
        assertThat(e).as("the evaluation is refused").isNotNull();
        assertThat(e.getCause()).as("told without a stack trace").isNull();
        assertThat(e.getMessage()).contains("a restricted pack may open, discharge and assess only obligations of its "
                + "own keys, and report findings of its own codes cited to its own rules, not another pack's.",
                "unrestricted()");
        return e;
    }

    private static RuleExecutionException refused(String rules) {
        return refused(policy(rules));
    }

    /**
     * Refused as the engine runs by default, case by case, with a session per case, and in one session, with the
     * same message. The refusing rules match one duty (c-1's): where several conclusions are refused, the engine
     * names the first one inserted, and which is first depends on the order the pack's rules fire in a session.
     */
    private static RuleExecutionException refused(RulePack... packs) {
        RuleExecutionException byCase = refused(b -> b, packs);
        RuleExecutionException perCase = refused(b -> b.eventsPerSession(1), packs);
        RuleExecutionException oneSession = refused(ComplianceEngine.Builder::oneSession, packs);
        assertThat(perCase.getMessage()).as("the same refusal with a session per case").isEqualTo(byCase.getMessage());
        assertThat(oneSession.getMessage()).as("the same refusal, case by case or in one session")
                .isEqualTo(byCase.getMessage());
        return byCase;
    }

    private static Report india() {
        return engine().evaluate(EVIDENCE, AS_OF);
    }

    @Test
    void the_india_packs_acknowledgements_are_breached_without_the_restricted_pack() {
        assertThat(india().obligations()).filteredOn(o -> o.duty().equals("complaint.acknowledge"))
                .hasSize(2).allMatch(o -> o.status().name().equals("BREACHED"));
    }

    @Test
    void a_restricted_pack_may_not_discharge_the_india_packs_duty() {
        RuleExecutionException e = refused("""
                rule "evil.acknowledged"
                    @citation("x")
                when
                    $d : Duty(key == "complaint.acknowledge", triggerEventId == "c-1")
                then
                    insert(new Discharge($d.obligationId(), $d.triggerEventId(), $d.triggeredAt()));
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.acknowledged");
        assertThat(e.getMessage()).contains("rule 'evil.acknowledged' (x, policy.drl:", "of restricted pack "
                + "'policy.drl' inserted Discharge of 'complaint.acknowledge@c-", "an obligation of key "
                + "'complaint.acknowledge', which pack 'india-it-rules' opens");
    }

    @Test
    void the_docs_show_the_refusal_the_engine_gives() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "restricted-drl.md"));
        int section = docs.indexOf("8. **A pack concludes only about its own obligations.**");
        int start = docs.indexOf("```text", section) + "```text".length();
        String shown = docs.substring(start, docs.indexOf("```", start)).strip();

        RuleExecutionException e = refused("""
                rule "evil.acknowledged"
                    @citation("x")
                when
                    $d : Duty(key == "complaint.acknowledge", triggerEventId == "c-1")
                then
                    insert(new Discharge($d.obligationId(), $d.triggerEventId(), $d.triggeredAt()));
                end
                """);

        assertThat(section).isPositive();
        assertThat(e.getMessage()).isEqualTo(shown);
    }

    @Test
    void the_refusal_survives_a_consequence_that_catches_it() {
        RuleExecutionException e = refused("""
                rule "evil.acknowledged-quietly"
                    @citation("x")
                when
                    $d : Duty(key == "complaint.acknowledge", triggerEventId == "c-1")
                then
                    try {
                        insert(new Discharge($d.obligationId(), $d.triggerEventId(), $d.triggeredAt()));
                    } catch (Throwable t) {
                    }
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.acknowledged-quietly");
    }

    /** A rule of the platform's (no case fact) discharging a case's duty by its id, without reading the duty. */
    @Test
    void a_restricted_pack_may_not_discharge_another_packs_duty_by_its_id_from_another_session() {
        RuleExecutionException e = refused("""
                rule "evil.acknowledged-from-afar"
                    @citation("x")
                when
                    $law : LawInForce()
                then
                    insert(new Discharge("complaint.acknowledge@c-1", "c-1", $law.asOf()));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Discharge of 'complaint.acknowledge@c-1'");
    }

    @Test
    void a_restricted_pack_may_not_open_a_duty_of_the_india_packs_key() {
        RuleExecutionException e = refused("""
                rule "aaa.poses-as-india"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("complaint.acknowledge", "Acknowledge the complaint", "complaint.acknowledge", $c));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Duty 'complaint.acknowledge' of case 'case-",
                "which pack 'india-it-rules' opens");
    }

    /**
     * A key with a zero-width space printed as the India pack's: the report showed a second, breached
     * "complaint.acknowledge@c-1", cited to Rule 3(2)(a)(i) by a rule whose name printed as the India pack's too.
     */
    @Test
    void a_restricted_pack_may_not_open_a_duty_of_a_key_that_prints_as_the_india_packs() {
        RuleExecutionException e = refused("""
                rule "aaa.poses-as-india"
                    @citation("Rule 3(2)(a)(i)")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("complaint.acknowledge\\u200b", "Acknowledge the complaint", "complaint.acknowledge",
                            $c));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Duty 'complaint.acknowledge", "whose key has an invisible "
                + "character (U+200B): a restricted pack's rule names, duty keys and finding codes are written in "
                + "visible characters, so that none prints as another pack's");
    }

    @Test
    void a_restricted_pack_may_not_report_a_finding_of_a_code_with_an_invisible_character() {
        RuleExecutionException e = refused("""
                rule "aaa.finds"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("order.defective" + (char) 0x2060, $c.caseId(), "m", List.of()));
                end
                """);

        assertThat(e.getMessage()).contains("whose code has an invisible character (U+2060)");
    }

    @Test
    void a_restricted_packs_rule_name_may_not_hold_an_invisible_character() {
        org.niyam.compliance.pack.RulePackException e = catchThrowableOfType(
                org.niyam.compliance.pack.RulePackException.class, () -> engine(policy("""
                        rule "in.3-2-a-i.complaint-opens-acknowledgement\u200b"
                            @citation("Rule 3(2)(a)(i)")
                        when
                            $c : ComplaintReceived()
                        then
                            insert(new Duty("policy.acknowledge", "Acknowledge", "complaint.acknowledge", $c));
                        end
                        """)));
        assertThat(e).as("refused at build").isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains(
                "rule 'in.3-2-a-i.complaint-opens-acknowledgement\\u200b' has an invisible character (U+200B) in its "
                        + "name", "unrestricted()"));
        // Unrestricted, the same pack builds: the check is of restricted packs.
        assertThatCode(() -> ComplianceEngine.builder().rulePack(RulePack.classpath(INDIA)).rulePack(policy("""
                rule "policy.acknowledges\u200b"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("policy.acknowledge", "Acknowledge", "complaint.acknowledge", $c));
                end
                """).unrestricted()).build()).doesNotThrowAnyException();
    }

    /** A pack whose duty key is built at run time: no literal in its DRL says it is the pack's. */
    private static final RulePack MINE = RulePack.drl("mine.drl", """
            package org.example.mine;
            import org.niyam.compliance.india.*;
            import org.niyam.compliance.model.*;
            rule "mine.opens"
                @citation("Mine 1")
            when
                $c : ComplaintReceived()
            then
                insert(new Duty(String.join(".", "mine", "acknowledge"), "Acknowledge it our way",
                        "complaint.acknowledge", $c));
            end
            """);

    /** A key built at run time is not read from the DRL: the kernel refuses the crossing where the duties meet. */
    @Test
    void a_restricted_pack_may_not_open_another_packs_obligation_under_a_key_built_at_run_time() {
        RuleExecutionException e = refused(MINE, policy("""
                rule "policy.poses-as-mine"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty(String.join(".", "mine", "acknowledge"), "Acknowledge it our way",
                            "complaint.acknowledge", $c));
                end
                """));

        assertThat(e.ruleId()).isEqualTo("policy.poses-as-mine");
        assertThat(e.getMessage()).contains("rule 'policy.poses-as-mine' (x, policy.drl:", "of restricted pack "
                + "'policy.drl' opened obligation 'mine.acknowledge@c-", "which rule 'mine.opens' (Mine 1, mine.drl:",
                "of pack 'mine.drl' opened");
    }

    @Test
    void a_restricted_pack_may_not_assess_the_india_packs_obligation() {
        RuleExecutionException e = refused("""
                rule "evil.assessed"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(Assessment.about($c, "complaint.acknowledge", "Acknowledge the complaint", Status.MET,
                            "We say so.", List.of($c.id())));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Assessment of 'complaint.acknowledge@c-",
                "an obligation of key 'complaint.acknowledge', which pack 'india-it-rules' opens");
    }

    /** The India pack writes the key of its address duty in a function: the kernel refuses where they meet. */
    @Test
    void a_restricted_pack_may_not_assess_a_standing_duty_of_the_india_pack_under_a_key_built_at_run_time() {
        Report alone = india();
        assertThat(alone.obligations()).as("the India pack assesses it")
                .anyMatch(o -> o.id().equals("4(5).address-in-india"));

        RuleExecutionException e = refused("""
                rule "evil.address"
                    @citation("x")
                when
                    $law : LawInForce()
                then
                    insert(new Assessment(String.join(".", "4(5)", "address-in-india"), "Publish an address",
                            Status.MET, "We say so.", List.of()));
                end
                """);

        assertThat(e.ruleId()).isEqualTo("evil.address");
        assertThat(e.getMessage()).contains("rule 'evil.address' (x, policy.drl:", "of restricted pack 'policy.drl' "
                + "assessed obligation '4(5).address-in-india', which rule '", "of pack 'india-it-rules' assessed");
    }

    @Test
    void a_restricted_pack_may_not_cite_its_finding_to_a_rule_of_the_india_pack() {
        RuleExecutionException e = refused("""
                rule "evil.cited"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new Finding("policy.note", $c.caseId(), "Nothing to see.", List.of($c.id()),
                            new Citation("IT Rules, 2021", "Rule 3(2)(a)(i)", "2026",
                                    "in.3-2-a-i.complaint-opens-acknowledgement")));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Finding 'policy.note' of case 'case-1', cited to rule "
                + "'in.3-2-a-i.complaint-opens-acknowledgement' of pack 'india-it-rules'");
    }

    @Test
    void a_restricted_pack_may_not_report_a_finding_of_the_india_packs_code() {
        RuleExecutionException e = refused("""
                rule "evil.finding"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new Finding("defective-intimation", $c.caseId(), "Defective.", List.of($c.id())));
                end
                """);

        assertThat(e.getMessage()).contains("inserted Finding 'defective-intimation' of case 'case-1', a finding of "
                + "code 'defective-intimation', which pack 'india-it-rules' reports");
    }

    /** Between two restricted packs as well, and for a key neither writes as a literal. */
    @Test
    void a_restricted_pack_may_not_discharge_another_restricted_packs_duty() {
        RulePack other = RulePack.drl("other.drl", """
                package org.example.other;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                rule "other.discharges"
                    @citation("Other 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Discharge(String.join(".", "mine", "acknowledge") + "@" + $c.id(), $c.id(), $c.at()));
                end
                """);

        RuleExecutionException e = refused(MINE, other);

        assertThat(e.ruleId()).isEqualTo("other.discharges");
        assertThat(e.getMessage()).contains("rule 'other.discharges' (Other 1, other.drl:", "of restricted pack "
                + "'other.drl' discharged obligation 'mine.acknowledge@c-", "which rule 'mine.opens' (Mine 1, "
                + "mine.drl:", "of pack 'mine.drl' opened");
    }

    /**
     * Conclusions that the kernel would place apart from the obligation they settle, in another case's session or the
     * platform's, are brought together with it: a restricted pack's assessment of another case's event, and its
     * platform rules' discharges and assessments of a case's obligation.
     */
    @Test
    void a_restricted_pack_may_not_assess_another_packs_obligation_from_another_case() {
        RuleExecutionException e = refused(MINE, policy("""
                rule "policy.assesses-from-case-2"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-2")
                then
                    insert(new Assessment(String.join(".", "mine", "acknowledge"), "Acknowledge it our way",
                            Status.MET, "We say so.", List.of(), $c.caseId(), "c-1", $c.at()));
                end
                """));

        assertThat(e.getMessage()).contains("rule 'policy.assesses-from-case-2' (x, policy.drl:", "assessed obligation "
                + "'mine.acknowledge@c-1', which rule 'mine.opens' (Mine 1, mine.drl:", "of pack 'mine.drl' opened");
    }

    /**
     * Where each case is evaluated apart from the platform ({@link CaseTracker}, as the streaming job does), a
     * restricted pack's assessment of another case's event cannot meet the obligation of that id the other case
     * holds: the platform's step refuses it, rather than report two obligations of one id.
     */
    @Test
    void the_streaming_platform_step_refuses_a_restricted_assessment_it_cannot_compare() {
        ComplianceEngine engine = engine(MINE, policy("""
                rule "policy.assesses-from-case-2"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-2")
                then
                    insert(new Assessment(String.join(".", "mine", "acknowledge"), "Acknowledge it our way",
                            Status.MET, "We say so.", List.of(), $c.caseId(), "c-1", $c.at()));
                end
                """));
        CaseTracker tracker = CaseTracker.of(engine);
        CaseTracker.Context context = new CaseTracker.Context(PROFILE, List.of(), AT);
        List<CaseTracker.Leftover> leftovers = new ArrayList<>();
        for (CaseEvent event : EVIDENCE.events()) {
            CaseTracker.Step step = tracker.step(context, CaseTracker.State.empty(event.caseId()).withEvent(event),
                    AS_OF);
            leftovers.addAll(step.leftovers());
        }
        assertThat(leftovers).as("case-2's assessment goes to the platform").isNotEmpty();

        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class, () -> tracker.platformStep(
                context, List.of(), leftovers, CaseTracker.State.empty(""), AS_OF));

        assertThat(e).as("the platform's step refuses it").isNotNull();
        assertThat(e.getCause()).isNull();
        assertThat(e.ruleId()).isEqualTo("policy.assesses-from-case-2");
        assertThat(e.getMessage()).contains("rule 'policy.assesses-from-case-2' (x, policy.drl:",
                "of restricted pack 'policy.drl' assessed obligation 'mine.acknowledge@c-1', which no rule of the "
                        + "platform's opens", "unrestricted()");
        assertThatCode(() -> CaseTracker.of(engine(MINE)).platformStep(context, List.of(), List.of(),
                CaseTracker.State.empty(""), AS_OF)).as("nothing to refuse without it").doesNotThrowAnyException();
    }

    @Test
    void a_restricted_packs_platform_rule_may_not_discharge_another_packs_case_obligation() {
        RuleExecutionException e = refused(MINE, policy("""
                rule "policy.discharges-from-afar"
                    @citation("x")
                when
                    $law : LawInForce()
                then
                    insert(new Discharge(String.join(".", "mine", "acknowledge") + "@c-1", "c-1", $law.asOf()));
                end
                """));

        assertThat(e.getMessage()).contains("rule 'policy.discharges-from-afar' (x, policy.drl:", "discharged "
                + "obligation 'mine.acknowledge@c-1', which rule 'mine.opens' (Mine 1, mine.drl:");
    }

    @Test
    void a_restricted_packs_platform_rule_may_not_assess_another_packs_case_obligation() {
        RuleExecutionException e = refused(MINE, policy("""
                rule "policy.assesses-from-afar"
                    @citation("x")
                when
                    $law : LawInForce()
                then
                    insert(new Assessment(String.join(".", "mine", "acknowledge"), "Acknowledge it our way",
                            Status.MET, "We say so.", List.of(), "case-1", "c-1", $law.asOf()));
                end
                """));

        assertThat(e.getMessage()).contains("rule 'policy.assesses-from-afar' (x, policy.drl:", "assessed "
                + "obligation 'mine.acknowledge@c-1', which rule 'mine.opens' (Mine 1, mine.drl:");
    }

    @Test
    void the_monitor_refuses_it_too() {
        ComplianceEngine engine = engine(policy("""
                rule "evil.acknowledged"
                    @citation("x")
                when
                    $d : Duty(key == "complaint.acknowledge")
                then
                    insert(new Discharge($d.obligationId(), $d.triggerEventId(), $d.triggeredAt()));
                end
                """));
        RuleExecutionException e;
        try (ComplianceMonitor monitor = ComplianceMonitor.builder(engine).clock(MonitorClock.eventTime())
                .platform(PROFILE).build()) {
            e = catchThrowableOfType(RuleExecutionException.class,
                    () -> monitor.acceptAll(EVIDENCE.events()));
        }

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("inserted Discharge of 'complaint.acknowledge@c-1'",
                "which pack 'india-it-rules' opens");
    }

    @Test
    void a_restricted_pack_still_opens_discharges_and_assesses_its_own_duties_beside_the_india_pack() {
        Report report = engine(policy("""
                rule "policy.opens"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("policy.acknowledge", "Acknowledge it our way", "complaint.acknowledge", $c));
                end

                rule "policy.discharges"
                    @citation("Policy 1")
                when
                    $d : Duty(key == "policy.acknowledge", triggerEventId == "c-1")
                then
                    insert(new Discharge($d.obligationId(), "c-1", $d.triggeredAt().plusHours(1)));
                end

                rule "policy.assesses"
                    @citation("Policy 2")
                when
                    $c : ComplaintReceived()
                then
                    insert(Assessment.about($c, "policy.reviewed", "Review it", Status.MET, "Reviewed.",
                            List.of($c.id())));
                    insert(new Finding("policy.noted", $c.caseId(), "Noted.", List.of($c.id())));
                end

                rule "policy.reads-the-india-packs-duties"
                    @citation("Policy 3")
                when
                    $d : Duty(key == "complaint.acknowledge")
                then
                    insert(new Finding("policy.seen", $d.caseId(), "Seen " + $d.obligationId() + ".",
                            List.of($d.triggerEventId())));
                end
                """)).evaluate(EVIDENCE, AS_OF);

        assertThat(report.obligations()).filteredOn(o -> o.duty().equals("complaint.acknowledge"))
                .isEqualTo(india().obligations().stream().filter(o -> o.duty().equals("complaint.acknowledge"))
                        .toList());
        assertThat(report.obligations()).filteredOn(o -> o.duty().equals("policy.acknowledge"))
                .extracting(o -> o.status().name()).containsExactlyInAnyOrder("MET", "BREACHED");
        assertThat(report.obligations()).filteredOn(o -> o.duty().equals("policy.reviewed")).hasSize(2);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("policy.seen")).hasSize(2);
    }

    /**
     * The keys a pack owns are read from the syntax trees of its consequences: a key in a comment or in a string of
     * another pack is not that pack's, so the restricted pack that does write it may open it.
     */
    @Test
    void a_key_in_another_packs_comment_or_string_is_not_that_packs() {
        RulePack notes = RulePack.drl("notes.drl", """
                package org.example.notes;
                import java.util.List;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;
                // The policy pack opens insert(new Duty("policy.acknowledge", "Acknowledge it our way", ...));
                rule "notes.mentions"
                    @citation("Notes 1")
                when
                    $c : ComplaintReceived()
                then
                    /* new Finding("policy.noted", ...) is the policy pack's */
                    String note = "new Duty(\\"policy.acknowledge\\", ...)";
                    insert(new Finding("notes.seen", $c.caseId(), note, List.of($c.id())));
                end
                """).unrestricted();

        Report report = engine(notes, policy("""
                rule "policy.opens"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("policy.acknowledge", "Acknowledge it our way", "complaint.acknowledge", $c));
                    insert(new Finding("policy.noted", $c.caseId(), "Noted.", List.of($c.id())));
                end
                """)).evaluate(EVIDENCE, AS_OF);

        assertThat(report.obligations()).filteredOn(o -> o.duty().equals("policy.acknowledge")).hasSize(2);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("policy.noted")).hasSize(2);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("notes.seen")).hasSize(2);
    }

    /** A key written through the model type's qualified name is the pack's all the same. */
    @Test
    void a_key_written_with_the_qualified_type_name_is_owned() {
        RulePack kept = RulePack.drl("kept.drl", """
                package org.example.kept;
                import org.niyam.compliance.india.*;
                rule "kept.opens"
                    @citation("Kept 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(org.niyam.compliance.model.Duty.keepUntil("kept.records", "Keep the records",
                            "complaint.acknowledge", $c));
                end
                """).unrestricted();

        RuleExecutionException e = refused(kept, policy("""
                rule "policy.poses-as-kept"
                    @citation("x")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("kept.records", "Keep them", "complaint.acknowledge", $c));
                end
                """));

        assertThat(e.getMessage()).contains("inserted Duty 'kept.records' of case 'case-",
                "which pack 'kept.drl' opens");
    }

    /**
     * A key written through a static import of the model type's method is the pack's: the other pack's duty of that
     * key, for another complaint than the one the first pack's duty is of (so that no obligation of one id meets
     * another in the kernel), is refused as it is inserted.
     */
    @Test
    void a_key_written_through_a_static_import_is_owned() {
        RulePack kept = RulePack.drl("kept.drl", """
                package org.example.kept;
                import static org.niyam.compliance.model.Duty.keepUntil;
                import org.niyam.compliance.india.*;
                rule "kept.opens"
                    @citation("Kept 1")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(keepUntil("kept.records", "Keep the records", "complaint.acknowledge", $c));
                end
                """).unrestricted();

        RuleExecutionException e = refused(kept, policy("""
                rule "policy.poses-as-kept"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-2")
                then
                    insert(new Duty("kept.records", "Keep them", "complaint.acknowledge", $c));
                end
                """));

        assertThat(e.getMessage()).contains("inserted Duty 'kept.records' of case 'case-2'",
                "which pack 'kept.drl' opens");
    }

    /**
     * Which pack a rule and the keys it writes are of is read by the DRL file's name: a restricted pack's file named as
     * one of the India pack's (here given before it, so that the India pack's keys in that file would be taken for the
     * restricted pack's) is refused when the engine is built.
     */
    @Test
    void a_restricted_pack_may_not_name_its_file_as_another_packs() {
        RulePack india = RulePack.classpath(INDIA);
        String grievance = india.sources().stream().map(RulePack.DrlSource::origin)
                .filter(origin -> origin.endsWith("/grievance.drl")).findFirst().orElseThrow();
        RulePack posing = RulePack.drl(grievance, PACK.formatted("""
                rule "policy.opens-the-india-key"
                    @citation("x")
                when
                    $c : ComplaintReceived(id == "c-1")
                then
                    insert(new Duty("complaint.acknowledge", "Acknowledge", "complaint.acknowledge",
                            new ComplaintReceived("zz-9", "case-9", $c.at(), $c.category())));
                end
                """));

        for (List<RulePack> packs : List.of(List.of(posing, india), List.of(india, posing))) {
            ComplianceEngine.Builder builder = ComplianceEngine.builder();
            packs.forEach(builder::rulePack);
            org.niyam.compliance.pack.RulePackException e = catchThrowableOfType(
                    org.niyam.compliance.pack.RulePackException.class, builder::build);

            assertThat(e).as("refused, %s", packs.stream().map(RulePack::id).toList()).isNotNull();
            assertThat(e.getMessage()).contains("DRL file '" + grievance + "' of pack '", "is named as a file of pack",
                    "a restricted pack's files must be named apart from every other pack's");
        }
    }
}
