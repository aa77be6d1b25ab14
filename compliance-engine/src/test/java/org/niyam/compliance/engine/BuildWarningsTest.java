package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;
import org.slf4j.LoggerFactory;

/**
 * What a pack's author is told when the engine is built, beside the problems that stop it: a duty key that two
 * packs conclude (docs/writing-rules.md, "Checks before anything runs") and a pack given twice.
 */
class BuildWarningsTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");

    /** A pack of one file whose rule opens a duty of {@code key} on every complaint; the rule is at line 5. */
    private static RulePack opening(String name, String rule, String key) {
        return RulePack.drl(name, """
                package org.example.%s;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Duty;

                rule "%s"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("%s", "Answer (%s)", "test.clock", $c));
                end
                """.formatted(name.replace(".drl", "").replace('-', '_'), rule, key, name));
    }

    /** An engine of the clock pack, which defines the clock {@code test.clock} and no key of these, and the packs. */
    private static ComplianceEngine build(RulePack... packs) {
        return ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES).rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .rulePacks(java.util.List.of(packs)).build();
    }

    @Nested
    class SharedKeys {

        @Test
        void a_key_two_restricted_packs_conclude_is_a_warning_naming_both_packs_rules_files_and_lines() {
            ComplianceEngine engine = build(opening("first.drl", "first.answer", "answer"),
                    opening("second.drl", "second.answer", "answer"));

            assertThat(engine.warnings()).singleElement().satisfies(w -> {
                assertThat(w.source()).isEqualTo("second.drl");
                assertThat(w.line()).isEqualTo(5);
                assertThat(w.message()).startsWith("duty key 'answer' is concluded by 2 packs: "
                        + "pack 'first.drl' (rule 'first.answer', first.drl:5) and "
                        + "pack 'second.drl' (rule 'second.answer', second.drl:5); ")
                        .contains("restricted pack may conclude only keys of its own",
                                "the first time a rule of packs 'first.drl' or 'second.drl' above concludes it",
                                "Give each pack's keys a prefix of its own");
            });
            // What the warning foretells: the first complaint fails the evaluation.
            assertThatThrownBy(() -> engine.evaluate(evidence(complaint("c-1", "C-1", T)), T))
                    .isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("an obligation of key 'answer', which pack '");
        }

        @Test
        void a_key_two_trusted_packs_conclude_fails_only_where_both_conclude_it_about_one_trigger() {
            ComplianceEngine engine = build(opening("first.drl", "first.answer", "answer").unrestricted(),
                    opening("second.drl", "second.answer", "answer").unrestricted());

            assertThat(engine.warnings()).singleElement().extracting(Problem::message).asString()
                    .contains("pack 'first.drl' (rule 'first.answer', first.drl:5)",
                            "pack 'second.drl' (rule 'second.answer', second.drl:5)",
                            "an evaluation in which both conclude it about one trigger event fails "
                                    + "(RuleExecutionException) unless they conclude the same duty")
                    .doesNotContain("restricted");
            assertThatThrownBy(() -> engine.evaluate(evidence(complaint("c-1", "C-1", T)), T))
                    .isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("open obligation answer@c-1 differently");
        }

        @Test
        void every_rule_of_each_pack_that_concludes_the_key_is_named_and_a_function_too() {
            RulePack two = RulePack.drl("two.drl", """
                    package org.example.two;
                    import org.niyam.compliance.india.ComplaintReceived;
                    import org.niyam.compliance.india.RemovalOrderReceived;
                    import org.niyam.compliance.model.Duty;
                    function Duty answer(org.niyam.compliance.model.CaseEvent trigger) {
                        return new Duty("answer", "Answer", "test.clock", trigger);
                    }
                    rule "two.on-complaint"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("answer", "Answer", "test.clock", $c));
                    end
                    rule "two.on-order"
                        @citation("Policy 2")
                    when
                        $o : RemovalOrderReceived()
                    then
                        insert(answer($o));
                    end
                    """).unrestricted();
            ComplianceEngine engine = build(opening("one.drl", "one.answer", "answer").unrestricted(), two);

            assertThat(engine.warnings()).singleElement().extracting(Problem::message).asString()
                    .contains("pack 'two.drl' (rule 'two.on-complaint', two.drl:8; function 'answer', two.drl:5)");
        }

        @Test
        void rules_of_one_pack_concluding_one_key_on_different_triggers_are_no_warning() {
            RulePack pack = RulePack.drl("policy.drl", """
                    package org.example.policy;
                    import org.niyam.compliance.india.ComplaintReceived;
                    import org.niyam.compliance.india.RemovalOrderReceived;
                    import org.niyam.compliance.model.Duty;
                    rule "policy.on-complaint"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("policy.answer", "Answer", "test.clock", $c));
                    end
                    rule "policy.on-order"
                        @citation("Policy 2")
                    when
                        $o : RemovalOrderReceived()
                    then
                        insert(new Duty("policy.answer", "Answer", "test.clock", $o));
                    end
                    """);

            assertThat(build(pack, opening("other.drl", "other.answer", "other.answer")).warnings()).isEmpty();
        }

        @Test
        void the_warning_is_logged_at_warn_with_the_build() {
            Logger log = (Logger) LoggerFactory.getLogger(ComplianceEngine.class);
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            log.addAppender(captured);
            try {
                build(opening("first.drl", "first.answer", "answer"), opening("second.drl", "second.answer", "answer"));
            } finally {
                log.detachAppender(captured);
            }
            assertThat(captured.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .startsWith("second.drl:5: duty key 'answer' is concluded by 2 packs");
            assertThat(captured.list).filteredOn(e -> e.getLevel() == Level.INFO)
                    .extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m ->
                            assertThat(m).startsWith("Niyam engine ready").contains(", 1 warning, "));
        }
    }

    @Nested
    class PackGivenTwice {

        @Test
        void the_same_pack_object_given_twice_is_used_once_with_a_warning() {
            RulePack pack = opening("policy.drl", "policy.answer", "policy.answer");

            ComplianceEngine engine = build(pack, pack);

            assertThat(engine.rulePacks()).hasSize(2).endsWith(pack);
            assertThat(engine.ruleIds()).containsOnlyOnce("policy.answer");
            assertThat(engine.warnings()).singleElement().hasToString(
                    "policy.drl: pack 'policy.drl' is given twice (both at policy.drl): it is used once");
        }

        @Test
        void one_folder_given_twice_by_two_spellings_is_used_once(@TempDir Path dir) throws IOException {
            Path folder = Files.createDirectory(dir.resolve("mypack"));
            Files.writeString(folder.resolve("policy.drl"), """
                    package org.example.policy;
                    import org.niyam.compliance.india.ComplaintReceived;
                    import org.niyam.compliance.model.Duty;
                    rule "policy.answer"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Duty("policy.answer", "Answer", "test.clock", $c));
                    end
                    """);
            Path other = dir.resolve(".").resolve("mypack");

            ComplianceEngine engine = build(RulePack.directory(folder), RulePack.directory(other));

            assertThat(engine.rulePacks()).hasSize(2);
            assertThat(engine.warnings()).singleElement().extracting(Problem::message).isEqualTo(
                    "pack 'mypack' is given twice (at " + folder + " and at " + other + "): it is used once");
        }

        @Test
        void given_twice_differently_is_one_problem_saying_how() {
            RulePack pack = opening("policy.drl", "policy.answer", "policy.answer");

            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(pack, pack.unrestricted().applyingIn("IN")));

            assertThat(e.problems()).singleElement().hasToString("policy.drl: pack 'policy.drl' is given twice "
                    + "(both at policy.drl), differently (restricted / unrestricted; jurisdictions [] / [IN]): "
                    + "give it once");
        }

        @Test
        void given_twice_with_other_events_is_one_problem_saying_how(@TempDir Path dir) throws IOException {
            // Used once, the second copy's event types would be lost, and lines of them refused.
            String drl = """
                    package org.example.policy;
                    import org.niyam.compliance.india.ComplaintReceived;
                    rule "policy.seen"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                    end
                    """;
            List<RulePack> packs = new java.util.ArrayList<>();
            for (String events : List.of("", "events: [" + org.example.appeals.AppealLodged.class.getName() + "]")) {
                Path folder = Files.createDirectories(dir.resolve("copy" + packs.size()));
                Files.writeString(folder.resolve("pack.yaml"), "id: policy\ninstrument: Policy\nrules: [policy.drl]\n"
                        + events + "\n");
                Files.writeString(folder.resolve("policy.drl"), drl);
                packs.add(RulePack.directory(folder));
            }

            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(packs.get(0), packs.get(1)));

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().extracting(Problem::message).asString()
                    .contains("pack 'policy' is given twice", "differently", "events", "AppealLodged");
        }

        @Test
        void two_packs_of_one_id_and_other_drl_are_still_two_packs_with_one_id() {
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(opening("policy.drl", "policy.a", "policy.a"),
                            opening("policy.drl", "policy.b", "policy.b")));

            assertThat(e.problems()).extracting(Problem::message)
                    .anySatisfy(m -> assertThat(m).startsWith("pack id 'policy.drl' is also the id of the pack at"));
        }
    }
}
