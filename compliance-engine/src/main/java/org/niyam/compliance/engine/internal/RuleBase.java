package org.niyam.compliance.engine.internal;

import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.model.Model;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.engine.internal.sandbox.CompiledCheck;
import org.niyam.compliance.engine.internal.sandbox.JoinGuard;
import org.niyam.compliance.engine.internal.sandbox.RestrictedBuild;
import org.niyam.compliance.engine.internal.sandbox.StepLimitExceeded;
import org.niyam.compliance.engine.internal.sandbox.Steps;
import org.niyam.compliance.io.internal.Suggestions;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;
import org.niyam.compliance.pack.RulePackException;

/**
 * The compiled rules of all packs of an engine, with what the engine needs to know about each rule. Built once,
 * shared by every evaluation; immutable and thread-safe. Not API.
 */
public final class RuleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleBase.class);

    /** The metadata annotation every rule must carry: the clause it encodes. */
    public static final String CITATION = "citation";

    /** Optional metadata: the instrument, when a rule cites one other than its pack's. */
    public static final String INSTRUMENT = "instrument";

    /** Optional metadata: the rule encodes a reading the law's text does not confirm; says what. */
    public static final String UNCONFIRMED = "unconfirmed";

    /**
     * How an engine was configured beyond its packs.
     *
     * @param settings            values the platform gives parameters marked {@code setting: true}
     * @param disabledRules       ids of rules that must not fire
     * @param withoutUnconfirmed  whether rules marked {@code @unconfirmed} are switched off
     * @param eventTypes          the engine's event types (its packs' and its builder's), whose records and enums
     *                            restricted DRL may use
     * @param modelCache          the compiled-model cache's directory ({@link ModelCache}), or {@code null} for none
     * @param shippedModels       whether compiled models shipped on the class path are looked for
     *                            ({@link ModelCache#shipped}) before the cache
     * @param stepLimit           the steps a call of a restricted pack's code may take, also as Drools builds the
     *                            rule base ({@link Steps})
     */
    public record Options(Map<String, String> settings, Set<String> disabledRules, boolean withoutUnconfirmed,
                          EventTypes eventTypes, java.nio.file.Path modelCache, boolean shippedModels,
                          long stepLimit) {

        /** Options of the default step limit. */
        public Options(Map<String, String> settings, Set<String> disabledRules, boolean withoutUnconfirmed,
                       EventTypes eventTypes, java.nio.file.Path modelCache, boolean shippedModels) {
            this(settings, disabledRules, withoutUnconfirmed, eventTypes, modelCache, shippedModels,
                    Steps.DEFAULT_LIMIT);
        }

        /** Options that look for shipped compiled models, then in the cache's directory ({@code null}: none). */
        public Options(Map<String, String> settings, Set<String> disabledRules, boolean withoutUnconfirmed,
                       EventTypes eventTypes, java.nio.file.Path modelCache) {
            this(settings, disabledRules, withoutUnconfirmed, eventTypes, modelCache, true);
        }

        /** Options with the model's event types only: a restricted pack may use no event record of its own. */
        public Options(Map<String, String> settings, Set<String> disabledRules, boolean withoutUnconfirmed) {
            this(settings, disabledRules, withoutUnconfirmed, EventTypes.standard());
        }

        /** Options without a compiled-model cache. */
        public Options(Map<String, String> settings, Set<String> disabledRules, boolean withoutUnconfirmed,
                       EventTypes eventTypes) {
            this(settings, disabledRules, withoutUnconfirmed, eventTypes, null);
        }

        /** These options with the compiled-model cache in {@code directory} ({@code null}: none). */
        public Options withModelCache(java.nio.file.Path directory) {
            return new Options(settings, disabledRules, withoutUnconfirmed, eventTypes, directory, shippedModels,
                    stepLimit);
        }

        /** These options with the given step limit. */
        public Options withStepLimit(long limit) {
            return new Options(settings, disabledRules, withoutUnconfirmed, eventTypes, modelCache, shippedModels,
                    limit);
        }

        /**
         * These options writing the compiled model into {@code directory}, or reading it there, and not looking for
         * it on the class path: to ship it ({@link #modelEntry}).
         */
        public Options forShipping(java.nio.file.Path directory) {
            return new Options(settings, disabledRules, withoutUnconfirmed, eventTypes, directory, false, stepLimit);
        }
    }

    /**
     * What the engine knows of one rule.
     *
     * @param id         the rule's name, unique across all packs
     * @param clause     its {@code @citation}
     * @param instrument its {@code @instrument}, or its pack's instrument
     * @param pack       the pack it came from
     * @param origin     the DRL file
     * @param line       the line of the rule's declaration
     * @param unconfirmed its {@code @unconfirmed} note, or {@code null}
     */
    public record RuleInfo(String id, String clause, String instrument, RulePack pack, String origin, int line,
                           String unconfirmed) {

        /** How errors name the rule: {@code 'id' (clause, file:line)}. */
        public String describe() {
            return "'" + id + "' (" + clause + ", " + origin + ":" + line + ")";
        }
    }

    private final KieBase kieBase;
    private final List<RulePack> packs;
    private final Map<String, RuleInfo> rules;
    private final Map<String, Parameter> parameters;
    private final Map<String, RulePack> parameterOwners;
    private final Map<String, String> origins;
    private final Map<String, List<DatedValue>> lawTable;
    private final Set<String> disabledRules;
    private final boolean executableModel;
    private final List<DrlAnalysis> descriptions;
    private String howBuilt = "";
    /** The compiled-model cache's entry of the packs after the build-time ones, read or written; or null. */
    private Path modelEntry;
    /** See {@link #compiled(Map)}; none for a rule base wholly from a build-time model or Drools' DRL compiler. */
    private Map<String, byte[]> compiledClasses = Map.of();
    /** {@link CompiledCheck#rulesByClass} of {@link #compiledClasses}, made at the first failure that asks. */
    private Map<String, Set<String>> rulesByClass;
    private final Object rulesByClassLock = new Object();
    private StoredAnalysis stored;
    private volatile ConclusionKeys conclusionKeys;

    private RuleBase(KieBase kieBase, boolean executableModel, List<RulePack> packs, Map<String, RuleInfo> rules,
                     Map<String, Parameter> parameters, Map<String, RulePack> parameterOwners,
                     Map<String, String> origins, Set<String> disabledRules, List<DrlAnalysis> descriptions) {
        this.kieBase = kieBase;
        this.descriptions = List.copyOf(descriptions);
        this.executableModel = executableModel;
        this.origins = origins;
        this.disabledRules = disabledRules;
        Map<String, List<DatedValue>> table = new HashMap<>();
        parameters.forEach((name, parameter) -> table.put(name, parameter.values()));
        this.lawTable = Map.copyOf(table);
        this.packs = packs;
        this.rules = rules;
        this.parameters = parameters;
        this.parameterOwners = parameterOwners;
    }

    /**
     * The packs with each given once: a pack given again (the same id and the same DRL, from the same folder or
     * another) is left out, with a warning added to {@code warnings}; given again differently (restricted once and
     * once not, other parameters, versions or jurisdictions) it is one problem, thrown, rather than every rule,
     * parameter and key of it reported twice.
     */
    public static List<RulePack> givenOnce(List<RulePack> packs, List<Problem> warnings) {
        List<RulePack> once = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            RulePack first = once.stream().filter(p -> p.id().equals(pack.id()) && texts(p).equals(texts(pack)))
                    .findFirst().orElse(null);
            if (first == null) {
                once.add(pack);
                continue;
            }
            String where = first.origin().equals(pack.origin()) ? "both at " + pack.origin()
                    : "at " + first.origin() + " and at " + pack.origin();
            String differently = differences(first, pack);
            if (differently.isEmpty()) {
                warnings.add(new Problem(pack.origin(), 0, "pack '" + pack.id() + "' is given twice (" + where
                        + "): it is used once"));
            } else {
                problems.add(new Problem(pack.origin(), 0, "pack '" + pack.id() + "' is given twice (" + where
                        + "), differently (" + differently + "): give it once"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException(problems);
        }
        return once;
    }

    private static List<String> texts(RulePack pack) {
        return pack.sources().stream().map(RulePack.DrlSource::text).toList();
    }

    /** How two copies of one pack differ, e.g. {@code restricted / unrestricted}; empty when they do not. */
    private static String differences(RulePack first, RulePack then) {
        List<String> differ = new ArrayList<>();
        if (first.restricted() != then.restricted()) {
            differ.add((first.restricted() ? "restricted" : "unrestricted") + " / "
                    + (then.restricted() ? "restricted" : "unrestricted"));
        }
        if (!first.jurisdictions().equals(then.jurisdictions())) {
            differ.add("jurisdictions " + first.jurisdictions() + " / " + then.jurisdictions());
        }
        if (!first.instrument().equals(then.instrument())) {
            differ.add("instrument '" + first.instrument() + "' / '" + then.instrument() + "'");
        }
        if (!first.versions().equals(then.versions())) {
            differ.add("other versions");
        }
        if (!first.parameters().equals(then.parameters())) {
            differ.add("other parameters");
        }
        if (!first.eventTypes().equals(then.eventTypes())) {
            differ.add("events " + first.eventTypes().names() + " / " + then.eventTypes().names());
        }
        return String.join("; ", differ);
    }

    /** Compiles and checks the packs; every problem in every pack is reported in one exception. */
    public static RuleBase build(List<RulePack> packs, Options options) {
        return build(packs, options, true);
    }

    /**
     * As {@link #build(List, Options)}; with {@code mayUseStored} false, the DRL is analysed even when its analysis
     * was stored with the packs' build-time model (for tests that compare the two).
     */
    public static RuleBase build(List<RulePack> packs, Options options, boolean mayUseStored) {
        if (packs.isEmpty()) {
            throw new RulePackException(List.of(new Problem("engine", 0,
                    "no rule pack given: add one, e.g. RulePack.classpath(\"org/niyam/compliance/rules/india\")")));
        }
        // A restricted pack is compiled here and checked, never taken from a model found on the class path.
        boolean restricted = packs.stream().anyMatch(RulePack::restricted);
        // Used only if every check below passes; loaded meanwhile, as the checks do not change the packs.
        Future<KieBase> model = restricted ? CompletableFuture.completedFuture(null)
                : ExecutableModels.start(List.copyOf(packs), RuleBase.class.getClassLoader());
        // With a build-time model of exactly these packs, what the engine reads from their DRL was stored beside it.
        StoredAnalysis stored = !restricted && mayUseStored
                && ExecutableModels.built(packs, RuleBase.class.getClassLoader())
                ? StoredAnalysis.load(packs, RuleBase.class.getClassLoader()) : null;
        List<Problem> problems = new ArrayList<>();
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        Map<String, RulePack> parameterOwners = new HashMap<>();
        Map<String, RulePack> packIds = new HashMap<>();
        Map<String, RulePack> fileOwners = new HashMap<>();
        for (RulePack pack : packs) {
            RulePack sameId = packIds.putIfAbsent(pack.id(), pack);
            if (sameId != null) {
                problems.add(new Problem(pack.origin(), 0, "pack id '" + pack.id() + "' is also the id of the pack at "
                        + sameId.origin() + ": give each pack its own id"));
            }
            for (RulePack.DrlSource source : pack.sources()) {
                // Which pack a rule, and a key it concludes about, is of is read by its file's name.
                RulePack sameFile = fileOwners.putIfAbsent(source.origin(), pack);
                if (sameFile != null && sameFile != pack && (pack.restricted() || sameFile.restricted())) {
                    problems.add(new Problem(source.origin(), 0, "DRL file '" + source.origin() + "' of pack '"
                            + pack.id() + "' is named as a file of pack '" + sameFile.id() + "': the engine tells "
                            + "which pack a rule and the keys it concludes about are of by their files' names, so a "
                            + "restricted pack's files must be named apart from every other pack's; rename one"));
                }
            }
            pack.parameters().forEach((name, parameter) -> {
                RulePack owner = parameterOwners.putIfAbsent(name, pack);
                if (owner != null) {
                    problems.add(new Problem(pack.origin(), 0, "parameter '" + name + "' is also defined by pack '"
                            + owner.id() + "': parameter names are shared by all packs, so prefix yours"));
                } else {
                    parameters.put(name, parameter);
                }
            });
        }

        if (stored != null) {
            return fromStored(packs, options, stored, model, problems, parameters, parameterOwners);
        }
        if (mayUseStored && packs.size() > 1 && problems.isEmpty()) {
            RuleBase beside;
            try {
                beside = besideStored(packs, options, parameters, parameterOwners, options.shippedModels(), true);
            } catch (RuntimeException | LinkageError e) {
                // Whatever went wrong, the full build below analyses and compiles every pack and reports it.
                LOG.info("building packs {} beside the build-time model failed ({}): analysing and compiling every "
                        + "pack", ids(packs), e.toString());
                beside = null;
            }
            if (beside != null) {
                return beside;
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        // Each DRL file is parsed once, here; everything the engine reads from DRL reads this.
        List<DrlAnalysis> descriptions = new ArrayList<>();
        Map<RulePack, List<DrlAnalysis>> byPack = new LinkedHashMap<>();
        List<CompiledCheck.Source> parsed = new ArrayList<>();
        Map<String, DrlAnalysis> parsedByOrigin = new HashMap<>();
        // DRL files not to compile: restricted ones Drools would run MVEL for while compiling or that do not parse,
        // and any nested too deep for Drools' parsers.
        Set<String> unsafe = new HashSet<>();
        for (RulePack pack : packs) {
            List<DrlAnalysis> ofPack = new ArrayList<>();
            for (RulePack.DrlSource source : pack.sources()) {
                List<Problem> refused = new ArrayList<>();
                DrlAnalysis analysis = DrlAnalysis.of(source);
                ofPack.add(analysis);
                descriptions.add(analysis);
                if (!analysis.compilable()) {
                    problems.addAll(analysis.syntaxErrors());
                    unsafe.add(source.origin());
                    continue;
                }
                PackageDescr described = describeRules(pack, source, analysis, rules, problems, refused);
                if (described != null) {
                    parsedByOrigin.put(source.origin(), analysis);
                    parsed.add(new CompiledCheck.Source(analysis, pack.restricted(), pack.id()));
                    refused.addAll(RestrictedDrl.check(pack, source, described));
                }
                if (!refused.isEmpty()) {
                    unsafe.add(source.origin());
                    problems.addAll(refused);
                }
            }
            byPack.put(pack, ofPack);
        }
        applySettings(options.settings(), parameters, parameterOwners, problems);
        problems.addAll(ParameterReferences.check(byPack, parameters));
        Set<String> disabled = disabled(options, rules, problems);

        Map<String, String> origins = new HashMap<>();
        Map<String, DrlAnalysis> texts = new HashMap<>();
        List<Resource> resources = new ArrayList<>();
        int index = 0;
        for (RulePack pack : packs) {
            List<Resource> ofPack = resources(pack, index, descriptions.subList(index, index + pack.sources().size()));
            for (RulePack.DrlSource source : pack.sources()) {
                // Drools derives things from a resource's path, so it gets a plain one; problems name the origin.
                String path = resourcePath(index++);
                origins.put(path, source.origin());
                texts.put(path, descriptions.get(index - 1));
            }
            resources.addAll(ofPack);
        }
        if (restricted) {
            // With a problem, the DRL is compiled all the same (unless that is unsafe), so that its compile errors
            // are reported beside it; nothing is loaded then.
            Set<String> declared = new HashSet<>();
            parsed.forEach(p -> p.descr().getClassAndEnumDeclarationDescrs().forEach(t -> declared.add(
                    (t.getNamespace() == null || t.getNamespace().isEmpty() ? p.descr().getNamespace()
                            : t.getNamespace()) + "." + t.getTypeName())));
            parsed.stream().filter(CompiledCheck.Source::restricted).forEach(p -> problems.addAll(
                    p.analysis().unknownImports(declared, RuleBase.class.getClassLoader())));
            // Trusted packs that come first keep their build-time model (the bundled pack's); the rest is compiled.
            int trustedFirst = 0;
            while (trustedFirst < packs.size() && !packs.get(trustedFirst).restricted()) {
                trustedFirst++;
            }
            List<Model> prebuilt = trustedFirst == 0 ? null
                    : ExecutableModels.models(List.copyOf(packs.subList(0, trustedFirst)), RuleBase.class.getClassLoader());
            Set<String> precompiled = new HashSet<>();
            if (prebuilt != null) {
                packs.subList(0, trustedFirst).forEach(p -> p.sources().forEach(source -> precompiled.add(source.origin())));
            }
            List<RulePack> fromModel = prebuilt == null ? List.of() : List.copyOf(packs.subList(0, trustedFirst));
            long compileStart = System.nanoTime();
            List<Resource> safe = resources.stream()
                    .filter(r -> !unsafe.contains(origins.get(r.getSourcePath())))
                    .filter(r -> !precompiled.contains(origins.get(r.getSourcePath()))).toList();
            if (!safe.isEmpty()) {
                RestrictedBuild.Result result = RestrictedBuild.build(safe, parsed,
                        builderConfiguration(RuleBase.class.getClassLoader()), RuleBase::builderConfiguration,
                        RuleBase.class.getClassLoader(), error -> explained(located(problem(error, origins, texts),
                                parsedByOrigin), parsedByOrigin),
                        RestrictedDrl.LIFT, problems.isEmpty(), prebuilt == null ? List.of() : prebuilt,
                        options.eventTypes(), options.stepLimit());
                problems.addAll(withoutEchoes(result.problems(), problems));
                if (problems.isEmpty()) {
                    return new RuleBase(result.kieBase(), prebuilt != null, List.copyOf(packs), Collections.unmodifiableMap(rules),
                            Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                            Collections.unmodifiableSet(disabled), descriptions)
                            .compiled(result.classes())
                            .built(howBuilt(packs, fromModel, "to the executable model and checked as restricted packs are",
                                    System.nanoTime() - compileStart, fromModel.isEmpty() && trustedFirst > 0
                                            ? "no build-time model for the trusted packs before the first restricted one"
                                            : null));
                }
            }
            throw failed(problems, packs, descriptions, null);
        }
        // With a problem, the DRL is compiled all the same, so that its compile errors are reported beside it.
        KieBase compiled = problems.isEmpty() ? ExecutableModels.result(model) : null;
        if (compiled != null) {
            return new RuleBase(compiled, true, List.copyOf(packs), Collections.unmodifiableMap(rules),
                    Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                    Collections.unmodifiableSet(disabled), descriptions).built(howBuilt(packs, packs, null, 0, null));
        }
        String whyCompiled = null;
        if (problems.isEmpty() && packs.size() > 1) {
            // No model for these packs together: keep the model of the longest run of packs that has one (the bundled
            // pack's, with a pack of one's own beside it) and compile only the packs after it, to the executable model.
            long compileStart = System.nanoTime();
            for (int withModel = packs.size() - 1; withModel > 0; withModel--) {
                List<RulePack> first = List.copyOf(packs.subList(0, withModel));
                List<Model> prebuilt = ExecutableModels.models(first, RuleBase.class.getClassLoader());
                if (prebuilt == null) {
                    continue;
                }
                Set<String> precompiled = new HashSet<>();
                first.forEach(p -> p.sources().forEach(source -> precompiled.add(source.origin())));
                List<Resource> rest = resources.stream()
                        .filter(r -> !precompiled.contains(origins.get(r.getSourcePath()))).toList();
                RestrictedBuild.Result result = RestrictedBuild.build(rest, parsed,
                        builderConfiguration(RuleBase.class.getClassLoader()), RuleBase::builderConfiguration,
                        RuleBase.class.getClassLoader(), error -> explained(located(problem(error, origins, texts),
                                parsedByOrigin), parsedByOrigin), RestrictedDrl.LIFT, true, prebuilt,
                        options.eventTypes(), options.stepLimit());
                if (result.kieBase() != null) {
                    return new RuleBase(result.kieBase(), true, List.copyOf(packs), Collections.unmodifiableMap(rules),
                            Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                            Collections.unmodifiableSet(disabled), descriptions)
                            .compiled(result.classes())
                            .built(howBuilt(packs, first, "to the executable model", System.nanoTime() - compileStart,
                                    null));
                }
                // Compiled on its own, a pack may not compile (it names what another pack declares): all together.
                whyCompiled = "compiling packs " + ids(packs.subList(withModel, packs.size()))
                        + " beside the build-time model of " + ids(first) + " failed ("
                        + result.problems().stream().map(Problem::toString).findFirst().orElse("no rule base")
                        + "), so every pack's DRL was compiled together";
                break;
            }
            if (whyCompiled == null) {
                whyCompiled = "no pack before the last has a build-time executable model";
            }
        }
        long compileStart = System.nanoTime();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                builderConfiguration(RuleBase.class.getClassLoader()));
        CompositeKnowledgeBuilder batch = builder.batch();
        resources.stream().filter(r -> !unsafe.contains(origins.get(r.getSourcePath())))
                .forEach(resource -> batch.add(resource, ResourceType.DRL));
        batch.build();
        boolean otherErrors = builder.getErrors().size() > 1;
        for (KnowledgeBuilderError error : builder.getErrors()) {
            if (otherErrors && error.getMessage().contains("Parser returned a null Package")) {
                continue; // a consequence of the syntax error reported beside it
            }
            problems.addAll(withoutEchoes(List.of(explained(problem(error, origins, texts), parsedByOrigin)),
                    problems));
        }
        if (!problems.isEmpty()) {
            throw failed(problems, packs, descriptions, null);
        }
        return new RuleBase(DroolsInternals.classicKieBase(builder), false, List.copyOf(packs),
                Collections.unmodifiableMap(rules),
                Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                Collections.unmodifiableSet(disabled), descriptions)
                .built(howBuilt(packs, List.of(), "with Drools' DRL compiler", System.nanoTime() - compileStart,
                        whyCompiled != null ? whyCompiled : "there is no build-time executable model for "
                                + (packs.size() == 1 ? "this pack" : "these packs")));
    }

    /** The rules the options switch off; a rule id no pack has is a problem. */
    private static Set<String> disabled(Options options, Map<String, RuleInfo> rules, List<Problem> problems) {
        Set<String> disabled = new TreeSet<>();
        for (String id : options.disabledRules()) {
            if (rules.containsKey(id)) {
                disabled.add(id);
            } else {
                problems.add(new Problem("engine", 0, "cannot disable rule '" + id + "': no pack has a rule with that id"));
            }
        }
        if (options.withoutUnconfirmed()) {
            rules.values().stream().filter(r -> r.unconfirmed() != null).forEach(r -> disabled.add(r.id()));
        }
        return disabled;
    }

    /** What a rule base reads from a stored analysis: its rules, each resource path's DRL file, the rules disabled. */
    private record Checked(Map<String, RuleInfo> rules, Map<String, String> origins, Set<String> disabled) {
    }

    /**
     * The checks a fresh analysis makes, on a stored one of {@code packs}: settings applied to {@code parameters},
     * the parameters the DRL names, the rules disabled; their problems are added to {@code problems}.
     */
    private static Checked checked(List<RulePack> packs, StoredAnalysis analysis, Options options,
                                   Map<String, Parameter> parameters, Map<String, RulePack> parameterOwners,
                                   List<Problem> problems) {
        Map<String, RulePack> packOf = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        int index = 0;
        for (RulePack pack : packs) {
            for (RulePack.DrlSource source : pack.sources()) {
                packOf.put(source.origin(), pack);
                origins.put(resourcePath(index++), source.origin());
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (StoredAnalysis.Rule rule : analysis.rules()) {
            RulePack pack = packOf.get(rule.origin());
            rules.put(rule.name(), new RuleInfo(rule.name(), rule.citation(),
                    rule.instrument() == null ? pack.instrument() : rule.instrument(), pack, rule.origin(),
                    rule.line(), rule.unconfirmed()));
        }
        applySettings(options.settings(), parameters, parameterOwners, problems);
        Map<RulePack, List<ParameterReferences.Reference>> references = new LinkedHashMap<>();
        packs.forEach(pack -> references.put(pack, new ArrayList<>()));
        analysis.references().forEach(reference -> references.get(packOf.get(reference.origin())).add(reference));
        problems.addAll(ParameterReferences.checkReferences(references, parameters));
        return new Checked(rules, origins, disabled(options, rules, problems));
    }

    /**
     * The rule base of packs whose DRL analysis was stored with their build-time model: no DRL is parsed. The checks
     * are those of a fresh analysis, read from what was stored; should the model not load after all, the packs are
     * built again from their DRL.
     */
    private static RuleBase fromStored(List<RulePack> packs, Options options, StoredAnalysis stored,
                                       Future<KieBase> model, List<Problem> problems,
                                       Map<String, Parameter> parameters, Map<String, RulePack> parameterOwners) {
        Checked checked = checked(packs, stored, options, parameters, parameterOwners, problems);
        Map<String, RuleInfo> rules = checked.rules();
        Map<String, String> origins = checked.origins();
        Set<String> disabled = checked.disabled();
        if (!problems.isEmpty()) {
            // The DRL compiled without errors when the model was built: these are all the problems.
            throw failed(problems, packs, List.of(), stored);
        }
        KieBase compiled = ExecutableModels.result(model);
        if (compiled == null) {
            return build(packs, options, false);
        }
        RuleBase ruleBase = new RuleBase(compiled, true, List.copyOf(packs), Collections.unmodifiableMap(rules),
                Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                Collections.unmodifiableSet(disabled), List.of());
        ruleBase.stored = stored;
        return ruleBase.built(howBuilt(packs, packs, null, 0, null) + ", with their DRL analysis stored beside it");
    }

    /**
     * The rule base of packs after a run of packs with a build-time model and a stored analysis (a pack of one's own
     * beside the bundled pack): the first packs' analysis is read, not parsed, and only the other packs' DRL is
     * analysed ({@link StoredAnalysis#rest}) and compiled, to the executable model, beside the first packs' model;
     * or the other packs' classes and analysis are loaded from a compiled model the application ships on its class
     * path or from a compiled-model cache ({@link ModelCache}), and compiled, and written to the cache if there is one,
     * when they are not. {@code null} when this does not apply or anything is amiss
     * (a problem in any pack, an analysis that cannot be split, a compile error): the full build then analyses and
     * compiles every pack and reports every problem as it always did, so that this path changes nothing but time.
     */
    private static RuleBase besideStored(List<RulePack> packs, Options options, Map<String, Parameter> packParameters,
                                         Map<String, RulePack> parameterOwners, boolean readShipped,
                                         boolean readCache) {
        ClassLoader loader = RuleBase.class.getClassLoader();
        boolean restricted = packs.stream().anyMatch(RulePack::restricted);
        int firstCount = 0;
        if (restricted) {
            while (!packs.get(firstCount).restricted()) {
                firstCount++;
            }
            if (firstCount == 0 || !ExecutableModels.built(packs.subList(0, firstCount), loader)) {
                return null;
            }
        } else {
            for (int count = packs.size() - 1; count > 0 && firstCount == 0; count--) {
                firstCount = ExecutableModels.built(packs.subList(0, count), loader) ? count : 0;
            }
            if (firstCount == 0) {
                return null;
            }
        }
        List<RulePack> first = List.copyOf(packs.subList(0, firstCount));
        List<RulePack> rest = List.copyOf(packs.subList(firstCount, packs.size()));
        StoredAnalysis firstAnalysis = StoredAnalysis.load(first, loader);
        if (firstAnalysis == null || firstAnalysis.locality().unpartitionable() != null) {
            return null;
        }
        // The first packs' model classes are loaded on a thread of their own meanwhile, as for those packs alone.
        java.util.concurrent.FutureTask<List<Model>> firstModels = new java.util.concurrent.FutureTask<>(
                () -> ExecutableModels.models(first, loader));
        Thread modelThread = new Thread(firstModels, "niyam-executable-model");
        modelThread.setDaemon(true);
        modelThread.start();
        boolean restRestricted = rest.stream().allMatch(RulePack::restricted);
        int firstFiles = first.stream().mapToInt(p -> p.sources().size()).sum();
        // Packs after the first ones are cached when all restricted or all trusted: the check of cached classes
        // treats every class as a restricted pack's. Their entry is looked for on the class path (shipped with the
        // application), then in the cache.
        String key = restRestricted || !restricted
                ? ModelCache.key(ExecutableModels.fingerprint(first), firstFiles, rest, options.eventTypes()) : null;
        Found found = key == null ? null : found(key, options, loader, readShipped, readCache);
        ModelCache.Entry cached = found == null ? null : found.entry();
        List<DrlAnalysis> files = List.of();
        StoredAnalysis restAnalysis;
        if (cached != null && !restRestricted) {
            restAnalysis = cached.analysis();
        } else {
            // A restricted pack's DRL is analysed now even when its classes come from the cache: the cached analysis
            // (which rule is of which file, the keys each file concludes about) is not trusted, as the classes are not.
            files = rest.stream().flatMap(p -> p.sources().stream()).map(DrlAnalysis::of).toList();
            restAnalysis = StoredAnalysis.rest(firstAnalysis, rest, files, loader);
            if (restAnalysis == null) {
                return null;
            }
        }
        StoredAnalysis all = StoredAnalysis.merge(firstAnalysis, restAnalysis);

        // The checks of fromStored, on the analysis of every pack.
        if (!all.origins().equals(packs.stream().flatMap(p -> p.sources().stream()).map(RulePack.DrlSource::origin)
                .toList())) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Parameter> parameters = new LinkedHashMap<>(packParameters);
        Checked checked = checked(packs, all, options, parameters, parameterOwners, problems);
        Map<String, RuleInfo> rules = checked.rules();
        Map<String, String> origins = checked.origins();
        Set<String> disabled = checked.disabled();
        if (!problems.isEmpty()) {
            return null;
        }
        long start = System.nanoTime();
        if (cached != null && restRestricted) {
            String refused;
            try {
                refused = checkCached(rest, files, cached, loader, options.eventTypes());
            } catch (RuntimeException e) {
                refused = "a class file cannot be read: " + e;
            }
            if (refused != null) {
                LOG.warn("{} ignored: the check of restricted packs refuses it ({}); {}", found.name(), refused,
                        found.otherwise());
                return besideStored(packs, options, packParameters, parameterOwners, false, found.shipped());
            }
        }
        List<Model> prebuilt;
        try {
            prebuilt = firstModels.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the build-time executable model", e);
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
        if (sharesAPackage(files, prebuilt)) {
            return null; // built with every pack analysed, whose check refuses it, naming the packs
        }
        if (prebuilt == null) {
            return null;
        }
        KieBase kieBase;
        Map<String, byte[]> classes;
        String how;
        Path entryFile = null;
        if (cached != null) {
            classes = cached.classes();
            entryFile = found.file();
            try {
                kieBase = RestrictedBuild.load(cached.classes(), cached.models(), loader,
                        ExecutableModels::modelConfiguration, prebuilt,
                        restRestricted ? cached.classes().keySet() : Set.of(), options.stepLimit());
            } catch (RuntimeException | LinkageError | StepLimitExceeded | StackOverflowError e) {
                LOG.warn("{} ignored: its classes cannot be loaded ({}); {}", found.name(), e.toString(),
                        found.otherwise());
                return besideStored(packs, options, packParameters, parameterOwners, false, found.shipped());
            }
            if (restRestricted) {
                // As after compiling: the case-locality of declared types is read from their classes.
                restAnalysis = StoredAnalysis.rest(firstAnalysis, rest, files, DroolsInternals.rootClassLoader(kieBase));
                if (restAnalysis == null) {
                    return null;
                }
                all = StoredAnalysis.merge(firstAnalysis, restAnalysis);
            }
            how = "packs " + ids(first) + " from their build-time executable model; packs " + ids(rest)
                    + " from " + found.from() + (restRestricted
                    ? ", their classes checked as restricted packs' are" : "") + ", in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms";
        } else {
            List<Problem> refused = new ArrayList<>();
            Set<String> declared = new HashSet<>();
            List<CompiledCheck.Source> parsed = new ArrayList<>();
            List<Resource> resources = new ArrayList<>();
            int file = 0;
            int index = firstFiles;
            for (RulePack pack : rest) {
                int packFirst = file;
                for (RulePack.DrlSource source : pack.sources()) {
                    parsed.add(checkParsed(pack, source, files.get(file++), refused, declared));
                }
                resources.addAll(resources(pack, index, files.subList(packFirst, file)));
                index += pack.sources().size();
            }
            parsed.stream().filter(CompiledCheck.Source::restricted).forEach(p -> refused.addAll(
                    p.analysis().unknownImports(declared, loader)));
            if (!refused.isEmpty()) {
                return null;
            }
            Map<String, DrlAnalysis> restFiles = new HashMap<>();
            files.forEach(f -> restFiles.putIfAbsent(f.origin(), f));
            RestrictedBuild.Result result = RestrictedBuild.build(resources, parsed, builderConfiguration(loader),
                    RuleBase::builderConfiguration, loader, error -> atDeclaration(new Problem("rules", 0,
                            error.getMessage()), restFiles),
                    RestrictedDrl.LIFT, true, prebuilt, options.eventTypes(), options.stepLimit());
            if (result.kieBase() == null) {
                return null;
            }
            kieBase = result.kieBase();
            classes = result.classes();
            // The case-locality of types the DRL declares is known only from the classes compiled for them, as when
            // every pack is analysed (CaseLocality.of(files, kieBase)).
            restAnalysis = StoredAnalysis.rest(firstAnalysis, rest, files, DroolsInternals.rootClassLoader(kieBase));
            if (restAnalysis == null) {
                return null;
            }
            all = StoredAnalysis.merge(firstAnalysis, restAnalysis);
            how = howBuilt(packs, first, restricted ? "to the executable model and checked as restricted packs are"
                    : "to the executable model", System.nanoTime() - start, null);
            if (key != null && options.modelCache() != null) {
                Path written = ModelCache.write(options.modelCache(), key, new ModelCache.Entry(result.classes(),
                        result.models(), List.copyOf(declared), ModelCache.dependencies(result.classes(), loader),
                        restAnalysis));
                if (written != null) {
                    how += "; written to the compiled-model cache (" + written + ")";
                    entryFile = written;
                }
            }
        }
        RuleBase ruleBase = new RuleBase(kieBase, true, List.copyOf(packs), Collections.unmodifiableMap(rules),
                Collections.unmodifiableMap(parameters), Map.copyOf(parameterOwners), Map.copyOf(origins),
                Collections.unmodifiableSet(disabled), files);
        ruleBase.stored = all;
        ruleBase.modelEntry = entryFile;
        return ruleBase.compiled(classes).built(how + "; the DRL analysis of packs " + ids(first)
                + " stored beside their model, "
                + (cached != null && !restRestricted ? "that of " + ids(rest) + " cached with theirs"
                : "only that of " + ids(rest) + " made now"));
    }

    /**
     * A compiled model found for the packs after the build-time ones.
     *
     * @param entry     the entry
     * @param from      where it came from, as the INFO line says
     * @param name      how a warning names it
     * @param otherwise what the engine does when it is refused
     * @param shipped   whether it came from the class path (then the cache may still serve)
     * @param file      the cache's file, or {@code null} for one on the class path
     */
    private record Found(ModelCache.Entry entry, String from, String name, String otherwise, boolean shipped,
                         Path file) {
    }

    /**
     * The compiled model of the key: shipped on the class path (when {@code readShipped}), else in the cache (when
     * {@code readCache}); {@code null} when there is none that can be used (each refusal warned of).
     */
    private static Found found(String key, Options options, ClassLoader loader, boolean readShipped,
                               boolean readCache) {
        boolean cache = options.modelCache() != null && readCache;
        String otherwise = cache ? "looking in the compiled-model cache, else compiling the packs"
                : "compiling the packs";
        ModelCache.Shipped shipped = readShipped ? ModelCache.shipped(key, loader, otherwise) : null;
        if (shipped != null) {
            return new Found(shipped.entry(), "a compiled model on the class path (" + shipped.url() + ")",
                    "compiled model " + shipped.url() + " on the class path", otherwise, true, null);
        }
        ModelCache.Entry entry = cache ? ModelCache.read(options.modelCache(), key, loader) : null;
        Path file = cache ? ModelCache.file(options.modelCache(), key) : null;
        return entry == null ? null : new Found(entry, "the compiled-model cache (" + file + ")",
                "compiled-model cache entry " + file, "compiling the packs and writing it again", false, file);
    }

    /**
     * Whether a DRL file of the packs compiled beside a build-time model is in a package of that model's rules: a
     * restricted pack's DRL must be in a package of its own, and the check of compiled classes sees only the packs
     * compiled with it.
     */
    private static boolean sharesAPackage(List<DrlAnalysis> files, List<Model> prebuilt) {
        Set<String> packages = new HashSet<>();
        for (Model model : prebuilt) {
            model.getRules().forEach(rule -> packages.add(rule.getPackage()));
            model.getQueries().forEach(query -> packages.add(query.getPackage()));
        }
        return files.stream().anyMatch(file -> packages.contains(file.descr().getNamespace()));
    }

    /**
     * The checks of one parsed DRL file of a pack compiled beside a build-time model ({@link RestrictedDrl}), into
     * {@code refused}; the types it declares, by full name, into {@code declared}; returns it as the check of compiled
     * classes takes it.
     */
    private static CompiledCheck.Source checkParsed(RulePack pack, RulePack.DrlSource source, DrlAnalysis analysis,
                                                    List<Problem> refused, Set<String> declared) {
        refused.addAll(RestrictedDrl.check(pack, source, analysis.descr()));
        analysis.descr().getClassAndEnumDeclarationDescrs().forEach(t -> declared.add(
                (t.getNamespace() == null || t.getNamespace().isEmpty() ? analysis.descr().getNamespace()
                        : t.getNamespace()) + "." + t.getTypeName()));
        return new CompiledCheck.Source(analysis, pack.restricted(), pack.id());
    }

    /**
     * Every check a restricted pack's freshly compiled classes pass, made on classes read from the compiled-model
     * cache, which anyone who can write to it could have changed: the checks of the parsed DRL ({@link RestrictedDrl},
     * imports), the stricter check of every class whatever its package ({@link CompiledCheck#recheck}), whose
     * generated {@code equals} are those of the types the DRL declares, read from the DRL rather than from the entry,
     * and the check of compiled classes with the other packs' declared types and functions
     * ({@link CompiledCheck#check}). Returns the first refusal in words, or {@code null} when all pass.
     */
    private static String checkCached(List<RulePack> rest, List<DrlAnalysis> files, ModelCache.Entry cached,
                                      ClassLoader loader, EventTypes events) {
        List<Problem> refused = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        List<CompiledCheck.Source> parsed = new ArrayList<>();
        int file = 0;
        for (RulePack pack : rest) {
            for (RulePack.DrlSource source : pack.sources()) {
                parsed.add(checkParsed(pack, source, files.get(file++), refused, declared));
            }
        }
        parsed.forEach(p -> refused.addAll(p.analysis().unknownImports(declared, loader)));
        if (!refused.isEmpty()) {
            return refused.get(0).toString();
        }
        String anyClass = CompiledCheck.recheck(cached.classes(), declared, loader, events);
        if (anyClass != null) {
            return anyClass;
        }
        refused.addAll(CompiledCheck.check(cached.classes(), parsed, loader, RestrictedDrl.LIFT, events));
        return refused.isEmpty() ? null : refused.get(0).toString();
    }

    /**
     * What the engine read from the DRL when it did not analyse every file now: the analysis stored with the packs'
     * build-time model, with that of packs compiled beside it; {@code null} when every file was analysed now.
     */
    public StoredAnalysis storedAnalysis() {
        return stored;
    }

    /**
     * Which rules run case by case, from the DRL analysis (stored with the packs' build-time model when every pack
     * came from it).
     */
    public CaseLocality locality() {
        if (stored != null) {
            Set<String> analysed = new HashSet<>(stored.queries());
            stored.rules().forEach(rule -> analysed.add(rule.name()));
            return CaseLocality.of(stored.locality(), kieBase, analysed);
        }
        return CaseLocality.of(descriptions, kieBase);
    }

    private static List<String> ids(List<RulePack> packs) {
        return packs.stream().map(RulePack::id).toList();
    }

    /**
     * What the build did, for the log: which packs came from their build-time executable model, which were compiled
     * now, how, in how long, and why.
     */
    private static String howBuilt(List<RulePack> packs, List<RulePack> fromModel, String how, long compileNanos,
                                   String why) {
        List<String> compiledNow = ids(packs.subList(fromModel.size(), packs.size()));
        StringBuilder text = new StringBuilder();
        if (!fromModel.isEmpty()) {
            text.append("packs ").append(ids(fromModel)).append(" from their build-time executable model");
        }
        if (!compiledNow.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append("packs ").append(compiledNow).append(" compiled now, ")
                    .append(how).append(", in ").append(compileNanos / 1_000_000).append(" ms (a cold JVM spends most "
                            + "of that loading and warming up the compiler)");
            if (why != null) {
                text.append(": ").append(why);
            }
        }
        return text.toString();
    }

    private RuleBase built(String how) {
        this.howBuilt = how;
        return this;
    }

    /** The classes compiled now or read from the compiled-model cache, for {@link #rulesAt}. */
    private RuleBase compiled(Map<String, byte[]> classes) {
        this.compiledClasses = classes;
        return this;
    }

    /**
     * The rules whose conditions the exception came from, by the classes of its stack: a class Drools' executable
     * model generated for packs compiled by this engine (not those of a build-time model, nor Drools' DRL compiler's
     * classes). Several when rules share one expression; empty when no frame of its stack tells (also when the JVM
     * threw a preallocated exception without a stack, which HotSpot does for a hot path unless
     * {@code -XX:-OmitStackTraceInFastThrow}).
     */
    public List<String> rulesAt(Throwable thrown) {
        Map<String, Set<String>> byClass;
        synchronized (rulesByClassLock) {
            if (rulesByClass == null) {
                try {
                    rulesByClass = compiledClasses.isEmpty() ? Map.of()
                            : CompiledCheck.rulesByClass(compiledClasses, rules.keySet());
                } catch (RuntimeException e) {
                    // Only to name a rule: the failure being reported is the rule's, never this one.
                    LOG.debug("the rules of generated classes could not be read", e);
                    rulesByClass = Map.of();
                }
                compiledClasses = Map.of(); // read once: the map is all that is needed of them
            }
            byClass = rulesByClass;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                Set<String> found = byClass.get(frame.getClassName());
                if (found != null) {
                    return List.copyOf(found);
                }
            }
        }
        return List.of();
    }

    /**
     * The compiled-model cache's entry this rule base's packs after those with a build-time model were read from or
     * written to; empty when they were compiled without a cache, came from the class path, or cannot be cached.
     */
    public java.util.Optional<Path> modelEntry() {
        return java.util.Optional.ofNullable(modelEntry);
    }

    /** What the build did, for the log: which packs came from their build-time model, which were compiled and why. */
    public String howBuilt() {
        return howBuilt;
    }

    /**
     * A problem of the executable model's compiler, which gives no line for some errors, located from the parsed
     * DRL: the pattern over an unknown type, the constraint quoted, or the statement naming an unknown method.
     */
    private static Problem located(Problem problem, Map<String, DrlAnalysis> parsed) {
        DrlAnalysis descr = parsed.get(problem.source());
        String message = JoinGuard.unguarded(problem.message());
        if (!message.equals(problem.message())) {
            // A from's expression as the pack wrote it, at its line, not the rule's.
            int line = descr == null ? 0 : descr.lineOfExpression(message);
            return new Problem(problem.source(), line > 0 ? line : problem.line(), message);
        }
        if (problem.line() > 0) {
            return problem;
        }
        String unknown = "Unable to find class: ";
        if (descr != null && message.startsWith(unknown)) {
            String type = message.substring(unknown.length()).strip();
            // Worded as the classic compiler words it.
            return new Problem(problem.source(), descr.lineOfPattern(type),
                    "Unable to resolve ObjectType '" + type + "'");
        }
        return descr == null ? problem
                : new Problem(problem.source(), descr.lineOfExpression(message), message);
    }

    /** A compiler's problem in the words its author needs, where {@link UnknownFields} has them. */
    private static Problem explained(Problem problem, Map<String, DrlAnalysis> parsed) {
        DrlAnalysis file = parsed.get(problem.source());
        return UnknownFields.explain(problem, file == null ? null : file.descr(), RuleBase.class.getClassLoader());
    }

    /**
     * The compiler's problems less those that repeat one already found: Drools' "Duplicate rule name: x" (or, from
     * the Java compiler, "The type Rule_x0 is already defined") beside the engine's own "rule id 'x' is already used
     * at ...", on the same line, which says where the first one is.
     */
    private static List<Problem> withoutEchoes(List<Problem> compiled, List<Problem> found) {
        return compiled.stream().filter(p -> !((p.message().startsWith("Duplicate rule name: ")
                || p.message().contains("is already defined")) && found.stream().anyMatch(f ->
                f.source().equals(p.source()) && f.line() == p.line() && f.message().startsWith("rule id '")
                        && f.message().contains("' is already used at ")))).toList();
    }

    /** A compile error as a problem naming the DRL file it came from, and the line. */
    private static Problem problem(KnowledgeBuilderError error, Map<String, String> origins,
                                   Map<String, DrlAnalysis> texts) {
        String path = error.getResource() == null ? null : error.getResource().getSourcePath();
        String origin = path == null ? "rules" : origins.getOrDefault(path, path);
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        String message = DroolsInternals.withoutStackTrace(error.getMessage().strip());
        if (path != null && texts.containsKey(path)) {
            line = texts.get(path).consequenceLine(line, message);
        }
        if (path == null) {
            Map<String, DrlAnalysis> byOrigin = new HashMap<>();
            texts.forEach((p, analysis) -> byOrigin.put(origins.getOrDefault(p, p), analysis));
            if (DroolsInternals.ofGeneratedJava(error)) {
                return inDeclaredType(message, byOrigin);
            }
            return atDeclaration(new Problem(origin, line, message), byOrigin);
        }
        return new Problem(origin, line, message);
    }

    /**
     * A compiler's problem of no file that names a declared type ("Wrong redeclaration of type Citation"), placed at
     * the declaration of that type when one DRL file declares it; otherwise as it is.
     */
    private static Problem atDeclaration(Problem problem, Map<String, DrlAnalysis> files) {
        Matcher named = DECLARED_TYPE.matcher(problem.message());
        if (problem.line() > 0 || !named.find()) {
            return problem;
        }
        Problem found = null;
        for (Map.Entry<String, DrlAnalysis> file : files.entrySet()) {
            for (AbstractClassTypeDeclarationDescr type : file.getValue().descr().getClassAndEnumDeclarationDescrs()) {
                if (type.getTypeName().equals(named.group(1))) {
                    if (found != null) {
                        return problem; // declared in more than one file: which one is meant is unknown
                    }
                    found = new Problem(file.getKey(), Math.max(1, type.getLine()), problem.message());
                }
            }
        }
        return found == null ? problem : found;
    }

    /** Why the Java of a declared type does not compile, for its author, who wrote DRL. */
    private static final String GENERATED = " (Drools copies a declared type's superclass, annotations and fields, as "
            + "written, into a Java class it generates for the type, and that class does not compile)";

    /**
     * The Java compiler's error in a class Drools generated for a declared type, whose line is the generated class's:
     * placed at the declaration the message names ("... cannot be the superclass of Sub"), else at the line of a
     * declaration that writes the name the compiler could not resolve ({@code @Propagation(IMMEDIATE)}).
     */
    private static Problem inDeclaredType(String message, Map<String, DrlAnalysis> files) {
        String unresolved = DrlAnalysis.compilerNamed(message);
        Problem named = null;
        Problem writing = null;
        int namedCount = 0;
        int writingCount = 0;
        for (Map.Entry<String, DrlAnalysis> file : new java.util.TreeMap<>(files).entrySet()) {
            DrlAnalysis drl = file.getValue();
            String[] lines = drl.text() == null ? new String[0] : drl.text().split("\n", -1);
            List<AbstractClassTypeDeclarationDescr> types = drl.descr() == null ? List.of()
                    : drl.descr().getClassAndEnumDeclarationDescrs();
            for (AbstractClassTypeDeclarationDescr type : types) {
                String where = "declared type '" + type.getTypeName() + "': ";
                int first = Math.max(type.getLine(), 1);
                if (Pattern.compile("\\b" + Pattern.quote(type.getTypeName()) + "\\b").matcher(message).find()) {
                    namedCount++;
                    named = new Problem(file.getKey(), first, where + message + GENERATED);
                }
                if (unresolved == null) {
                    continue;
                }
                Pattern word = Pattern.compile("(^|[^\\w$])" + Pattern.quote(unresolved) + "($|[^\\w$])");
                int last = type.getEndLine() > 0 ? Math.min(type.getEndLine(), lines.length) : lines.length;
                for (int i = first - 1; i < last; i++) {
                    if (word.matcher(lines[i]).find()) {
                        writingCount++;
                        writing = new Problem(file.getKey(), i + 1, where + message + GENERATED);
                        break;
                    }
                }
            }
        }
        if (namedCount == 1) {
            return named;
        }
        if (writingCount == 1) {
            return writing;
        }
        String only = files.size() == 1 ? files.keySet().iterator().next() : "rules";
        return new Problem(only, 0, message + GENERATED);
    }

    /**
     * Conclusions are inserted, never modified, so property reactivity buys nothing; it is on only where a pack asks
     * for it with {@code @PropertyReactive}.
     */
    static final PropertySpecificOption PROPERTY_SPECIFIC = PropertySpecificOption.ALLOWED;

    /** A declared type a compiler's problem names. */
    private static final Pattern DECLARED_TYPE = Pattern.compile("\\btype ([\\w$]+)");

    /** {@link #PROPERTY_SPECIFIC}, the one setting in which the compiler differs from Drools' defaults. */
    static final String COMPILER_SETTINGS = "property-specific=" + PROPERTY_SPECIFIC;

    /** How the DRL compiler is configured, at run time and when a pack's executable model is built. */
    public static KnowledgeBuilderConfiguration builderConfiguration(ClassLoader loader) {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader);
        configuration.setOption(PROPERTY_SPECIFIC);
        return configuration;
    }

    /**
     * The resources Drools compiles a pack's DRL files from, their paths {@link #resourcePath} from {@code index} on:
     * the files' text; for a restricted pack, their syntax trees with the guard that counts the rules' joins
     * ({@link JoinGuard}), or the text of a file that does not parse or is too deep to (never compiled, or compiled
     * only to report its errors).
     *
     * @param analyses the analyses of the pack's files, in order
     */
    private static List<Resource> resources(RulePack pack, int index, List<DrlAnalysis> analyses) {
        List<Resource> resources = new ArrayList<>();
        List<PackageDescr> trees = new ArrayList<>();
        Set<String> rules = new HashSet<>();
        for (int i = 0; i < pack.sources().size(); i++) {
            PackageDescr tree = pack.restricted() && analyses.get(i).compilable() && analyses.get(i).parsed()
                    ? DroolsInternals.parseDrl(pack.sources().get(i).text()).descr() : null;
            trees.add(tree);
            if (tree != null) {
                tree.getRules().forEach(rule -> rules.add(rule.getName()));
            }
        }
        for (int i = 0; i < trees.size(); i++) {
            String path = resourcePath(index + i);
            if (trees.get(i) != null) {
                resources.add(DroolsInternals.descrResource(JoinGuard.guard(trees.get(i), rules::contains), path));
            } else {
                Resource resource = KieServices.get().getResources()
                        .newByteArrayResource(pack.sources().get(i).text().getBytes(StandardCharsets.UTF_8));
                resource.setSourcePath(path);
                resources.add(resource);
            }
        }
        return resources;
    }

    /** The path Drools is given for the n-th DRL file of an engine's packs; problems name the file's origin. */
    public static String resourcePath(int index) {
        return "niyam/pack" + index + ".drl";
    }

    /** Where Niyam's own packs are loaded from: their parameters are the law's. */
    private static final String OWN_PACKS = "classpath:org/niyam/compliance/rules/";

    /** A platform's settings replace the defaults of parameters their pack marks {@code setting: true}. */
    private static void applySettings(Map<String, String> settings, Map<String, Parameter> parameters,
                                      Map<String, RulePack> owners, List<Problem> problems) {
        settings.forEach((name, text) -> {
            Parameter parameter = parameters.get(name);
            if (parameter == null) {
                String suggestion = Suggestions.closest(name, parameters.keySet());
                problems.add(new Problem("engine", 0, "setting '" + name + "': no pack defines that parameter"
                        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")));
                return;
            }
            if (!parameter.setting()) {
                RulePack owner = owners.get(name);
                // Niyam's own packs encode law; a pack of one's own may fix a value for other reasons.
                problems.add(new Problem(owner.origin(), 0, "setting '" + name + "': "
                        + (!owner.restricted() && owner.origin().startsWith(OWN_PACKS) ? "the parameter is law, "
                        + "not a setting; to be stricter, add your own duty in your own pack beside it"
                        : "pack '" + owner.id() + "' fixes this parameter: only a parameter its pack.yaml marks "
                        + "'setting: true' can be set")));
                return;
            }
            Object value = parameter.type().parse(text);
            if (value == null) {
                problems.add(new Problem("engine", 0, "setting '" + name + "': '" + text + "' is not a "
                        + parameter.type().name().toLowerCase(java.util.Locale.ROOT)));
                return;
            }
            OffsetDateTime from = parameter.values().isEmpty() ? OffsetDateTime.MIN : parameter.values().get(0).from();
            DatedValue since = new DatedValue(from, value, "platform setting");
            parameters.put(name, new Parameter(name, parameter.description(), parameter.type(), true, List.of(since)));
        });
    }

    /**
     * Describes the rules of one DRL file (queries have no citation: they conclude nothing); returns its parsed form,
     * or null when the compiler will report why not. A restricted file that does not parse is not compiled.
     */
    private static PackageDescr describeRules(RulePack pack, RulePack.DrlSource source, DrlAnalysis analysis,
                                              Map<String, RuleInfo> rules, List<Problem> problems,
                                              List<Problem> refused) {
        PackageDescr descr = analysis.descr();
        if (descr == null) {
            if (pack.restricted()) {
                // The parser recovers from errors, and what it recovered is not checked: the file is not compiled.
                refused.addAll(analysis.syntaxErrors());
            }
            return null;
        }
        for (DrlAnalysis.Rule analysed : analysis.rules()) {
            RuleDescr rule = analysed.descr();
            String clause = annotation(rule, CITATION);
            if (clause == null) {
                problems.add(new Problem(source.origin(), rule.getLine(), "rule '" + rule.getName()
                        + "' has no citation: add @" + CITATION + "(\"Rule 3(1)(d)\") naming the clause it encodes, "
                        + "after the rule name"));
                continue;
            }
            String instrument = annotation(rule, INSTRUMENT);
            RuleInfo info = new RuleInfo(rule.getName(), clause, instrument == null ? pack.instrument() : instrument,
                    pack, source.origin(), rule.getLine(), annotation(rule, UNCONFIRMED));
            RuleInfo twin = rules.putIfAbsent(rule.getName(), info);
            if (twin != null) {
                problems.add(new Problem(source.origin(), rule.getLine(), "rule id '" + rule.getName()
                        + "' is already used at " + twin.origin() + ":" + twin.line()
                        + ": rule names are ids and must be unique across all packs"));
            }
        }
        return descr;
    }

    static String annotation(RuleDescr rule, String name) {
        AnnotationDescr annotation = rule.getAnnotation(name);
        if (annotation == null || annotation.getSingleValue() == null) {
            return null;
        }
        String value = String.valueOf(annotation.getSingleValue()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value.isEmpty() ? null : value;
    }

    /** The text with Drools' internal resource names replaced by the files they came from. */
    public String withOrigins(String text) {
        String result = text;
        for (Map.Entry<String, String> origin : origins.entrySet()) {
            result = result.replace(origin.getKey(), origin.getValue());
        }
        return result;
    }

    /** The duty keys and finding codes each pack's DRL writes, read once. */
    ConclusionKeys conclusionKeys() {
        ConclusionKeys keys = conclusionKeys;
        if (keys == null) {
            keys = ConclusionKeys.of(this);
            conclusionKeys = keys;
        }
        return keys;
    }

    /**
     * A warning for each duty key, then each finding code, that more than one pack's DRL concludes, naming the packs,
     * their rules and when an evaluation fails of it; empty for one pack.
     */
    public List<Problem> sharedKeys() {
        return packs.size() < 2 ? List.of() : sharedKeys(packs, () -> conclusionKeys(), descriptions);
    }

    /**
     * {@link #sharedKeys()} of packs whose build failed, from the analysis made before it failed: that of every DRL
     * file parsed ({@code parsed}), or the one stored with their build-time model ({@code stored}).
     */
    private static List<Problem> sharedKeys(List<RulePack> packs, List<DrlAnalysis> parsed, StoredAnalysis stored) {
        return packs.size() < 2 ? List.of()
                : sharedKeys(packs, () -> ConclusionKeys.of(packs, parsed, stored), parsed);
    }

    private static List<Problem> sharedKeys(List<RulePack> packs, java.util.function.Supplier<ConclusionKeys> keys,
                                            List<DrlAnalysis> parsed) {
        try {
            return ConclusionKeys.shared(parsed, keys.get());
        } catch (RuntimeException e) {
            // A warning that cannot be worked out must not stop an engine whose packs are sound.
            LOG.warn("the duty keys and finding codes the packs {} conclude could not be compared: {}", ids(packs),
                    e.toString());
            return List.of();
        }
    }

    /** The build of the packs failed with these problems: the exception, with the warnings found before it failed. */
    private static RulePackException failed(List<Problem> problems, List<RulePack> packs, List<DrlAnalysis> parsed,
                                            StoredAnalysis stored) {
        return new RulePackException(problems, sharedKeys(packs, parsed, stored));
    }

    /** Whether the rules came from the packs' build-time executable model rather than DRL compiled now. */
    public boolean executableModel() {
        return executableModel;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * Every DRL file parsed by this build, in pack and file order: every file of every pack, or none when the packs'
     * analysis was stored with their build-time model (see {@link #locality}), or only those of the packs compiled
     * beside such a model, or none when they came from the compiled-model cache.
     */
    public List<DrlAnalysis> descriptions() {
        return descriptions;
    }

    public List<RulePack> packs() {
        return packs;
    }

    /** Rules by id, in pack and file order. */
    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public RuleInfo rule(String id) {
        return rules.get(id);
    }

    /** Every parameter's values by name, as rules see them in {@code LawInForce}. */
    public Map<String, List<DatedValue>> lawTable() {
        return lawTable;
    }

    /** Ids of rules switched off for this engine. */
    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** All packs' parameters by name. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The pack that defines the parameter, or {@code null}. */
    public RulePack parameterOwner(String name) {
        return parameterOwners.get(name);
    }
}
