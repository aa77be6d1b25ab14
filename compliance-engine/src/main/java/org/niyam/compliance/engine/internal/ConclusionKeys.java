package org.niyam.compliance.engine.internal;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import org.niyam.compliance.pack.RulePack;

/**
 * The duty keys and finding codes each pack's DRL writes as string literals where it makes a conclusion
 * ({@code new Duty("key", ...)}, {@code Duty.keepUntil}, {@code Duty.periodic}, {@code new Assessment("key", ...)},
 * {@code Assessment.about(trigger, "key", ...)}, {@code new Finding("code", ...)}): the keys the pack owns. A
 * restricted pack's rule may not conclude about a key or code that another pack writes (see
 * {@code Evaluation.Session.guardInsert}). Read from the syntax trees of the rules' consequences and of the functions
 * ({@link DrlAnalysis}), or from the analysis stored with the packs' build-time model
 * ({@link StoredAnalysis#conclusions}), which this code computed from the same trees: a literal in a comment, in a
 * condition or in another call is not a key, and a key built at run time is not found here; the kernel then refuses
 * the crossing where the conclusions meet ({@code Evaluation.report}). Not API.
 */
final class ConclusionKeys {

    /** The package of the model types whose creation concludes. */
    private static final String MODEL = "org.niyam.compliance.model.";
    private static final String DUTY = "Duty";
    private static final String ASSESSMENT = "Assessment";
    private static final String FINDING = "Finding";

    private final Map<String, List<RulePack>> keys;
    private final Map<String, List<RulePack>> codes;

    private ConclusionKeys(Map<String, List<RulePack>> keys, Map<String, List<RulePack>> codes) {
        this.keys = keys;
        this.codes = codes;
    }

    /**
     * The keys and codes of every pack of the rule base: from its stored analysis when it has one (no DRL was parsed
     * for it), else from the analysis of every DRL file made when it was built.
     */
    static ConclusionKeys of(RuleBase ruleBase) {
        StoredAnalysis stored = ruleBase.storedAnalysis();
        List<StoredAnalysis.Conclusions> files = stored != null ? stored.conclusions()
                : ruleBase.descriptions().stream().map(ConclusionKeys::scan).toList();
        return of(ruleBase.packs(), files);
    }

    /** The keys and codes of the packs, from the conclusions of their DRL files (named by origin). */
    static ConclusionKeys of(List<RulePack> packs, List<StoredAnalysis.Conclusions> files) {
        Map<String, RulePack> packOf = new HashMap<>();
        for (RulePack pack : packs) {
            for (RulePack.DrlSource source : pack.sources()) {
                packOf.putIfAbsent(source.origin(), pack);
            }
        }
        Map<String, List<RulePack>> keys = new HashMap<>();
        Map<String, List<RulePack>> codes = new HashMap<>();
        for (StoredAnalysis.Conclusions file : files) {
            RulePack pack = packOf.get(file.origin());
            if (pack == null) {
                throw new IllegalArgumentException("DRL file " + file.origin() + " is not a file of packs "
                        + packs.stream().map(RulePack::id).toList());
            }
            file.keys().forEach(key -> owned(key, pack, keys));
            file.codes().forEach(code -> owned(code, pack, codes));
        }
        return new ConclusionKeys(keys, codes);
    }

    private static void owned(String literal, RulePack pack, Map<String, List<RulePack>> into) {
        List<RulePack> owners = into.computeIfAbsent(literal, k -> new ArrayList<>(1));
        if (!owners.contains(pack)) {
            owners.add(pack);
        }
    }

    /**
     * The keys and codes one parsed DRL file writes in its rules' consequences and its functions, each sorted: the
     * first argument of {@code new Duty}, {@code Duty.keepUntil}, {@code Duty.periodic} and {@code new Assessment},
     * the second of {@code Assessment.about}, the first of {@code new Finding}, when it is a string literal. A type
     * named simply is the model's unless the file imports or declares another type of that name.
     */
    static StoredAnalysis.Conclusions scan(DrlAnalysis file) {
        Set<String> keys = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        if (file.parsed()) {
            Set<String> shadowed = shadowed(file.descr());
            List<DrlAnalysis.Code> code = new ArrayList<>(file.functions().values());
            file.rules().forEach(rule -> code.addAll(rule.consequences()));
            for (DrlAnalysis.Code piece : code) {
                if (!piece.readable()) {
                    continue;
                }
                for (ObjectCreationExpr creation : piece.root().findAll(ObjectCreationExpr.class)) {
                    String type = model(creation.getType().getNameWithScope(), shadowed);
                    String literal = literal(creation.getArguments(), 0);
                    if (literal == null || type == null) {
                        continue;
                    }
                    if (type.equals(DUTY) || type.equals(ASSESSMENT)) {
                        keys.add(literal);
                    } else if (type.equals(FINDING)) {
                        codes.add(literal);
                    }
                }
                for (MethodCallExpr call : piece.root().findAll(MethodCallExpr.class)) {
                    String type = call.getScope().map(scope -> model(name(scope), shadowed)).orElse(null);
                    String method = call.getNameAsString();
                    String literal = null;
                    if (DUTY.equals(type) && (method.equals("keepUntil") || method.equals("periodic"))) {
                        literal = literal(call.getArguments(), 0);
                    } else if (ASSESSMENT.equals(type) && method.equals("about")) {
                        literal = literal(call.getArguments(), 1);
                    }
                    if (literal != null) {
                        keys.add(literal);
                    }
                }
            }
        }
        return new StoredAnalysis.Conclusions(file.origin(), List.copyOf(keys), List.copyOf(codes));
    }

    /** The simple names of the model's types that name another type in this file: imported or declared. */
    private static Set<String> shadowed(PackageDescr descr) {
        Set<String> shadowed = new HashSet<>();
        for (ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget().strip();
            int dot = target.lastIndexOf('.');
            String simple = target.substring(dot + 1);
            if (!target.endsWith("*") && !target.equals(MODEL + simple)) {
                shadowed.add(simple);
            }
        }
        descr.getClassAndEnumDeclarationDescrs().forEach(type -> shadowed.add(type.getTypeName()));
        return shadowed;
    }

    /** The model type ({@code Duty}, {@code Assessment}, {@code Finding}) a type name names here, or {@code null}. */
    private static String model(String name, Set<String> shadowed) {
        if (name == null) {
            return null;
        }
        String simple = name.startsWith(MODEL) ? name.substring(MODEL.length())
                : name.contains(".") || shadowed.contains(name) ? null : name;
        return DUTY.equals(simple) || ASSESSMENT.equals(simple) || FINDING.equals(simple) ? simple : null;
    }

    /** The dotted name an expression is ({@code Duty}, {@code org.niyam.compliance.model.Duty}), or {@code null}. */
    private static String name(Expression expression) {
        if (expression instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (expression instanceof FieldAccessExpr field) {
            String scope = name(field.getScope());
            return scope == null ? null : scope + "." + field.getNameAsString();
        }
        return null;
    }

    /** The value of the argument at {@code index} when it is a string literal, else {@code null}. */
    private static String literal(List<Expression> arguments, int index) {
        if (arguments.size() <= index) {
            return null;
        }
        Expression argument = arguments.get(index);
        while (argument instanceof EnclosedExpr enclosed) {
            argument = enclosed.getInner();
        }
        return argument instanceof StringLiteralExpr literal ? literal.asString() : null;
    }

    /** Another pack than {@code pack} whose DRL writes this duty key, or {@code null}. */
    RulePack otherOwnerOfKey(String key, RulePack pack) {
        return other(keys.getOrDefault(key, Collections.emptyList()), pack);
    }

    /**
     * Another pack than {@code pack} whose DRL writes the key of this obligation id ({@code key@trigger}, or a key
     * alone), or {@code null}; with the key found, in {@code found[0]}.
     */
    RulePack otherOwnerOfObligation(String obligationId, RulePack pack, String[] found) {
        RulePack other = otherOwnerOfKey(obligationId, pack);
        if (other != null) {
            found[0] = obligationId;
            return other;
        }
        for (int at = obligationId.indexOf('@'); at >= 0; at = obligationId.indexOf('@', at + 1)) {
            String key = obligationId.substring(0, at);
            other = otherOwnerOfKey(key, pack);
            if (other != null) {
                found[0] = key;
                return other;
            }
        }
        return null;
    }

    /** Another pack than {@code pack} whose DRL writes this finding code, or {@code null}. */
    RulePack otherOwnerOfCode(String code, RulePack pack) {
        return other(codes.getOrDefault(code, Collections.emptyList()), pack);
    }

    private static RulePack other(List<RulePack> owners, RulePack pack) {
        for (RulePack owner : owners) {
            if (owner != pack) {
                return owner;
            }
        }
        return null;
    }
}
