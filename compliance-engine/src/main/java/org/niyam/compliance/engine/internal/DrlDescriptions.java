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
