package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.niyam.compliance.engine.TestPacks.acknowledged;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.order;
import static org.niyam.compliance.engine.TestPacks.removed;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.InformationRequestReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/** A rule that fails while running abandons the evaluation with a message naming the rule; bad input is refused. */
class EvaluationFailuresTest {

    private static final String FAULTY_DRL = "classpath:packs/faulty/faulty.drl";
    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");

    /** The faulty pack, with a small firing limit so that a loop is stopped within milliseconds. */
    private static final ComplianceEngine FAULTY = ComplianceEngine.builder()
            .rulePack(RulePack.classpath("packs/faulty"))
            .firingLimitPerFact(10)
            .build();

    /** The 1-based line of the faulty pack's DRL that starts with the text. */
    private static int lineOf(String start) {
        try (InputStream in = EvaluationFailuresTest.class.getClassLoader().getResourceAsStream("packs/faulty/faulty.drl")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(start)) {
                    return i + 1;
                }
            }
            throw new AssertionError("no line starting with " + start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class FailingRules {

        @Test
        void a_consequence_that_throws_names_the_rule_and_its_citation() {
            Evidence evidence = evidence(new InformationRequestReceived("q1", "case-1", T, "boom"));

            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> FAULTY.evaluate(evidence, T));

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).isEqualTo("f.throws");
            assertThat(e.getMessage()).contains("'f.throws'", "Section 9", FAULTY_DRL + ":" + lineOf("rule \"f.throws\""), "cannot handle request q1");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void a_condition_that_throws_abandons_the_evaluation() {
            Evidence evidence = evidence(new InformationRequestReceived("q1", "no-such-switch", T, "condition"));

            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> FAULTY.evaluate(evidence, T));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).as("names the rule and says what failed")
                    .contains("f.condition-throws", "'no-such-switch' is not defined by any rule pack");
        }

        /**
         * An exception thrown in an eval, a from or an accumulate was reported as "a rule condition failed", naming no
         * rule, and for an eval quoting an object's identity hash code (different at each run); Drools names the rule
         * only for a pattern's constraint. Each is placed on its rule now, from the classes on the exception's stack:
         * in a restricted pack; in a trusted pack alone (Drools' DRL compiler), a pattern's constraint only, which
         * Drools names (ModelCacheTest: a pack beside the India pack).
         */
        @ParameterizedTest(name = "{0}, restricted {1}")
        @CsvSource(delimiter = '|', value = {
            "eval($c.id().charAt(50) == 'x')                                          | true",
            "$s : String() from $c.id().substring(50)                                 | true",
            "$n : Number() from accumulate(ComplaintReceived($i : id), sum($i.charAt(50))) | true",
            "ComplaintReceived(this == $c, id.charAt(50) == 'x')                      | true",
            "ComplaintReceived(this == $c, id.charAt(50) == 'x')                      | false",
        })
        void a_condition_that_throws_names_its_rule(String condition, boolean restricted) {
            RulePack pack = faultyCondition(condition);
            RuleExecutionException e = failureOnAComplaint(restricted ? pack : pack.unrestricted());

            assertThat(e.ruleId()).isEqualTo("p.faulty");
            assertThat(e.getMessage()).startsWith("rule 'p.faulty' (Policy 1, policy.drl:11) failed in a condition: ")
                    .contains("failed in a condition", "StringIndexOutOfBoundsException").doesNotContain("@");
        }

        @Test
        void a_condition_that_rules_share_names_each_of_them() {
            // Drools' executable model makes one class of two rules' identical expressions.
            RulePack pack = RulePack.drl("policy.drl", """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;

                    rule "p.one"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                        eval($c.id().charAt(50) == 'x')
                    then
                    end

                    rule "p.two"
                        @citation("Policy 2")
                    when
                        $c : ComplaintReceived()
                        eval($c.id().charAt(50) == 'x')
                    then
                    end
                    """);

            RuleExecutionException e = failureOnAComplaint(pack);

            assertThat(e.ruleId()).isNull();
            assertThat(e.getMessage()).startsWith("a condition shared by rules 'p.one' (Policy 1")
                    .contains("'p.two' (Policy 2", "StringIndexOutOfBoundsException");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "eval($c.id().charAt(50) == 'x')",
            "$n : Number() from accumulate(ComplaintReceived($i : id), sum($i.charAt(50)))",
        })
        void a_condition_of_drools_drl_compiler_that_throws_is_told_without_identity_hash_codes(String condition) {
            // Drools' message quotes the eval's object by its identity hash code, different at each run.
            RuleExecutionException e = failureOnAComplaint(faultyCondition(condition).unrestricted());

            assertThat(e.getMessage()).startsWith("a rule condition failed: ")
                    .contains("StringIndexOutOfBoundsException").doesNotContainPattern("@[0-9a-f]{4,}");
        }

        /** A pack whose rule 'p.faulty' (line 11) has the condition, beside a rule 'p.other' that does nothing. */
        private RulePack faultyCondition(String condition) {
            return RulePack.drl("policy.drl", """
                    package org.example.policy;
                    import org.niyam.compliance.india.*;

                    rule "p.other"
                        @citation("Policy 0")
                    when
                        $c : ComplaintReceived()
                    then
                    end

                    rule "p.faulty"
                        @citation("Policy 1")
                    when
                        $c : ComplaintReceived()
                        %s
                    then
                    end
                    """.formatted(condition));
        }

        /** How an engine of the pack fails on one complaint: it must. */
        private RuleExecutionException failureOnAComplaint(RulePack pack) {
            ComplianceEngine engine = ComplianceEngine.builder().rulePack(pack).build();
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> engine.evaluate(evidence(complaint("c-1", "case-1", T)), T));
            assertThat(e).as("the evaluation fails").isNotNull();
            return e;
        }

        @Test
        void a_rule_that_loops_is_stopped_at_the_firing_limit() {
            Evidence evidence = evidence(complaint("c1", "case-1", T, ComplaintCategory.INTIMATE_IMAGERY));

            RuleExecutionException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> catchThrowableOfType(RuleExecutionException.class, () -> FAULTY.evaluate(evidence, T)));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("firing limit", "f.loops");
        }

        @Test
        void a_duty_whose_clock_no_pack_defines_names_the_rule_and_the_parameter() {
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> FAULTY.evaluate(evidence(order("o1", "case-1", T)), T));

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).isEqualTo("f.unknown-clock");
            assertThat(e.getMessage()).contains("'f.unknown-clock'", "'no.such.clock'", "no pack defines");
        }

        @Test
        void a_duty_whose_clock_is_not_a_duration_names_the_rule_and_the_parameter() {
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> FAULTY.evaluate(evidence(removed("d1", "case-1", T)), T));

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).isEqualTo("f.number-clock");
            assertThat(e.getMessage()).contains("'f.number-clock'", "'faulty.threshold'", "not a duration");
        }

        @Test
        void two_rules_opening_one_obligation_differently_are_refused() {
            RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                    () -> FAULTY.evaluate(evidence(acknowledged("k1", "case-1", T)), T));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("f.twin-a", "f.twin-b", "f.twin@k1");
        }

        @Test
        void input_that_provokes_no_faulty_rule_evaluates() {
            Report report = FAULTY.evaluate(evidence(complaint("c1", "case-1", T)), T);

            assertThat(report.obligations()).isEmpty();
        }
    }

    @Nested
    class FiringLimit {

        /** Two rules that keep answering each other: neither is the loop alone. */
        private static final String PING_PONG = """
                package org.niyam.test.pingpong;

                import java.util.List;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Finding;

                rule "p.start"
                    @citation("Section 1")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Finding("ping", $c.caseId(), "ping", List.of($c.id())));
                end

                rule "p.ping-answers-pong"
                    @citation("Section 2")
                when
                    $f : Finding(code == "ping")
                then
                    insert(new Finding("pong", $f.caseId(), "pong", List.of()));
                end

                rule "p.pong-answers-ping"
                    @citation("Section 3")
                when
                    $f : Finding(code == "pong")
                then
                    insert(new Finding("ping", $f.caseId(), "ping", List.of()));
                end
                """;

        /** A rule that tells the engine its own fact changed, so that it matches again, without end. */
        private static final String SELF_UPDATE = """
                package org.niyam.test.selfupdate;

                import org.niyam.compliance.india.ComplaintReceived;

                rule "u.touches-its-fact"
                    @citation("Section 4")
                when
                    $c : ComplaintReceived()
                then
                    update($c);
                end
                """;

        /**
         * A rule that joins its own conclusions: each firing adds a duty, and every pair of duties is a match, so
         * matches grow with the square of the firings and memory would run out long before the firing limit.
         */
        private static final String FEEDS_ITSELF = """
                package org.niyam.test.feedsitself;

                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Duty;

                rule "q.opens"
                    @citation("Section 5")
                when
                    $c : ComplaintReceived()
                then
                    insert(new Duty("q.first", "Act", "test.clock", $c));
                end

                rule "q.feeds-itself"
                    @citation("Section 6")
                when
                    $c : ComplaintReceived()
                    $a : Duty()
                    $b : Duty()
                then
                    insert(new Duty("q.more", "Act", "test.clock", $c));
                end
                """;

        private RuleExecutionException loop(String drl, int limit) {
            RulePack pack = RulePack.drl("loop.drl", drl);
            // Updating an event the engine was given is for a trusted or reviewed pack only (RestrictedPackFactsTest)
            ComplianceEngine engine = ComplianceEngine.builder()
                    .rulePack(drl.equals(SELF_UPDATE) ? pack.unrestricted() : pack)
                    .firingLimitPerFact(limit).build();
            return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                    RuleExecutionException.class, () -> engine.evaluate(evidence(complaint("c1", "case-1", T)), T)));
        }

        @Test
        void rules_that_re_fire_each_other_are_stopped_and_both_named() {
            RuleExecutionException e = loop(PING_PONG, 10);

            assertThat(e).isNotNull();
            assertThat(e.ruleId()).as("several rules are at fault").isNull();
            assertThat(e.getMessage()).contains("firing limit", "p.ping-answers-pong", "p.pong-answers-ping");
        }

        @Test
        void a_rule_that_updates_its_own_fact_is_stopped_and_named() {
            RuleExecutionException e = loop(SELF_UPDATE, 10);

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("firing limit", "u.touches-its-fact");
        }

        /**
         * The default limit, 1,000 firings a fact: 5,000 firings would make 25 million matches. A trusted pack is
         * stopped at the match past twice the firings; a restricted one at the join past them, which comes first
         * (JoinLimitTest).
         */
        @Test
        void a_rule_whose_matches_grow_with_the_square_of_its_conclusions_is_stopped_before_memory_runs_out() {
            for (RulePack pack : List.of(RulePack.drl("feeds-itself.drl", FEEDS_ITSELF).unrestricted(),
                    RulePack.drl("feeds-itself.drl", FEEDS_ITSELF))) {
                ComplianceEngine engine = ComplianceEngine.builder()
                        .rulePack(RulePack.classpath(TestPacks.CLOCK_PACK)).rulePack(pack).build();
                RuleExecutionException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchThrowableOfType(
                        RuleExecutionException.class, () -> engine.evaluate(evidence(complaint("c1", "case-1", T)),
                                T)));

                assertThat(e).isNotNull();
                assertThat(e.getMessage()).contains(pack.restricted()
                        ? "rules made more than 10000 joins for 5 facts (2000 a fact"
                        : "matches for 5 facts, past twice the firing limit (5000)", "its own conclusions",
                        "q.feeds-itself");
            }
        }

        /**
         * A join of three patterns over the evidence, which makes all its matches in one evaluation of Drools' network
         * (60 complaints: 216,000), is stopped at the match that passes the limit, not after making them all (which at
         * 400 complaints took gigabytes and minutes): the message counts exactly one match past twice the firings.
         */
        @Test
        void a_join_over_the_evidence_is_stopped_at_the_match_that_passes_the_limit() {
            String drl = """
                    package org.niyam.test.cubic;

                    import org.niyam.compliance.india.ComplaintReceived;

                    rule "j.cubic"
                        @citation("Section 7")
                    when
                        ComplaintReceived($a : id)
                        ComplaintReceived($b : id)
                        ComplaintReceived($x : id)
                    then
                    end
                    """;
            List<org.niyam.compliance.model.CaseEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(complaint("c" + i, "case-" + i, T.plusMinutes(i)));
            }
            for (ComplianceEngine.Builder builder : List.of(ComplianceEngine.builder(),
                    ComplianceEngine.builder().oneSession())) {
                // Trusted: a restricted pack is stopped earlier, at the join past the limit (JoinLimitTest).
                ComplianceEngine engine = builder.rulePack(RulePack.drl("cubic.drl", drl).unrestricted())
                        .firingLimitPerFact(10).build();
                RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                        () -> engine.evaluate(new Evidence(null, List.of(), events), T.plusDays(1)));

                // 60 complaints, LawInForce and EvidencePeriod: 62 facts, 620 firings, 1,240 matches.
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).contains("rules made 1241 matches for 62 facts, past twice the firing "
                        + "limit (620)", "The match past the limit: rule 'j.cubic'");
            }
        }

        @Test
        void the_message_says_how_many_firings_for_how_many_facts() {
            RuleExecutionException e = loop(SELF_UPDATE, 7);

            // One complaint, one officer appointment, the platform, LawInForce and EvidencePeriod: 5 facts, so
            // 35 firings are allowed; the limit is per fact so that large inputs are never cut short.
            assertThat(e.getMessage()).contains("fired 35 times for 5 facts");
        }

        @Test
        void the_default_limit_never_stops_a_terminating_pack_on_a_large_input() {
            List<org.niyam.compliance.model.CaseEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                events.add(complaint("c" + i, "case-" + i, T.plusMinutes(i)));
                events.add(resolved("r" + i, "case-" + i, T.plusMinutes(i + 30)));
            }

            Report report = TestPacks.clockEngine().evaluate(new Evidence(TestPacks.PLATFORM,
                    List.of(TestPacks.grievanceOfficer()), events), T.plusDays(3));

            assertThat(report.obligations().stream().filter(o -> o.caseId() != null)).hasSize(2_000)
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.MET));
        }

        @Test
        void a_limit_below_one_is_refused() {
            assertThatThrownBy(() -> ComplianceEngine.builder().firingLimitPerFact(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firingLimitPerFact");
        }
    }

    @Nested
    class EventIds {

        private final ComplianceEngine engine = TestPacks.clockEngine();

        @Test
        void the_same_event_twice_counts_once() {
            Evidence once = evidence(complaint("c1", "case-1", T), resolved("r1", "case-1", T.plusHours(1)));
            Evidence twice = evidence(complaint("c1", "case-1", T), resolved("r1", "case-1", T.plusHours(1)),
                    complaint("c1", "case-1", T), resolved("r1", "case-1", T.plusHours(1)));

            Report report = engine.evaluate(twice, T.plusHours(3));

            assertThat(report).isEqualTo(engine.evaluate(once, T.plusHours(3)));
            assertThat(report.forCase("case-1")).singleElement()
                    .extracting(Obligation::status).isEqualTo(Status.MET);
        }

        @Test
        void one_id_for_two_different_events_is_an_input_error() {
            Evidence clash = evidence(complaint("e1", "case-1", T), resolved("e2", "case-1", T.plusHours(1)),
                    resolved("e1", "case-1", T.plusHours(2)));

            assertThatThrownBy(() -> engine.evaluate(clash, T.plusHours(3)))
                    .isInstanceOfSatisfying(InputException.class, e -> {
                        assertThat(e.field()).isEqualTo("events[2].id");
                        assertThat(e.getMessage()).contains("'e1'");
                    });
        }

        /**
         * docs/json.md (Jurisdictions): with a pack that applies in some jurisdictions, evaluate fails on a case
         * whose events state two jurisdictions by the instant it judges at; an event after that instant is not read,
         * so one stating another jurisdiction then does not count yet. Without such a pack jurisdictions decide
         * nothing and are not checked.
         */
        @Test
        void two_jurisdictions_of_one_case_are_an_input_error_once_both_are_known() {
            ComplianceEngine scoped = ComplianceEngine.builder().rulePack(RulePack.classpath(TestPacks.CLOCK_PACK)
                    .applyingIn("IN")).build();
            Evidence both = evidence(new org.niyam.compliance.india.ComplaintReceived("e1", "case-1", T,
                    ComplaintCategory.GENERAL, "IN"), new org.niyam.compliance.india.ComplaintReceived("e2", "case-1",
                    T.plusDays(2), ComplaintCategory.GENERAL, "DE"));

            assertThat(scoped.evaluate(both, T.plusDays(1)).forCase("case-1")).isNotEmpty();
            assertThatThrownBy(() -> scoped.evaluate(both, T.plusDays(3))).isInstanceOf(InputException.class)
                    .hasMessageContaining("e1").hasMessageContaining("e2");
            assertThat(engine.evaluate(both, T.plusDays(3)).forCase("case-1")).isNotEmpty();
        }

        @Test
        void one_id_for_two_events_differing_only_in_a_detail_is_an_input_error() {
            Evidence clash = evidence(complaint("e1", "case-1", T),
                    complaint("e1", "case-1", T, ComplaintCategory.REMOVAL_REQUEST));

            assertThatThrownBy(() -> engine.evaluate(clash, T)).isInstanceOf(InputException.class);
        }
    }
}
