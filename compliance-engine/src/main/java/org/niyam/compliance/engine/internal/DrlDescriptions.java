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
final class DrlDescriptions {

    private DrlDescriptions() {
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
