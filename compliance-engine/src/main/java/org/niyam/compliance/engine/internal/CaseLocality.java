package org.niyam.compliance.engine.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.core.impl.InternalRuleBase;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Which rules look at one case at a time, proved from their conditions, so that an evaluation can run each group
 * of cases in its own session. Not API; see {@code docs/performance.md}.
 *
 * <p>A <em>case type</em> is a class with a {@code caseId()} (or {@code getCaseId()}) accessor: every event and
 * every conclusion. A <em>context type</em> is a final class or record without one: the platform's profile, its
 * officers, the law in force, the evidence period. Any other type (an interface or open class without a case, such
 * as {@code Object}) might match case facts of any case, so it counts as a case type that cannot be tied to one.
 *
 * <p>A rule is <b>case-local</b> when every pattern over a case type, including those inside {@code not},
 * {@code exists}, {@code forall}, {@code collect} and {@code accumulate}, is tied to one positive top-level pattern
 * by {@code caseId} equalities: {@code $c : caseId} in one pattern and {@code caseId == $c} or
 * {@code caseId == $p.caseId} in another. Every match of such a rule holds facts of a single case and context
 * facts, so it finds the same matches in a session holding that case and the context as in one holding everything.
 * Every other rule is <b>global</b>: it runs once, over the context and every event of the types it names. Which
 * conclusions may then cross from one session to another is checked as the rules run (see {@link Partitioned}).
 */
public final class CaseLocality {

    private static final Pattern BINDING = Pattern.compile("^(\\$[\\w$]+)\\s*:\\s*caseId$");
    private static final Pattern JOIN = Pattern.compile(
            "^caseId\\s*==\\s*(\\$[\\w$]+)(\\.caseId(\\(\\))?)?$|^(\\$[\\w$]+)(\\.caseId(\\(\\))?)?\\s*==\\s*caseId$");

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
    private final Set<Class<?>> localTypes;
    private final Set<Class<?>> globalTypes;
    private final String unpartitionable;
    /** For each class of fact: whether case-local rules, and global rules, have a pattern that matches it. */
    private final ClassValue<boolean[]> seenBy = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
            return new boolean[] {matchesAny(localTypes, type), matchesAny(globalTypes, type)};
        }
    };

    private CaseLocality(Set<String> localRules, Set<Class<?>> localTypes, Set<Class<?>> globalTypes,
                         String unpartitionable) {
        this.localRules = localRules;
        this.localTypes = localTypes;
        this.globalTypes = globalTypes;
        this.unpartitionable = unpartitionable;
    }

    /** Classifies every rule of the DRL files, compiled into {@code kieBase}. */
    public static CaseLocality of(List<PackageDescr> files, KieBase kieBase) {
        Set<String> local = new LinkedHashSet<>();
        Set<Class<?>> localTypes = new LinkedHashSet<>();
        Set<Class<?>> globalTypes = new LinkedHashSet<>();
        Set<String> analysed = new HashSet<>();
        for (PackageDescr descr : files) {
            Types resolver = new Types(descr, ((InternalRuleBase) kieBase).getRootClassLoader());
            for (RuleDescr rule : descr.getRules()) {
                Analysis analysis = new Analysis(resolver);
                try {
                    analysis.walk(rule.getLhs(), true);
                } catch (ClassNotFoundException e) {
                    return none("rule '" + rule.getName() + "' names type " + e.getMessage()
                            + ", which cannot be resolved to a class");
                } catch (UnsupportedOperationException e) {
                    return none("rule '" + rule.getName() + "' " + e.getMessage());
                }
                analysed.add(rule.getName());
                if (analysis.isLocal()) {
                    local.add(rule.getName());
                    localTypes.addAll(analysis.types);
                } else {
                    globalTypes.addAll(analysis.types);
                }
            }
        }
        for (KiePackage compiled : kieBase.getKiePackages()) {
            for (Rule rule : compiled.getRules()) {
                if (!analysed.contains(rule.getName())) {
                    return none("rule '" + rule.getName() + "' is not in the DRL the engine read");
                }
            }
        }
        return new CaseLocality(Set.copyOf(local), Set.copyOf(localTypes), Set.copyOf(globalTypes), null);
    }

    private static CaseLocality none(String reason) {
        return new CaseLocality(Set.of(), Set.of(), Set.of(), reason);
    }

    /** Why the rules cannot run by case at all, or {@code null} when they can. */
    public String unpartitionable() {
        return unpartitionable;
    }

    public boolean isLocal(String rule) {
        return localRules.contains(rule);
    }

    /** Whether a case-local rule has a pattern that can match the fact. */
    public boolean seenByLocalRules(Object fact) {
        return seenBy.get(fact.getClass())[0];
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

        private final Types resolver;
        private final List<Integer> parent = new ArrayList<>();
        private final List<Boolean> anchor = new ArrayList<>();
        private final Map<String, Integer> caseVariables = new HashMap<>();
        private final Map<String, Integer> patternVariables = new HashMap<>();
        private final List<String[]> joins = new ArrayList<>();
        private final Set<Class<?>> types = new LinkedHashSet<>();
        private boolean untied;

        Analysis(Types resolver) {
            this.resolver = resolver;
        }

        void walk(BaseDescr descr, boolean topLevel) throws ClassNotFoundException {
            if (descr instanceof PatternDescr pattern) {
                pattern(pattern, topLevel);
            } else if (descr instanceof AndDescr and) {
                for (BaseDescr child : and.getDescrs()) {
                    walk(child, topLevel);
                }
            } else if (descr instanceof ConditionalElementDescr element) {
                // not, exists, or, forall: their patterns must be tied like any other, but none of them anchors
                for (Object child : element.getDescrs()) {
                    walk((BaseDescr) child, false);
                }
            } else if (!(descr instanceof EvalDescr) && descr != null
                    && !descr.getClass().getSimpleName().equals("NamedConsequenceDescr")
                    && !descr.getClass().getSimpleName().equals("ConditionalBranchDescr")) {
                throw new UnsupportedOperationException("uses " + descr.getClass().getSimpleName()
                        + ", which the engine does not analyse");
            }
        }

        private void pattern(PatternDescr pattern, boolean topLevel) throws ClassNotFoundException {
            if (pattern.isQuery()) {
                throw new UnsupportedOperationException("calls query " + pattern.getObjectType()
                        + ", which reads the whole working memory");
            }
            if (pattern.getSource() instanceof CollectDescr collect) {
                walk(collect.getInputPattern(), false);
                return;
            }
            if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                walk(accumulate.getInput(), false);
                return;
            }
            if (pattern.getSource() instanceof FromDescr) {
                return; // matches what an expression returns, not facts
            }
            if (pattern.getSource() != null) {
                throw new UnsupportedOperationException("reads " + pattern.getSource().getText()
                        + ", which the engine does not analyse");
            }
            Class<?> type = resolver.resolve(pattern.getObjectType());
            types.add(type);
            if (isContextType(type)) {
                return;
            }
            int node = parent.size();
            parent.add(node);
            anchor.add(topLevel && !pattern.isUnification());
            if (pattern.getIdentifier() != null) {
                patternVariables.put(pattern.getIdentifier(), node);
            }
            boolean canHaveCase = caseAccessor(type) != null;
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                String text = constraintText(constraint);
                if (text == null || !canHaveCase) {
                    continue;
                }
                Matcher binding = BINDING.matcher(text);
                if (binding.matches()) {
                    Integer other = caseVariables.putIfAbsent(binding.group(1), node);
                    if (other != null) {
                        union(node, other);
                    }
                    continue;
                }
                Matcher join = JOIN.matcher(text);
                if (join.matches()) {
                    String variable = join.group(1) != null ? join.group(1) : join.group(4);
                    boolean ofPattern = join.group(1) != null ? join.group(2) != null : join.group(5) != null;
                    joins.add(new String[] {String.valueOf(node), variable, String.valueOf(ofPattern)});
                }
            }
            if (!canHaveCase) {
                untied = true; // Object, an interface: it can match facts of any case and cannot be tied to one
            }
        }

        private static String constraintText(BaseDescr constraint) {
            if (constraint instanceof ExprConstraintDescr expression) {
                return expression.getExpression().strip().replaceAll("\\s+", " ");
            }
            if (constraint instanceof BindingDescr binding) {
                return binding.getVariable() + " : " + binding.getExpression();
            }
            return null;
        }

        boolean isLocal() {
            if (untied || parent.isEmpty()) {
                return false; // no pattern over a case type: the rule is about the platform
            }
            for (String[] join : joins) {
                Integer other = Boolean.parseBoolean(join[2])
                        ? patternVariables.get(join[1]) : caseVariables.get(join[1]);
                if (other == null) {
                    return false;
                }
                union(Integer.parseInt(join[0]), other);
            }
            int root = find(0);
            boolean anchored = false;
            for (int node = 0; node < parent.size(); node++) {
                if (find(node) != root) {
                    return false;
                }
                anchored |= anchor.get(node);
            }
            return anchored;
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
