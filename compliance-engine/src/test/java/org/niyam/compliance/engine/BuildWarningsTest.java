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

    /** A pack of one file whose rule reports a finding of {@code code} on every complaint; the rule is at line 5. */
    private static RulePack reporting(String name, String rule, String code) {
        return RulePack.drl(name, """
                package org.example.%s;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Finding;

                rule "%s"
                    @citation("Policy 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("%s", $c.caseId(), "Seen (%s)", java.util.List.of($c.id())));
                end
                """.formatted(name.replace(".drl", "").replace('-', '_'), rule, code, name));
    }

    /** A pack of one file whose rule (line 4) names a fact type that does not exist: it does not compile. */
    private static RulePack broken(String name) {
        return RulePack.drl(name, """
                package org.example.broken;

                rule "broken.rule"
                    @citation("Policy 1")
                when
                    Complant()
                then
                end
                """);
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
    class SharedFindingCodes {

        @Test
        void a_code_two_restricted_packs_report_is_a_warning_naming_both_packs_rules_files_and_lines() {
            ComplianceEngine engine = build(reporting("first.drl", "first.seen", "seen"),
                    reporting("second.drl", "second.seen", "seen"));

            assertThat(engine.warnings()).singleElement().satisfies(w -> {
                assertThat(w.source()).isEqualTo("second.drl");
                assertThat(w.line()).isEqualTo(5);
                assertThat(w.message()).isEqualTo("finding code 'seen' is reported by 2 packs: "
                        + "pack 'first.drl' (rule 'first.seen', first.drl:5) and "
                        + "pack 'second.drl' (rule 'second.seen', second.drl:5); a restricted pack may report only "
                        + "findings of its own codes, so an evaluation fails (RuleExecutionException) the first time "
                        + "a rule of packs 'first.drl' or 'second.drl' above reports it. Give each pack's codes a "
                        + "prefix of its own");
            });
            // What the warning foretells: the first complaint fails the evaluation.
            assertThatThrownBy(() -> engine.evaluate(evidence(complaint("c-1", "C-1", T)), T))
                    .isInstanceOf(RuleExecutionException.class)
                    .hasMessageContaining("a finding of code 'seen', which pack '");
        }

        @Test
        void a_code_two_trusted_packs_report_is_a_warning_and_both_findings_stand_in_the_report() {
            ComplianceEngine engine = build(reporting("first.drl", "first.seen", "seen").unrestricted(),
                    reporting("second.drl", "second.seen", "seen").unrestricted());

            assertThat(engine.warnings()).singleElement().extracting(Problem::message).asString()
                    .startsWith("finding code 'seen' is reported by 2 packs: pack 'first.drl' (rule 'first.seen', "
                            + "first.drl:5) and pack 'second.drl' (rule 'second.seen', second.drl:5); a report then "
                            + "holds findings of that code from both packs, told apart only by their citations.")
                    .doesNotContain("restricted");
            assertThat(engine.evaluate(evidence(complaint("c-1", "C-1", T)), T).findings())
                    .extracting(f -> f.code() + " " + f.citation().ruleId())
                    .containsExactlyInAnyOrder("seen first.seen", "seen second.seen");
        }

        @Test
        void a_shared_key_comes_before_a_shared_code_each_in_order() {
            ComplianceEngine engine = build(opening("a.drl", "a.answer", "answer"),
                    reporting("b.drl", "b.seen", "seen"), reporting("c.drl", "c.seen", "seen"),
                    opening("d.drl", "d.answer", "answer"), reporting("e.drl", "e.also", "also"),
                    reporting("f.drl", "f.also", "also"));

            assertThat(engine.warnings()).extracting(Problem::message)
                    .satisfiesExactly(m -> assertThat(m).startsWith("duty key 'answer' is concluded by 2 packs"),
                            m -> assertThat(m).startsWith("finding code 'also' is reported by 2 packs"),
                            m -> assertThat(m).startsWith("finding code 'seen' is reported by 2 packs"));
        }

        @Test
        void rules_of_one_pack_reporting_one_code_and_a_code_one_pack_shares_with_a_duty_key_are_no_warning() {
            RulePack pack = RulePack.drl("policy.drl", """
                    package org.example.policy;
                    import org.niyam.compliance.india.ComplaintReceived;
                    import org.niyam.compliance.india.RemovalOrderReceived;
                    import org.niyam.compliance.model.Finding;
                    rule "policy.on-complaint"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("policy.seen", $c.caseId(), "Seen", java.util.List.of($c.id())));
                    end
                    rule "policy.on-order"
                        @citation("Policy 2")
                    when
                        $o : RemovalOrderReceived()
                    then
                        insert(new Finding("policy.seen", $o.caseId(), "Seen", java.util.List.of($o.id())));
                    end
                    """);

            // A finding code and a duty key are named apart: one pack's code is another's key without harm.
            assertThat(build(pack, opening("other.drl", "other.answer", "policy.seen")).warnings()).isEmpty();
        }

        @Test
        void a_code_built_at_run_time_is_not_compared() {
            RulePack computed = RulePack.drl("computed.drl", """
                    package org.example.computed;
                    import org.niyam.compliance.india.ComplaintReceived;
                    import org.niyam.compliance.model.Finding;
                    rule "computed.seen"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                    then
                        insert(new Finding("se" + "en", $c.caseId(), "Seen", java.util.List.of($c.id())));
                    end
                    """).unrestricted();

            ComplianceEngine engine = build(reporting("first.drl", "first.seen", "seen").unrestricted(), computed);

            assertThat(engine.warnings()).isEmpty();
            assertThat(engine.evaluate(evidence(complaint("c-1", "C-1", T)), T).findings())
                    .extracting(f -> f.code()).containsExactly("seen", "seen");
        }
    }

    @Nested
    class WhenTheBuildFails {

        @Test
        void the_keys_and_codes_two_packs_conclude_come_with_the_problems() {
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(opening("first.drl", "first.answer", "answer"), broken("broken.drl"),
                            opening("second.drl", "second.answer", "answer"),
                            reporting("third.drl", "third.seen", "seen"),
                            reporting("fourth.drl", "fourth.seen", "seen")));

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("broken.drl");
                assertThat(p.message()).contains("Complant");
            });
            assertThat(e.warnings()).extracting(Problem::toString).satisfiesExactly(
                    w -> assertThat(w).startsWith("second.drl:5: duty key 'answer' is concluded by 2 packs: "
                            + "pack 'first.drl' (rule 'first.answer', first.drl:5) and pack 'second.drl'"),
                    w -> assertThat(w).startsWith("fourth.drl:5: finding code 'seen' is reported by 2 packs: "
                            + "pack 'third.drl' (rule 'third.seen', third.drl:5) and pack 'fourth.drl'"));
            assertThat(e.getMessage()).startsWith("1 problem in the rule packs:\n  broken.drl:")
                    .contains("\n2 warnings:\n  second.drl:5: duty key 'answer'", "\n  fourth.drl:5: finding code");
        }

        @Test
        void the_warnings_of_a_failed_build_are_in_the_exception_not_in_the_log() {
            Logger log = (Logger) LoggerFactory.getLogger(ComplianceEngine.class);
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            log.addAppender(captured);
            RulePackException e;
            try {
                e = catchThrowableOfType(RulePackException.class, () -> build(opening("first.drl", "first.answer",
                        "answer"), opening("second.drl", "second.answer", "answer"), broken("broken.drl")));
            } finally {
                log.detachAppender(captured);
            }
            assertThat(e.warnings()).hasSize(1);
            assertThat(captured.list).noneMatch(event -> event.getLevel() == Level.WARN);
        }

        @Test
        void a_pack_given_twice_comes_first_also_when_another_problem_stops_the_build() {
            RulePack pack = opening("policy.drl", "policy.answer", "policy.answer");

            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(pack, broken("broken.drl"), pack, opening("other.drl", "other.answer",
                            "policy.answer")));

            assertThat(e.problems()).extracting(Problem::source).containsExactly("broken.drl");
            assertThat(e.warnings()).extracting(Problem::message).satisfiesExactly(
                    m -> assertThat(m).isEqualTo("pack 'policy.drl' is given twice (both at policy.drl): it is used "
                            + "once"),
                    m -> assertThat(m).startsWith("duty key 'policy.answer' is concluded by 2 packs"));
        }

        @Test
        void a_pack_given_twice_is_known_even_when_the_build_fails_before_the_drl_is_read() {
            RulePack pack = opening("policy.drl", "policy.answer", "policy.answer");
            RulePack other = opening("other.drl", "other.answer", "other.answer");

            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(other, other, pack, pack.unrestricted()));

            assertThat(e.problems()).singleElement().extracting(Problem::message).asString()
                    .contains("pack 'policy.drl' is given twice", "differently");
            assertThat(e.warnings()).singleElement().hasToString(
                    "other.drl: pack 'other.drl' is given twice (both at other.drl): it is used once");
        }

        @Test
        void a_failed_build_without_warnings_has_none_and_its_message_only_problems() {
            RulePackException e = catchThrowableOfType(RulePackException.class,
                    () -> build(opening("first.drl", "first.answer", "first.answer"), broken("broken.drl")));

            assertThat(e.warnings()).isEmpty();
            assertThat(e.getMessage()).startsWith("1 problem in the rule packs:").doesNotContain("warning");
        }
    }

    @Nested
    class NotLogged {

        @Test
        void an_engine_built_with_warnings_not_logged_lists_them_and_logs_none() {
            Logger log = (Logger) LoggerFactory.getLogger(ComplianceEngine.class);
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            log.addAppender(captured);
            ComplianceEngine engine;
            try {
                engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                        .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                        .rulePack(opening("first.drl", "first.answer", "answer"))
                        .rulePack(opening("second.drl", "second.answer", "answer"))
                        .warningsNotLogged().build();
            } finally {
                log.detachAppender(captured);
            }
            assertThat(engine.warnings()).hasSize(1);
            assertThat(captured.list).noneMatch(event -> event.getLevel() == Level.WARN);
            // The INFO line still counts them.
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
