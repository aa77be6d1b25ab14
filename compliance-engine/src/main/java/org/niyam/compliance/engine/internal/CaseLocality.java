package org.niyam.compliance.engine.internal;

import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which rules look at one case at a time, proved from their parsed descriptions ({@link DrlAnalysis}), so that an
 * evaluation can run each group of cases in its own session. Not API; see {@code docs/performance.md}.
 *
 * <p>A <em>case type</em> is a class with a {@code caseId()} (or {@code getCaseId()}) accessor: every event and
 * every conclusion. A <em>context type</em> is a final class or record without one: the platform's records, its
 * standing facts, the law in force, the evidence period. Every session holds all the context facts (every record of
 * the platform's histories, every standing fact), so a rule that picks the one in force at a case's instant
 * ({@code OwnPlatform(heldAt($removal.at))}) finds the same one in a case's session as in one session. Any other type (an interface or open class without a case, such
 * as {@code Object}) might match case facts of any case, so it counts as a case type that cannot be tied to one.
 *
 * <p>The analysis is an allowlist: a rule is <b>case-local</b> only when everything it uses is proved local.
 * <ul>
 *   <li>Its attributes are among {@code salience}, {@code no-loop}, {@code enabled} and {@code dialect}, which
 *       order or switch firings within a case but never tie two cases together.</li>
 *   <li>Its conditions are patterns, {@code and}, {@code not}, {@code exists}, {@code forall}, {@code or},
 *       {@code eval}, {@code from} an expression, {@code collect} and {@code accumulate}; and every pattern over a
 *       case type, including those inside them, is tied to one positive top-level pattern by {@code caseId}
 *       equalities: {@code $c : caseId} in one pattern and {@code caseId == $c} or {@code caseId == $p.caseId} in
 *       another (also as one side of an {@code &&}).</li>
 *   <li>Its consequences, read as a Java syntax tree, touch the session only through {@code insert},
 *       {@code update}, {@code modify}, {@code delete} and {@code retract} (whose effects the evaluation checks as
 *       the rules run, see {@link Evaluation}).</li>
 * </ul>
 * Every match of such a rule holds facts of a single case and context facts, so it finds the same matches in a
 * session holding that case and the context as in one holding everything. Every other rule is <b>global</b>: it
 * runs once, over the context and every event of the types it names; its reason is kept ({@link #whyGlobal}).
 * Agenda, activation and ruleflow groups, {@code auto-focus}, {@code lock-on-active}, dated rules and
 * {@code insertLogical} make a rule global: they tie firings of different cases together, which a global rule
 * keeps in one session. What the engine cannot split at all (timers and calendars, sliding windows, entry points,
 * queries called from rules, {@code drools.getKieRuntime()} and other uses of {@code drools} or {@code kcontext} in
 * a consequence, code it cannot read) makes every evaluation run in one session, for the reason
 * {@link #unpartitionable()} gives, naming the rule.
 */
public final class CaseLocality {

    private static final Logger LOG = LoggerFactory.getLogger(CaseLocality.class);

    /** Attributes that order or switch a rule's firings but never tie firings of two cases together. */
    private static final Set<String> LOCAL_ATTRIBUTES = Set.of("salience", "no-loop", "enabled", "dialect");

    /** Attributes that tie firings of different cases together; the rules that carry them run once, globally. */
    private static final Map<String, String> GLOBAL_ATTRIBUTES = Map.of(
            "agenda-group", "agenda-group: which group has the focus decides for every case at once",
            "activation-group", "activation-group: one firing cancels the group's other matches, of every case",
            "ruleflow-group", "ruleflow-group: a process activates the group for every case at once",
            "auto-focus", "auto-focus: its matches give their group the focus for every case at once",
            "lock-on-active", "lock-on-active: it depends on when its group has the focus",
            "date-effective", "date-effective: the engine does not analyse dated rules",
            "date-expires", "date-expires: the engine does not analyse dated rules");

    /** Attributes that make no evaluation splittable: firings on a clock. */
    private static final Set<String> ONE_SESSION_ATTRIBUTES = Set.of("timer", "calendars", "duration");

    /** Rule annotations Drools acts on: when a rule's matches propagate. */
    private static final Set<String> PROPAGATION_ANNOTATIONS = Set.of("Propagation", "Direct");

    /** Methods of {@code drools} in a consequence whose effects the evaluation checks as the rules run. */
    private static final Set<String> CHECKED_ACTIONS = Set.of("insert", "update", "delete", "retract", "getRule",
            "getMatch");

    private static final ClassValue<Function<Object, String>> CASE_ACCESSOR = new ClassValue<>() {
        @Override
        protected Function<Object, String> computeValue(Class<?> type) {
            Method accessor = caseAccessor(type);
            if (accessor == null) {
                return null;
            }
            MethodHandle handle;
            try {
                accessor.setAccessible(true);
                handle = MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(String.class, Object.class));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot read caseId of " + type.getName(), e);
            }
            return fact -> {
                try {
                    return (String) handle.invokeExact(fact);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read caseId of " + type.getName(), e);
                }
            };
        }
    };

    private final Set<String> localRules;
    private final Map<String, String> globalReasons;
    private final Set<Class<?>> localTypes;
    /** The types case-local rules read under {@code not}, {@code forall}, {@code collect} or {@code accumulate}. */
    private final Set<Class<?>> localAbsenceTypes;
    private final Set<Class<?>> globalTypes;
    private final String unpartitionable;
    /** What each case-local rule reads and what its consequences do. */
    private final Map<String, Effects> localEffects;
    /**
     * The types a global rule may not hand to a case's session ({@link #notHandedTypes}): case-local rules read them
     * under {@code not}, {@code forall}, {@code collect} or {@code accumulate}, or conclude from them what they read so.
     */
    private final Set<Class<?>> notHanded;
    /** Why the standing duties cannot be judged over the period case by case ({@link #feedsGlobal}), or null. */
    private final String feedsGlobal;
    /** For each class of fact: whether case-local rules, and global rules, have a pattern that matches it. */
    private final ClassValue<boolean[]> seenBy = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
            return new boolean[] {matchesAny(localTypes, type), matchesAny(globalTypes, type),
                    matchesAny(notHanded, type)};
        }
    };

    private CaseLocality(Set<String> localRules, Map<String, String> globalReasons, Set<Class<?>> localTypes,
                         Set<Class<?>> localAbsenceTypes, Set<Class<?>> globalTypes, String unpartitionable,
                         Map<String, Effects> localEffects) {
        this.localRules = localRules;
        this.globalReasons = globalReasons;
        this.localTypes = localTypes;
        this.localAbsenceTypes = localAbsenceTypes;
        this.globalTypes = globalTypes;
        this.unpartitionable = unpartitionable;
        this.localEffects = localEffects;
        this.notHanded = Set.copyOf(notHandedTypes(localAbsenceTypes, localEffects));
        this.feedsGlobal = feedsGlobal(localEffects, globalTypes);
    }

    /** A rule the engine cannot run by case at all: every evaluation runs in one session. */
    private static final class OneSession extends Exception {
        OneSession(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What {@link #of} found, in a form that can be stored with a pack's build-time model (see
     * {@link StoredAnalysis}): rule ids, reasons and class names, sorted.
     */
    public record Stored(List<String> localRules, Map<String, String> globalReasons, List<String> localTypes,
                         List<String> localAbsenceTypes, List<String> globalTypes, String unpartitionable,
                         Map<String, StoredEffects> localEffects) {
        public Stored {
            localRules = List.copyOf(localRules);
            globalReasons = Collections.unmodifiableMap(new TreeMap<>(globalReasons));
            localTypes = List.copyOf(localTypes);
            localAbsenceTypes = List.copyOf(localAbsenceTypes);
            globalTypes = List.copyOf(globalTypes);
            localEffects = Collections.unmodifiableMap(new TreeMap<>(localEffects == null ? Map.of() : localEffects));
        }
    }

    /** {@link Effects} as stored: class names, sorted. */
    public record StoredEffects(List<String> reads, List<String> concluded, boolean anything, boolean changes) {
        public StoredEffects {
            reads = List.copyOf(reads);
            concluded = List.copyOf(concluded);
        }
    }

    /** This classification as it is stored. */
    public Stored stored() {
        Map<String, StoredEffects> effects = new TreeMap<>();
        localEffects.forEach((rule, e) -> effects.put(rule, new StoredEffects(names(e.reads()), names(e.concluded()),
                e.anything(), e.changes())));
        return new Stored(localRules.stream().sorted().toList(), globalReasons, names(localTypes),
                names(localAbsenceTypes), names(globalTypes), unpartitionable, effects);
    }

    private static List<String> names(Set<Class<?>> types) {
        return types.stream().map(Class::getName).sorted().toList();
    }

    /**
     * The classification stored at build time for the DRL compiled into {@code kieBase}; {@code analysed} holds every
     * rule and query name of that DRL. As {@link #of}, no rule runs by case when the rule base holds a rule the
     * analysis did not see.
     */
    public static CaseLocality of(Stored stored, KieBase kieBase, Set<String> analysed) {
        ClassLoader loader = DroolsInternals.rootClassLoader(kieBase);
        for (KiePackage compiled : kieBase.getKiePackages()) {
            for (Rule rule : compiled.getRules()) {
                if (!analysed.contains(rule.getName())) {
                    return none("rule '" + rule.getName() + "' is not in the DRL the engine read");
                }
            }
        }
        if (stored.unpartitionable() != null) {
            return none(stored.unpartitionable());
        }
        if (LOG.isDebugEnabled()) {
            stored.globalReasons().forEach((rule, why) -> LOG.debug("rule '{}' runs once over the whole evaluation: {}",
                    rule, why));
        }
        Map<String, Effects> effects = new LinkedHashMap<>();
        stored.localEffects().forEach((rule, e) -> effects.put(rule, new Effects(classes(e.reads(), loader),
                classes(e.concluded(), loader), e.anything(), e.changes())));
        return new CaseLocality(Set.copyOf(stored.localRules()), Map.copyOf(stored.globalReasons()),
                classes(stored.localTypes(), loader), classes(stored.localAbsenceTypes(), loader),
                classes(stored.globalTypes(), loader), null, effects);
    }

    private static Set<Class<?>> classes(List<String> names, ClassLoader loader) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the stored analysis names class " + name
                        + ", which the rule base's class loader cannot find", e);
            }
        }
        return Set.copyOf(classes);
    }

    /** Classifies every rule of the DRL files, compiled into {@code kieBase}. */
    public static CaseLocality of(List<DrlAnalysis> files, KieBase kieBase) {
        CaseLocality analysed = of(files, DroolsInternals.rootClassLoader(kieBase));
        if (analysed.unpartitionable != null) {
            return analysed;
        }
        Set<String> names = new HashSet<>();
        files.forEach(file -> {
            file.rules().forEach(rule -> names.add(rule.name()));
            file.queries().forEach(query -> names.add(query.getName()));
        });
        for (KiePackage compiled : kieBase.getKiePackages()) {
            for (Rule rule : compiled.getRules()) {
                if (!names.contains(rule.getName())) {
                    return none("rule '" + rule.getName() + "' is not in the DRL the engine read");
                }
            }
        }
        return analysed;
    }

    /** Classifies every rule of the DRL files, resolving the types they name with {@code loader}. */
    public static CaseLocality of(List<DrlAnalysis> files, ClassLoader loader) {
        return of(files, loader, Set.of());
    }

    /**
     * As {@link #of(List, ClassLoader)}, for DRL files compiled beside others whose queries are {@code otherQueries}
     * (a pattern of that name calls a query): the classification of these files' rules that an analysis of all the
     * files gives, when no rule of these files extends a rule of the others ({@link StoredAnalysis#rest}).
     */
    public static CaseLocality of(List<DrlAnalysis> files, ClassLoader loader, Set<String> otherQueries) {
        Set<String> queries = new HashSet<>(otherQueries);
        Map<String, RuleDescr> byName = new HashMap<>();
        for (DrlAnalysis file : files) {
            if (!file.parsed()) {
                return none("the DRL file " + file.origin() + " could not be parsed");
            }
            file.queries().forEach(query -> queries.add(query.getName()));
            file.rules().forEach(rule -> byName.put(rule.name(), rule.descr()));
        }
        Set<String> local = new LinkedHashSet<>();
        Map<String, String> global = new LinkedHashMap<>();
        Set<Class<?>> localTypes = new LinkedHashSet<>();
        Set<Class<?>> localAbsenceTypes = new LinkedHashSet<>();
        Set<Class<?>> globalTypes = new LinkedHashSet<>();
        Set<String> analysed = new HashSet<>(queries);
        List<String> oneSession = new ArrayList<>();
        Map<String, Effects> localEffects = new LinkedHashMap<>();
        // Functions are the package's: a rule may call one another file of its package declares.
        Map<String, Map<String, String>> functions = new HashMap<>();
        for (DrlAnalysis file : files) {
            for (FunctionDescr function : file.functions().keySet()) {
                // overloads of other return types: none is known (the empty name resolves to no class)
                functions.computeIfAbsent(file.descr().getNamespace(), k -> new HashMap<>())
                        .merge(function.getName(), function.getReturnType(), (a, b) -> a.equals(b) ? a : "");
            }
        }
        for (DrlAnalysis file : files) {
            PackageDescr descr = file.descr();
            if (!descr.getWindowDeclarations().isEmpty()) {
                oneSession.add(file.origin() + " declares window '"
                        + descr.getWindowDeclarations().iterator().next().getName()
                        + "', whose contents depend on every fact of the session");
            }
            if (!descr.getEntryPointDeclarations().isEmpty()) {
                oneSession.add(file.origin() + " declares entry point '"
                        + descr.getEntryPointDeclarations().iterator().next().getEntryPointId()
                        + "', which the engine does not analyse");
            }
            Types resolver = new Types(descr, loader);
            for (DrlAnalysis.Rule rule : file.rules()) {
                analysed.add(rule.name());
                Analysis analysis = new Analysis(file, resolver, queries);
                String globalReason;
                try {
                    globalReason = attributes(descr, rule.descr());
                    String fromCode = consequences(rule);
                    globalReason = globalReason != null ? globalReason : fromCode;
                    for (RuleDescr ancestor : ancestors(rule.descr(), byName)) {
                        analysis.walk(ancestor.getLhs(), true);
                    }
                    analysis.walk(rule.descr().getLhs(), true);
                } catch (ClassNotFoundException e) {
                    oneSession.add("rule '" + rule.name() + "' (" + file.origin() + ":" + rule.descr().getLine()
                            + ") names type " + e.getMessage() + ", which cannot be resolved to a class");
                    continue;
                } catch (OneSession e) {
                    oneSession.add("rule '" + rule.name() + "' (" + file.origin() + ":" + rule.descr().getLine()
                            + ") " + e.getMessage());
                    continue;
                }
                String notTied = analysis.whyNotLocal();
                if (globalReason == null && notTied == null) {
                    local.add(rule.name());
                    localTypes.addAll(analysis.types);
                    localAbsenceTypes.addAll(analysis.absenceTypes);
                    localEffects.put(rule.name(), Effects.of(rule, functions.getOrDefault(descr.getNamespace(),
                            Map.of()), resolver, analysis.types));
                } else {
                    global.put(rule.name(), globalReason != null ? globalReason : notTied);
                    globalTypes.addAll(analysis.types);
                }
            }
        }
        if (!oneSession.isEmpty()) {
            return none(oneSession.get(0) + (oneSession.size() == 1 ? ""
                    : " (and " + (oneSession.size() - 1) + " more: " + String.join("; ", oneSession.subList(1,
                    oneSession.size())) + ")"));
        }
        if (LOG.isDebugEnabled()) {
            global.forEach((rule, why) -> LOG.debug("rule '{}' runs once over the whole evaluation: {}", rule, why));
        }
        return new CaseLocality(Set.copyOf(local), Map.copyOf(global), Set.copyOf(localTypes),
                Set.copyOf(localAbsenceTypes), Set.copyOf(globalTypes), null, localEffects);
    }

    /**
     * Why the standing duties cannot be judged over the period case by case, or {@code null}: a case-local rule may
     * conclude, change or delete what a global rule reads. Over the period the standing duties are judged as if "as
     * of" were each earlier instant, with the global rules alone; a global rule reading what case-local rules
     * conclude would then judge an instant without what they concluded at that instant (a case open then and closed
     * by "as of"), which one session sees. An evaluation that judges a period then runs in one session
     * ({@link Evaluation}); at "as of" such a conclusion sends it there too.
     */
    private static String feedsGlobal(Map<String, Effects> localEffects, Set<Class<?>> globalTypes) {
        for (Map.Entry<String, Effects> entry : localEffects.entrySet()) {
            Effects effects = entry.getValue();
            Set<Class<?>> touched = new LinkedHashSet<>(effects.concluded());
            if (effects.changes()) {
                touched.addAll(effects.reads());
            }
            Class<?> read = effects.anything() ? (globalTypes.isEmpty() ? null : globalTypes.iterator().next())
                    : overlap(touched, globalTypes);
            if (read != null) {
                return "case-local rule '" + entry.getKey() + "' may " + (effects.anything() ? "conclude anything"
                        : "conclude or change " + read.getSimpleName()) + ", which a global rule reads: the "
                        + "standing duties over the period are judged at earlier instants from every conclusion then";
            }
        }
        return null;
    }

    /**
     * The types of facts a global rule may not hand to a case's session, where they are there from the start (in one
     * session they come when the global rule fires): those case-local rules read under {@code not}, {@code forall},
     * {@code collect} or {@code accumulate}, whose firing depends on when a fact came; and, closed over the
     * case-local rules, every type read by a rule that concludes such a type (the conclusion then comes earlier too),
     * or that changes or deletes facts, or that may conclude anything while any type is such.
     */
    private static Set<Class<?>> notHandedTypes(Set<Class<?>> absenceTypes, Map<String, Effects> localEffects) {
        Set<Class<?>> unsafe = new LinkedHashSet<>(absenceTypes);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Effects> entry : localEffects.entrySet()) {
                Effects effects = entry.getValue();
                if (effects.changes() || effects.anything() && !unsafe.isEmpty()
                        || overlap(effects.concluded(), unsafe) != null) {
                    grew |= unsafe.addAll(effects.reads());
                }
            }
        }
        return unsafe;
    }

    /** A type of {@code b} that a fact of a type of {@code a} may be, or the other way round; {@code null} if none. */
    private static Class<?> overlap(Set<Class<?>> a, Set<Class<?>> b) {
        for (Class<?> x : a) {
            for (Class<?> y : b) {
                if (x.isAssignableFrom(y) || y.isAssignableFrom(x)) {
                    return y;
                }
            }
        }
        return null;
    }

    /**
     * What a case-local rule reads (the types of its patterns) and what its consequences do to the session besides
     * reading their match: the types of the facts they insert ({@code anything} when the engine cannot tell one),
     * and whether they update, modify, delete or retract a fact.
     */
    private record Effects(Set<Class<?>> reads, Set<Class<?>> concluded, boolean anything, boolean changes) {

        private static final Set<String> INSERTS = Set.of("insert", "insertLogical", "logicalInsert");
        private static final Set<String> CHANGES = Set.of("update", "modify", "delete", "retract");

        /**
         * @param functions the return type, as written, of each function the rule's package declares, by name
         */
        static Effects of(DrlAnalysis.Rule rule, Map<String, String> functions, Types resolver, Set<Class<?>> reads) {
            Set<Class<?>> concluded = new LinkedHashSet<>();
            boolean anything = false;
            boolean changes = false;
            for (DrlAnalysis.Code code : rule.consequences()) {
                if (code.root() == null) {
                    return new Effects(Set.copyOf(reads), Set.of(), true, true);
                }
                for (Node node : code.root().findAll(Node.class)) {
                    if (node.getClass().getSimpleName().equals("ModifyStatement")) {
                        changes = true; // a modify block, as Drools' parser reads it
                    }
                }
                for (MethodCallExpr call : code.root().findAll(MethodCallExpr.class)) {
                    boolean action = call.getScope().isEmpty() || call.getScope().get() instanceof NameExpr scope
                            && scope.getNameAsString().equals("drools");
                    if (!action) {
                        continue;
                    }
                    String name = call.getNameAsString();
                    changes |= CHANGES.contains(name);
                    if (INSERTS.contains(name)) {
                        Class<?> type = call.getArguments().size() == 1
                                ? typeOf(call.getArguments().get(0), code, functions, resolver) : null;
                        if (type == null || type == Object.class) {
                            anything = true;
                        } else {
                            concluded.add(type);
                        }
                    }
                }
            }
            return new Effects(Set.copyOf(reads), Set.copyOf(concluded), anything, changes);
        }

        /**
         * The static type of an inserted value, when the consequence says it: {@code new T(...)}, a cast, a static
         * method of a class ({@code Assessment.about(...)}, its return type when all its methods of that name agree),
         * a function the DRL declares, or a local variable declared with its type; {@code null} otherwise.
         */
        private static Class<?> typeOf(Expression value, DrlAnalysis.Code code, Map<String, String> functions,
                                       Types resolver) {
            try {
                if (value instanceof EnclosedExpr enclosed) {
                    return typeOf(enclosed.getInner(), code, functions, resolver);
                }
                if (value instanceof ObjectCreationExpr created) {
                    return created.getAnonymousClassBody().isPresent() ? null
                            : resolver.resolve(created.getType().getNameWithScope());
                }
                if (value instanceof CastExpr cast && cast.getType() instanceof ClassOrInterfaceType type) {
                    return resolver.resolve(type.getNameWithScope());
                }
                if (value instanceof MethodCallExpr call && call.getScope().isEmpty()) {
                    String returned = functions.get(call.getNameAsString());
                    return returned == null ? null : resolver.resolve(returned.replaceAll("<.*", "").strip());
                }
                if (value instanceof MethodCallExpr call) {
                    // a static method of a class (Assessment.about(..)), or a method of a value the consequence
                    // types ((new Duty(..)).notBeforeTrigger()): its return type, when all its methods of that
                    // name agree
                    Expression scope = call.getScope().get();
                    Class<?> owner = scope instanceof NameExpr name && !name.getNameAsString().startsWith("$")
                            && local(name, code) == null ? resolver.resolve(name.getNameAsString())
                            : typeOf(scope, code, functions, resolver);
                    return owner == null ? null : returned(owner, call.getNameAsString());
                }
                if (value instanceof NameExpr name) {
                    ClassOrInterfaceType type = local(name, code);
                    return type == null ? null : resolver.resolve(type.getNameWithScope());
                }
            } catch (ClassNotFoundException | RuntimeException e) {
                return null;
            }
            return null;
        }

        /**
         * The declared type of the local variable a name denotes where it is used, found as Java scopes it: declared
         * in a block around the use, before the statement that holds it; {@code null} for a name declared otherwise
         * (a rule's binding, a field of an anonymous class, a lambda's or a loop's variable) or with {@code var}.
         */
        private static ClassOrInterfaceType local(NameExpr name, DrlAnalysis.Code code) {
            Node child = name;
            Node parent = name.getParentNode().orElse(null);
            while (parent != null) {
                if (parent instanceof com.github.javaparser.ast.stmt.BlockStmt block) {
                    for (com.github.javaparser.ast.stmt.Statement statement : block.getStatements()) {
                        if (statement == child) {
                            break;
                        }
                        if (statement instanceof com.github.javaparser.ast.stmt.ExpressionStmt expression
                                && expression.getExpression()
                                instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr declaration) {
                            for (VariableDeclarator variable : declaration.getVariables()) {
                                if (variable.getNameAsString().equals(name.getNameAsString())) {
                                    return variable.getType() instanceof ClassOrInterfaceType type
                                            && !type.getNameAsString().equals("var") ? type : null;
                                }
                            }
                        }
                    }
                } else if (parent instanceof com.github.javaparser.ast.expr.LambdaExpr
                        || parent instanceof com.github.javaparser.ast.body.BodyDeclaration) {
                    return null; // inside a lambda or a class body: not the consequence's own locals
                }
                child = parent;
                parent = parent.getParentNode().orElse(null);
            }
            return null;
        }

        /** The return type of the public methods of that name, when they all have one; else null. */
        private static Class<?> returned(Class<?> owner, String method) {
            Class<?> returned = null;
            for (Method candidate : owner.getMethods()) {
                if (candidate.getName().equals(method)) {
                    if (returned != null && returned != candidate.getReturnType()) {
                        return null;
                    }
                    returned = candidate.getReturnType();
                }
            }
            return returned;
        }
    }

    /** The rule's parents ({@code rule "b" extends "a"}), nearest last; their conditions are the rule's too. */
    private static List<RuleDescr> ancestors(RuleDescr rule, Map<String, RuleDescr> byName) throws OneSession {
        List<RuleDescr> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        RuleDescr current = rule;
        while (current.hasParent()) {
            RuleDescr parent = byName.get(current.getParentName());
            if (parent == null || !seen.add(parent.getName())) {
                throw new OneSession("extends '" + current.getParentName() + "', which the engine cannot find");
            }
            ancestors.add(0, parent);
            current = parent;
        }
        return ancestors;
    }

    /** Why the rule's attributes or annotations make it global, or null; throws when they make it unsplittable. */
    private static String attributes(PackageDescr file, RuleDescr rule) throws OneSession {
        for (AttributeDescr attribute : DrlAnalysis.attributes(file, rule).values()) {
            String name = attribute.getName();
            if (ONE_SESSION_ATTRIBUTES.contains(name)) {
                throw new OneSession("has " + name + " " + attribute.getValue()
                        + ": it fires on a clock, which the engine does not split");
            }
            if (GLOBAL_ATTRIBUTES.containsKey(name)) {
                return GLOBAL_ATTRIBUTES.get(name).replaceFirst(":", " " + quoted(attribute) + ":");
            }
            if (!LOCAL_ATTRIBUTES.contains(name)) {
                return "attribute " + name + ", which the engine does not analyse";
            }
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            if (PROPAGATION_ANNOTATIONS.contains(annotation.getName())) {
                return "@" + annotation.getName() + ": it changes when matches propagate, which the engine does not"
                        + " analyse";
            }
        }
        return null;
    }

    private static String quoted(AttributeDescr attribute) {
        return attribute.getType() == AttributeDescr.Type.STRING ? "\"" + attribute.getValue() + "\""
                : String.valueOf(attribute.getValue());
    }

    /**
     * Checks the consequences against the allowlist: the session is reached only through the actions whose effects
     * the evaluation checks. Returns why the rule must be global, or null; throws when the rule cannot be split.
     */
    private static String consequences(DrlAnalysis.Rule rule) throws OneSession {
        String global = null;
        for (DrlAnalysis.Code code : rule.consequences()) {
            if (!code.readable()) {
                throw new OneSession("has a consequence the engine cannot read as Java (line " + code.line() + ")");
            }
            for (NameExpr name : code.root().findAll(NameExpr.class)) {
                String id = name.getNameAsString();
                if (id.equals("kcontext")) {
                    throw new OneSession("uses kcontext in its consequence (line " + code.lineOf(name)
                            + "), through which it can reach the whole session");
                }
                if (!id.equals("drools")) {
                    continue;
                }
                Node parent = name.getParentNode().orElse(null);
                if (!(parent instanceof MethodCallExpr call) || call.getScope().orElse(null) != name) {
                    throw new OneSession("passes drools on in its consequence (line " + code.lineOf(name)
                            + "), through which it can reach the whole session");
                }
                String method = call.getNameAsString();
                if (method.equals("insertLogical") || method.equals("logicalInsert")) {
                    global = "drools." + method + ": truth maintenance keeps one of equal facts, whatever their cases";
                } else if (!CHECKED_ACTIONS.contains(method)) {
                    throw new OneSession("calls drools." + method + "() in its consequence (line "
                            + code.lineOf(call) + "), which reaches beyond the facts of its match");
                }
            }
            for (MethodCallExpr call : code.root().findAll(MethodCallExpr.class)) {
                if (call.getScope().isEmpty() && call.getNameAsString().equals("insertLogical")) {
                    global = "insertLogical: truth maintenance keeps one of equal facts, whatever their cases";
                }
            }
        }
        return global;
    }

    private static CaseLocality none(String reason) {
        return new CaseLocality(Set.of(), Map.of(), Set.of(), Set.of(), Set.of(), reason, Map.of());
    }

    /** Why a rule is global ({@code null} for a case-local rule, or when no rule runs by case). */
    public String whyGlobal(String rule) {
        return globalReasons.get(rule);
    }

    /**
     * Why an evaluation that judges the standing duties over a period cannot run case by case (a case-local rule may
     * conclude or change what a global rule reads), or {@code null}.
     */
    public String feedsGlobal() {
        return feedsGlobal;
    }

    /** Why the rules cannot run by case at all, or {@code null} when they can. */
    public String unpartitionable() {
        return unpartitionable;
    }

    public boolean isLocal(String rule) {
        return localRules.contains(rule);
    }

    /** Whether a case-local rule has a pattern that can match a fact of this type (the law in force, say). */
    public boolean readByLocalRules(Class<?> type) {
        return seenBy.get(type)[0];
    }

    /** Whether a case-local rule has a pattern that can match the fact. */
    public boolean seenByLocalRules(Object fact) {
        return seenBy.get(fact.getClass())[0];
    }

    /**
     * Whether a case-local rule can match the fact under {@code not}, {@code forall}, {@code collect} or
     * {@code accumulate}, or conclude from it (or change facts, having read it) what one does: a rule that may fire
     * before the fact exists and differently after, so that whether it fired depends on when the fact came.
     */
    public boolean readInAbsenceByLocalRules(Object fact) {
        return seenBy.get(fact.getClass())[2];
    }

    /** Whether a global rule has a pattern that can match the fact: such events go to the global session too. */
    public boolean seenByGlobalRules(Object fact) {
        return seenBy.get(fact.getClass())[1];
    }

    private static boolean matchesAny(Set<Class<?>> types, Class<?> factType) {
        for (Class<?> type : types) {
            if (type.isAssignableFrom(factType)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the fact's class has a case. */
    public static boolean hasCase(Object fact) {
        return CASE_ACCESSOR.get(fact.getClass()) != null;
    }

    /** The fact's case, or {@code null} when it has none or its class has no case. */
    public static String caseOf(Object fact) {
        Function<Object, String> accessor = CASE_ACCESSOR.get(fact.getClass());
        return accessor == null ? null : accessor.apply(fact);
    }

    private static Method caseAccessor(Class<?> type) {
        for (String name : new String[] {"caseId", "getCaseId"}) {
            try {
                Method method = type.getMethod(name);
                if (method.getReturnType() == String.class && !Modifier.isStatic(method.getModifiers())) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    /** Whether a pattern over this type can only match facts without a case. */
    private static boolean isContextType(Class<?> type) {
        return caseAccessor(type) == null && !type.isInterface()
                && (Modifier.isFinal(type.getModifiers()) || type.isRecord() || type.isEnum() || type.isPrimitive());
    }

    /** Resolves the type names of one DRL file as Drools does: qualified, imported, declared, java.lang. */
    private record Types(PackageDescr descr, ClassLoader loader) {

        Class<?> resolve(String name) throws ClassNotFoundException {
            List<String> candidates = new ArrayList<>();
            if (name.contains(".")) {
                candidates.add(name);
            }
            for (ImportDescr imported : descr.getImports()) {
                String target = imported.getTarget();
                if (target.endsWith("." + name)) {
                    candidates.add(target);
                } else if (target.endsWith(".*")) {
                    candidates.add(target.substring(0, target.length() - 1) + name);
                }
            }
            candidates.add(descr.getNamespace() + "." + name);
            candidates.add("java.lang." + name);
            for (String candidate : candidates) {
                try {
                    return Class.forName(candidate, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // not this one
                }
            }
            throw new ClassNotFoundException(name);
        }
    }

    /** One rule's patterns over case types, and the caseId equalities between them. */
    private static final class Analysis {

        private final DrlAnalysis file;
        private final Types resolver;
        private final Set<String> queries;
        private final List<Integer> parent = new ArrayList<>();
        private final List<Boolean> anchor = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        /**
         * The variables bound to a caseId, and to a pattern, in each scope the walk is in, outermost first: a
         * variable bound inside {@code not}, {@code exists}, {@code forall}, a branch of {@code or}, or the input of
         * {@code collect} or {@code accumulate} is seen only there. Drools binds a name used in two such scopes (the
         * two branches of an {@code or}) to two facts, so the two patterns are not tied by it.
         */
        private final List<Map<String, Integer>> caseScopes = new ArrayList<>(List.of(new HashMap<>()));
        private final List<Map<String, Integer>> patternScopes = new ArrayList<>(List.of(new HashMap<>()));
        private final Set<Class<?>> types = new LinkedHashSet<>();
        /** The types of patterns under {@code not}, {@code forall}, {@code collect} or {@code accumulate}. */
        private final Set<Class<?>> absenceTypes = new LinkedHashSet<>();
        /** How deep the walk is inside such conditions. */
        private int absent;
        private String untied;

        Analysis(DrlAnalysis file, Types resolver, Set<String> queries) {
            this.file = file;
            this.resolver = resolver;
            this.queries = queries;
        }

        void walk(BaseDescr descr, boolean topLevel) throws ClassNotFoundException, OneSession {
            if (descr instanceof PatternDescr pattern) {
                pattern(pattern, topLevel);
            } else if (descr instanceof AndDescr and) {
                for (BaseDescr child : and.getDescrs()) {
                    walk(child, topLevel);
                }
            } else if (descr instanceof OrDescr or) {
                // each branch is a rule of its own to Drools: its bindings are its own, and it anchors nothing
                for (BaseDescr child : or.getDescrs()) {
                    enter();
                    walk(child, false);
                    leave();
                }
            } else if (descr instanceof NotDescr || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
                // their patterns must be tied like any other, but none of them anchors
                boolean absence = descr instanceof NotDescr || descr instanceof ForallDescr;
                absent += absence ? 1 : 0;
                enter();
                for (Object child : ((ConditionalElementDescr) descr).getDescrs()) {
                    walk((BaseDescr) child, false);
                }
                leave();
                absent -= absence ? 1 : 0;
            } else if (!(descr instanceof EvalDescr || descr instanceof NamedConsequenceDescr
                    || descr instanceof ConditionalBranchDescr)) {
                throw new OneSession("uses " + (descr == null ? "an empty condition" : describe(descr))
                        + ", which the engine does not analyse");
            }
        }

        private static String describe(BaseDescr descr) {
            String name = descr.getClass().getSimpleName().replace("Descr", "");
            String text = descr.getText();
            return (text == null || text.isBlank() ? name : name + " '" + text.strip() + "'")
                    + (descr.getLine() > 0 ? " (line " + descr.getLine() + ")" : "");
        }

        private void pattern(PatternDescr pattern, boolean topLevel) throws ClassNotFoundException, OneSession {
            String at = " (line " + pattern.getLine() + ")";
            if (pattern.isQuery() || queries.contains(pattern.getObjectType())) {
                throw new OneSession("calls query " + pattern.getObjectType() + at
                        + ", which reads the whole working memory");
            }
            if (!pattern.getBehaviors().isEmpty()) {
                throw new OneSession("reads " + pattern.getObjectType() + " over window:"
                        + pattern.getBehaviors().get(0).getSubType() + at
                        + ", whose contents depend on every fact of the session");
            }
            BaseDescr source = pattern.getSource();
            if (source instanceof CollectDescr collect) {
                absent++;
                enter();
                walk(collect.getInputPattern(), false);
                leave();
                absent--;
                return;
            }
            if (source instanceof AccumulateDescr accumulate) {
                absent++;
                enter();
                walk(accumulate.getInput(), false);
                leave();
                absent--;
                return;
            }
            if (source instanceof FromDescr) {
                return; // matches what an expression returns, not facts
            }
            if (source instanceof EntryPointDescr entryPoint) {
                throw new OneSession("reads from entry-point \"" + entryPoint.getEntryId() + "\"" + at
                        + ", which the engine does not analyse");
            }
            if (source != null) {
                throw new OneSession("reads " + pattern.getObjectType() + " from " + describe(source)
                        + ", which the engine does not analyse");
            }
            if (pattern.getObjectType() == null) {
                throw new OneSession("has a pattern without a type" + at + ", which the engine does not analyse");
            }
            Class<?> type = resolver.resolve(pattern.getObjectType());
            types.add(type);
            if (absent > 0) {
                absenceTypes.add(type);
            }
            if (isContextType(type)) {
                return;
            }
            int node = parent.size();
            parent.add(node);
            anchor.add(topLevel && !pattern.isUnification());
            names.add(pattern.getObjectType());
            if (pattern.getIdentifier() != null) {
                patternScopes.get(patternScopes.size() - 1).put(pattern.getIdentifier(), node);
            }
            if (caseAccessor(type) == null) {
                // Object, an interface: it can match facts of any case and cannot be tied to one
                untied = "its pattern over " + pattern.getObjectType() + " can match facts of any case";
                return;
            }
            List<Object[]> joins = new ArrayList<>();
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                DrlAnalysis.Code code = file.constraint(constraint);
                if (code == null || !code.readable()) {
                    continue; // a constraint the engine cannot read ties nothing
                }
                if (constraint instanceof BindingDescr binding) {
                    if (isCaseId(code.root())) {
                        bind(binding.getVariable(), node);
                    }
                } else if (constraint instanceof ExprConstraintDescr) {
                    constraint(code.root(), node, joins);
                }
            }
            // Each join names a variable seen where the pattern is: bound before it, or in it, in this scope or one
            // around it. A name bound only in another scope (a sibling branch of an or) is another variable.
            for (Object[] join : joins) {
                Integer other = visible((Boolean) join[2] ? patternScopes : caseScopes, (String) join[1]);
                if (other != null) {
                    union((Integer) join[0], other);
                }
            }
        }

        private void enter() {
            caseScopes.add(new HashMap<>());
            patternScopes.add(new HashMap<>());
        }

        private void leave() {
            caseScopes.remove(caseScopes.size() - 1);
            patternScopes.remove(patternScopes.size() - 1);
        }

        /** The node a variable names in the scopes the walk is in, innermost first; {@code null} if none. */
        private static Integer visible(List<Map<String, Integer>> scopes, String variable) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                Integer node = scopes.get(i).get(variable);
                if (node != null) {
                    return node;
                }
            }
            return null;
        }

        /**
         * Reads one constraint: {@code $c : caseId}, {@code caseId == $c}, {@code caseId == $p.caseId}, or a
         * conjunction; a pattern's caseId equal to a variable goes to {@code joins}: {node, variable, whether it
         * names a pattern (not a caseId)}.
         */
        private void constraint(Node root, int node, List<Object[]> joins) {
            if (root instanceof DrlxExpression drlx) {
                if (drlx.getBind() != null && isCaseId(drlx.getExpr())) {
                    bind(drlx.getBind().getIdentifier(), node);
                }
                return;
            }
            if (root instanceof EnclosedExpr enclosed) {
                constraint(enclosed.getInner(), node, joins);
            } else if (root instanceof BinaryExpr binary) {
                if (binary.getOperator() == BinaryExpr.Operator.AND) {
                    constraint(binary.getLeft(), node, joins);
                    constraint(binary.getRight(), node, joins);
                } else if (binary.getOperator() == BinaryExpr.Operator.EQUALS) {
                    if (isCaseId(binary.getLeft())) {
                        join(binary.getRight(), node, joins);
                    } else if (isCaseId(binary.getRight())) {
                        join(binary.getLeft(), node, joins);
                    }
                }
            }
        }

        /** {@code $c : caseId}: the same variable seen again ({@code :=}, Drools' unification) ties the two. */
        private void bind(String variable, int node) {
            Integer other = visible(caseScopes, variable);
            if (other != null) {
                union(node, other);
            } else {
                caseScopes.get(caseScopes.size() - 1).put(variable, node);
            }
        }

        /** {@code caseId == $c} (a bound caseId) or {@code caseId == $p.caseId} / {@code $p.caseId()} (a pattern's). */
        private static void join(Expression other, int node, List<Object[]> joins) {
            if (other instanceof NameExpr variable) {
                joins.add(new Object[] {node, variable.getNameAsString(), false});
            } else if (other instanceof FieldAccessExpr field && field.getScope() instanceof NameExpr variable
                    && field.getNameAsString().equals("caseId")) {
                joins.add(new Object[] {node, variable.getNameAsString(), true});
            } else if (other instanceof MethodCallExpr call && call.getArguments().isEmpty()
                    && call.getScope().orElse(null) instanceof NameExpr variable
                    && (call.getNameAsString().equals("caseId") || call.getNameAsString().equals("getCaseId"))) {
                joins.add(new Object[] {node, variable.getNameAsString(), true});
            }
        }

        private static boolean isCaseId(Node expression) {
            return expression instanceof NameExpr name && name.getNameAsString().equals("caseId");
        }

        /** Why the rule is not case-local, or {@code null} when it is. */
        String whyNotLocal() {
            if (untied != null) {
                return untied;
            }
            if (parent.isEmpty()) {
                return "it has no pattern over an event or a conclusion: it is about the platform";
            }
            int root = find(0);
            boolean anchored = false;
            for (int node = 0; node < parent.size(); node++) {
                if (find(node) != root) {
                    return "its patterns over " + names.get(0) + " and " + names.get(node)
                            + " are not tied to one case by caseId";
                }
                anchored |= anchor.get(node);
            }
            return anchored ? null : "no positive pattern outside not, exists, forall and or holds its case";
        }

        private int find(int node) {
            while (parent.get(node) != node) {
                node = parent.get(node);
            }
            return node;
        }

        private void union(int a, int b) {
            parent.set(find(a), find(b));
        }
    }
}
