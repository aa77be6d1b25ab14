package org.niyam.compliance.engine.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.niyam.compliance.engine.EvaluationListener;
import org.niyam.compliance.engine.InputException;
import org.niyam.compliance.engine.RuleExecutionException;
import org.niyam.compliance.model.Assessment;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.EvidencePeriod;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.LawInForce;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.OfficerAppointment;
import org.niyam.compliance.model.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation: a fresh session over the evidence known at "as of", rules fired, conclusions collected and run
 * through the {@link Lifecycle}. A session is used once and disposed, so evaluations share nothing but the
 * immutable {@link RuleBase}. Not API.
 */
public final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger("org.niyam.compliance.rules");

    /** Report order: platform duties first, then by case, trigger instant and id. */
    private static final Comparator<Obligation> REPORT_ORDER = Comparator
            .comparing(Obligation::caseId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(o -> o.triggeredAt().toInstant())
            .thenComparing(Obligation::id);

    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::caseId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::code)
            .thenComparing(Finding::message)
            .thenComparing(f -> String.join("\u0000", f.evidence()))
            .thenComparing(f -> f.citation().ruleId());

    /** An assessment with the rule that made it, to pick one wording deterministically among equals. */
    private record Ranked(String rule, Assessment assessment) {
    }

    private static final Comparator<Ranked> ASSESSMENT_ORDER = Comparator.comparing(Ranked::rule)
            .thenComparing(r -> r.assessment().explanation())
            .thenComparing(r -> r.assessment().what());

    private static final Comparator<CaseEvent> EVENT_ORDER =
            Comparator.comparing((CaseEvent e) -> e.at().toInstant()).thenComparing(CaseEvent::id);

    private final RuleBase ruleBase;
    private final Lifecycle lifecycle;
    private final int firingLimitPerFact;

    public Evaluation(RuleBase ruleBase, Lifecycle lifecycle, int firingLimitPerFact) {
        this.ruleBase = ruleBase;
        this.lifecycle = lifecycle;
        this.firingLimitPerFact = firingLimitPerFact;
    }

    public Report run(Evidence evidence, OffsetDateTime asOf, EvaluationListener listener) {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(asOf, "asOf");
        List<CaseEvent> events = knownAt(evidence.events(), asOf);

        KieSession session = ruleBase.kieBase().newKieSession();
        Map<Object, String> insertedBy = new IdentityHashMap<>();
        Map<String, Integer> firings = new HashMap<>();
        String[] firing = new String[1]; // the rule whose consequence runs now, to name it if the JVM stack overflows
        try {
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getRule() != null) {
                        insertedBy.put(event.getObject(), event.getRule().getName());
                    }
                }
            });
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    firing[0] = event.getMatch().getRule().getName();
                }

                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    String rule = event.getMatch().getRule().getName();
                    firings.merge(rule, 1, Integer::sum);
                    listener.ruleFired(rule);
                    if (LOG.isDebugEnabled()) {
                        RuleBase.RuleInfo info = ruleBase.rule(rule);
                        LOG.debug("fired {} ({}) on {}", rule, info == null ? "?" : info.clause(),
                                event.getMatch().getObjects());
                    }
                }
            });
            if (evidence.platform() != null) {
                session.insert(evidence.platform());
            }
            for (OfficerAppointment appointment : evidence.appointments()) {
                session.insert(appointment);
            }
            session.insert(new LawInForce(asOf, ruleBase.lawTable()));
            session.insert(new EvidencePeriod(evidence.periodStart(asOf), asOf));
            events.forEach(session::insert);

            int facts = 3 + evidence.appointments().size() + events.size();
            int limit = (int) Math.min(Integer.MAX_VALUE, (long) facts * firingLimitPerFact);
            int fired = fire(session, limit, firing);
            if (fired >= limit) {
                throw new RuleExecutionException(null, "rules fired " + fired + " times for " + facts
                        + " facts, past the firing limit: they are probably re-firing in a loop. Most fired: "
                        + mostFired(firings), null);
            }
            return report(session, insertedBy, asOf);
        } finally {
            session.dispose();
        }
    }

    private int fire(KieSession session, int limit, String[] firing) {
        try {
            if (ruleBase.disabledRules().isEmpty()) {
                return session.fireAllRules(limit);
            }
            Set<String> disabled = ruleBase.disabledRules();
            return session.fireAllRules(match -> !disabled.contains(match.getRule().getName()), limit);
        } catch (ConsequenceException e) {
            String rule = e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RuleExecutionException(rule, "rule " + describe(rule) + " failed: " + cause, cause);
        } catch (RuntimeException e) {
            // A condition threw; Drools names the rule in its message, the root cause says why.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = ruleBase.withOrigins(String.valueOf(e.getMessage()));
            throw new RuleExecutionException(null, "a rule condition failed: " + message
                    + (root == e ? "" : "; cause: " + root.getMessage()), e);
        } catch (StackOverflowError e) {
            String rule = firing[0];
            throw new RuleExecutionException(rule, (rule == null ? "a rule condition" : "rule " + describe(rule))
                    + " ran out of stack: a recursion without end in a function or consequence", e);
        }
    }

    /** The rule as errors name it, with its clause, file and line when it is one of the packs'. */
    private String describe(String rule) {
        RuleBase.RuleInfo info = ruleBase.rule(rule);
        return info == null ? "'" + rule + "'" : info.describe();
    }

    private Report report(KieSession session, Map<Object, String> insertedBy, OffsetDateTime asOf) {
        Map<String, Duty> duties = new TreeMap<>();
        Map<String, String> dutyRules = new HashMap<>();
        Map<String, List<Discharge>> discharges = new HashMap<>();
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, Assessment> assessments = new TreeMap<>();
        Map<String, String> assessmentRules = new HashMap<>();

        for (Object fact : session.getObjects()) {
            if (fact instanceof Duty duty) {
                String rule = ruleOf(fact, insertedBy);
                Duty twin = duties.putIfAbsent(duty.obligationId(), duty);
                if (twin != null && !twin.equals(duty)) {
                    throw new RuleExecutionException(rule, "rules '" + dutyRules.get(duty.obligationId()) + "' and '"
                            + rule + "' open obligation " + duty.obligationId() + " differently (" + twin + " / " + duty
                            + "): give one of the duties its own key", null);
                }
                dutyRules.merge(duty.obligationId(), rule, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            } else if (fact instanceof Discharge discharge) {
                discharges.computeIfAbsent(discharge.obligationId(), k -> new ArrayList<>()).add(discharge);
            } else if (fact instanceof Finding finding) {
                RuleBase.RuleInfo rule = ruleBase.rule(ruleOf(fact, insertedBy));
                findings.add(finding.citation() != null ? finding : finding.withCitation(lifecycle.citation(rule, asOf)));
            } else if (fact instanceof Assessment assessment) {
                String rule = ruleOf(fact, insertedBy);
                Assessment twin = assessments.get(assessment.obligationId());
                if (twin == null) {
                    assessments.put(assessment.obligationId(), assessment);
                    assessmentRules.put(assessment.obligationId(), rule);
                } else if (twin.status() != assessment.status()) {
                    throw new RuleExecutionException(rule, "rules '" + assessmentRules.get(assessment.obligationId()) + "' and '"
                            + rule + "' assess duty '" + assessment.obligationId() + "' differently ("
                            + twin.status() + " / " + assessment.status() + ")", null);
                } else {
                    // Several appointments can each meet a duty: keep all their ids, in a stable order, and the
                    // wording of the first rule by id, so the report does not depend on the order of the facts.
                    TreeSet<String> evidence = new TreeSet<>(twin.evidence());
                    evidence.addAll(assessment.evidence());
                    String twinRule = assessmentRules.get(assessment.obligationId());
                    boolean keepTwin = ASSESSMENT_ORDER.compare(new Ranked(twinRule, twin), new Ranked(rule, assessment)) <= 0;
                    Assessment kept = keepTwin ? twin : assessment;
                    assessments.put(assessment.obligationId(), new Assessment(kept.key(), kept.what(), kept.status(),
                            kept.explanation(), List.copyOf(evidence), kept.caseId()));
                    assessmentRules.put(assessment.obligationId(), keepTwin ? twinRule : rule);
                }
            }
        }
        duties.forEach((id, duty) -> obligations.add(lifecycle.timeBound(duty, ruleBase.rule(dutyRules.get(id)),
                discharges.getOrDefault(id, List.of()), asOf)));
        assessments.forEach((key, assessment) -> obligations.add(
                lifecycle.standing(assessment, ruleBase.rule(assessmentRules.get(key)), asOf)));
        obligations.sort(REPORT_ORDER);
        findings.sort(FINDING_ORDER);
        return new Report(asOf, obligations, findings);
    }

    private String ruleOf(Object fact, Map<Object, String> insertedBy) {
        String rule = insertedBy.get(fact);
        if (rule == null || ruleBase.rule(rule) == null) {
            throw new RuleExecutionException(rule, fact.getClass().getSimpleName() + " " + fact
                    + " was not inserted by a rule of a loaded pack: only rule consequences may insert conclusions", null);
        }
        return rule;
    }

    /** The events known at "as of", each once, in time order; two different events with one id are rejected. */
    private static List<CaseEvent> knownAt(List<CaseEvent> events, OffsetDateTime asOf) {
        Map<String, CaseEvent> byId = new HashMap<>();
        List<CaseEvent> known = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CaseEvent event = events.get(i);
            CaseEvent twin = byId.putIfAbsent(event.id(), event);
            if (twin != null) {
                if (!twin.equals(event)) {
                    throw new InputException("evidence", 0, "events[" + i + "].id", "event id '" + event.id()
                            + "' is used by two different events: " + twin + " and " + event, null);
                }
                continue; // the same event delivered twice counts once
            }
            if (!event.at().isAfter(asOf)) {
                known.add(event);
            }
        }
        known.sort(EVENT_ORDER);
        return known;
    }


    private static String mostFired(Map<String, Integer> firings) {
        return firings.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey() + " (" + e.getValue() + "x)")
                .collect(Collectors.joining(", "));
    }
}
