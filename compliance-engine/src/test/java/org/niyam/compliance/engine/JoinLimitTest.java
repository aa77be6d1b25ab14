package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * The joins of a restricted pack's rules are counted as Drools makes them and stopped past 2,000 a fact, also where
 * no match is made (inside {@code accumulate}, {@code collect}, {@code not}, {@code exists}) and where Drools makes a
 * node's whole product before any match (docs/restricted-drl.md, Memory). 60 complaints and the law's and the
 * period's facts are 62 facts: 124,000 joins, which the 216,000 triples of 60 complaints pass.
 */
class JoinLimitTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");

    private static final String HEAD = """
            package org.niyam.test.joins;

            import org.niyam.compliance.india.ComplaintReceived;
            import org.niyam.compliance.model.Finding;

            """;

    private static List<CaseEvent> complaints(int count) {
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(complaint("c" + i, "case-" + i, T.plusMinutes(i)));
        }
        return events;
    }

    private static RuleExecutionException failure(String rules, ComplianceEngine.Builder builder) {
        ComplianceEngine engine = builder.rulePack(RulePack.drl("joins.drl", HEAD + rules)).build();
        return catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(new Evidence(null, List.of(), complaints(60)), T.plusDays(1)));
    }

    /**
     * The joins inside a subnetwork make no match and run no code of the pack, nor those of a {@code from}, nor a
     * join that a last condition never lets become a match: before the count, nothing saw them. Nor did anything see
     * the objects a {@code from} gives each tuple that a constraint on the object alone refuses, also inside a
     * {@code not}, an {@code exists}, an {@code accumulate} or a {@code collect}: 216,000 for 60 complaints.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "Number() from accumulate(ComplaintReceived() and ComplaintReceived() and ComplaintReceived(), count())",
        "not (ComplaintReceived() and ComplaintReceived() and ComplaintReceived(id != \"none\"))",
        "exists (ComplaintReceived() and ComplaintReceived() and ComplaintReceived())",
        "$c : ComplaintReceived()\n    $d : ComplaintReceived()\n    java.util.List() from collect(ComplaintReceived())",
        "$c : ComplaintReceived()\n    $d : ComplaintReceived()\n"
                + "    Number() from accumulate(ComplaintReceived(), count())",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n    String() from $ids",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n    String(length() < 0) from $ids",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n    not String(length() < 0) from $ids",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n"
                + "    exists String(length() < 0) from $ids",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n"
                + "    Number() from accumulate(String(length() < 0) from $ids, count())",
        "$ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))\n"
                + "    $c : ComplaintReceived()\n    $d : ComplaintReceived()\n"
                + "    java.util.List() from collect(String(length() < 0) from $ids)",
        "$a : ComplaintReceived()\n    $b : ComplaintReceived()\n    $x : ComplaintReceived()\n"
                + "    eval($a.id().equals(\"never\"))",
        "$a : ComplaintReceived()\n    $b : ComplaintReceived()\n    $x : ComplaintReceived()\n"
                + "    ComplaintReceived(id == $a.id(), id != $a.id())",
    })
    void a_join_inside_a_subnetwork_or_a_from_is_stopped(String condition) {
        String rules = """
                rule "j.inside"
                    @citation("Section 7")
                when
                    %s
                then
                end
                """.formatted(condition);
        for (ComplianceEngine.Builder builder : List.of(ComplianceEngine.builder(),
                ComplianceEngine.builder().oneSession())) {
            RuleExecutionException e = failure(rules, builder);

            assertThat(e).as("%s is stopped", condition).isNotNull();
            assertThat(e.ruleId()).isEqualTo("j.inside");
            assertThat(e.getMessage()).contains("rules made more than 124000 joins for 62 facts (2000 a fact, or twice "
                    + "the firing limit if more): rule 'j.inside' (Section 7, joins.drl:6)");
        }
    }

    /**
     * Drools makes the first two patterns' 3,600 pairs before the third pattern, and their 216,000 triples before a
     * match: at 400 complaints, 64 million tuples filled gigabytes before the match limit saw one. The count stops the
     * first node.
     */
    @Test
    void a_join_over_the_evidence_is_stopped_in_the_node_that_makes_it() {
        RuleExecutionException e = failure("""
                rule "j.cubic"
                    @citation("Section 7")
                when
                    ComplaintReceived($a : id)
                    ComplaintReceived($b : id)
                    ComplaintReceived($x : id)
                then
                end
                """, ComplianceEngine.builder());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("rules made more than 124000 joins for 62 facts", "rule 'j.cubic'");
    }

    /**
     * A pattern whose own constraint refuses every pair made no join, and Drools tested each pair uncounted: a join by
     * case, then every complaint tested against each pair, took minutes at 2,000 complaints in two cases, and ended
     * with no error. Each pair a node tests is counted now, and the join is stopped within seconds.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_join_whose_own_constraint_refuses_every_pair_is_stopped() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", HEAD + """
                rule "j.refused"
                    @citation("Section 7")
                when
                    $a : ComplaintReceived()
                    $b : ComplaintReceived(caseId == $a.caseId())
                    $c : ComplaintReceived(id.length() + $a.id().length() < 0)
                then
                end
                """)).build();
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(complaint("c" + i, "case-" + i % 2, T.plusMinutes(i)));
        }

        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(new Evidence(null, List.of(), events), T.plusDays(3)));

        assertThat(e).isNotNull();
        assertThat(e.ruleId()).isEqualTo("j.refused");
        assertThat(e.getMessage()).contains("rules made more than 4004000 joins for 2002 facts", "rule 'j.refused'");
    }

    /**
     * A {@code from} gives each tuple its objects one by one, and Drools makes a fact of each, whatever the pattern's
     * constraints on the object alone then say: 3,000 complaints' ids given to each of 3,000 tuples made 9 million
     * facts, and the heap ran out after minutes. Each object a {@code from} gives is counted as it is given.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void each_object_a_from_gives_is_counted_before_the_pattern_s_own_constraints() {
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", HEAD + """
                rule "j.from"
                    @citation("Section 7")
                when
                    $ids : java.util.List() from accumulate(ComplaintReceived($i : id), collectList($i))
                    $a : ComplaintReceived()
                    String(length() < 0) from $ids
                then
                end
                """)).build();

        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(new Evidence(null, List.of(), complaints(3_000)), T.plusDays(3)));

        assertThat(e).isNotNull();
        assertThat(e.ruleId()).isEqualTo("j.from");
        assertThat(e.getMessage()).contains("rules made more than 6004000 joins for 3002 facts", "rule 'j.from'");
    }

    /**
     * Drools takes the elements of an array of objects, an {@code Iterator} and an {@code Iterable} that a
     * {@code from} gives, one by one and skipping {@code null}, and anything else as one object, {@code null} as none;
     * counted, a {@code from} gives the same objects as in the trusted build, also inside an {@code accumulate}, a
     * {@code collect}, a {@code not} and an {@code exists}, and a case's list of a thousand is not stopped.
     */
    @Test
    void a_from_gives_the_objects_it_gives_in_a_trusted_pack() {
        String rules = HEAD + """
                import java.util.ArrayList;
                import java.util.List;

                function String none(String id) {
                    return null;
                }

                function List many(String id) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        ids.add(id + i);
                    }
                    return ids;
                }

                rule "f.iterable"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    $s : String() from List.of($c.id(), $c.caseId())
                then
                    insert(new Finding("F-ITERABLE", $c.caseId(), $s, List.of()));
                end

                rule "f.array"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    $s : String() from $c.caseId().split("-")
                then
                    insert(new Finding("F-ARRAY", $c.caseId(), $s, List.of()));
                end

                rule "f.iterator"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    Object() from List.of($c.id()).iterator()
                then
                    insert(new Finding("F-ITERATOR", $c.caseId(), "one", List.of()));
                end

                rule "f.one"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    $s : String() from $c.id()
                then
                    insert(new Finding("F-ONE", $c.caseId(), $s, List.of()));
                end

                rule "f.map"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    $m : java.util.Map() from java.util.Map.of("id", $c.id())
                then
                    insert(new Finding("F-MAP", $c.caseId(), "entries: " + $m.size(), List.of()));
                end

                rule "f.chars"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    Object() from $c.id().toCharArray()
                then
                    insert(new Finding("F-CHARS", $c.caseId(), "an element", List.of()));
                end

                rule "f.null"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    String() from none($c.id())
                then
                    insert(new Finding("F-NULL", $c.caseId(), "none", List.of()));
                end

                rule "f.nulls"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    $s : String() from java.util.Arrays.asList($c.id(), null)
                then
                    insert(new Finding("F-NULLS", $c.caseId(), $s, List.of()));
                end

                rule "f.accumulate"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    Number(intValue == 2) from accumulate(String() from List.of($c.id(), $c.caseId()), count())
                then
                    insert(new Finding("F-ACCUMULATE", $c.caseId(), "two", List.of()));
                end

                rule "f.collect"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    List(size == 2) from collect(String() from List.of($c.id(), $c.caseId()))
                then
                    insert(new Finding("F-COLLECT", $c.caseId(), "two", List.of()));
                end

                rule "f.not"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    not String(this == "none") from List.of($c.id())
                    exists String(this == $c.id()) from List.of($c.id())
                then
                    insert(new Finding("F-NOT-EXISTS", $c.caseId(), "yes", List.of()));
                end

                rule "f.many"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    Number(intValue == 1000) from accumulate(String() from many($c.id()), count())
                then
                    insert(new Finding("F-MANY", $c.caseId(), "a thousand", List.of()));
                end
                """;
        Evidence evidence = new Evidence(null, List.of(), complaints(5));
        Report restricted = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules))
                .build().evaluate(evidence, T.plusDays(1));
        Report trusted = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules).unrestricted())
                .build().evaluate(evidence, T.plusDays(1));

        // An array of characters too: Drools' DRL compiler, which compiles the trusted pack, takes its elements, and
        // so does the restricted pack's from (the executable model would take it as one object).
        assertThat(restricted.findings()).isEqualTo(trusted.findings());
        assertThat(restricted.findings()).extracting(Finding::code).filteredOn(code -> code.equals("F-ITERABLE"))
                .hasSize(10);
        assertThat(restricted.findings()).filteredOn(f -> f.code().equals("F-ARRAY")).extracting(Finding::message)
                .containsExactlyInAnyOrder("case", "case", "case", "case", "case", "0", "1", "2", "3", "4");
        for (String once : List.of("F-ITERATOR", "F-ONE", "F-MAP", "F-NULLS", "F-ACCUMULATE", "F-COLLECT",
                "F-NOT-EXISTS", "F-MANY")) {
            assertThat(restricted.findings()).as(once).filteredOn(f -> f.code().equals(once)).hasSize(5);
        }
        assertThat(restricted.findings()).extracting(Finding::code).doesNotContain("F-NULL");
    }

    /**
     * The value of a restricted pack's {@code from} reaches Drools through the count, as an {@code Object}: a pattern
     * whose type cannot match what the expression gives is no longer refused when the rule base is built, as the
     * trusted build refuses it, but matches nothing (docs/restricted-drl.md, Memory).
     */
    @Test
    void a_from_of_a_type_its_pattern_cannot_match_matches_nothing() {
        String rules = HEAD + """
                rule "f.mismatch"
                    @citation("Section 7")
                when
                    $c : ComplaintReceived()
                    String() from $c.id().length()
                then
                    insert(new Finding("F-MISMATCH", $c.caseId(), "matched", java.util.List.of()));
                end
                """;
        Report restricted = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules)).build()
                .evaluate(new Evidence(null, List.of(), complaints(3)), T.plusDays(1));

        assertThat(restricted.findings()).extracting(Finding::code).doesNotContain("F-MISMATCH");
        assertThat(catchThrowableOfType(org.niyam.compliance.pack.RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules).unrestricted()).build()))
                .hasMessageContaining("not compatible");
    }

    /**
     * The count comes first among a pattern's constraints, yet Drools still finds a join by case by its index, not by
     * testing every pair: 3,000 cases in one session join as 3,000 pairs a rule, where testing every pair (9 million a
     * rule) would pass the limit of 6 million.
     */
    @Test
    void a_join_by_case_in_one_session_tests_only_the_case_s_facts() {
        String rules = HEAD + """
                rule "j.by-binding"
                    @citation("Section 7")
                when
                    ComplaintReceived($c : caseId, $i : id)
                    ComplaintReceived(caseId == $c, id == $i)
                then
                    insert(new Finding("J-BINDING", $c, "same", java.util.List.of()));
                end

                rule "j.by-path"
                    @citation("Section 7")
                when
                    $a : ComplaintReceived()
                    ComplaintReceived(caseId == $a.caseId(), id == $a.id())
                then
                    insert(new Finding("J-PATH", $a.caseId(), "same", java.util.List.of()));
                end
                """;
        Report report = ComplianceEngine.builder().oneSession().rulePack(RulePack.drl("joins.drl", rules)).build()
                .evaluate(new Evidence(null, List.of(), complaints(3_000)), T.plusDays(3));

        assertThat(report.findings()).filteredOn(f -> f.code().equals("J-BINDING")).hasSize(3_000);
        assertThat(report.findings()).filteredOn(f -> f.code().equals("J-PATH")).hasSize(3_000);
    }

    /** Joins by case stay far below the limit, and the guard is not among the facts a pattern of Object sees. */
    @Test
    void joins_by_case_and_patterns_of_any_object_are_untouched() {
        String rules = HEAD + """
                rule "j.by-case"
                    @citation("Section 7")
                when
                    $a : ComplaintReceived()
                    $b : ComplaintReceived(caseId == $a.caseId(), id != $a.id())
                then
                    insert(new Finding("J-PAIR", $a.caseId(), "two complaints",
                            java.util.List.of($a.id(), $b.id())));
                end

                rule "j.objects"
                    @citation("Section 7")
                    salience 10
                when
                    not Finding(code == "J-OBJECTS")
                    $n : Number() from accumulate(Object(), count())
                then
                    insert(new Finding("J-OBJECTS", null, "facts: " + $n,
                            java.util.List.of()));
                end
                """;
        List<CaseEvent> events = new ArrayList<>(complaints(60));
        events.add(complaint("d0", "case-0", T.plusHours(2)));
        Evidence evidence = new Evidence(null, List.of(), events);
        Report restricted = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules))
                .build().evaluate(evidence, T.plusDays(1));
        Report trusted = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules).unrestricted())
                .build().evaluate(evidence, T.plusDays(1));

        assertThat(restricted.findings()).extracting(Finding::code).containsOnly("J-PAIR", "J-OBJECTS");
        assertThat(restricted.findings()).filteredOn(f -> f.code().equals("J-PAIR")).hasSize(2);
        assertThat(restricted.findings()).filteredOn(f -> f.code().equals("J-OBJECTS"))
                .extracting(Finding::message).containsExactly("facts: 63");
        assertThat(restricted.findings()).isEqualTo(trusted.findings());
    }

    /** A rule extending another inherits its guard, and its own patterns are counted against it. */
    @Test
    void a_rule_extending_another_is_counted_too() {
        RuleExecutionException e = failure("""
                rule "j.parent"
                    @citation("Section 7")
                when
                    $a : ComplaintReceived()
                then
                end

                rule "j.child" extends "j.parent"
                    @citation("Section 7")
                when
                    $b : ComplaintReceived()
                    $x : ComplaintReceived()
                then
                end
                """, ComplianceEngine.builder());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("rules made more than 124000 joins for 62 facts", "rule 'j.child'");
    }

    /**
     * A running tally changed at every complaint joins it again with every complaint: its work grows with the square
     * of the complaints, and at 2,500 it is stopped, the error naming the rule that fired most.
     */
    @Test
    void a_tally_changed_at_every_fact_is_stopped_naming_the_rule_that_fired_most() {
        String rules = HEAD + """
                declare Tally
                    seen : int
                end

                declare Counted
                    id : String
                end

                rule "t.seed"
                    @citation("Section 7")
                when
                    not Tally()
                then
                    insert(new Tally(0));
                end

                rule "t.count"
                    @citation("Section 7")
                when
                    $t : Tally()
                    $e : ComplaintReceived()
                    not Counted(id == $e.id())
                then
                    insert(new Counted($e.id()));
                    modify($t) { setSeen($t.getSeen() + 1) }
                end
                """;
        ComplianceEngine engine = ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules)).build();
        RuleExecutionException e = catchThrowableOfType(RuleExecutionException.class,
                () -> engine.evaluate(new Evidence(null, List.of(), complaints(2_500)), T.plusDays(3)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("joins for 2502 facts", "changes (modify, update) a fact joined with many",
                "Most fired: t.count (");
    }

    /**
     * Drools makes a one-pattern forall's base pattern from its type alone: over Object it would see the guard, and
     * the report differed from the trusted pack's. Refused, with the two-pattern form to write.
     */
    @Test
    void a_forall_of_one_pattern_of_object_is_refused_with_the_form_to_write() {
        String rules = HEAD + """
                rule "j.all"
                    @citation("Section 7")
                when
                    forall ( Object(this != null) )
                then
                end
                """;

        assertThat(catchThrowableOfType(org.niyam.compliance.pack.RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules)).build()))
                .hasMessageContaining("joins.drl:9: rule 'j.all': a forall of one pattern of Object")
                .hasMessageContaining("forall($o : Object() Object(this == $o, ...))");
    }

    @Test
    void the_guard_s_name_is_refused_in_a_restricted_pack() {
        String rules = HEAD + """
                rule "j.named"
                    @citation("Section 7")
                when
                    $niyam_join_guard : ComplaintReceived()
                then
                end
                """;

        assertThat(catchThrowableOfType(org.niyam.compliance.pack.RulePackException.class,
                () -> ComplianceEngine.builder().rulePack(RulePack.drl("joins.drl", rules)).build()))
                .hasMessageContaining("joins.drl:9: the name $niyam_join_guard is the engine's");
    }
}
