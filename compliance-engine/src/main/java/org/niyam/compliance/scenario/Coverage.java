package org.niyam.compliance.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.RuleDescription;

/**
 * Which rules of an engine fired over some evaluations, which never did, and which clauses no evaluation touched.
 * Pass it as the {@link EvaluationListener} of each evaluation (a {@link ScenarioRunner} does), then read it:
 *
 * <pre>{@code
 * Coverage coverage = new Coverage(engine);
 * engine.evaluate(evidence, asOf, coverage);
 * coverage.neverFired();          // [in.4-1.platform-unknown, ...]
 * System.out.println(coverage.describe());
 * }</pre>
 *
 * <p>A clause is touched when any rule citing it fired. Rules switched off in the engine are left out of
 * {@link #neverFired()}. Thread-safe: evaluations running at once may share one.
 *
 * <p>An engine usually holds more than one pack: Niyam's bundled pack beside a platform's own, for one. The scenarios of
 * one pack cover that pack, so its tests read {@link #forPack(String) forPack(id)}, the same coverage seen through
 * one pack's rules and clauses:
 *
 * <pre>{@code
 * assertThat(coverage.forPack("examplenet-policy").neverFired()).isEmpty();
 * }</pre>
 */
public final class Coverage implements EvaluationListener {

    /**
     * A clause of a pack, with the rules that cite it.
     *
     * @param pack       the id of the pack
     * @param instrument the instrument the rules cite
     * @param clause     the clause, as the rules' {@code @citation} gives it
     * @param ruleIds    the rules citing it, in file order
     */
    public record Clause(String pack, String instrument, String clause, List<String> ruleIds) {

        /**
         * Copies the rule ids.
         *
         * @param pack       the id of the pack
         * @param instrument the instrument the rules cite
         * @param clause     the clause
         * @param ruleIds    the rules citing it, none {@code null}; copied
         * @throws NullPointerException if {@code ruleIds} is {@code null} or holds {@code null}
         */
        public Clause {
            ruleIds = List.copyOf(ruleIds);
        }

        @Override
        public String toString() {
            return clause + ", " + instrument + " [" + pack + "]";
        }
    }

    private final List<String> ruleIds;
    private final Set<String> disabled;
    private final List<Clause> clauses;
    private final Map<String, LongAdder> firings;
    /** Each rule's pack, for {@link #forPack(String)}. */
    private final Map<String, String> packOf;

    /**
     * Coverage of the rules of this engine, with nothing fired yet.
     *
     * @param engine the engine whose rules and clauses are covered; rules it switched off count as neither fired nor
     *               unfired
     * @throws NullPointerException if {@code engine} is {@code null}
     */
    public Coverage(ComplianceEngine engine) {
        Objects.requireNonNull(engine, "engine");
        this.ruleIds = engine.ruleIds();
        this.disabled = engine.disabledRuleIds();
        this.firings = new ConcurrentHashMap<>();
        Map<String, String> packs = new LinkedHashMap<>();
        Map<List<String>, List<String>> byClause = new LinkedHashMap<>();
        for (RuleDescription rule : engine.rules()) {
            packs.put(rule.id(), rule.pack());
            byClause.computeIfAbsent(List.of(rule.pack(), rule.instrument(), rule.clause()), k -> new ArrayList<>())
                    .add(rule.id());
        }
        List<Clause> all = new ArrayList<>();
        byClause.forEach((key, rules) -> all.add(new Clause(key.get(0), key.get(1), key.get(2), rules)));
        this.clauses = List.copyOf(all);
        this.packOf = Map.copyOf(packs);
        ruleIds.forEach(id -> firings.put(id, new LongAdder()));
    }

    /** A view of {@code whole} restricted to the rules of these ids and the clauses they cite. */
    private Coverage(Coverage whole, List<String> ruleIds, List<Clause> clauses) {
        this.ruleIds = List.copyOf(ruleIds);
        this.disabled = whole.disabled;
        this.clauses = List.copyOf(clauses);
        this.firings = whole.firings;
        this.packOf = whole.packOf;
    }

    /**
     * The same coverage seen through the rules and clauses of one pack: what fires afterwards shows in both, and a
     * rule this view is told of counts in both.
     *
     * @param packId the id of a pack of the engine, as its {@code pack.yaml} names it
     * @return a view of this coverage through that pack's rules and clauses
     * @throws IllegalArgumentException when no rule of the engine belongs to that pack; the message lists the packs
     */
    public Coverage forPack(String packId) {
        Objects.requireNonNull(packId, "packId");
        List<String> ids = ruleIds.stream().filter(id -> packId.equals(packOf.get(id))).toList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no pack '" + packId + "' among the rules covered; their packs: "
                    + String.join(", ", ruleIds.stream().map(packOf::get).distinct().toList()));
        }
        return new Coverage(this, ids, clauses.stream().filter(c -> c.pack().equals(packId)).toList());
    }

    /** A clause as people read it: with its instrument only when its pack cites more than one. */
    private String label(Clause clause) {
        boolean severalInstruments = clauses.stream().filter(c -> c.pack().equals(clause.pack()))
                .map(Clause::instrument).distinct().count() > 1;
        return clause.clause() + (severalInstruments ? ", " + clause.instrument() : "") + " [" + clause.pack() + "]";
    }

    @Override
    public void ruleFired(String ruleId) {
        firings.computeIfAbsent(ruleId, id -> new LongAdder()).increment();
    }

    /** {@return how many times each rule fired, for every rule covered, in pack and file order (0 for none)} */
    public Map<String, Long> firings() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ruleIds.forEach(id -> counts.put(id, firings.get(id).sum()));
        return counts;
    }

    /** {@return the ids of the rules that fired at least once, in pack and file order} */
    public List<String> fired() {
        return ruleIds.stream().filter(id -> firings.get(id).sum() > 0).toList();
    }

    /**
     * {@return the ids of the rules that never fired, in pack and file order} Rules switched off in the engine are left
     * out.
     */
    public List<String> neverFired() {
        return ruleIds.stream().filter(id -> firings.get(id).sum() == 0 && !disabled.contains(id)).toList();
    }

    /** {@return every clause the rules covered cite, in pack and file order} */
    public List<Clause> clauses() {
        return clauses;
    }

    /** {@return the clauses none of whose rules fired, in pack and file order} */
    public List<Clause> untouchedClauses() {
        return clauses.stream().filter(c -> c.ruleIds().stream().allMatch(id -> firings.get(id).sum() == 0)).toList();
    }

    /**
     * The coverage for a person: a summary line, then the rules that never fired and the clauses nothing touched.
     *
     * @return the text, in lines, without a final line break; e.g. {@code Coverage: 58 of 60 rules fired, 30 of 31
     *         clauses touched}
     */
    public String describe() {
        List<String> never = neverFired();
        List<Clause> untouched = untouchedClauses();
        int enabled = ruleIds.size() - (int) ruleIds.stream().filter(disabled::contains).count();
        StringBuilder text = new StringBuilder("Coverage: ")
                .append(enabled - never.size()).append(" of ").append(enabled).append(" rules fired, ")
                .append(clauses.size() - untouched.size()).append(" of ").append(clauses.size())
                .append(" clauses touched");
        if (!disabled.isEmpty()) {
            text.append(" (").append(disabled.size()).append(disabled.size() == 1 ? " rule" : " rules")
                    .append(" switched off)");
        }
        text.append('\n');
        if (!never.isEmpty()) {
            text.append("  rules that never fired:\n");
            Map<String, Clause> clauseOf = new LinkedHashMap<>();
            clauses.forEach(c -> c.ruleIds().forEach(id -> clauseOf.put(id, c)));
            never.forEach(id -> text.append("    ").append(id).append("  (").append(label(clauseOf.get(id))).append(")\n"));
        }
        if (!untouched.isEmpty()) {
            text.append("  clauses no evaluation touched:\n");
            untouched.forEach(c -> text.append("    ").append(label(c)).append('\n'));
        }
        return text.toString().stripTrailing();
    }
}
