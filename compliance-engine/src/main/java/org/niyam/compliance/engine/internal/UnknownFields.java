package org.niyam.compliance.engine.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.niyam.compliance.io.internal.Suggestions;
import org.niyam.compliance.pack.Problem;

/**
 * Rewords the DRL compilers' errors for a constraint on a field the fact type does not have, "Unable to parse left
 * part of expression: categroy == ..." (executable model) or MVEL's "unable to resolve method using strict-mode:
 * ...ComplaintReceived.categroy()", as what its author needs: "no field 'categroy' in ComplaintReceived; did you
 * mean 'category'?". Any other problem is returned as it is. Not API.
 */
final class UnknownFields {

    /** MVEL's words for a property the class does not have. */
    private static final Pattern MVEL = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.([\\w$]+)\\(\\)");

    /** The executable model's words for a constraint whose left side it cannot read. */
    private static final String LEFT_PART = "Unable to parse left part of expression: ";

    /** The property a constraint starts with: {@code categroy} in {@code categroy == X}, not a method call. */
    private static final Pattern FIRST_NAME = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)(?![\\w$]|\\s*\\()");

    private UnknownFields() {
    }

    /** The problem reworded when it is a constraint on a field the fact type lacks; else the problem itself. */
    static Problem explain(Problem problem, PackageDescr descr, ClassLoader loader) {
        String message = problem.message();
        Matcher mvel = MVEL.matcher(message);
        if (mvel.find()) {
            Class<?> type = load(mvel.group(1), loader);
            String reworded = type == null ? null : unknown(mvel.group(2), type);
            return reworded == null ? problem : new Problem(problem.source(), problem.line(), reworded);
        }
        if (descr != null && message.startsWith(LEFT_PART)) {
            String expression = message.substring(LEFT_PART.length()).strip();
            Matcher first = FIRST_NAME.matcher(expression);
            PatternDescr pattern = patternOf(descr, expression);
            Class<?> type = pattern == null ? null : resolve(pattern.getObjectType(), descr, loader);
            String reworded = type == null || !first.lookingAt() ? null : unknown(first.group(1), type);
            return reworded == null ? problem : new Problem(problem.source(), problem.line(), reworded);
        }
        return problem;
    }

    /** "no field 'x' in Type; did you mean 'y'?", or null when the type has that field. */
    private static String unknown(String name, Class<?> type) {
        Set<String> fields = fields(type);
        if (fields.isEmpty() || fields.contains(name) || name.equals("this")) {
            return null;
        }
        String suggestion = Suggestions.closest(name, fields);
        return "no field '" + name + "' in " + type.getSimpleName()
                + (suggestion != null ? "; did you mean '" + suggestion + "'?"
                : "; its fields are " + Suggestions.inWords(fields));
    }

    /** A record's components; else the bean properties its public getters give. */
    static Set<String> fields(Class<?> type) {
        Set<String> fields = new LinkedHashSet<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                fields.add(component.getName());
            }
            return fields;
        }
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() != 0 || method.getReturnType() == void.class
                    || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            String property = name.startsWith("get") && name.length() > 3 ? name.substring(3)
                    : name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class
                    ? name.substring(2) : null;
            if (property != null) {
                fields.add(property.substring(0, 1).toLowerCase(Locale.ROOT) + property.substring(1));
            }
        }
        return fields;
    }

    /** The pattern one of whose constraints is the expression, or null. */
    private static PatternDescr patternOf(PackageDescr descr, String expression) {
        for (RuleDescr rule : descr.getRules()) {
            List<PatternDescr> patterns = new ArrayList<>();
            patterns(rule.getLhs(), patterns);
            for (PatternDescr pattern : patterns) {
                for (BaseDescr constraint : pattern.getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expr && expr.getExpression() != null
                            && expr.getExpression().strip().equals(expression)) {
                        return pattern;
                    }
                }
            }
        }
        return null;
    }

    private static void patterns(BaseDescr descr, List<PatternDescr> all) {
        if (descr instanceof PatternDescr pattern) {
            all.add(pattern);
            if (pattern.getSource() != null) {
                patterns(pattern.getSource(), all);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            for (Object child : element.getDescrs()) {
                if (child instanceof BaseDescr d) {
                    patterns(d, all);
                }
            }
        } else if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate) {
            accumulate.getDescrs().forEach(d -> patterns(d, all));
        }
    }

    /** The class a pattern's type names, through the DRL's imports and package; null when none loads. */
    private static Class<?> resolve(String type, PackageDescr descr, ClassLoader loader) {
        if (type == null || type.isBlank()) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (type.contains(".")) {
            candidates.add(type);
        }
        for (ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget().strip();
            if (target.endsWith("." + type)) {
                candidates.add(target);
            } else if (target.endsWith(".*")) {
                candidates.add(target.substring(0, target.length() - 1) + type);
            }
        }
        if (descr.getNamespace() != null && !descr.getNamespace().isEmpty()) {
            candidates.add(descr.getNamespace() + "." + type);
        }
        for (String candidate : candidates) {
            Class<?> found = load(candidate, loader);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
