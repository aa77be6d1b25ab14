package org.niyam.compliance.engine.internal;

import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.niyam.compliance.io.internal.Suggestions;
import org.niyam.compliance.pack.Parameter;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;

/**
 * Finds the parameters a pack's DRL names by a literal, and checks each against the parameters all packs define,
 * so that a misspelt clock fails the engine build with its file and line instead of failing an evaluation later.
 * Not API.
 *
 * <p>Two kinds of use are found: the clock of a duty (the third argument of {@code new Duty(...)} or
 * {@code Duty.keepUntil(...)} or {@code Duty.periodic(...)}), and a read of {@code LawInForce} ({@code number}, {@code flag}, {@code duration},
 * {@code text} and their {@code ...At} forms, called on a variable, or bare inside a {@code LawInForce(...)}
 * pattern). They are found in the syntax trees of {@link DrlAnalysis}, so comments, strings and names that merely
 * look alike are not references. A name built at run time cannot be checked and is skipped. Three things are
 * reported:
 * <ul>
 *   <li>a name no pack defines;</li>
 *   <li>a parameter read as the wrong type (a clock that is not a duration, {@code number(...)} of a flag);</li>
 *   <li>a read of a parameter that has no value on some date the rule's pack is in force (from its first
 *       version on), or no value at all (a setting without default that the engine was not given), unless the
 *       rule asks {@code definedAt} for it. Clocks are not checked for dates: a duty whose clock has no value
 *       when it starts is reported not applicable or indeterminate, which is the intended answer.</li>
 * </ul>
 */
public final class ParameterReferences {

    /** How a rule uses a parameter, and so which type the parameter must have. */
    public enum Use {
        CLOCK(Parameter.Type.DURATION),
        NUMBER(Parameter.Type.NUMBER),
        FLAG(Parameter.Type.FLAG),
        DURATION(Parameter.Type.DURATION),
        TEXT(Parameter.Type.TEXT);

        private final Parameter.Type type;

        Use(Parameter.Type type) {
            this.type = type;
        }
    }

    /**
     * One literal parameter name in a DRL file.
     *
     * @param parameter the name
     * @param use       how it is used
     * @param call      the call as written, e.g. {@code flagAt("it-rules.in-force", ...)}, for messages
     * @param origin    the DRL file
     * @param line      1-based line of the name
     * @param rule      the rule it is in, or {@code null} (a function, or outside any rule)
     * @param guarded   whether the same rule asks {@code definedAt} for the same name
     */
    public record Reference(String parameter, Use use, String call, String origin, int line, String rule,
                            boolean guarded) {
    }

    private static final Set<String> READERS = Set.of("number", "flag", "duration", "text",
            "numberAt", "flagAt", "durationAt", "textAt");

    private ParameterReferences() {
    }

    /**
     * Checks every pack's references against the parameters of all packs (with any settings applied).
     *
     * @param files each pack with its DRL files, parsed
     * @return one problem per bad reference, in pack and file order
     */
    public static List<Problem> check(Map<RulePack, List<DrlAnalysis>> files, Map<String, Parameter> parameters) {
        Map<RulePack, List<Reference>> references = new LinkedHashMap<>();
        files.forEach((pack, analyses) -> references.put(pack,
                analyses.stream().flatMap(analysis -> scan(analysis).stream()).toList()));
        return checkReferences(references, parameters);
    }

    /**
     * Checks every pack's references, found before (by {@link #scan}, stored with a pack's build-time model), against
     * the parameters of all packs (with any settings applied).
     */
    public static List<Problem> checkReferences(Map<RulePack, List<Reference>> references,
                                                Map<String, Parameter> parameters) {
        List<Problem> problems = new ArrayList<>();
        references.forEach((pack, found) -> {
            OffsetDateTime packStart = pack.versions().isEmpty() ? null : pack.versions().get(0).from();
            for (Reference reference : found) {
                Problem problem = check(reference, parameters, pack, packStart);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        });
        return problems;
    }
    private static Problem check(Reference ref, Map<String, Parameter> parameters, RulePack pack,
                                 OffsetDateTime packStart) {
        String where = ref.rule() == null ? "" : " in rule '" + ref.rule() + "'";
        Parameter parameter = parameters.get(ref.parameter());
        if (parameter == null) {
            String suggestion = Suggestions.closest(ref.parameter(), parameters.keySet());
            return new Problem(ref.origin(), ref.line(), "parameter '" + ref.parameter() + "' is not defined by any "
                    + "pack (used as " + describe(ref) + where + "): "
                    + (suggestion == null ? "" : "did you mean '" + suggestion + "'? Otherwise ")
                    + "define it under 'parameters:' in the pack.yaml of your pack, or load the pack that defines it");
        }
        if (parameter.type() != ref.use().type) {
            String fix = ref.use() == Use.CLOCK
                    ? "a duty's clock must be a parameter of type duration"
                    : "read it with " + reader(parameter.type()) + (ref.call().contains("At(") ? "At" : "") + "(...)";
            return new Problem(ref.origin(), ref.line(), "parameter '" + ref.parameter() + "' is a "
                    + reader(parameter.type()) + ", but it is used as " + describe(ref) + where + ": " + fix);
        }
        if (ref.use() == Use.CLOCK || ref.guarded()) {
            return null;
        }
        if (parameter.values().isEmpty()) {
            return new Problem(ref.origin(), ref.line(), "parameter '" + ref.parameter() + "' has no value: it is a "
                    + "setting without default and this engine was not given one, so " + describe(ref) + where
                    + " fails whenever it is evaluated. Give it with ComplianceEngine.Builder.setting(\""
                    + ref.parameter() + "\", ...), or guard the rule with definedAt(\"" + ref.parameter() + "\", ...)");
        }
        OffsetDateTime firstValue = parameter.values().get(0).from();
        if (packStart != null && firstValue.isAfter(packStart)) {
            return new Problem(ref.origin(), ref.line(), "parameter '" + ref.parameter() + "' has no value before "
                    + firstValue + ", but pack '" + pack.id() + "' is in force from " + packStart + ", so "
                    + describe(ref) + where + " fails for instants in between. Give the parameter a value from "
                    + packStart + " (a flag can start false), or guard the rule with definedAt(\"" + ref.parameter()
                    + "\", ...)");
        }
        return null;
    }

    /** The literal parameter names in one DRL file. */
    public static List<Reference> scan(RulePack.DrlSource source) {
        return scan(DrlAnalysis.of(source));
    }

    /** The literal parameter names in one parsed DRL file, in line order. */
    public static List<Reference> scan(DrlAnalysis analysis) {
        List<Reference> references = new ArrayList<>();
        for (DrlAnalysis.Code function : analysis.functions().values()) {
            scan(function, analysis.origin(), null, Set.of(), false, references);
        }
        for (DrlAnalysis.Rule rule : analysis.rules()) {
            Set<DrlAnalysis.Code> lawPatterns = Collections.newSetFromMap(new IdentityHashMap<>());
            lawConstraints(rule.descr().getLhs(), analysis, lawPatterns);
            List<DrlAnalysis.Code> codes = new ArrayList<>(rule.conditions());
            codes.addAll(rule.consequences());
            Set<String> guarded = new HashSet<>();
            for (DrlAnalysis.Code code : codes) {
                if (code.readable()) {
                    for (MethodCallExpr call : code.root().findAll(MethodCallExpr.class)) {
                        String name = literalArgument(call, 0);
                        if (call.getNameAsString().equals("definedAt") && name != null) {
                            guarded.add(name);
                        }
                    }
                }
            }
            for (DrlAnalysis.Code code : codes) {
                scan(code, analysis.origin(), rule.name(), guarded, lawPatterns.contains(code), references);
            }
        }
        references.sort(Comparator.comparingInt(Reference::line));
        return references;
    }

    /** The references in one piece of code; bare reads count only inside a {@code LawInForce(...)} pattern. */
    private static void scan(DrlAnalysis.Code code, String origin, String rule, Set<String> guarded,
                             boolean inLawPattern, List<Reference> references) {
        if (!code.readable()) {
            return;
        }
        for (Node node : code.root().findAll(Node.class)) {
            if (node instanceof ObjectCreationExpr creation && creation.getType().getNameAsString().equals("Duty")) {
                clock(creation.getArguments(), code, origin, rule, references);
            } else if (node instanceof MethodCallExpr call) {
                String method = call.getNameAsString();
                if ((method.equals("keepUntil") || method.equals("periodic")) && call.getScope().isPresent()
                        && isDuty(call.getScope().get())) {
                    clock(call.getArguments(), code, origin, rule, references);
                } else if (READERS.contains(method) && literalArgument(call, 0) != null
                        && (call.getScope().isPresent() || inLawPattern)) {
                    StringLiteralExpr literal = (StringLiteralExpr) unwrap(call.getArgument(0));
                    String name = literal.getValue();
                    boolean at = method.endsWith("At");
                    String reader = at ? method.substring(0, method.length() - 2) : method;
                    String text = reader + (at ? "At" : "") + "(\"" + name + "\"" + (at ? ", ...)" : ")");
                    references.add(new Reference(name, Use.valueOf(reader.toUpperCase(Locale.ROOT)), text, origin,
                            code.lineOf(literal), rule, guarded.contains(name)));
                }
            }
        }
    }

    /** The clock of a duty: the third argument, when it is a literal. */
    private static void clock(List<Expression> arguments, DrlAnalysis.Code code, String origin, String rule,
                              List<Reference> references) {
        if (arguments.size() >= 3 && unwrap(arguments.get(2)) instanceof StringLiteralExpr literal) {
            references.add(new Reference(literal.getValue(), Use.CLOCK, "\"" + literal.getValue() + "\"", origin,
                    code.lineOf(literal), rule, false));
        }
    }

    private static boolean isDuty(Expression scope) {
        return scope instanceof NameExpr name && name.getNameAsString().equals("Duty")
                || scope instanceof FieldAccessExpr field && field.getNameAsString().equals("Duty");
    }

    private static Expression unwrap(Expression expression) {
        Expression inner = expression;
        while (inner instanceof EnclosedExpr enclosed) {
            inner = enclosed.getInner();
        }
        return inner;
    }

    private static String literalArgument(MethodCallExpr call, int index) {
        return call.getArguments().size() > index && unwrap(call.getArgument(index)) instanceof StringLiteralExpr literal
                ? literal.getValue() : null;
    }

    /** The code of every constraint of a {@code LawInForce(...)} pattern in the conditions. */
    private static void lawConstraints(BaseDescr element, DrlAnalysis analysis, Set<DrlAnalysis.Code> out) {
        if (element instanceof PatternDescr pattern) {
            String type = pattern.getObjectType();
            if (type != null && (type.equals("LawInForce") || type.endsWith(".LawInForce"))) {
                for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                    DrlAnalysis.Code code = analysis.constraint(constraint);
                    if (code != null) {
                        out.add(code);
                    }
                }
            }
            if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                lawConstraints(accumulate.getInput(), analysis, out);
            } else if (pattern.getSource() instanceof CollectDescr collect) {
                lawConstraints(collect.getInputPattern(), analysis, out);
            }
        } else if (element instanceof ConditionalElementDescr group) {
            for (Object child : group.getDescrs()) {
                lawConstraints((BaseDescr) child, analysis, out);
            }
        }
    }

    private static String describe(Reference ref) {
        return ref.use() == Use.CLOCK ? "the clock of a Duty" : "LawInForce." + ref.call();
    }

    private static String reader(Parameter.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
