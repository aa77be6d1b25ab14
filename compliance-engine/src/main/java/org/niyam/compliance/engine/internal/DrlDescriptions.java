package org.niyam.compliance.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/** Reading the parsed DRL: the conditions of a rule, with their lines. Not API. */
public final class DrlDescriptions {

    private DrlDescriptions() {
    }

    /**
     * The Java code in the rule's conditions and attributes, each with its DRL line: constraints, {@code eval},
     * {@code from} expressions, inline accumulate code and the arguments of accumulate functions, {@code salience}
     * and {@code enabled}. Statements (accumulate code) are marked as such; the rest are expressions.
     *
     * @param code      the Java text
     * @param line      the DRL line it is on
     * @param statement whether it is statements rather than an expression
     */
    public record Code(String code, int line, boolean statement) {
    }

    /** {@link Code} of the rule, in DRL order. */
    public static List<Code> code(RuleDescr rule) {
        List<Code> all = new ArrayList<>();
        for (String attribute : List.of("salience", "enabled")) {
            org.drools.drl.ast.descr.AttributeDescr descr = rule.getAttributes().get(attribute);
            if (descr != null && descr.getValue() != null) {
                all.add(new Code(descr.getValue(), descr.getLine() > 0 ? descr.getLine() : rule.getLine(), false));
            }
        }
        int patternLine = rule.getLine();
        for (BaseDescr condition : conditions(rule)) {
            if (condition instanceof PatternDescr pattern && pattern.getLine() > 0) {
                patternLine = pattern.getLine(); // a pattern's source (from, accumulate) carries no line of its own
            }
            int line = condition.getLine() > 0 ? condition.getLine() : patternLine;
            if (condition instanceof ExprConstraintDescr constraint) {
                all.add(new Code(constraint.getExpression(), line, false));
            } else if (condition instanceof org.drools.drl.ast.descr.EvalDescr eval && eval.getContent() != null) {
                all.add(new Code(eval.getContent().toString(), line, false));
            } else if (condition instanceof FromDescr from) {
                all.add(new Code(from.getExpression(), line, false));
            } else if (condition instanceof AccumulateDescr accumulate) {
                for (String code : new String[] {accumulate.getInitCode(), accumulate.getActionCode(),
                        accumulate.getReverseCode(), accumulate.getResultCode()}) {
                    if (code != null) {
                        all.add(new Code(code, line, !code.equals(accumulate.getResultCode())));
                    }
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
                    for (String parameter : function.getParams()) {
                        all.add(new Code(parameter, line, false));
                    }
                }
            }
        }
        return all;
    }

    /** Every condition element, pattern, constraint and pattern source of the rule's left-hand side. */
    static List<BaseDescr> conditions(RuleDescr rule) {
        List<BaseDescr> all = new ArrayList<>();
        walk(rule.getLhs(), all);
        return all;
    }

    private static void walk(BaseDescr descr, List<BaseDescr> all) {
        if (descr == null) {
            return;
        }
        all.add(descr);
        if (descr instanceof PatternDescr pattern) {
            pattern.getDescrs().forEach(d -> walk(d, all));
            walk(pattern.getSource(), all);
        } else if (descr instanceof AccumulateDescr accumulate) {
            accumulate.getDescrs().forEach(d -> walk(d, all));
        } else if (descr instanceof FromDescr) {
            return;
        } else if (descr instanceof ConditionalElementDescr element) {
            for (Object child : element.getDescrs()) {
                if (child instanceof BaseDescr d) {
                    walk(d, all);
                }
            }
        }
    }

    /**
     * The line of the first pattern over the type, for the executable model's "Unable to find class: Complaint",
     * which carries no line; 0 when no pattern names it.
     */
    static int lineOfPattern(PackageDescr descr, String type) {
        for (RuleDescr rule : descr.getRules()) {
            for (BaseDescr condition : conditions(rule)) {
                if (condition instanceof PatternDescr pattern && type.equals(pattern.getObjectType())) {
                    return pattern.getLine() > 0 ? pattern.getLine() : rule.getLine();
                }
            }
        }
        return 0;
    }

    /** Imports of single classes that the class loader does not have and the DRL does not declare. */
    static List<org.niyam.compliance.engine.Problem> unknownImports(String origin, PackageDescr descr,
                                                                    java.util.Set<String> declared, ClassLoader loader) {
        List<org.niyam.compliance.engine.Problem> problems = new ArrayList<>();
        for (org.drools.drl.ast.descr.ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget().strip();
            if (target.endsWith(".*") || target.endsWith("*") || declared.contains(target) || exists(target, loader)) {
                continue;
            }
            problems.add(new org.niyam.compliance.engine.Problem(origin, imported.getLine(), "import '" + target
                    + "': there is no such class. Check its spelling, or add the jar that holds it"));
        }
        return problems;
    }

    private static boolean exists(String name, ClassLoader loader) {
        String candidate = name;
        while (true) {
            try {
                Class.forName(candidate, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return false;
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1); // a nested class
                if (candidate.indexOf('.') < 0) {
                    return false;
                }
            }
        }
    }

    /**
     * The line of the constraint or {@code from} expression a compiler message quotes, for the executable model's
     * messages that carry no line ("Unable to parse left part of expression: colour == "red""); 0 when none is.
     */
    static int lineOfExpression(PackageDescr descr, String message) {
        for (RuleDescr rule : descr.getRules()) {
            for (BaseDescr condition : conditions(rule)) {
                String expression = condition instanceof ExprConstraintDescr constraint ? constraint.getExpression()
                        : condition instanceof FromDescr from ? from.getExpression() : null;
                if (expression != null && !expression.isBlank() && message.contains(expression.strip())) {
                    return condition.getLine() > 0 ? condition.getLine() : rule.getLine();
                }
            }
        }
        return 0;
    }
}
