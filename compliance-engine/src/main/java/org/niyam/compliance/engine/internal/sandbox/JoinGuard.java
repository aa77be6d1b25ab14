package org.niyam.compliance.engine.internal.sandbox;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Counts the joins of a restricted pack's rules as Drools makes them, so that a rule joining every fact with every
 * other stops where the count passes its limit, not after its product has filled the memory. Drools builds a rule's
 * joins node by node, each node's whole output before the next node and before any match is made: the three patterns
 * {@code ComplaintReceived() ComplaintReceived() ComplaintReceived()} make the cube of the complaints before a match
 * limit could see one (64 million at 400 complaints), and the same joins inside an {@code accumulate}, a
 * {@code collect}, a {@code not}, an {@code exists} or a {@code forall} make no match at all. No pack code runs for
 * such a join and Drools offers no hook in it; what it does call for every pair it joins is each constraint.
 *
 * <p>So a restricted pack's rules are compiled from a syntax tree given one more pattern and one more constraint
 * ({@link #guard}): each rule starts with this guard, one object in every session ({@link #BINDING}), and every other
 * pattern of the rule, also inside a subnetwork, starts with the constraint {@code $niyam_join_guard.admits(this)}, but
 * a pattern {@code from} an expression, whose objects {@link #each} counts as Drools takes them. Referring to a pattern
 * before it, the constraint is one Drools evaluates for each pair a node tests, before the pattern's other constraints
 * on earlier patterns, so that a pair they refuse is counted too (a join refusing every pair otherwise made no tuple
 * and ran for minutes); and after the lookup of the node's index, since Drools indexes an equality with an earlier
 * pattern ({@code caseId == $c}) wherever it stands among the constraints, so that a join by case still tests only the
 * case's facts. It is false for the guard itself, which a pattern of {@code Object} would otherwise see. Past
 * {@link #limit} calls ({@link #PER_FACT} a fact of the evaluation, or twice its firing limit) it throws
 * {@link JoinLimitReached}, and so does every call after it, so a pack that somehow caught it could not go on. The
 * count is of the same work whatever the machine: the same evidence stops at the same call. Not API: public only
 * because the classes compiled from a restricted pack call it.
 */
public final class JoinGuard {

    /** The guard's binding in every rule of a restricted pack: a name the pack itself may not use. */
    public static final String BINDING = "$niyam_join_guard";

    /**
     * The joins a session may make per fact of its evaluation, unless twice the firing limit is more: twice the
     * default firing limit, so that a lower firing limit, set to stop loops early, does not stop a pack whose rules
     * join several patterns by case (each firing then comes after several joins).
     */
    public static final long PER_FACT = 2_000;

    private final long limit;
    private long made;

    /**
     * @param limit the joins the session may make
     */
    public JoinGuard(long limit) {
        this.limit = limit;
    }

    /**
     * A pair with {@code fact} is about to be tested: counts it.
     *
     * @param fact the fact the pattern matched
     * @return whether the pattern may match the fact: anything but this guard
     * @throws JoinLimitReached past the limit
     */
    public boolean admits(Object fact) {
        count(null);
        return fact != this;
    }

    /**
     * What a {@code from} gives each tuple, each object counted as Drools takes it, before Drools makes it a fact and
     * tests the pattern's constraints on it: {@code from EXPR} is compiled as {@code from $niyam_join_guard.each(EXPR,
     * "rule")}. Drools takes the elements of an array of objects, of an {@code Iterator} and of an {@code Iterable}
     * (in that order of tests), one by one, and any other result as one object, {@code null} as none: this returns a
     * view of the first three that counts each element as it is taken, in the same order, and the result itself
     * otherwise, counted once unless {@code null}; an array of numbers or characters, whose elements Drools' DRL
     * compiler of trusted packs takes (the executable model would take it as one object), as a view of its elements,
     * boxed, so that a restricted pack's {@code from} gives what the trusted build's gives. A map and a string are one
     * object each, as they were.
     *
     * @param result the {@code from} expression's value
     * @param rule   the rule of the {@code from}, named where the limit is passed (Drools takes the elements itself,
     *               outside the rule's code)
     * @return what Drools is to take the objects from, the same objects
     * @throws JoinLimitReached past the limit
     */
    public Object each(Object result, String rule) {
        if (result instanceof Object[] array) {
            return new Counted(Arrays.asList(array), rule);
        }
        if (result instanceof Iterator<?> iterator) {
            return new CountedIterator(iterator, rule);
        }
        if (result instanceof Iterable<?> iterable) {
            return new Counted(iterable, rule);
        }
        if (result != null && result.getClass().isArray()) {
            // An array of numbers or characters: Drools' DRL compiler, which compiles trusted packs, takes its
            // elements, boxed, where the executable model would take the array as one object. Its elements, as taken.
            return new Counted(() -> new Iterator<Object>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < java.lang.reflect.Array.getLength(result);
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return java.lang.reflect.Array.get(result, next++);
                }
            }, rule);
        }
        if (result != null) {
            count(rule);
        }
        return result;
    }

    private void count(String rule) {
        if (++made > limit) {
            throw new JoinLimitReached(limit, rule);
        }
    }

    /** {@return the joins counted so far} */
    public long made() {
        return made;
    }

    /** {@return the joins the session may make} */
    public long limit() {
        return limit;
    }

    /** {@return whether the session made more joins than its limit} */
    public boolean passed() {
        return made > limit;
    }

    /**
     * Adds the guard to every rule of a restricted DRL file's syntax tree: the guard's pattern first (but in a rule
     * that extends another of the same file set, which inherits it), and its constraint first in every other pattern,
     * but the result pattern of an {@code accumulate} or {@code collect} (one per tuple it is given), whose inputs
     * have it, and a pattern {@code from} an expression, whose expression is passed through {@link #each} instead.
     * Queries are refused in restricted packs and left as they are.
     *
     * @param descr     the file's tree, changed in place
     * @param extending whether a rule of that name is one the guard is added to too (a rule extending it inherits it)
     * @return {@code descr}
     */
    public static PackageDescr guard(PackageDescr descr, java.util.function.Predicate<String> extending) {
        for (RuleDescr rule : descr.getRules()) {
            if (rule.isQuery()) {
                continue;
            }
            rule.getLhs().getDescrs().forEach(condition -> guardPatterns(condition, rule.getName()));
            String parent = rule.getParentName();
            if (parent == null || !extending.test(parent)) {
                PatternDescr guard = new PatternDescr(JoinGuard.class.getName(), BINDING);
                guard.setLocation(rule.getLhs().getLine(), rule.getLhs().getColumn());
                @SuppressWarnings("unchecked")
                List<BaseDescr> first = (List<BaseDescr>) rule.getLhs().getDescrs();
                first.add(0, guard);
            }
        }
        return descr;
    }

    private static void guardPatterns(BaseDescr descr, String rule) {
        walk(descr, visited -> {
            if (visited instanceof PatternDescr pattern && pattern.getSource() instanceof FromDescr from
                    && from.getDataSource() instanceof MVELExprDescr expression) {
                // Each object the from gives is counted as Drools takes it (each), before the pattern's constraints
                // on the object alone, which Drools tests before any on earlier patterns; not again as a pair.
                MVELExprDescr counted = new MVELExprDescr(BINDING + ".each(" + expression.getExpression() + ", "
                        + literal(rule) + ")");
                counted.setLocation(expression.getLine(), expression.getColumn());
                counted.setEndLocation(expression.getEndLine(), expression.getEndColumn());
                counted.setResource(expression.getResource());
                from.setDataSource(counted);
            } else if (visited instanceof PatternDescr pattern && !(pattern.getSource() instanceof AccumulateDescr)
                    && !(pattern.getSource() instanceof CollectDescr)) {
                ExprConstraintDescr constraint = new ExprConstraintDescr(BINDING + ".admits(this)");
                constraint.setLocation(pattern.getLine(), pattern.getColumn());
                if (pattern.getConstraint() instanceof AndDescr constraints) {
                    constraints.insertDescr(0, constraint);
                } else {
                    pattern.addConstraint(constraint);
                }
            }
        });
    }

    private static final java.util.regex.Pattern EACH = java.util.regex.Pattern.compile(
            "(?:_this|\\" + BINDING + ")\\.each\\((.*), \"(?:[^\"\\\\]|\\\\.)*\"\\)");

    /**
     * A compiler's message with each {@code from} expression as the pack wrote it, without the {@link #each} that
     * {@link #guard} wrapped it in (the executable model names the guard {@code _this}).
     *
     * @param message the compiler's message
     * @return the message, each wrapped expression unwrapped
     */
    public static String unguarded(String message) {
        return EACH.matcher(message).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(match.group(1)));
    }

    /** {@code text} as a Java string literal (octal escapes, which no parser reads before the literal). */
    private static String literal(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20) {
                literal.append(String.format("\\%03o", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    /**
     * The line of the first {@code forall} of one pattern of {@code Object} in a rule, or 0: Drools makes such a
     * forall's base pattern from the type alone, without the pattern's constraints, so that it would match the guard,
     * which every other pattern is kept from (a restricted pack is refused it, and told to write two patterns).
     */
    public static int loneForallOfObject(RuleDescr rule) {
        int[] line = {0};
        rule.getLhs().getDescrs().forEach(descr -> walk(descr, visited -> {
            if (line[0] == 0 && visited instanceof ForallDescr forall && forall.getDescrs().size() == 1
                    && forall.getDescrs().get(0) instanceof PatternDescr only
                    && List.of("Object", "java.lang.Object").contains(only.getObjectType())) {
                line[0] = Math.max(only.getLine(), 1);
            }
        }));
        return line[0];
    }

    /**
     * Visits a condition and every condition within it: the parts of {@code and}, {@code or}, {@code not},
     * {@code exists} and {@code forall}, and the inputs of a pattern's {@code accumulate} or {@code collect}.
     */
    private static void walk(BaseDescr descr, java.util.function.Consumer<BaseDescr> visit) {
        if (descr == null) {
            return;
        }
        visit.accept(descr);
        if (descr instanceof PatternDescr pattern) {
            if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                walk(accumulate.getInput(), visit);
            } else if (pattern.getSource() instanceof CollectDescr collect) {
                walk(collect.getInputPattern(), visit);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> walk(child, visit));
        }
    }

    /** An {@code Iterable} whose elements are counted as they are taken. */
    private final class Counted implements Iterable<Object> {

        private final Iterable<?> elements;
        private final String rule;

        Counted(Iterable<?> elements, String rule) {
            this.elements = elements;
            this.rule = rule;
        }

        @Override
        public Iterator<Object> iterator() {
            return new CountedIterator(elements.iterator(), rule);
        }
    }

    /** An {@code Iterator} whose elements are counted as they are taken. */
    private final class CountedIterator implements Iterator<Object> {

        private final Iterator<?> elements;
        private final String rule;

        CountedIterator(Iterator<?> elements, String rule) {
            this.elements = elements;
            this.rule = rule;
        }

        @Override
        public boolean hasNext() {
            return elements.hasNext();
        }

        @Override
        public Object next() {
            count(rule);
            return elements.next();
        }
    }

    /**
     * A session's joins passed their limit: thrown by the constraint where the join is made, to stop the network there.
     * Not API.
     */
    public static final class JoinLimitReached extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String rule;

        JoinLimitReached(long limit, String rule) {
            super("the rules' joins passed their limit of " + limit); // its stack names the rule, or rule does
            this.rule = rule;
        }

        /**
         * {@return the rule whose {@code from} gave the object past the limit, which Drools took outside the rule's
         * code, or {@code null}: then the classes on the stack name the rule}
         */
        public String rule() {
            return rule;
        }

        /** {@return the limit reached, found among {@code thrown} and its causes, or {@code null}} */
        public static JoinLimitReached in(Throwable thrown) {
            return Causes.find(thrown, JoinLimitReached.class);
        }
    }
}
