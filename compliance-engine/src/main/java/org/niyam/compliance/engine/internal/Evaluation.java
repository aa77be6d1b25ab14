package org.niyam.compliance.engine.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.Match;
import org.niyam.compliance.io.internal.Jurisdictions;
import org.niyam.compliance.io.internal.Workers;
import org.niyam.compliance.model.Assessment;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Discharge;
import org.niyam.compliance.model.Duty;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.EvidencePeriod;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.LawInForce;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.engine.internal.sandbox.Causes;
import org.niyam.compliance.engine.internal.sandbox.JoinGuard;
import org.niyam.compliance.engine.internal.sandbox.StepLimitExceeded;
import org.niyam.compliance.engine.internal.sandbox.StepTotal;
import org.niyam.compliance.engine.internal.sandbox.Steps;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluations: sessions over the evidence known at "as of", rules fired, conclusions collected and run through the
 * {@link Lifecycle}. Where {@link CaseLocality} allows, global rules run in one session and case-local rules in one
 * session per group of whole cases, on the worker threads, each followed by the kernel; otherwise, or when a
 * conclusion would cross between sessions, one session holds everything. Every session is used once and disposed,
 * so evaluations share nothing but the immutable {@link RuleBase}. Not API; see {@code docs/performance.md}.
 */
public final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger("org.niyam.compliance.rules");

    /** Report order: platform duties first, then by case, trigger instant and id. */
    private static final Comparator<Obligation> WITHIN_CASE = (a, b) -> {
        int byInstant = instantOrder(a.triggeredAt(), b.triggeredAt());
        return byInstant != 0 ? byInstant : a.id().compareTo(b.id());
    };

    /**
     * The order of a report's obligations, as {@link #sortForReport} puts them (which sorts faster): the platform's
     * first, then by case id, trigger instant and id. The streaming audit merges its parts by it.
     */
    public static final Comparator<Obligation> REPORT_ORDER = Comparator
            .comparing(Obligation::caseId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(WITHIN_CASE);

    /** The order of a report's findings: by case (none first), code, message, evidence and citation. */
    public static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::caseId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::code)
            .thenComparing(Finding::message)
            .thenComparing(f -> String.join("\u0000", f.evidence()))
            .thenComparing(f -> f.citation().ruleId())
            .thenComparing(f -> f.citation().clause(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> f.citation().version(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> f.citation().instrument(), Comparator.nullsFirst(Comparator.naturalOrder()));

    /** An assessment with the rule that made it, to pick one wording deterministically among equals. */
    private record Ranked(String rule, Assessment assessment) {
    }

    private static final Comparator<Ranked> ASSESSMENT_ORDER = Comparator.comparing(Ranked::rule)
            .thenComparing(r -> r.assessment().explanation())
            .thenComparing(r -> r.assessment().what());

    /**
     * The order of two instants, whatever their offsets: with one offset (the usual case) their local date-times
     * compare as the instants do, without working out epoch seconds.
     */
    static int instantOrder(OffsetDateTime a, OffsetDateTime b) {
        if (a.getOffset().equals(b.getOffset())) {
            return a.toLocalDateTime().compareTo(b.toLocalDateTime());
        }
        int bySecond = Long.compare(a.toEpochSecond(), b.toEpochSecond());
        return bySecond != 0 ? bySecond : Integer.compare(a.getNano(), b.getNano());
    }

    /** Time order (the instant, whatever the offset), then id. */
    public static final Comparator<CaseEvent> EVENT_ORDER = (a, b) -> {
        int byInstant = instantOrder(a.at(), b.at());
        return byInstant != 0 ? byInstant : a.id().compareTo(b.id());
    };

    /**
     * Sorts events by {@link #EVENT_ORDER}, each instant's epoch second and nanosecond worked out once rather than at
     * every comparison: the same order (it is total over distinct events, and the sort is stable). A bucket of the
     * audit is sorted so: the sort's share of the engine's samples went from about 3% (EVENT_ORDER and its
     * instantOrder calls) to 1.4% (docs/performance.md, "Changes measured, kept and not").
     */
    public static void sortByTime(List<CaseEvent> events) {
        if (events.size() < 2) {
            return;
        }
        Timed[] timed = new Timed[events.size()];
        for (int i = 0; i < timed.length; i++) {
            CaseEvent event = events.get(i);
            timed[i] = new Timed(event.at().toEpochSecond(), event.at().getNano(), event);
        }
        java.util.Arrays.sort(timed, TIMED_ORDER);
        for (int i = 0; i < timed.length; i++) {
            events.set(i, timed[i].event());
        }
    }

    /** An event with its instant as epoch second and nanosecond. */
    private record Timed(long second, int nano, CaseEvent event) {
    }

    /** {@link #EVENT_ORDER} on {@link Timed}: the instant, then the id. */
    private static final Comparator<Timed> TIMED_ORDER = (a, b) -> {
        if (a.second() != b.second()) {
            return a.second() < b.second() ? -1 : 1;
        }
        if (a.nano() != b.nano()) {
            return a.nano() < b.nano() ? -1 : 1;
        }
        return a.event().id().compareTo(b.event().id());
    };

    private final RuleBase ruleBase;
    private final Lifecycle lifecycle;
    private final int firingLimitPerFact;
    private final long stepLimit;
    private final CaseLocality locality;
    private final Workers workers;
    private final int eventsPerSession;
    /** Why every evaluation runs in one session (the builder or the rules say so); {@code null}: case by case. */
    private final String singleSession;
    /** The jurisdiction of cases that state none, or {@code null}: in every pack's scope. */
    private final String defaultJurisdiction;
    /** Whether some pack applies only in some jurisdictions: then matches are checked against them. */
    private final boolean scoped;
    /** Whether a pack is restricted, so that what its rules insert, update and delete is checked. */
    private final boolean guarded;
    /** The duty keys and finding codes each pack writes, when {@link #guarded}; else {@code null}. */
    private final ConclusionKeys keys;

    /**
     * @param oneSession       why every evaluation must run in one session, or {@code null} to run case by case
     *                         where the rules allow it
     * @param eventsPerSession about how many events one session of case-local rules takes
     */
    public Evaluation(RuleBase ruleBase, Lifecycle lifecycle, int firingLimitPerFact, int threads, String oneSession,
                      int eventsPerSession) {
        this(ruleBase, lifecycle, firingLimitPerFact, threads, oneSession, eventsPerSession, null);
    }

    /**
     * @param defaultJurisdiction the jurisdiction of a case none of whose events states one; {@code null}: such a
     *                            case is in every pack's scope
     */
    public Evaluation(RuleBase ruleBase, Lifecycle lifecycle, int firingLimitPerFact, int threads, String oneSession,
                      int eventsPerSession, String defaultJurisdiction) {
        this(ruleBase, lifecycle, firingLimitPerFact, threads, oneSession, eventsPerSession, defaultJurisdiction, null);
    }

    /** @param executor where helper threads' work runs; {@code null}: on daemon threads of the evaluation's own */
    public Evaluation(RuleBase ruleBase, Lifecycle lifecycle, int firingLimitPerFact, int threads, String oneSession,
                      int eventsPerSession, String defaultJurisdiction, Executor executor) {
        this(ruleBase, lifecycle, firingLimitPerFact, threads, oneSession, eventsPerSession, defaultJurisdiction,
                executor, Steps.DEFAULT_LIMIT);
    }

    /** @param stepLimit the steps one call of a restricted pack's code may take ({@link Steps}) */
    public Evaluation(RuleBase ruleBase, Lifecycle lifecycle, int firingLimitPerFact, int threads, String oneSession,
                      int eventsPerSession, String defaultJurisdiction, Executor executor, long stepLimit) {
        this.stepLimit = stepLimit;
        this.defaultJurisdiction = defaultJurisdiction;
        this.scoped = ruleBase.packs().stream().anyMatch(p -> !p.jurisdictions().isEmpty());
        this.guarded = ruleBase.packs().stream().anyMatch(RulePack::restricted);
        this.keys = guarded ? ruleBase.conclusionKeys() : null;
        this.ruleBase = ruleBase;
        this.lifecycle = lifecycle;
        this.firingLimitPerFact = firingLimitPerFact;
        this.locality = ruleBase.locality();
        this.workers = new Workers(threads, executor);
        this.eventsPerSession = eventsPerSession;
        String reason = oneSession != null ? oneSession : locality.unpartitionable();
        this.singleSession = reason;
        if (reason != null) {
            LOG.info("rules run in one session per evaluation: {}", reason);
        }
    }

    /** Why every evaluation runs all its evidence in one session, or {@code null} when they run case by case. */
    public String singleSessionReason() {
        return singleSession;
    }

    public CaseLocality locality() {
        return locality;
    }

    public Report run(Evidence evidence, OffsetDateTime asOf, EvaluationListener listener) {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(asOf, "asOf");
        List<CaseEvent> events = knownAt(evidence.events(), asOf);
        List<Object> context = context(evidence.profiles(), evidence.facts(), evidence.periodStart(asOf), asOf);
        EvaluationListener serial = serial(listener);

        if (byCase()) {
            try {
                return runByCase(context, events, asOf, serial);
            } catch (Unpartitionable e) {
                fallBack(e, serial);
            }
        }
        // A total of its own, as the firing limit's count: the case-by-case run's, if any, is not this run's.
        StepTotal total = stepTotal(context.size() + (long) events.size());
        return overPeriod(oneSession(context, events, asOf, serial, total), context, events, true, total);
    }

    /**
     * The steps an evaluation of {@code facts} facts (as its firing limit counts them) may take in all in restricted
     * packs' code: one total for all its sessions ({@link StepTotal}).
     */
    public StepTotal stepTotal(long facts) {
        return new StepTotal(stepLimit, facts);
    }

    /** Every fact of the evaluation in one session: the reference every other way of running must agree with. */
    public Report oneSession(List<Object> context, List<CaseEvent> events, OffsetDateTime asOf,
                             EvaluationListener listener) {
        return oneSession(context, events, asOf, listener, stepTotal(context.size() + (long) events.size()));
    }

    /** {@link #oneSession}, its restricted code's steps counted in the given total, shared with other sessions. */
    public Report oneSession(List<Object> context, List<CaseEvent> events, OffsetDateTime asOf,
                             EvaluationListener listener, StepTotal total) {
        List<Object> facts = new ArrayList<>(context);
        facts.addAll(events);
        return report(new Session(facts, null, facts.size(), total, listener, Set.of()).run(), asOf);
    }

    /**
     * The report with the standing duties judged over the period as well as at its end ({@link StandingOverPeriod}):
     * the platform's rules run again at each instant of the period at which a standing duty may change, as if the
     * evaluation were as of then; a standing duty breached or not judged for a stretch that ended before "as of"
     * gets its {@code key@period} obligation, and one breached or not judged at "as of" says since when. What an
     * audit of a period reports; a monitor reports the same stretches as transitions, when they begin and end. In one
     * session each judgement is the whole evaluation again, as its standing duties may rest on any conclusion.
     *
     * @param report       the evaluation's report as of {@code context}'s instant
     * @param context      the context it ran with ({@link #context}: the period and "as of" are read from it)
     * @param events       the events known at "as of" that the platform's rules read; in one session, every event
     * @param inOneSession whether the evaluation ran in one session, which the judgements at each instant then do too
     * @param total        the evaluation's total of steps, which the judgements at each instant count in too
     */
    public Report overPeriod(Report report, List<Object> context, List<CaseEvent> events, boolean inOneSession,
                             StepTotal total) {
        EvidencePeriod period = null;
        List<Platform> profiles = new ArrayList<>();
        List<StandingFact> facts = new ArrayList<>();
        for (Object fact : context) {
            if (fact instanceof EvidencePeriod p) {
                period = p;
            } else if (fact instanceof Platform profile) {
                profiles.add(profile);
            } else if (fact instanceof StandingFact standing) {
                facts.add(standing);
            }
        }
        if (period == null) {
            return report;
        }
        OffsetDateTime since = period.since();
        // A standing duty a platform's rule judges from events may change at each event that rule reads, too.
        List<OffsetDateTime> named = new ArrayList<>(StandingOverPeriod.namedInstants(facts, profiles, ruleBase));
        List<OffsetDateTime> read = new ArrayList<>();
        // Rules that cannot be split are all the platform's, and a case-local rule whose conclusions a global rule
        // reads may change a standing duty at an event only it reads: each event may change one.
        boolean everyEvent = locality.unpartitionable() != null || locality.feedsGlobal() != null;
        for (CaseEvent event : events) {
            if ((everyEvent || shared(event)) && !event.at().isBefore(since)) {
                read.add(event.at());
            }
        }
        if (read.size() <= StandingOverPeriod.EVENT_INSTANTS) {
            named.addAll(read);
        } else {
            // INFO, not WARN: a pack whose standing duties read no event loses nothing here, and a log of a notice a
            // day would warn at every audit.
            LOG.info("the standing duties are judged over the period at the {} instants the facts, the platform's "
                    + "records and the law name, not at each of the {} events the platform's rules read (more than "
                    + "{}): a standing duty judged from those events may change between the instants judged",
                    named.size(), read.size(), StandingOverPeriod.EVENT_INSTANTS);
        }
        List<OffsetDateTime> instants = StandingOverPeriod.instants(named, since, StandingOverPeriod.lawFrom(ruleBase),
                report.asOf());
        List<Obligation> over = StandingOverPeriod.overPeriod(since, instants, report.asOf(), at -> {
            List<Object> then = new ArrayList<>(context.size());
            for (Object fact : context) {
                then.add(fact instanceof LawInForce ? new LawInForce(at, ruleBase.lawTable())
                        : fact instanceof EvidencePeriod ? new EvidencePeriod(since, at) : fact);
            }
            List<CaseEvent> known = knownAt(events, at);
            Report judged = inOneSession ? oneSession(then, known, at, EvaluationListener.NONE, total)
                    : platform(global(then, known, then.size() + (long) known.size(), total,
                    EvaluationListener.NONE), List.of(), new HashSet<>(), at);
            return judged.obligations();
        }, report.obligations());
        if (over == report.obligations()) {
            return report;
        }
        List<Obligation> obligations = new ArrayList<>(over);
        sortForReport(obligations);
        return new Report(report.asOf(), obligations, report.findings());
    }

    /**
     * This evaluation starts over in one session: said at WARN (a pack whose conclusions cross cases costs every
     * evaluation a second run, and an audit its bounded memory) and to the listener.
     */
    public void fallBack(Unpartitionable e, EvaluationListener listener) {
        if (e.always()) {
            LOG.warn("this evaluation runs again in one session: {}", e.getMessage());
        } else {
            LOG.debug("this evaluation runs again in one session: {}", e.getMessage());
        }
        listener.oneSession(e.getMessage());
    }

    /** All the evidence in memory, cut into groups of whole cases, each group a unit of the pipeline. */
    private Report runByCase(List<Object> context, List<CaseEvent> events, OffsetDateTime asOf,
                             EvaluationListener listener) {
        List<CaseEvent> shared = new ArrayList<>();
        Map<String, List<CaseEvent>> cases = new LinkedHashMap<>();
        for (CaseEvent event : events) {
            if (shared(event)) {
                shared.add(event);
            }
            cases.computeIfAbsent(event.caseId(), k -> new ArrayList<>()).add(event);
        }
        List<List<CaseEvent>> groups = groups(cases.values());
        Report[] parts = new Report[groups.size()];
        Report platform = pipeline(context, shared, new CaseSource() {
            @Override
            public int units() {
                return groups.size();
            }

            @Override
            public List<CaseEvent> events(int unit) {
                return groups.get(unit);
            }

            @Override
            public boolean holds(String caseId) {
                return cases.containsKey(caseId);
            }
        }, new PartStore() {
            @Override
            public void put(int unit, Report part) {
                parts[unit] = part;
            }

            @Override
            public Report get(int unit) {
                return parts[unit];
            }
        }, context.size() + (long) events.size(), asOf, listener);
        List<Obligation> obligations = new ArrayList<>(platform.obligations());
        List<Finding> findings = new ArrayList<>(platform.findings());
        for (Report part : parts) {
            obligations.addAll(part.obligations());
            findings.addAll(part.findings());
        }
        sortForReport(obligations);
        findings.sort(FINDING_ORDER);
        return new Report(asOf, obligations, findings);
    }

    /**
     * Whole cases for the {@link #pipeline}, a unit at a time: an evaluation's groups in memory, an audit's bucket
     * files. Units are processed on the worker threads.
     */
    public interface CaseSource {
        int units();

        /** The unit's events known at "as of": whole cases, each event once, in time order within a case. */
        List<CaseEvent> events(int unit);

        /**
         * Whether some unit holds the case, when that is cheap to know: lets a crossing be found before any unit
         * runs. {@code false} when unknown; the unit that holds it finds the crossing then.
         */
        default boolean holds(String caseId) {
            return false;
        }
    }

    /**
     * Keeps each unit's part of the report until the platform's report shows that no conclusion crossed units; or,
     * when not {@link #ordered}, takes each group's part as soon as it is done.
     */
    public interface PartStore {
        /** The unit's part, its obligations and findings in report order. Called on the worker threads. */
        void put(int unit, Report part);

        Report get(int unit);

        /**
         * {@code false}: the store needs no report order, so each group's part goes to {@link #group} as soon as
         * its kernel is done (on the worker threads, in no order, a unit's parts unsorted), and neither
         * {@link #put} nor {@link #get} is called.
         */
        default boolean ordered() {
            return true;
        }

        /** A group's part, when not {@link #ordered}. */
        default void group(int unit, Part part) {
            throw new UnsupportedOperationException("an ordered store takes whole units");
        }

        /**
         * Throws {@link Unpartitionable} when a part of {@code units} holds one of the obligations that the
         * platform's report settles. A store that no longer has its parts must say so whenever it cannot rule it
         * out.
         */
        default void checkNotPlaced(int units, Set<String> placed) {
            for (int unit = 0; unit < units; unit++) {
                Evaluation.checkNotPlaced(get(unit).obligations(), placed);
            }
        }
    }

    /**
     * The one evaluation pipeline: the global rules once over the context and the events they read; then each unit
     * of whole cases through the case-local rules and the kernel, on the worker threads, its part (obligations and
     * findings in report order) put in the store; then the platform's report, from the global conclusions and what
     * the units could not place, with the standing duties over the period ({@link #overPeriod}); and the check that
     * no unit holds an obligation the platform's report settles.
     *
     * @param facts the number of facts of the whole evaluation, which sets the firing limit
     * @return the platform's report; each unit's part is in the store
     * @throws Unpartitionable a conclusion would cross between sessions: run the evaluation in one session instead
     */
    public Report pipeline(List<Object> context, List<CaseEvent> shared, CaseSource source, PartStore store,
                           long facts, OffsetDateTime asOf, EvaluationListener listener) {
        if (locality.feedsGlobal() != null) {
            for (Object fact : context) {
                if (fact instanceof EvidencePeriod period && period.since().isBefore(asOf)) {
                    throw new Unpartitionable(locality.feedsGlobal(), true);
                }
            }
        }
        StepTotal total = stepTotal(facts);
        Report platform;
        try {
            platform = pipeline(context, shared, source, store, facts, total, asOf, listener);
        } catch (RuleExecutionException e) {
            checkTotal(total); // another session went past the total, on another thread: the one-session run decides
            throw e;
        }
        // Calls on two threads that together took more than was left, neither cut short: passed all the same, so
        // that whether the one-session run is tried does not depend on the threads.
        checkTotal(total);
        return platform;
    }

    /**
     * Throws {@link Unpartitionable} when sessions of cases went past the evaluation's total of steps, so that it
     * runs again in one session.
     */
    public static void checkTotal(StepTotal total) {
        if (total.passed()) {
            throw totalPassed(total);
        }
    }

    private Report pipeline(List<Object> context, List<CaseEvent> shared, CaseSource source, PartStore store,
                            long facts, StepTotal total, OffsetDateTime asOf, EvaluationListener listener) {
        Global global = global(context, shared, facts, total, listener);
        for (String concluded : global.concludedCases()) {
            if (concluded != null && source.holds(concluded)) {
                crossingFor(global, concluded);
            }
        }
        List<Integer> units = new ArrayList<>(source.units());
        for (int u = 0; u < source.units(); u++) {
            units.add(u);
        }
        List<List<Conclusion>> leftovers = workers.map(units, unit -> {
            Map<String, List<CaseEvent>> cases = new LinkedHashMap<>();
            for (CaseEvent event : source.events(unit)) {
                cases.computeIfAbsent(event.caseId(), k -> new ArrayList<>()).add(event);
            }
            boolean ordered = store.ordered();
            List<Obligation> obligations = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            List<Conclusion> unplaced = new ArrayList<>();
            for (List<CaseEvent> group : groups(cases.values())) {
                Part part = part(cases(context, group, global, facts, total, listener), group, global, asOf);
                if (ordered) {
                    obligations.addAll(part.obligations());
                    findings.addAll(part.findings());
                } else {
                    store.group(unit, part);
                }
                unplaced.addAll(part.leftovers());
            }
            if (ordered) {
                sortForReport(obligations);
                findings.sort(FINDING_ORDER);
                store.put(unit, new Report(asOf, obligations, findings));
            }
            return unplaced;
        });
        List<Conclusion> all = new ArrayList<>();
        leftovers.forEach(all::addAll);
        Set<String> placed = new HashSet<>();
        Report platform = platform(global, all, placed, asOf);
        if (!placed.isEmpty()) {
            store.checkNotPlaced(units.size(), placed);
        }
        return overPeriod(platform, context, shared, false, total);
    }

    /**
     * Sessions of cases went past the evaluation's total of steps: conditions are tested in each session, so their
     * count can differ from one session's; the evaluation runs again in one session, as for the firing limit, whose
     * outcome and rule named do not depend on the threads or the sessions' sizes.
     */
    private static Unpartitionable totalPassed(StepTotal total) {
        return new Unpartitionable(String.format(java.util.Locale.ROOT, "the rules' restricted code took more than "
                + "%,d steps in all, the evaluation's total (the step limit times its %,d facts)", total.max(),
                total.facts()), false);
    }

    /**
     * What a group of cases gives the report: its obligations and findings (not yet in report order), and its
     * conclusions that only the whole evaluation can place: discharges of duties the group does not hold, and
     * assessments of no case or of another group's case.
     */
    public record Part(List<Obligation> obligations, List<Finding> findings, List<Conclusion> leftovers) {
    }

    /** The kernel over one group's conclusions. */
    public Part part(List<Conclusion> conclusions, List<CaseEvent> group, Global global, OffsetDateTime asOf) {
        Set<String> duties = new HashSet<>(conclusions.size());
        Set<String> eventIds = new HashSet<>(group.size() * 2);
        Set<String> caseIds = new HashSet<>(group.size());
        for (CaseEvent event : group) {
            eventIds.add(event.id());
            caseIds.add(event.caseId());
        }
        String[] ids = new String[conclusions.size()]; // each duty's obligation id, for the kernel
        int at = 0;
        for (Conclusion conclusion : conclusions) {
            if (conclusion.fact() instanceof Duty duty) {
                String id = duty.obligationId(); // built anew at each call: once here
                ids[at] = id;
                // Obligation ids are duty key @ trigger event: with triggers of its own, no two groups share one.
                if (!eventIds.contains(duty.triggerEventId()) || global.duties().contains(id)) {
                    throw new Unpartitionable("rule '" + conclusion.rule() + "' opened " + id
                            + ", started by an event of another case", true);
                }
                duties.add(id);
            }
            at++;
        }
        List<Conclusion> own = new ArrayList<>(conclusions.size());
        List<String> ownIds = new ArrayList<>(conclusions.size());
        List<Conclusion> leftovers = new ArrayList<>();
        int i = 0;
        for (Conclusion conclusion : conclusions) {
            Object fact = conclusion.fact();
            boolean elsewhere = fact instanceof Discharge discharge ? !duties.contains(discharge.obligationId())
                    : fact instanceof Assessment assessment && (!caseIds.contains(assessment.caseId())
                    || guarded && elsewhere(assessment, conclusion.rule(), eventIds, global));
            if (elsewhere) {
                leftovers.add(conclusion);
            } else {
                own.add(conclusion);
                ownIds.add(ids[i]);
            }
            i++;
        }
        Report report = report(own, ownIds, asOf, false);
        // In an order of their own, not the session's, which can differ between two runs of the same rules: the
        // monitor compares a case's leftovers with the last ones to know whether the platform's report changed.
        leftovers.sort(LEFTOVER_ORDER);
        return new Part(report.obligations(), report.findings(), leftovers);
    }

    /**
     * A restricted pack's assessment of its group's case is placed by the platform's report when it is about
     * another group's event or a duty the global rules opened: it then meets the obligation it would shadow in one
     * report, which refuses it when another pack opened that (see {@link #crossing}).
     */
    private boolean elsewhere(Assessment assessment, String rule, Set<String> eventIds, Global global) {
        return (assessment.triggerEventId() != null && !eventIds.contains(assessment.triggerEventId())
                || !global.duties().isEmpty() && global.duties().contains(assessment.obligationId()))
                && restricted(ruleBase.rule(rule));
    }

    /** Conclusions about the platform or another case: by the obligation they settle, rule and content. */
    private static final Comparator<Conclusion> LEFTOVER_ORDER = Comparator
            .comparing((Conclusion c) -> c.fact() instanceof Discharge d ? d.obligationId()
                    : c.fact() instanceof Assessment a ? a.obligationId() : "")
            .thenComparing(Conclusion::rule)
            .thenComparing(c -> c.fact().getClass().getName())
            .thenComparing(c -> c.fact().toString());

    /**
     * The report of the global conclusions and the groups' leftovers. Fills {@code placed} with the obligations this
     * report settles that no group may also hold (see {@link #checkNotPlaced}): a discharge of no duty of its group
     * or the platform's, which is of no duty at all unless another group holds that duty, and an assessment of
     * another group's case or of none.
     */
    public Report platform(Global global, List<Conclusion> leftovers, Set<String> placed, OffsetDateTime asOf) {
        List<Conclusion> platform = new ArrayList<>(global.conclusions());
        // What the global rules conclude about a case's obligation must meet it in one report: a discharge of no
        // global duty (of any pack: case by case it would be lost, in one session it counts), and a restricted
        // pack's assessment, are placed here, so that a group that holds the obligation sends the evaluation to one
        // session, where the kernel sees both (and refuses a restricted pack's crossing, see crossing).
        for (Conclusion conclusion : global.conclusions()) {
            if (conclusion.fact() instanceof Discharge discharge) {
                if (!global.duties().contains(discharge.obligationId())) {
                    placed.add(discharge.obligationId());
                }
            } else if (guarded && conclusion.fact() instanceof Assessment assessment
                    && restricted(ruleBase.rule(conclusion.rule()))) {
                placed.add(assessment.obligationId());
            }
        }
        for (Conclusion leftover : leftovers) {
            if (leftover.fact() instanceof Discharge discharge && !global.duties().contains(discharge.obligationId())) {
                placed.add(discharge.obligationId());
            } else {
                platform.add(leftover);
                if (leftover.fact() instanceof Assessment assessment) {
                    placed.add(assessment.obligationId());
                }
            }
        }
        return report(platform, asOf);
    }

    /**
     * For a platform's report made apart from the cases' obligations, which no kernel sees beside it (a stream job
     * evaluates each case in a task of its own): the refusal of a restricted pack's assessment that the report places
     * ({@link #platform}) of an obligation no global duty opens, the first by obligation id and rule. Such an
     * assessment (of another case's event, or a restricted pack's platform rule's of a case's obligation) could give
     * a second obligation of an id a case's report holds, opened by another pack under a key built at run time, where
     * one evaluation refuses the crossing ({@link #crossing}). {@code null} when there is none or no pack is
     * restricted.
     */
    public RuleExecutionException placedApart(Global global, List<Conclusion> leftovers) {
        if (!guarded) {
            return null;
        }
        Conclusion first = null;
        List<Conclusion> all = new ArrayList<>(global.conclusions());
        all.addAll(leftovers);
        for (Conclusion conclusion : all) {
            if (conclusion.fact() instanceof Assessment assessment
                    && !global.duties().contains(assessment.obligationId())
                    && restricted(ruleBase.rule(conclusion.rule()))
                    && (first == null || LEFTOVER_ORDER.compare(conclusion, first) < 0)) {
                first = conclusion;
            }
        }
        if (first == null) {
            return null;
        }
        Assessment assessment = (Assessment) first.fact();
        return new RuleExecutionException(first.rule(), "rule " + describe(first.rule()) + " of restricted pack '"
                + packOf(ruleBase.rule(first.rule())) + "' assessed obligation '" + assessment.obligationId()
                + "', which no rule of the platform's opens: where each case is evaluated apart from the platform, as "
                + "in the streaming job, a restricted pack's assessment of another case's event, and its platform "
                + "rules' assessments of a case's obligation, cannot be compared with the obligation of that id a "
                + "case holds, which another pack may have opened. Evaluate this pack with the engine or the monitor, "
                + "which compare them. " + LIFT, null);
    }

    /** Throws when a group holds an obligation that a conclusion of another group settles. */
    public static void checkNotPlaced(List<Obligation> obligations, Set<String> placed) {
        if (placed.isEmpty()) {
            return;
        }
        for (Obligation obligation : obligations) {
            if (placed.contains(obligation.id())) {
                throw new Unpartitionable("a rule concluded about obligation " + obligation.id()
                        + " from another case", true);
            }
        }
    }

    /**
     * Obligations in report order: platform duties first, then by case, trigger instant and id, as a stable sort by
     * {@link #REPORT_ORDER} gives them. Ranks the distinct cases once and sorts numbers (see {@link ReportOrder}),
     * rather than comparing case ids for every pair.
     */
    public static void sortForReport(List<Obligation> obligations) {
        ReportOrder.sort(obligations);
    }

    public static void sortFindings(List<Finding> findings) {
        findings.sort(FINDING_ORDER);
    }

    /** Whether evaluations still run case by case. */
    public boolean byCase() {
        return singleSession == null;
    }

    /**
     * The facts every session gets: the platform's records (every type's whole history, so that a rule reading the
     * record in force at an instant finds it in every session), its standing facts, the law in force and the evidence
     * period.
     */
    public List<Object> context(List<? extends Platform> profiles, List<? extends StandingFact> facts,
                                OffsetDateTime since, OffsetDateTime asOf) {
        List<Object> context = new ArrayList<>(Platform.history(List.<Platform>copyOf(profiles)));
        context.addAll(facts);
        context.add(new LawInForce(asOf, ruleBase.lawTable()));
        context.add(new EvidencePeriod(since, asOf));
        return context;
    }

    /** Listener calls one at a time, whichever thread a session runs on. */
    public static EvaluationListener serial(EvaluationListener listener) {
        return listener == EvaluationListener.NONE ? listener : new SerialListener(listener);
    }

    /** Whether global rules read this event, so that it goes to their session as well as to its case's. */
    public boolean shared(CaseEvent event) {
        return locality.seenByGlobalRules(event);
    }

    /**
     * What the global rules concluded, and the cases of those conclusions that case-local rules read: no group of
     * cases given to {@link #cases} may hold one of them. {@code judgedCases}: the cases a rule of a pack with
     * jurisdictions was matched on in the global session, judged there by the events that session holds.
     */
    public record Global(List<Conclusion> conclusions, Set<String> concludedCases, Set<String> duties,
                         Map<String, List<Object>> forCases, Set<String> localFired, Set<String> sharedCases,
                         Map<String, String> jurisdictions, Set<String> judgedCases) {
        /** No global conclusions: for a case evaluated where the platform's rules do not run. */
        public static final Global NONE = new Global(List.of(), Set.of(), Set.of(), Map.of(), Set.of(), Set.of(),
                Map.of(), Set.of());
    }

    /**
     * Runs the global rules once, over the context and the events they read (in time order). {@code facts} is the
     * number of facts of the whole evaluation, which sets its firing limit.
     */
    public Global global(List<Object> context, List<CaseEvent> shared, long facts, EvaluationListener listener) {
        return global(context, shared, facts, stepTotal(facts), listener);
    }

    /** {@link #global}, its restricted code's steps counted in the evaluation's {@code total}. */
    public Global global(List<Object> context, List<CaseEvent> shared, long facts, StepTotal total,
                         EvaluationListener listener) {
        List<Object> all = new ArrayList<>(context);
        all.addAll(shared);
        Set<String> sharedCases = new HashSet<>();
        shared.forEach(e -> sharedCases.add(e.caseId()));
        GlobalScope scope = new GlobalScope(sharedCases);
        List<Conclusion> conclusions = new Session(all, scope, facts, total, listener, Set.of()).run();
        Set<String> duties = new HashSet<>();
        for (Conclusion conclusion : conclusions) {
            if (conclusion.fact() instanceof Duty duty) {
                duties.add(duty.obligationId());
            }
        }
        // concluded cases may hold null: conclusions of no case
        return new Global(conclusions, Collections.unmodifiableSet(scope.concluded), Set.copyOf(duties), scope.handed,
                Collections.unmodifiableSet(scope.localFired), Collections.unmodifiableSet(sharedCases),
                scoped ? Jurisdictions.ofCases(shared) : Map.of(), Collections.unmodifiableSet(scope.judged));
    }

    /** Whole cases, in the order given, cut into groups of about {@code eventsPerSession} events. */
    public List<List<CaseEvent>> groups(Collection<List<CaseEvent>> cases) {
        List<List<CaseEvent>> groups = new ArrayList<>();
        List<CaseEvent> group = new ArrayList<>();
        for (List<CaseEvent> ofCase : cases) {
            group.addAll(ofCase);
            if (group.size() >= eventsPerSession) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /** Runs the case-local rules over one group of whole cases, in one session; {@code facts} as for {@link #global}. */
    public List<Conclusion> cases(List<Object> context, List<CaseEvent> group, Global global,
                                  long facts, EvaluationListener listener) {
        return cases(context, group, global, facts, stepTotal(facts), listener);
    }

    /** {@link #cases}, its restricted code's steps counted in the evaluation's {@code total}. */
    public List<Conclusion> cases(List<Object> context, List<CaseEvent> group, Global global,
                                  long facts, StepTotal total, EvaluationListener listener) {
        // In the order given: a report does not depend on the order of the facts (DeterminismTest).
        List<CaseEvent> events = group;
        Set<String> ofGroup = new HashSet<>(events.size());
        List<Object> fromGlobal = new ArrayList<>();
        Map<String, String> stated = scoped ? Jurisdictions.ofCases(events) : Map.of();
        for (CaseEvent event : events) {
            if (!ofGroup.add(event.caseId())) {
                continue;
            }
            if (scoped) {
                sameJurisdiction(global, event.caseId(), stated);
            }
            if (global.concludedCases().contains(event.caseId())) {
                crossingFor(global, event.caseId());
                List<Object> concluded = global.forCases().getOrDefault(event.caseId(), List.of());
                readInAbsence(concluded, event.caseId());
                shareable(concluded, event.caseId());
                fromGlobal.addAll(concluded);
            }
        }
        List<Object> inSession = new ArrayList<>(context.size() + events.size() + fromGlobal.size());
        inSession.addAll(context);
        inSession.addAll(events);
        inSession.addAll(fromGlobal);
        Set<Object> foreign = Collections.newSetFromMap(new IdentityHashMap<>());
        foreign.addAll(fromGlobal);
        return new Session(inSession, new CaseScope(ofGroup), facts, total, listener, foreign).run();
    }

    /**
     * A global rule concluded something for the case that case-local rules read. The case's own session is given
     * those conclusions, as one session would hold them beside the case's events; unless a case-local rule already
     * fired on the case in the global session, which its own session would repeat.
     */
    static void crossingFor(Global global, String caseId) {
        if (global.localFired().contains(caseId)) {
            throw new Unpartitionable("a global rule concluded something for case '" + caseId
                    + "' that case-local rules read, and they fired on it with the platform's rules", true);
        }
    }

    /**
     * The global session sees only the events global rules read, so it judged the scope of a case by what those events
     * state. A case whose other events state another jurisdiction was judged there under the wrong law: not split.
     */
    private void sameJurisdiction(Global global, String caseId, Map<String, String> stated) {
        if (!global.sharedCases().contains(caseId) && !global.concludedCases().contains(caseId)
                && !global.judgedCases().contains(caseId)) {
            return;
        }
        String judged = global.jurisdictions().getOrDefault(caseId, defaultJurisdiction);
        String actual = stated.getOrDefault(caseId, defaultJurisdiction);
        if (!Objects.equals(judged, actual)) {
            throw new Unpartitionable("case '" + caseId + "' arose in " + (actual == null ? "no stated jurisdiction"
                    : actual) + ", which the events the platform's rules read do not state", true);
        }
    }

    /**
     * A fact handed to a case's session is the global session's own object: one whose state can change without
     * Drools (a declared type's setter, a list it holds) would carry a change made in one session into the others,
     * as it is made. Only records are handed (the report's conclusions are records of immutable values); any other
     * fact sends the evaluation to one session.
     */
    private static void shareable(List<Object> concluded, String caseId) {
        for (Object fact : concluded) {
            if (!fact.getClass().isRecord()) {
                throw new Unpartitionable("a global rule concluded " + fact.getClass().getSimpleName() + " for case '"
                        + caseId + "', whose state a rule could change outside Drools in one session and another",
                        true);
            }
        }
    }

    /**
     * A case session given a global conclusion holds it from the start; one session holds it only once the global rule
     * has fired. A case-local rule that reads its type positively fires on it either way; one that reads it under
     * {@code not}, {@code forall}, {@code collect} or {@code accumulate} may fire in one session before it exists and
     * never in the case's session. Such a case is not split.
     */
    private void readInAbsence(List<Object> concluded, String caseId) {
        for (Object fact : concluded) {
            if (locality.readInAbsenceByLocalRules(fact)) {
                throw new Unpartitionable("a global rule concluded " + fact.getClass().getSimpleName()
                        + " for case '" + caseId + "', which case-local rules read under not, forall, collect or"
                        + " accumulate, or conclude from what they read so: whether they fire depends on when it was"
                        + " concluded", true);
            }
        }
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }

    public Workers workers() {
        return workers;
    }

    /** A fact a rule inserted, with the rule. */
    public record Conclusion(Object fact, String rule) {
    }

    /** The matches a session made passed its limit: thrown where the match is made, to stop the network there. */
    private static final class MatchLimitReached extends RuntimeException {
        MatchLimitReached() {
            super("the matches passed their limit", null, false, false);
        }

        static boolean in(Throwable thrown) {
            return Causes.find(thrown, MatchLimitReached.class) != null;
        }
    }

    /**
     * This evaluation must run in one session: a conclusion would have to cross between sessions ({@link #always}:
     * so would later ones, as the rules are written), or the rules reached the firing limit, whose error must name
     * the firings of the whole evaluation.
     */
    public static final class Unpartitionable extends RuntimeException {
        private final boolean always;

        public Unpartitionable(String message, boolean always) {
            super(message, null, false, false);
            this.always = always;
        }

        public boolean always() {
            return always;
        }
    }

    /** Which rules a session runs and which of their effects it allows. */
    private interface Scope {
        /** Whether the rule may fire on this match. */
        boolean admits(String rule, Match match);

        /** Checks a fact a rule inserted or updated; returns why it cannot stay in this session, or null. */
        String checkConclusion(Object fact, String rule);

        /** A rule fired on these objects. */
        default void fired(String rule, Match match) {
        }
    }

    /** The session of the global rules: the context, the events they read, and case-local rules on other cases. */
    private final class GlobalScope implements Scope {
        private final Set<String> sharedCases;
        private final Set<String> concluded = new HashSet<>();
        /**
         * By case, every fact rules inserted in this session that case-local rules read, in the order inserted: a
         * conclusion of the report, or any other fact (a declared type, an event), handed to the case's session.
         */
        private final Map<String, List<Object>> handed = new HashMap<>();
        /** The cases a scoped pack's rule was matched on here ({@link Global#judgedCases}). */
        private final Set<String> judged = new HashSet<>();
        /** Cases on whose facts a case-local rule fired in this session. */
        private final Set<String> localFired = new HashSet<>();

        GlobalScope(Set<String> sharedCases) {
            this.sharedCases = sharedCases;
        }

        @Override
        public void fired(String rule, Match match) {
            if (locality.isLocal(rule)) {
                for (Object object : match.getObjects()) {
                    if (CaseLocality.hasCase(object)) {
                        localFired.add(CaseLocality.caseOf(object));
                        return;
                    }
                }
            }
        }

        @Override
        public boolean admits(String rule, Match match) {
            if (!locality.isLocal(rule)) {
                return true;
            }
            for (Object object : match.getObjects()) {
                if (CaseLocality.hasCase(object)) {
                    return !sharedCases.contains(CaseLocality.caseOf(object)); // those cases run in their own session
                }
            }
            return true;
        }

        @Override
        public String checkConclusion(Object fact, String rule) {
            if (locality.seenByLocalRules(fact)) {
                if (!CaseLocality.hasCase(fact)) {
                    return "global rule '" + rule + "' concluded " + fact.getClass().getSimpleName()
                            + ", which has no case and which case-local rules read";
                }
                String id = CaseLocality.caseOf(fact);
                concluded.add(id);
                handed.computeIfAbsent(id, k -> new ArrayList<>()).add(fact);
            }
            return null;
        }
    }

    /** A session of case-local rules over a group of whole cases. */
    private final class CaseScope implements Scope {
        private final Set<String> cases;

        CaseScope(Set<String> cases) {
            this.cases = cases;
        }

        @Override
        public boolean admits(String rule, Match match) {
            return locality.isLocal(rule);
        }

        @Override
        public String checkConclusion(Object fact, String rule) {
            if (locality.seenByGlobalRules(fact)) {
                return "case-local rule '" + rule + "' concluded " + fact.getClass().getSimpleName()
                        + ", which a global rule reads";
            }
            if (locality.seenByLocalRules(fact)) {
                String id = CaseLocality.caseOf(fact);
                if (id == null || !cases.contains(id)) {
                    return "case-local rule '" + rule + "' concluded " + fact.getClass().getSimpleName()
                            + " for " + (id == null ? "no case" : "case '" + id + "'")
                            + " from another case, and case-local rules read it";
                }
            }
            return null;
        }
    }

    /** One Drools session: facts in, rules fired, conclusions out, session disposed. */
    private final class Session {
        private final List<Object> facts;
        private final Scope scope;
        private final EvaluationListener listener;
        /** What rules inserted, in order, and the rule that inserted each (Drools does not insert an object twice). */
        private final List<Object> inserted = new ArrayList<>();
        private final List<String> insertingRules = new ArrayList<>();
        /** {@link #inserted} by identity, made when an update or deletion first asks who inserted a fact. */
        private Map<Object, String> insertedBy;
        /**
         * Whether the working memory may hold other than the given facts (evidence, and conclusions of other sessions:
         * {@link #foreign}) and {@link #inserted}: a fact was deleted, or replaced by another object. The conclusions
         * are then read from the session, not from {@link #inserted}.
         */
        private boolean notAsInserted;
        private final Map<String, Integer> firings = new HashMap<>();
        private final long evaluationFacts;
        /** The evaluation's total of steps, shared with its other sessions. */
        private final StepTotal total;
        private String firing; // the rule whose consequence runs now, to name it if the JVM stack overflows
        private int firedSoFar; // what fireAllRules would have returned, had the match limit not stopped it
        private String matchPastLimit; // the rule whose match passed the limit on matches
        /** The session's count of its restricted rules' joins, or {@code null}: no restricted pack. */
        private JoinGuard joins;
        private List<String> joinsPastLimit; // the rules whose join passed the limit on joins, when it was passed
        private String crossing;
        /** The first refusal of a restricted pack's rule in this session, kept even when the rule caught it. */
        private Refused refusal;
        /** A restricted pack's code that passed the step limit and caught the error, and its rule's consequence. */
        private StepLimitExceeded exceeded;
        private String exceededIn;
        /** The instants of the session's events by id, when a finding asks for them. */
        private Map<String, OffsetDateTime> eventTimes;

        /** Facts another session concluded, given to this one as they would be in one session; never its conclusions. */
        private final Set<Object> foreign;

        Session(List<Object> facts, Scope scope, long evaluationFacts, StepTotal total, EvaluationListener listener,
                Set<Object> foreign) {
            this.foreign = foreign;
            this.facts = facts;
            this.evaluationFacts = evaluationFacts;
            this.total = total;
            this.scope = scope;
            this.listener = listener;
        }

        List<Conclusion> run() {
            KieSession session = ruleBase.kieBase().newKieSession();
            int limit = (int) Math.min(Integer.MAX_VALUE, evaluationFacts * firingLimitPerFact);
            // Matches of a rule that joins its own conclusions grow with their square: memory would run out long
            // before the firings reached the limit, so the matches made are limited too, to twice the firings (a
            // loop through update makes a match per firing, and matches may be cancelled without firing).
            long matchLimit = 2L * limit;
            long[] matches = {0};
            if (guarded) {
                Steps.begin(stepLimit, total);
            }
            try {
                // The facts go in before the listener of conclusions: only rules' insertions concern it, and no rule
                // fires before fireAllRules, so it is not called (nor an event made) once per fact given.
                EntryPoint entry = session.getEntryPoint("DEFAULT"); // Drools' default, looked up once
                if (guarded) {
                    // Every rule of a restricted pack starts with the guard: its joins count as they are made.
                    joins = new JoinGuard(Math.max(matchLimit, evaluationFacts * JoinGuard.PER_FACT));
                    entry.insert(joins);
                }
                facts.forEach(entry::insert);
                session.addEventListener(new DefaultRuleRuntimeEventListener() {
                    @Override
                    public void objectInserted(ObjectInsertedEvent event) {
                        if (event.getRule() != null) {
                            if (guarded) {
                                guardInsert(event.getObject(), event.getRule().getName());
                            }
                            inserted.add(event.getObject());
                            insertingRules.add(event.getRule().getName());
                            if (insertedBy != null) {
                                insertedBy.putIfAbsent(event.getObject(), event.getRule().getName());
                            }
                            check(event.getObject(), event.getRule().getName());
                        }
                    }

                    @Override
                    public void objectUpdated(ObjectUpdatedEvent event) {
                        if (event.getObject() != event.getOldObject()) {
                            // another object in the fact's place: it is the conclusion of whoever inserted the fact
                            notAsInserted = true;
                            String owner = owners().get(event.getOldObject());
                            if (owner != null) {
                                insertedBy.putIfAbsent(event.getObject(), owner);
                            }
                        }
                        if (event.getRule() != null) {
                            if (guarded) {
                                guardChange(event.getOldObject(), event.getRule().getName(), "updated");
                            }
                            changed(event.getObject(), event.getRule().getName(), "updated");
                        }
                    }

                    @Override
                    public void objectDeleted(ObjectDeletedEvent event) {
                        notAsInserted = true; // by a rule, or by truth maintenance with its support
                        if (event.getRule() != null) {
                            if (guarded) {
                                guardChange(event.getOldObject(), event.getRule().getName(), "deleted");
                            }
                            changed(event.getOldObject(), event.getRule().getName(), "deleted");
                        } else if (scope instanceof GlobalScope && crossing == null
                                && locality.seenByLocalRules(event.getOldObject())) {
                            crossing = "truth maintenance deleted " + event.getOldObject().getClass().getSimpleName()
                                    + " in the platform's session, which case-local rules read";
                        }
                    }
                });
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void matchCreated(MatchCreatedEvent event) {
                        if (++matches[0] > matchLimit) {
                            matchPastLimit = event.getMatch().getRule().getName();
                            // Drools makes all of a rule's matches in one evaluation of its network, before it looks
                            // at a halt: a join over every fact would make its product first. Thrown, it stops here.
                            throw new MatchLimitReached();
                        }
                    }

                    @Override
                    public void beforeMatchFired(BeforeMatchFiredEvent event) {
                        firing = event.getMatch().getRule().getName();
                        if (guarded) {
                            exceeded(null, session); // by a condition that caught the error
                        }
                    }

                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        firedSoFar++;
                        String rule = event.getMatch().getRule().getName();
                        firing = null; // a condition evaluated after this is no consequence of it
                        if (guarded) {
                            exceeded(rule, session); // by the consequence, which caught the error
                        }
                        if (scope == null) {
                            firings.merge(rule, 1, Integer::sum); // for the loop error, which only this session gives
                        } else {
                            scope.fired(rule, event.getMatch()); // the match's objects only where needed
                        }
                        listener.ruleFired(rule);
                        if (LOG.isDebugEnabled()) {
                            RuleBase.RuleInfo info = ruleBase.rule(rule);
                            LOG.debug("fired {} ({}) on {}", rule, info == null ? "?" : info.clause(),
                                    event.getMatch().getObjects().stream().map(Evaluation::named).toList());
                        }
                    }
                });
                // Case by case, the sessions of one evaluation share its limit: each may fire what the others left.
                // (The total also counts the steps of the judgements over the period, each an evaluation of its own
                // facts and firing limit: those sessions, of fewer facts, do not share the firings.)
                boolean sharing = scope != null && total.facts() == Math.max(1, evaluationFacts);
                int left = sharing ? (int) Math.max(0, Math.min(limit, limit - total.fired())) : limit;
                int fired = fire(session, left);
                long firedInAll = sharing ? total.fired(fired) : fired;
                if (guarded) {
                    exceeded(null, session);
                }
                if (exceeded != null) {
                    // Caught by the pack's code, which went on: the evaluation stops all the same.
                    throw stepLimit(exceeded, exceededIn);
                }
                if (refusal != null) {
                    // Refused in a consequence that caught the exception and went on: the evaluation stops all the same.
                    throw new RuleExecutionException(refusal.rule, refusal.getMessage(), null);
                }
                if (crossing != null) {
                    throw new Unpartitionable(crossing, true);
                }
                boolean joinsPassed = joins != null && joins.passed();
                if ((fired >= left || firedInAll >= limit || matches[0] > matchLimit || joinsPassed)
                        && scope != null) {
                    throw new Unpartitionable("rules reached the firing limit", false);
                }
                if (joinsPassed) {
                    List<String> rules = joinsPastLimit == null ? List.of() : joinsPastLimit;
                    String named = rules.isEmpty() ? "a rule" : "rule " + rules.stream().map(r -> describe(r))
                            .collect(java.util.stream.Collectors.joining(", "));
                    throw new RuleExecutionException(rules.size() == 1 ? rules.get(0) : null, "rules made more than "
                            + joins.limit() + " joins for " + evaluationFacts + " facts (" + JoinGuard.PER_FACT
                            + " a fact, or twice the firing limit if more): " + named
                            + " probably joins its own conclusions, or every fact of a type with another (also inside "
                            + "an accumulate, a collect, a not, an exists or a forall), or changes (modify, update) "
                            + "a fact joined with many, each change joining it again, so that its joins grow with "
                            + "the square of the facts or faster. Join a case's facts by their case "
                            + "(caseId == $c.caseId())." + (firings.isEmpty() ? "" : " Most fired: "
                            + mostFired(firings)), null);
                }
                if (fired < limit && matches[0] > matchLimit) {
                    throw new RuleExecutionException(null, "rules made " + matches[0] + " matches for "
                            + evaluationFacts + " facts, past twice the firing limit (" + limit + "): a rule "
                            + "probably joins its own conclusions, or every fact of a type with another, so that its "
                            + "matches grow with the square of the facts or faster. The match past the limit: rule '"
                            + matchPastLimit + "'" + (firings.isEmpty() ? "" : "; most fired: "
                            + mostFired(firings)), null);
                }
                if (fired >= limit) {
                    throw new RuleExecutionException(null, "rules fired " + fired + " times for " + evaluationFacts
                            + " facts, past the firing limit: they are probably re-firing in a loop. Most fired: "
                            + mostFired(firings), null);
                }
                List<Conclusion> conclusions = new ArrayList<>();
                // Only the default entry point's facts are the session's conclusions: with others, read the session.
                if (!notAsInserted && session.getEntryPoints().size() == 1) {
                    // What rules inserted is what the session holds beside the given facts: read in the order the
                    // rules concluded, without walking the session's object store or looking each fact up.
                    for (int i = 0; i < inserted.size(); i++) {
                        Object fact = inserted.get(i);
                        if (isConclusion(fact) && (foreign.isEmpty() || !foreign.contains(fact))) {
                            conclusions.add(conclusion(fact, ruleOf(fact, insertingRules.get(i))));
                        }
                    }
                    return conclusions;
                }
                for (Object fact : session.getObjects()) {
                    if (isConclusion(fact) && (foreign.isEmpty() || !foreign.contains(fact))) {
                        conclusions.add(conclusion(fact, ruleOf(fact, owners().get(fact))));
                    }
                }
                return conclusions;
            } catch (StepLimitExceeded e) {
                throw stepLimit(e, firing); // thrown out of the pack's code, as the evidence went in or rules fired
            } finally {
                session.dispose();
            }
        }

        /** Takes the step limit a restricted pack's code passed and caught, if any, and stops the session. */
        private void exceeded(String consequence, KieSession session) {
            StepLimitExceeded taken = Steps.taken();
            if (taken != null && exceeded == null) {
                exceeded = taken;
                exceededIn = consequence;
                session.halt();
            }
        }

        /** The error of a call of a restricted pack's code past the step or depth limit, naming the rule. */
        private RuleExecutionException stepLimit(StepLimitExceeded e, String consequence) {
            if (e.total() && scope != null) {
                throw totalPassed(total); // case by case: the one-session run names the rule
            }
            String what;
            String why;
            if (e.total()) {
                String perCall = String.format(java.util.Locale.ROOT, "%,d", stepLimit);
                what = "passed the evaluation's total of steps";
                why = ": " + e.getMessage() + ": a loop too long for a rule, run again and again, in it or in a "
                        + "function it calls (a join's constraint that loops, tested for every pair of facts, say). "
                        + "Each call of a restricted pack's code (a consequence, one evaluation of a condition) may "
                        + "take " + perCall + " steps, and all the calls of one evaluation together the step limit "
                        + "times its facts (those the firing limit counts); the limit is ComplianceEngine.Builder."
                        + "stepLimit, and unrestricted packs are not counted. " + LIFT;
            } else if (e.depth()) {
                what = e.getMessage();
                why = ": a recursion that does not end, or too deep for a rule, in it or in a function it calls. Each "
                        + "call of a restricted pack's code (a consequence, one evaluation of a condition) may nest "
                        + String.format(java.util.Locale.ROOT, "%,d", e.limit()) + " calls of the pack's code, so "
                        + "that the outcome does not depend on the thread's stack; unrestricted packs are not "
                        + "counted. " + LIFT;
            } else {
                String steps = String.format(java.util.Locale.ROOT, "%,d", e.limit());
                what = "took more than " + steps + " steps";
                why = ": a loop that does not end, or too long for a rule, in it or in a function it calls. Each "
                        + "call of a restricted pack's code (a consequence, one evaluation of a condition) may take "
                        + steps + " steps (loop iterations and method calls); the limit is ComplianceEngine.Builder."
                        + "stepLimit, and unrestricted packs are not counted. " + LIFT;
            }
            if (consequence != null) {
                return new RuleExecutionException(consequence, "rule " + describe(consequence) + " " + what
                        + " in its consequence" + why, e);
            }
            List<String> rules = ruleBase.rulesAt(e);
            if (rules.size() == 1) {
                return new RuleExecutionException(rules.get(0), "rule " + describe(rules.get(0)) + " " + what
                        + " in a condition" + why, e);
            }
            return new RuleExecutionException(null, (rules.isEmpty() ? "a condition of a restricted pack's rule"
                    : "a condition shared by rules " + rules.stream().map(r -> describe(r))
                            .collect(java.util.stream.Collectors.joining(", "))) + " " + what + why, e);
        }

        /**
         * The JVM's stack ran out, naming the rule: the consequence's that ran, or a condition's found from the classes
         * on the error's stack (a restricted pack's code throws it again where it leaves the pack's code, so that the
         * rule's class is on it, see {@link Steps#exit(Throwable)}); and saying where it ran out: in the JDK's code
         * (a regular expression over a long text), which no recursion of the pack's need cause, or in the rules' own.
         */
        private RuleExecutionException ranOutOfStack(StackOverflowError e) {
            String consequence = firing;
            List<String> rules = consequence != null ? List.of(consequence) : ruleBase.rulesAt(e);
            String rule = rules.size() == 1 ? rules.get(0) : null;
            String where = consequence != null ? "its consequence" : "a condition";
            String why;
            if (inTheJdk(e)) {
                why = " in " + where + ", in the JDK's code (a regular expression over a long text, say), which the "
                        + "step and depth limits do not count: whether the thread's stack holds it depends on its size "
                        + "(-Xss) and on the JIT";
            } else if (rule != null && restricted(ruleBase.rule(rule))) {
                why = " in " + where + ": a recursion within the depth limit whose frames are too large for the "
                        + "thread's stack (a function with very many locals, say), in it or in a function it calls";
            } else {
                why = ": a recursion without end in " + where + " or a function it calls";
            }
            if (rule != null) {
                return new RuleExecutionException(rule, "rule " + describe(rule) + " ran out of stack" + why, e);
            }
            return new RuleExecutionException(null, (rules.isEmpty() ? "a rule condition"
                    : "a condition shared by rules " + rules.stream().map(r -> describe(r))
                            .collect(java.util.stream.Collectors.joining(", "))) + " ran out of stack" + why, e);
        }

        private Conclusion conclusion(Object fact, String rule) {
            return new Conclusion(fact instanceof Finding finding ? cited(finding, rule) : fact, rule);
        }

        /** Who inserted each fact a rule inserted, by identity. */
        private Map<Object, String> owners() {
            if (insertedBy == null) {
                insertedBy = new IdentityHashMap<>(Math.max(32, 2 * inserted.size()));
                for (int i = 0; i < inserted.size(); i++) {
                    insertedBy.putIfAbsent(inserted.get(i), insertingRules.get(i));
                }
            }
            return insertedBy;
        }

        /**
         * A finding is cited under the version in force when what it is about happened: the earliest of its evidence
         * events (the order found defective, say), not "as of". Without such an event, the report cites it at "as of".
         */
        private Finding cited(Finding finding, String rule) {
            RuleBase.RuleInfo info = rule == null ? null : ruleBase.rule(rule);
            if (finding.citation() != null || info == null || finding.evidence().isEmpty()) {
                return finding;
            }
            if (eventTimes == null) {
                eventTimes = new HashMap<>();
                for (Object fact : facts) {
                    if (fact instanceof CaseEvent event) {
                        eventTimes.put(event.id(), event.at());
                    }
                }
            }
            OffsetDateTime earliest = null;
            for (String id : finding.evidence()) {
                OffsetDateTime at = eventTimes.get(id);
                if (at != null && (earliest == null || at.isBefore(earliest))) {
                    earliest = at;
                }
            }
            return earliest == null ? finding : finding.withCitation(lifecycle.citation(info, earliest));
        }

        /**
         * A restricted pack's rule inserted a fact: it may conclude, not give the engine's inputs (events, platform
         * records, standing facts, the law in force, the evidence period), which only the evidence brings.
         */
        private void guardInsert(Object fact, String rule) {
            RuleBase.RuleInfo info = ruleBase.rule(rule);
            if (!restricted(info)) {
                return;
            }
            if (isInput(fact)) {
                throw refuse(new Refused(rule, "rule " + describe(rule) + " of restricted pack '" + packOf(info)
                        + "' inserted " + factName(fact) + ", which is evidence the engine is given, not a "
                        + "conclusion: a restricted pack may insert conclusions (Duty, Discharge, Assessment, Finding) "
                        + "and facts of its own types, not events, platform records, standing facts, LawInForce or "
                        + "EvidencePeriod. " + LIFT));
            }
            String why = info == null ? null : othersConclusion(fact, info.pack());
            if (why != null) {
                throw refuse(new Refused(rule, "rule " + describe(rule) + " of restricted pack '" + packOf(info)
                        + "' inserted " + factName(fact) + ", " + why + ": " + OWN_OBLIGATIONS + " " + LIFT));
            }
        }

        /**
         * Why a restricted pack's conclusion is about another pack's obligation or poses as another pack's, or
         * {@code null}: a duty, assessment or discharge of a key, or a finding of a code, that another pack's DRL
         * writes; a finding cited to a rule not of its pack.
         */
        private String othersConclusion(Object fact, RulePack pack) {
            // The key, not the trigger's id, which the evidence gives: an obligation id is key@triggerId.
            String name = fact instanceof Duty duty ? duty.key() : fact instanceof Assessment assessment
                    ? assessment.key() : fact instanceof Discharge discharge
                    ? discharge.obligationId().split("@", 2)[0] : fact instanceof Finding finding ? finding.code()
                    : null;
            String invisible = Visible.firstInvisible(name);
            if (invisible != null) {
                return "whose " + (fact instanceof Finding ? "code" : "key") + " has an invisible character ("
                        + invisible + "): " + VISIBLE;
            }
            RulePack other = null;
            String key = null;
            if (fact instanceof Duty duty) {
                key = duty.key();
                other = keys.otherOwnerOfKey(key, pack);
            } else if (fact instanceof Assessment assessment) {
                key = assessment.key();
                other = keys.otherOwnerOfKey(key, pack);
            } else if (fact instanceof Discharge discharge) {
                String[] found = new String[1];
                other = keys.otherOwnerOfObligation(discharge.obligationId(), pack, found);
                key = found[0];
            } else if (fact instanceof Finding finding) {
                if (finding.citation() != null) {
                    RuleBase.RuleInfo cited = ruleBase.rule(finding.citation().ruleId());
                    if (cited == null || cited.pack() != pack) {
                        return "cited to rule '" + finding.citation().ruleId() + "'" + (cited == null
                                ? ", which is no rule of a loaded pack" : " of pack '" + cited.pack().id() + "'");
                    }
                }
                other = keys.otherOwnerOfCode(finding.code(), pack);
                if (other != null) {
                    return "a finding of code '" + finding.code() + "', which pack '" + other.id() + "' reports";
                }
                return null;
            }
            return other == null ? null : "an obligation of key '" + key + "', which pack '" + other.id() + "' opens";
        }

        /**
         * A restricted pack's rule updated or deleted a fact: only one its own pack's rules inserted in this session.
         * A fact another session concluded is left to {@link #changed}, which evaluates everything again in one
         * session, where its owner is known.
         */
        private void guardChange(Object fact, String rule, String how) {
            RuleBase.RuleInfo info = ruleBase.rule(rule);
            if (!restricted(info) || foreign.contains(fact)) {
                return;
            }
            String owner = owners().get(fact);
            RuleBase.RuleInfo ownerInfo = owner == null ? null : ruleBase.rule(owner);
            if (ownerInfo != null && ownerInfo.pack() == info.pack()) {
                return;
            }
            String whose = owner == null ? "which the engine was given as evidence"
                    : "which rule " + describe(owner) + (ownerInfo == null ? "" : " of pack '" + packOf(ownerInfo)
                    + "'") + " inserted";
            throw refuse(new Refused(rule, "rule " + describe(rule) + " of restricted pack '" + packOf(info) + "' " + how
                    + " " + factName(fact) + ", " + whose + ": a restricted pack may update, modify or delete only "
                    + "the facts its own rules inserted. " + LIFT));
        }

        /** Keeps the first refusal: a rule that catches the exception has not undone it (see {@link #fire}'s caller). */
        private Refused refuse(Refused refused) {
            if (refusal == null) {
                refusal = refused;
            }
            return refused;
        }

        private void check(Object fact, String rule) {
            if (scope != null && crossing == null) {
                crossing = scope.checkConclusion(fact, rule);
            }
        }

        /** A rule changed a fact: its own conclusions may change; what came in from outside must not. */
        private void changed(Object fact, String rule, String how) {
            if (scope == null || crossing != null) {
                return;
            }
            if (foreign.contains(fact)) {
                crossing = "rule '" + rule + "' " + how + " " + fact.getClass().getSimpleName()
                        + ", which a global rule concluded";
            } else if (scope instanceof GlobalScope && locality.seenByLocalRules(fact)) {
                // A case's session is handed what the global session ends with: in one session, case-local rules
                // may have read the fact before it changed, or before it went.
                crossing = "rule '" + rule + "' " + how + " " + fact.getClass().getSimpleName()
                        + " in the platform's session, which case-local rules read";
            } else if (owners().containsKey(fact)) {
                check(fact, rule);
            } else if (!CaseLocality.hasCase(fact) || locality.seenByGlobalRules(fact) || scope instanceof GlobalScope) {
                crossing = "rule '" + rule + "' " + how + " " + fact.getClass().getSimpleName()
                        + ", which other sessions hold too";
            }
        }

        private int fire(KieSession session, int limit) {
            try {
                Set<String> disabled = ruleBase.disabledRules();
                Map<String, String> jurisdictions = scoped ? Jurisdictions.ofCases(facts) : Map.of();
                // Without a stated or default jurisdiction every case is in every scope: nothing to check per match.
                // The global session notes the cases it judges, whose own events may state a jurisdiction.
                if (!jurisdictions.isEmpty()
                        || scoped && (defaultJurisdiction != null || scope instanceof GlobalScope)) {
                    return session.fireAllRules(match -> !disabled.contains(match.getRule().getName())
                            && inScope(match.getRule().getName(), match.getObjects(), jurisdictions,
                            scope instanceof GlobalScope global ? global.judged : null)
                            && (scope == null || scope.admits(match.getRule().getName(), match)), limit);
                }
                if (scope == null) {
                    return disabled.isEmpty() ? session.fireAllRules(limit)
                            : session.fireAllRules(match -> !disabled.contains(match.getRule().getName()), limit);
                }
                return session.fireAllRules(match -> !disabled.contains(match.getRule().getName())
                        && scope.admits(match.getRule().getName(), match), limit);
            } catch (ConsequenceException e) {
                if (MatchLimitReached.in(e)) {
                    return firedSoFar; // made by a consequence's insertion: the limit's error, below
                }
                JoinGuard.JoinLimitReached joinsPassed = JoinGuard.JoinLimitReached.in(e);
                if (joinsPassed != null) {
                    joinsPastLimit = List.of(joinsPassed.rule() != null ? joinsPassed.rule()
                            : e.getMatch().getRule().getName());
                    return firedSoFar;
                }
                String rule = e.getMatch().getRule().getName();
                StepLimitExceeded exceeded = StepLimitExceeded.in(e);
                if (exceeded != null) {
                    throw stepLimit(exceeded, rule);
                }
                Refused refused = Refused.in(e);
                if (refused != null) {
                    throw new RuleExecutionException(refused.rule, refused.getMessage(), null);
                }
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new RuleExecutionException(rule, "rule " + describe(rule) + " failed: " + cause, cause);
            } catch (RuntimeException e) {
                if (MatchLimitReached.in(e)) {
                    return firedSoFar; // the limit's error, below
                }
                JoinGuard.JoinLimitReached joinsPassed = JoinGuard.JoinLimitReached.in(e);
                if (joinsPassed != null) {
                    // A from's objects are taken by Drools, outside the rule's code: the guard names the rule.
                    joinsPastLimit = joinsPassed.rule() != null ? List.of(joinsPassed.rule())
                            : rulesOf(e, ruleBase.withOrigins(String.valueOf(e.getMessage())));
                    return firedSoFar; // the limit's error, below
                }
                StepLimitExceeded exceeded = StepLimitExceeded.in(e);
                if (exceeded != null) { // wrapped by Drools
                    throw stepLimit(exceeded, firing);
                }
                Refused refused = Refused.in(e);
                if (refused != null) { // outside a consequence: a truth-maintained fact deleted with its support
                    throw new RuleExecutionException(refused.rule, refused.getMessage(), null);
                }
                // A condition threw. Drools names the rule in its message for a pattern's constraint only; the
                // classes on the stack name it for an eval, a from or an accumulate too; the root cause says why.
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String message = ruleBase.withOrigins(String.valueOf(e.getMessage()));
                List<String> rules = rulesOf(e, message);
                String quoting = "Error evaluating constraint '";
                int in = message.indexOf("' in [Rule \"");
                if (!rules.isEmpty()) {
                    // Drools' own words only where they quote the constraint: an eval's name an object's identity.
                    String why = (message.startsWith(quoting) && in > 0
                            ? "constraint " + message.substring(quoting.length() - 1, in + 1) + ": " : "") + root;
                    throw rules.size() == 1
                            ? new RuleExecutionException(rules.get(0), "rule " + describe(rules.get(0))
                                    + " failed in a condition: " + why, root)
                            : new RuleExecutionException(null, "a condition shared by rules " + rules.stream()
                                    .map(r -> describe(r)).collect(java.util.stream.Collectors.joining(", "))
                                    + " failed: " + why, root);
                }
                // The root cause's words, unless Drools' message already gives them; without the identity hash
                // codes Drools' message quotes (an eval's object), which differ at each run.
                message = message.replaceAll("(\\b[\\w$.]+)@[0-9a-f]{4,}\\b", "$1");
                boolean said = root == e || root.getMessage() == null || message.contains(root.getMessage());
                throw new RuleExecutionException(null, "a rule condition failed: " + message
                        + (said ? "" : "; cause: " + root.getMessage()), e);
            } catch (StackOverflowError e) {
                throw ranOutOfStack(e);
            } catch (OutOfMemoryError e) {
                String rule = firing;
                if (rule == null) {
                    throw e; // matching the evidence: the input's size, which the caller words
                }
                // While a consequence ran: what it built (a text, a collection), or what its insertions matched;
                // that memory is let go as the error unwinds, so the rule can be named.
                throw new RuleExecutionException(rule, "rule " + describe(rule) + " ran out of memory while its "
                        + "consequence ran (" + e.getMessage() + "): it builds more than the heap holds, whatever "
                        + "the input's size", e);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw undeclared(e, firing); // a checked one thrown without declaring it: Drools catches Exception
            }
        }
    }

    /**
     * The rules whose condition threw {@code thrown}: by the classes on its stack (an eval, a from, an accumulate, a
     * pattern's constraint), else, for a constraint Drools interprets, of no class of its own, by Drools' message.
     */
    private List<String> rulesOf(Throwable thrown, String message) {
        List<String> rules = ruleBase.rulesAt(thrown);
        String quoting = "Error evaluating constraint '";
        int in = message.indexOf("' in [Rule \"");
        if (rules.isEmpty() && message.startsWith(quoting) && in > 0) {
            String named = message.substring(in + "' in [Rule \"".length());
            int end = named.indexOf('"');
            if (end > 0 && ruleBase.rule(named.substring(0, end)) != null) {
                rules = List.of(named.substring(0, end));
            }
        }
        return rules;
    }

    /**
     * The error of a checked throwable that a rule's code threw without declaring it (a generic method can), which
     * would otherwise leave the evaluation as no error the caller expects: naming the consequence's rule, else the
     * rule whose condition's class is on its stack.
     */
    private RuleExecutionException undeclared(Throwable e, String consequence) {
        List<String> rules = consequence != null ? List.of(consequence) : ruleBase.rulesAt(e);
        String where = consequence != null ? " in its consequence" : " in a condition";
        String what = " threw " + e.getClass().getName() + ", which it does not declare";
        if (rules.size() == 1) {
            return new RuleExecutionException(rules.get(0), "rule " + describe(rules.get(0)) + what + where, e);
        }
        return new RuleExecutionException(null, (rules.isEmpty() ? "a rule condition" : "a condition shared by rules "
                + String.join(", ", rules.stream().map(this::describe).toList())) + what, e);
    }

    /**
     * Whether the stack ran out in the JDK's code: none of the deepest frames the JVM kept of the first error (a
     * regular expression's recursion fills them all) is of another class.
     */
    private static boolean inTheJdk(StackOverflowError e) {
        Throwable first = e.getCause() instanceof StackOverflowError cause ? cause : e;
        StackTraceElement[] frames = first.getStackTrace();
        if (frames.length == 0) {
            return false;
        }
        for (int i = 0; i < Math.min(frames.length, 256); i++) {
            String type = frames[i].getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return false;
            }
        }
        return true;
    }

    /** How a refusal of a restricted pack's rule ends: how to lift it. */
    private static final String LIFT = "If you have reviewed this pack and trust it as code, load it with "
            + "RulePack...unrestricted(); see docs/restricted-drl.md";

    /** Why a restricted pack's names are written in visible characters. */
    static final String VISIBLE = "a restricted pack's rule names, duty keys and finding codes are written in visible "
            + "characters, so that none prints as another pack's";

    /** Why a restricted pack's conclusion about another pack's obligation is refused. */
    private static final String OWN_OBLIGATIONS = "a restricted pack may open, discharge and assess only obligations "
            + "of its own keys, and report findings of its own codes cited to its own rules, not another pack's.";

    /** Whether a rule is of a restricted pack; a rule the rule base does not know is treated as one. */
    private static boolean restricted(RuleBase.RuleInfo info) {
        return info == null || info.pack().restricted();
    }

    private static String packOf(RuleBase.RuleInfo info) {
        return info == null ? "?" : info.pack().id();
    }

    /** What the engine gives a session as evidence: facts of these types are never a rule's conclusion. */
    static boolean isInput(Object fact) {
        return fact instanceof CaseEvent || fact instanceof Platform || fact instanceof StandingFact
                || fact instanceof LawInForce || fact instanceof EvidencePeriod;
    }

    /** A fact named for a message, without calling its own {@code toString}, which a pack's type may define. */
    private static String factName(Object fact) {
        String type = fact.getClass().getSimpleName();
        if (fact instanceof Duty duty) {
            return type + " '" + duty.key() + "' of case '" + duty.caseId() + "'";
        }
        if (fact instanceof CaseEvent event) {
            return type + " '" + event.id() + "' of case '" + event.caseId() + "'";
        }
        if (fact instanceof Discharge discharge) {
            return type + " of '" + discharge.obligationId() + "'";
        }
        if (fact instanceof Assessment assessment) {
            return type + " of '" + assessment.obligationId() + "'";
        }
        if (fact instanceof Finding finding) {
            return type + " '" + finding.code() + "'" + (finding.caseId() == null ? "" : " of case '"
                    + finding.caseId() + "'");
        }
        return type;
    }

    /** A restricted pack's rule went beyond its own facts; thrown in the consequence, told without a stack trace. */
    private static final class Refused extends RuntimeException {
        private final String rule;

        Refused(String rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }

        /** {@return the refusal among the causes of what Drools threw, or {@code null}} */
        static Refused in(Throwable thrown) {
            return Causes.find(thrown, Refused.class);
        }
    }

    /**
     * Whether the rule's pack applies to every case the match holds a fact of: its law judges only cases that arose
     * in its jurisdictions (a case that states none is in the default jurisdiction, or without one in every scope).
     */
    /**
     * Whether a scoped pack's rule may fire on these objects; {@code judged}, in the global session, collects the
     * cases so judged, whose jurisdiction the events of their own session must then confirm (see
     * {@link #sameJurisdiction}).
     */
    private boolean inScope(String rule, List<?> objects, Map<String, String> jurisdictions, Set<String> judged) {
        RuleBase.RuleInfo info = ruleBase.rule(rule);
        if (info == null || info.pack().jurisdictions().isEmpty()) {
            return true;
        }
        for (Object fact : objects) {
            if (CaseLocality.hasCase(fact)) {
                String id = CaseLocality.caseOf(fact);
                if (judged != null && id != null) {
                    judged.add(id);
                }
                String jurisdiction = id == null ? null : jurisdictions.getOrDefault(id, defaultJurisdiction);
                if (!info.pack().appliesTo(jurisdiction)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Passes firings on one at a time, whichever thread the session runs on. */
    private record SerialListener(EvaluationListener delegate) implements EvaluationListener {
        @Override
        public synchronized void ruleFired(String ruleId) {
            delegate.ruleFired(ruleId);
        }

        @Override
        public synchronized void oneSession(String reason) {
            delegate.oneSession(reason);
        }
    }

    /** The rule as errors name it, with its clause, file and line when it is one of the packs'. */
    private String describe(String rule) {
        RuleBase.RuleInfo info = ruleBase.rule(rule);
        return info == null ? "'" + rule + "'" : info.describe();
    }

    /** The kernel: obligations from the duties, discharges and assessments concluded, findings with citations. */
    public Report report(List<Conclusion> conclusions, OffsetDateTime asOf) {
        return report(conclusions, asOf, true);
    }

    /** As {@link #report(List, OffsetDateTime)}; {@code sorted}: whether in report order, or left for the caller. */
    private Report report(List<Conclusion> conclusions, OffsetDateTime asOf, boolean sorted) {
        return report(conclusions, null, asOf, sorted);
    }

    /**
     * As {@link #report(List, OffsetDateTime, boolean)}; {@code dutyIds}, when given, holds each duty's obligation
     * id at the duty's place in {@code conclusions} ({@link Duty#obligationId()} builds it anew at each call).
     */
    private Report report(List<Conclusion> conclusions, List<String> dutyIds, OffsetDateTime asOf, boolean sorted) {
        // One entry per obligation id (built once per duty), in a map of default size: the unsorted order of
        // obligations is that of its iteration, the same for the same duties.
        Map<String, Opened> duties = new HashMap<>();
        List<Discharge> discharges = new ArrayList<>();
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, Assessment> assessments = new TreeMap<>();
        Map<String, String> assessmentRules = new HashMap<>();
        List<String> dischargeRules = guarded ? new ArrayList<>() : null;
        // A restricted pack's conclusions that meet another pack's obligations, by obligation id: the first is refused,
        // whatever the order of the facts
        TreeMap<String, RuleExecutionException> crossings = guarded ? new TreeMap<>() : null;

        for (int c = 0; c < conclusions.size(); c++) {
            Conclusion conclusion = conclusions.get(c);
            Object fact = conclusion.fact();
            String rule = conclusion.rule();
            if (fact instanceof Duty duty) {
                String id = dutyIds != null ? dutyIds.get(c) : duty.obligationId();
                Opened twin = duties.putIfAbsent(id, new Opened(duty, rule, id));
                if (twin != null && guarded && crossing(twin.rule, "opened", rule, "opened", id, crossings)) {
                    continue;
                }
                if (twin != null && !twin.duty.equals(duty)) {
                    throw new RuleExecutionException(rule, "rules '" + twin.rule + "' and '"
                            + rule + "' open obligation " + id + " differently (" + twin.duty + " / " + duty
                            + "): give one of the duties its own key", null);
                }
                if (twin != null && rule.compareTo(twin.rule) < 0) {
                    twin.rule = rule;
                }
            } else if (fact instanceof Discharge discharge) {
                discharges.add(discharge);
                if (guarded) {
                    dischargeRules.add(rule);
                }
            } else if (fact instanceof Finding finding) {
                findings.add(finding.citation() != null ? finding
                        : finding.withCitation(lifecycle.citation(ruleBase.rule(rule), asOf)));
            } else if (fact instanceof Assessment assessment) {
                Assessment twin = assessments.get(assessment.obligationId());
                if (twin != null && guarded && crossing(assessmentRules.get(assessment.obligationId()), "assessed",
                        rule, "assessed", assessment.obligationId(), crossings)) {
                    continue;
                }
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
                    assessments.put(assessment.obligationId(), kept.withEvidence(List.copyOf(evidence)));
                    assessmentRules.put(assessment.obligationId(), keepTwin ? twinRule : rule);
                }
            }
        }
        for (int d = 0; d < discharges.size(); d++) {
            Discharge discharge = discharges.get(d);
            Opened opened = duties.get(discharge.obligationId());
            if (opened != null && guarded) {
                crossing(opened.rule, "opened", dischargeRules.get(d), "discharged", opened.id, crossings);
            }
            if (opened != null) {
                if (opened.discharges.isEmpty()) {
                    opened.discharges = new ArrayList<>(2);
                }
                opened.discharges.add(discharge);
            }
        }
        if (guarded) {
            assessmentRules.forEach((id, rule) -> {
                Opened opened = duties.get(id);
                if (opened != null) {
                    crossing(opened.rule, "opened", rule, "assessed", id, crossings);
                }
            });
            if (!crossings.isEmpty()) {
                throw crossings.firstEntry().getValue();
            }
        }
        for (Opened opened : duties.values()) {
            obligations.add(lifecycle.timeBound(opened.duty, opened.id, ruleBase.rule(opened.rule), opened.discharges,
                    asOf));
        }
        assessments.forEach((key, assessment) -> obligations.add(
                lifecycle.standing(assessment, ruleBase.rule(assessmentRules.get(key)), asOf)));
        if (sorted) {
            sortForReport(obligations);
            findings.sort(FINDING_ORDER);
        }
        return new Report(asOf, obligations, findings);
    }

    /**
     * Refuses a conclusion of a restricted pack's rule about an obligation that a rule of another pack opened or
     * assessed: where the kernel brings a duty and what settles it together, whatever key a rule built at run time.
     *
     * @param first    the rule that opened or assessed the obligation
     * @param firstDid what it did: opened or assessed
     * @param then     the rule whose conclusion meets it
     * @param thenDid  what that did: opened, assessed or discharged
     * @param into     where the refusal is put, by obligation id and message
     * @return whether it is refused
     */
    private boolean crossing(String first, String firstDid, String then, String thenDid, String obligationId,
                          Map<String, RuleExecutionException> into) {
        RuleBase.RuleInfo a = ruleBase.rule(first);
        RuleBase.RuleInfo b = ruleBase.rule(then);
        if (a == null || b == null || a.pack() == b.pack() || !a.pack().restricted() && !b.pack().restricted()) {
            return false;
        }
        // The restricted one is refused; of two restricted packs, the rule that sorts last, as the order of facts
        // must not decide which is named.
        boolean thenRefused = b.pack().restricted() && (!a.pack().restricted() || then.compareTo(first) > 0);
        RuleBase.RuleInfo refused = thenRefused ? b : a;
        RuleBase.RuleInfo owner = thenRefused ? a : b;
        String message = "rule " + refused.describe() + " of restricted pack '" + refused.pack().id() + "' "
                + (thenRefused ? thenDid : firstDid) + " obligation '" + obligationId + "', which rule "
                + owner.describe() + " of pack '" + owner.pack().id() + "' " + (thenRefused ? firstDid : thenDid)
                + ": " + OWN_OBLIGATIONS + " " + LIFT;
        into.putIfAbsent(obligationId + "\u0000" + message, new RuleExecutionException(refused.id(), message, null));
        return true;
    }

    /** A duty concluded, the first rule by id that concluded it, and its discharges. */
    private static final class Opened {
        final Duty duty;
        final String id;
        String rule;
        List<Discharge> discharges = List.of();

        Opened(Duty duty, String rule, String id) {
            this.duty = duty;
            this.rule = rule;
            this.id = id;
        }
    }

    private static boolean isConclusion(Object fact) {
        return fact instanceof Duty || fact instanceof Discharge || fact instanceof Finding
                || fact instanceof Assessment;
    }

    /** The rule that inserted a conclusion, which must be a rule of a loaded pack. */
    private String ruleOf(Object fact, String rule) {
        if (rule == null || ruleBase.rule(rule) == null) {
            throw new RuleExecutionException(rule, fact.getClass().getSimpleName() + " " + fact
                    + " was not inserted by a rule of a loaded pack: only rule consequences may insert conclusions", null);
        }
        return rule;
    }

    /**
     * What is said of two different events under one id: each by its type, case and instant, not its content (which
     * may hold what users wrote).
     */
    public static String twoEvents(CaseEvent first, CaseEvent other) {
        return "event id '" + other.id() + "' is used by two different events: " + described(first) + ", then "
                + described(other);
    }

    private static String described(CaseEvent event) {
        return "a " + event.getClass().getSimpleName() + " of case '" + event.caseId() + "' at " + event.at();
    }

    /** The events known at "as of", each once, in time order; two different events with one id are rejected. */
    public static List<CaseEvent> knownAt(List<CaseEvent> events, OffsetDateTime asOf) {
        Map<String, CaseEvent> byId = new HashMap<>();
        List<CaseEvent> known = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CaseEvent event = events.get(i);
            CaseEvent twin = byId.putIfAbsent(event.id(), event);
            if (twin != null) {
                if (!twin.equals(event)) {
                    throw new InputException("evidence", 0, "events[" + i + "].id", twoEvents(twin, event), null);
                }
                continue; // the same event delivered twice counts once
            }
            if (!event.at().isAfter(asOf)) {
                known.add(event);
            }
        }
        sortByTime(known); // as EVENT_ORDER sorts; also orders the groups of cases, and so which failure of several is reported
        return known;
    }


    /**
     * A fact for the log: as its toString gives it where its class is the application's (the model's, the events'),
     * else only its type. A class a pack compiled (a declared type, a local class) has a toString of the pack's code,
     * which is to run only in the pack's rules, counted and checked there, not in the engine's logging.
     */
    private static String named(Object fact) {
        ClassLoader loader = fact.getClass().getClassLoader();
        return loader == CaseEvent.class.getClassLoader() || loader == Evaluation.class.getClassLoader()
                ? String.valueOf(fact) : fact.getClass().getSimpleName() + " (a class of a rule pack)";
    }

    private static String mostFired(Map<String, Integer> firings) {
        return firings.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey() + " (" + e.getValue() + "x)")
                .collect(Collectors.joining(", "));
    }
}
