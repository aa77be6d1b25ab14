package org.niyam.compliance.engine;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.niyam.compliance.engine.internal.Evaluation;
import org.niyam.compliance.engine.internal.Lifecycle;
import org.niyam.compliance.engine.internal.RuleBase;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Preconditions;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.EvaluationListener;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RuleDescription;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a platform's evidence against rule packs: which obligations arose, when each falls due under the
 * law in force when its clock started, and whether it was met.
 *
 * <pre>{@code
 * ComplianceEngine engine = ComplianceEngine.builder()
 *         .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
 *         .build();
 * Report report = engine.evaluate(evidence, OffsetDateTime.parse("2026-03-01T12:00+05:30"));
 * }</pre>
 *
 * <p>Building compiles and checks every pack and fails with a {@link RulePackException} listing every problem;
 * what does not stop it but fails some evaluations (a duty key two packs conclude) is in {@link #warnings()}.
 * An engine is thread-safe: build it once and share it. Its state does not change after it is built (it keeps a pool
 * of worker threads); an evaluation whose conclusions cross cases runs again in one session on its own, without
 * changing how later evaluations run. {@link #evaluate} is a pure function of its arguments: the same evidence, in
 * any order, gives the same report.
 */
public final class ComplianceEngine {

    /**
     * The class-path folder where an engine finds the compiled model of packs of one's own that an application ships,
     * so that even its first start loads them instead of compiling their DRL; {@link Builder#writeCompiledModel}
     * writes it there, in the application's build. Looked up through the class loader that loaded Niyam, else the
     * context class loader of the thread that builds the engine. See {@code docs/performance.md}, compiled models
     * shipped on the class path.
     */
    public static final String SHIPPED_MODELS = "META-INF/niyam/compiled-models";

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceEngine.class);

    private final RuleBase ruleBase;
    private final Evaluation evaluation;
    private final EventTypes eventTypes;
    private final List<Problem> warnings;
    /** The options besides the packs that change verdicts, in words: what a monitor's snapshot names with the packs. */
    private final String verdictOptions;

    /** @param shipTo where to write the packs' compiled model to ship it, or {@code null} to build as usual */
    private ComplianceEngine(Builder builder, java.nio.file.Path shipTo) {
        long start = System.nanoTime();
        List<Problem> found = new ArrayList<>();
        List<RulePack> packs;
        try {
            packs = RuleBase.givenOnce(builder.packs, found);
            this.eventTypes = eventTypes(packs, builder.eventTypes);
            RuleBase.Options options = new RuleBase.Options(Map.copyOf(builder.settings),
                    Set.copyOf(builder.disabledRules), builder.withoutUnconfirmed, eventTypes,
                    builder.compiledModelCache).withStepLimit(builder.stepLimit);
            this.ruleBase = RuleBase.build(packs, shipTo == null ? options : options.forShipping(shipTo));
        } catch (RulePackException e) {
            // The warnings found before the build failed travel with its problems: a pack given twice, found first,
            // and the keys and codes two packs conclude, found by RuleBase once it has parsed the DRL.
            if (found.isEmpty()) {
                throw e;
            }
            List<Problem> warnings = new ArrayList<>(found);
            warnings.addAll(e.warnings());
            RulePackException withWarnings = new RulePackException(e.problems(), warnings);
            withWarnings.setStackTrace(e.getStackTrace());
            throw withWarnings;
        }
        this.evaluation = new Evaluation(ruleBase, new Lifecycle(ruleBase, builder.atRiskFraction, builder.atRiskMargin),
                builder.firingLimitPerFact, builder.threads,
                builder.oneSession ? "the engine was built with oneSession()" : null, builder.eventsPerSession,
                builder.defaultJurisdiction, builder.executor, builder.stepLimit);
        this.verdictOptions = "rules switched off " + new java.util.TreeSet<>(ruleBase.disabledRules())
                + ", at-risk fraction " + builder.atRiskFraction + ", at-risk margin " + builder.atRiskMargin
                + ", default jurisdiction " + builder.defaultJurisdiction;
        found.addAll(ruleBase.sharedKeys());
        this.warnings = List.copyOf(found);
        if (builder.warningsLogged) {
            warnings.forEach(warning -> LOG.warn("{}", warning));
        }
        LOG.info("Niyam engine ready: packs {}, {} rules, {} parameters, {}, built in {} ms: {}",
                packs.stream().map(RulePack::id).toList(), ruleBase.rules().size(),
                ruleBase.parameters().size(), warnings.size() == 1 ? "1 warning" : warnings.size() + " warnings",
                (System.nanoTime() - start) / 1_000_000, ruleBase.howBuilt());
    }

    /**
     * What the build found that does not stop the engine but that its packs' author should know, each also logged
     * at WARN (unless built {@linkplain Builder#warningsNotLogged() not to}): a pack given twice (used once), a duty
     * key that rules of two packs conclude (an evaluation fails where both conclude it about one trigger event, or at
     * once where either pack is restricted), a finding code that rules of two packs report; see
     * {@code docs/writing-rules.md}. {@code niyam check} lists them. When the build fails, the warnings it had found
     * are in the {@link RulePackException} ({@link RulePackException#warnings()}), not logged.
     *
     * @return the warnings, each with the file and line it is about; empty when there is none
     */
    public List<Problem> warnings() {
        return warnings;
    }

    /** {@return a builder with no pack and the defaults each of its methods names} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates the evidence as it stood at {@code asOf}: events after {@code asOf} are not yet known and are left
     * out; obligations not yet discharged are open, at risk, or breached if their due instant has passed. A standing
     * duty of the platform is judged at {@code asOf} and over the evidence period: one breached, or not judged, for a
     * stretch of the period that ended before {@code asOf} gets a second obligation, its key then {@code @period},
     * naming each stretch ({@code docs/json.md}).
     *
     * @param evidence the platform's profiles, appointments and events, in any order
     * @param asOf     the instant the report describes
     * @return every obligation that arose up to {@code asOf} with where it stands, and every finding
     * @throws InputException         two different events share an id
     * @throws RuleExecutionException a rule failed, looped, or concluded something the engine cannot reconcile
     */
    public Report evaluate(Evidence evidence, OffsetDateTime asOf) {
        return evaluation.run(evidence, asOf, EvaluationListener.NONE);
    }

    /**
     * As {@link #evaluate(Evidence, OffsetDateTime)}, telling the listener what happens.
     *
     * @param evidence the platform's profiles, appointments and events, in any order
     * @param asOf     the instant the report describes
     * @param listener told of every rule that fires, and of a fall-back to one session
     * @return the report, the same as without a listener
     * @throws InputException         two different events share an id
     * @throws RuleExecutionException a rule failed, looped, or concluded something the engine cannot reconcile
     * @throws NullPointerException   if {@code listener} is {@code null}
     */
    public Report evaluate(Evidence evidence, OffsetDateTime asOf, EvaluationListener listener) {
        return evaluation.run(evidence, asOf, Objects.requireNonNull(listener, "listener"));
    }

    /** The evaluation machinery, for {@link CaseLogAudit} and {@link ComplianceMonitor}. */
    Evaluation evaluation() {
        return evaluation;
    }

    /**
     * The builder's options that change what the same packs conclude or how it is judged (the rules switched off, the
     * at-risk fraction and margin, the default jurisdiction), in words: a monitor's snapshot names them with the
     * packs, so that another engine's monitor does not carry verdicts these options would not give.
     */
    String verdictOptions() {
        return verdictOptions;
    }

    /**
     * The event types this engine knows: those its packs bring (their {@code pack.yaml}'s {@code events}) and those
     * given to {@link Builder#eventTypes}. Readers, scenarios, the audit and the monitor of this engine resolve an
     * event's JSON {@code type} here; see {@link CaseLogReader#withEventTypes}.
     *
     * @return the registry of every event type this engine reads
     */
    public EventTypes eventTypes() {
        return eventTypes;
    }

    private static EventTypes eventTypes(List<RulePack> packs, EventTypes given) {
        EventTypes types = given;
        List<Problem> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            try {
                types = types.union(pack.eventTypes());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(pack.origin(), 0, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException(problems);
        }
        return types;
    }

    /** {@return the packs this engine runs, in the order given} */
    public List<RulePack> rulePacks() {
        return ruleBase.packs();
    }

    /** {@return the ids of all rules, in pack and file order, including rules switched off} */
    public List<String> ruleIds() {
        return List.copyOf(ruleBase.rules().keySet());
    }

    /**
     * {@return the ids of the rules switched off} with {@link Builder#disableRules} or
     * {@link Builder#withoutUnconfirmedRules}; empty when none is.
     */
    public Set<String> disabledRuleIds() {
        return ruleBase.disabledRules();
    }

    /**
     * {@return every rule of every pack, in pack and file order, including rules switched off} Each with its clause,
     * its pack, and the file and line it is written at.
     */
    public List<RuleDescription> rules() {
        return ruleBase.rules().values().stream()
                .map(r -> new RuleDescription(r.id(), r.clause(), r.instrument(), r.pack().id(), r.origin(), r.line(),
                        r.unconfirmed()))
                .toList();
    }

    /**
     * The clause a rule cites.
     *
     * @param ruleId the rule's id
     * @return the clause, e.g. {@code Rule 3(1)(d)}; {@code null} for an id no pack has
     */
    public String clauseOf(String ruleId) {
        RuleBase.RuleInfo rule = ruleBase.rule(ruleId);
        return rule == null ? null : rule.clause();
    }

    /**
     * The ids of the rules proved to look at one case at a time, in pack and file order. Evaluations run these over
     * groups of cases, on {@link Builder#threads} threads, and every other rule once over the platform's facts and
     * the events it names (see {@code docs/performance.md}).
     *
     * @return the case-local rules' ids; empty when every evaluation runs in one session
     */
    public List<String> caseLocalRuleIds() {
        return ruleBase.rules().keySet().stream().filter(evaluation.locality()::isLocal).toList();
    }

    /**
     * Why every evaluation runs all the evidence in one session instead of case by case, or empty when they run case
     * by case: the builder asked for it, or a rule's analysis found it cannot be split (both known when the engine
     * is built). A conclusion that would cross from one case to another at run time makes only that evaluation run
     * again in one session, logged at WARN and told to {@link EvaluationListener#oneSession}. Either way the report
     * is the same.
     *
     * @return the reason, in a sentence; empty when evaluations run case by case
     */
    public Optional<String> oneSessionReason() {
        return Optional.ofNullable(evaluation.singleSessionReason());
    }

    /** {@return the parameters of all packs, with any settings applied, by name} */
    public Map<String, Parameter> parameters() {
        return ruleBase.parameters();
    }

    /** Configures and builds a {@link ComplianceEngine}. Not thread-safe; use one builder per engine. */
    public static final class Builder {

        private final List<RulePack> packs = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private EventTypes eventTypes = EventTypes.standard();
        private boolean withoutUnconfirmed;
        private double atRiskFraction = 0.25;
        private java.time.Duration atRiskMargin;
        private int firingLimitPerFact = 1_000;
        private long stepLimit = org.niyam.compliance.engine.internal.sandbox.Steps.DEFAULT_LIMIT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean oneSession;
        private boolean warningsLogged = true;
        private int eventsPerSession = 1_024;
        private String defaultJurisdiction;
        private Executor executor;
        private java.nio.file.Path compiledModelCache;

        private Builder() {
        }

        /**
         * Keeps the compiled model of packs of one's own in a directory, so that a later engine of the same packs
         * loads it instead of compiling their DRL (a fresh JVM spends about a second compiling even one rule). Off by
         * default. It applies to packs given after packs with a build-time model, such as the bundled pack; an entry is
         * used only for exactly the same packs (ids, DRL files as named and written, restricted or not), event types,
         * Drools and Java versions and code of the engine's DRL handling, and only when the fact classes it was
         * compiled against are unchanged (parameters and settings are read as the rules run, and may differ). A
         * restricted pack's classes from the cache are checked again, as when compiled. An entry that cannot be used
         * is ignored with a warning and written again; a directory that cannot be written is warned of once. An entry
         * the application ships on its class path ({@link #writeCompiledModel}) is used first, with or without a
         * cache. See {@code docs/performance.md}.
         *
         * @param directory the cache's directory, created when missing; {@code null} for no cache
         * @return this builder
         */
        public Builder compiledModelCache(java.nio.file.Path directory) {
            this.compiledModelCache = directory;
            return this;
        }

        /**
         * Adds a pack. Packs are combined: every rule of every pack runs in each evaluation (on the cases of its
         * jurisdictions). The same pack given twice (the same id and DRL, from the same folder or another) is used
         * once, with a {@linkplain ComplianceEngine#warnings() warning}; given twice differently (once restricted,
         * once not, or with other parameters or jurisdictions), it fails {@link #build()}.
         *
         * @param pack the pack, as {@link RulePack#classpath}, {@link RulePack#directory} or another loads it
         * @return this builder
         * @throws NullPointerException if {@code pack} is {@code null}
         */
        public Builder rulePack(RulePack pack) {
            packs.add(Objects.requireNonNull(pack, "pack"));
            return this;
        }

        /**
         * Adds packs, in order.
         *
         * @param more the packs
         * @return this builder
         * @throws NullPointerException if a pack is {@code null}
         */
        public Builder rulePacks(Collection<RulePack> more) {
            more.forEach(this::rulePack);
            return this;
        }

        /**
         * Adds every type of a registry, under its names: for instance {@link EventTypes#onClasspath()}, so that an
         * application reads the events its jars announce even without the packs that bring them.
         *
         * @param types the registry to add
         * @return this builder
         * @throws IllegalArgumentException when it gives a name or class already given to another
         */
        public Builder eventTypes(EventTypes types) {
            eventTypes = eventTypes.union(types);
            return this;
        }

        /**
         * Adds event types defined in code, each named in JSON by its simple class name; see {@link #eventType}.
         *
         * @param types record classes implementing {@code CaseEvent}, {@code Platform} or {@code StandingFact}
         * @return this builder
         * @throws IllegalArgumentException as {@link #eventType} does
         */
        public Builder eventTypes(Collection<? extends Class<?>> types) {
            for (Class<?> type : types) {
                eventType(type.getSimpleName(), type);
            }
            return this;
        }

        /**
         * Adds a type defined in code, named {@code name} in JSON, beside those the packs bring: an event, a record of
         * the platform or a standing fact (see {@link EventTypes}).
         *
         * @param name the JSON {@code type} name
         * @param type a record class implementing {@code CaseEvent}, {@code Platform} or {@code StandingFact}
         * @return this builder
         * @throws IllegalArgumentException when it is not a record implementing one of them, or the name or the class
         *                                  is already given to another
         */
        public Builder eventType(String name, Class<?> type) {
            eventTypes = eventTypes.with(name, type, "the engine's builder");
            return this;
        }

        /**
         * Gives a parameter that its pack marks {@code setting: true} the platform's own value, written as in
         * {@code pack.yaml} ({@code P15D}, {@code 12}, {@code true}). Only settings can be set: a clock the law
         * fixes cannot be loosened; to hold yourself to a stricter one, add a duty of your own in your own pack.
         *
         * <p>A parameter no pack defines, one that is not a setting, or a value that is not of its type fails
         * {@link #build()} with a {@link RulePackException}.
         *
         * @param parameter the parameter's name, e.g. {@code monthly-report.grace}
         * @param value     the value as text; a second setting of one parameter replaces the first
         * @return this builder
         * @throws NullPointerException if either is {@code null}
         */
        public Builder setting(String parameter, String value) {
            settings.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Switches rules off by id; an id no pack has fails {@link #build()}.
         *
         * @param ruleIds the rules' ids, as {@link ComplianceEngine#ruleIds()} lists them
         * @return this builder
         */
        public Builder disableRules(String... ruleIds) {
            disabledRules.addAll(List.of(ruleIds));
            return this;
        }

        /**
         * Switches off every rule marked {@code @unconfirmed}: readings the law's text does not confirm.
         *
         * @return this builder
         */
        public Builder withoutUnconfirmedRules() {
            this.withoutUnconfirmed = true;
            return this;
        }

        /**
         * An open obligation is {@code AT_RISK} once no more than this fraction of its clock is left. Default 0.25:
         * a 3-hour clock is at risk in its last 45 minutes. 0 turns {@code AT_RISK} off.
         *
         * @param fraction at least 0 and less than 1
         * @return this builder
         * @throws IllegalArgumentException if the fraction is out of that range
         */
        public Builder atRiskFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("atRiskFraction must be at least 0 and less than 1: " + fraction);
            }
            this.atRiskFraction = fraction;
            return this;
        }

        /**
         * An open obligation is {@code AT_RISK} once no more than this is left of its clock, whatever the clock's
         * length ("warn 30 minutes before"), instead of a fraction of it.
         *
         * @param margin how much of the clock left makes an obligation at risk; not negative
         * @return this builder
         * @throws IllegalArgumentException if the margin is negative
         * @throws NullPointerException     if it is {@code null}
         */
        public Builder atRiskMargin(java.time.Duration margin) {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("atRiskMargin cannot be negative: " + margin);
            }
            this.atRiskMargin = margin;
            return this;
        }

        /**
         * How many rule firings per inserted fact an evaluation may take before it is stopped as a loop. Default
         * 1000, far above what a terminating pack needs.
         *
         * @param limit firings per inserted fact, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is less than 1
         */
        public Builder firingLimitPerFact(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("firingLimitPerFact must be positive: " + limit);
            }
            this.firingLimitPerFact = limit;
            return this;
        }

        /**
         * How many steps (loop iterations and method calls) one call of a restricted pack's code may take: one
         * consequence, or one evaluation of a condition, with the functions it calls. Past it the evaluation fails
         * with a {@link org.niyam.compliance.pack.RuleExecutionException} naming the rule, instead of running a loop
         * that does not end forever. All the calls of one evaluation together may take this limit times the facts
         * its firing limit counts (on average a call's worth per fact), so that a loop run again and again (a join's
         * constraint, tested for every pair of facts) ends too. Counted in steps, not time, so the same evidence
         * always gives the same outcome. Default 100,000,000. Trusted and unrestricted packs are not counted (see
         * {@code docs/restricted-drl.md}).
         *
         * @param limit steps per call, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is less than 1
         */
        public Builder stepLimit(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("stepLimit must be positive: " + limit);
            }
            this.stepLimit = limit;
            return this;
        }

        /**
         * How many threads one evaluation may use, the calling thread included. Default: the number of processors.
         * Rules that look at one case at a time run over groups of cases on these threads; the report is the same
         * whatever the number (see {@code docs/performance.md}).
         *
         * @param count threads, at least 1; 1 runs every evaluation on the calling thread alone
         * @return this builder
         * @throws IllegalArgumentException if the count is less than 1
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be positive: " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Where an evaluation's helper work runs: the application's own pool (a virtual-thread executor, a managed
         * executor of a container) in place of the engine's daemon threads. {@link #threads} still bounds how many
         * take part, the calling thread included; the calling thread always works too, and waits only for helpers
         * that started, so an evaluation completes (with the same report) even on an executor that is saturated,
         * rejects tasks or runs them on the calling thread. The engine never shuts the executor down. A
         * {@link CaseLogAudit} of this engine parses its case logs there too.
         *
         * @param value the executor to run helper work on
         * @return this builder
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Does not log the build's {@linkplain ComplianceEngine#warnings() warnings} at WARN, for a caller that shows
         * them itself (as {@code niyam check} does, on standard output), so that its user reads each once. Everything
         * else is logged as before: a compiled-model cache that cannot be written, for one.
         *
         * @return this builder
         */
        public Builder warningsNotLogged() {
            this.warningsLogged = false;
            return this;
        }

        /**
         * Runs every evaluation in one session, as if no rule were case-local: slower and holding all the evidence
         * in Drools' memory, with the same report. For comparison and diagnosis.
         *
         * @return this builder
         */
        public Builder oneSession() {
            this.oneSession = true;
            return this;
        }

        /**
         * About how many events go into one session when rules run case by case (whole cases always share one).
         * Default 1024: large enough that a session's fixed cost does not show, small enough to stay in the
         * processor's caches and out of the old generation of the heap (on a generated log of the bundled pack, sessions of 1024
         * events took about 5% less CPU than sessions of 2048, and those about 13% less than sessions of 4096; see
         * docs/performance.md).
         *
         * @param count events per session, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the count is less than 1
         */
        public Builder eventsPerSession(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("eventsPerSession must be positive: " + count);
            }
            this.eventsPerSession = count;
            return this;
        }

        /**
         * The jurisdiction of a case none of whose events states one ({@code CaseEvent#jurisdiction()}), as an ISO
         * 3166 code such as {@code IN}. Without it such a case is in the scope of every pack, which suits a platform
         * of one country; a platform of several that labels only its other countries' cases sets its home here.
         *
         * @param code the ISO 3166 code
         * @return this builder
         * @throws IllegalArgumentException if the code is no ISO 3166 code
         */
        public Builder defaultJurisdiction(String code) {
            if (!Preconditions.isJurisdiction(code)) {
                throw new IllegalArgumentException("defaultJurisdiction must be an ISO 3166 code such as IN, DE or "
                        + "US-CA: '" + code + "'" + Preconditions.notACountry(code));
            }
            this.defaultJurisdiction = code;
            return this;
        }

        /**
         * Compiles and checks the packs.
         *
         * @return the engine, ready to evaluate
         * @throws RulePackException listing every problem in every pack
         */
        public ComplianceEngine build() {
            return new ComplianceEngine(this, null);
        }

        /**
         * Builds the engine as {@link #build()} does and writes the compiled model of its packs of one's own into
         * {@code classOutput}/{@value ComplianceEngine#SHIPPED_MODELS}, where every engine of the same packs finds
         * it on the class path: run it in the application's build once its packs are in its class output, and its
         * jar ships the model, so that even the first start of the application loads the packs instead of compiling
         * them. An entry already there for these packs is checked and kept. Entries of packs changed since are
         * never used and stay until the folder is cleaned. The compiled-model cache, if set, is not used. See
         * {@code docs/performance.md}, compiled models shipped on the class path.
         *
         * @param classOutput the application's class output folder, such as {@code target/classes}
         * @return the model's file
         * @throws RulePackException listing every problem in every pack, as {@link #build()}
         * @throws IllegalStateException when no model could be written: the folder cannot be made or written, or the
         *                               packs have no compiled model of their own (only packs given after packs with
         *                               a build-time model, such as the bundled pack, all restricted or all trusted,
         *                               declaring no query, have one); the message says which, and how the packs were
         *                               built
         */
        public java.nio.file.Path writeCompiledModel(java.nio.file.Path classOutput) {
            Objects.requireNonNull(classOutput, "classOutput");
            java.nio.file.Path folder = classOutput.resolve(SHIPPED_MODELS);
            try {
                java.nio.file.Files.createDirectories(folder);
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("the compiled model cannot be written: the folder " + folder
                        + " cannot be made (" + e + ")", e);
            }
            if (!java.nio.file.Files.isWritable(folder)) {
                throw new IllegalStateException("the compiled model cannot be written: the folder " + folder
                        + " is not writable");
            }
            ComplianceEngine engine = new ComplianceEngine(this, folder);
            return engine.ruleBase.modelEntry().orElseThrow(() -> new IllegalStateException("no compiled model of "
                    + "packs " + engine.rulePacks().stream().map(RulePack::id).toList() + " was written to " + folder
                    + ": only packs given after packs with a build-time model (such as the bundled pack), all "
                    + "restricted or all trusted, declaring no query and extending no rule of those before them, have "
                    + "a compiled model of their own (or the entry could not be written: a warning then says why). How "
                    + "they were built: " + engine.ruleBase.howBuilt()));
        }
    }
}
