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
import org.niyam.compliance.pack.Problem;
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
        return of(ruleBase.packs(), ruleBase.descriptions(), ruleBase.storedAnalysis());
    }

    /**
     * The keys and codes of the packs: from {@code stored} when not {@code null}, else from {@code parsed}, the
     * analysis of every DRL file of the packs (of a build that failed too: its files that did not parse have none).
     */
    static ConclusionKeys of(List<RulePack> packs, List<DrlAnalysis> parsed, StoredAnalysis stored) {
        List<StoredAnalysis.Conclusions> files = stored != null ? stored.conclusions()
                : parsed.stream().map(file -> scan(file, parsed, ConclusionKeys.class.getClassLoader())).toList();
        return of(packs, files);
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
     * the second of {@code Assessment.about}, the first of {@code new Finding}, when it is a string literal. Names
     * are resolved as Java resolves them ({@link Names}), with the file alone and the engine's class loader.
     */
    static StoredAnalysis.Conclusions scan(DrlAnalysis file) {
        return scan(file, List.of(file), ConclusionKeys.class.getClassLoader());
    }

    /**
     * {@link #scan(DrlAnalysis)}, with the imports and declared types of every file of {@code files} in the same DRL
     * package as {@code file}, which Drools compiles together, and with {@code loader} to find the types of a
     * package.
     */
    static StoredAnalysis.Conclusions scan(DrlAnalysis file, List<DrlAnalysis> files, ClassLoader loader) {
        Set<String> keys = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        if (file.parsed()) {
            List<DrlAnalysis.Code> code = new ArrayList<>(file.functions().values());
            file.rules().forEach(rule -> code.addAll(rule.consequences()));
            collect(code, new Names(file, files, loader), keys, codes);
        }
        return new StoredAnalysis.Conclusions(file.origin(), List.copyOf(keys), List.copyOf(codes));
    }

    /** The keys and codes the code writes, into {@code keys} and {@code codes}. */
    private static void collect(List<DrlAnalysis.Code> code, Names names, Set<String> keys, Set<String> codes) {
        for (DrlAnalysis.Code piece : code) {
            if (!piece.readable()) {
                continue;
            }
            for (ObjectCreationExpr creation : piece.root().findAll(ObjectCreationExpr.class)) {
                String type = names.model(creation.getType().getNameWithScope());
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
                String method = call.getNameAsString();
                String type = names.declaringType(call, method);
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

    /**
     * The names a file's code sees, resolved as Java resolves a simple type name (JLS 6.4.1, 7.5): a type the DRL
     * declares, then a single-type import, then a type of the file's own package, then an import on demand (the
     * model's package, or another that has a type of that name); and a method called without a scope, through a
     * static import ({@code import static} or DRL's {@code import function}), single or on demand. The imports and
     * declared types are those of every file of the package, which Drools compiles together; where two of them could
     * make a name the model's or another type, it is taken for the model's: a literal counted as a key where it is not
     * one only refuses another pack's use of it, one missed would leave a key unowned.
     */
    private static final class Names {

        private static final String MODEL_PACKAGE = MODEL.substring(0, MODEL.length() - 1);

        private final String pkg;
        private final Set<String> declared = new HashSet<>();
        private final Map<String, Set<String>> single = new HashMap<>();
        private final Set<String> onDemand = new HashSet<>();
        private final Set<String> staticSingle = new HashSet<>();
        private final Set<String> staticOnDemand = new HashSet<>();
        private final ClassLoader loader;
        private final Map<String, Boolean> exists = new HashMap<>();

        Names(DrlAnalysis file, List<DrlAnalysis> files, ClassLoader loader) {
            this.loader = loader;
            PackageDescr own = file.descr();
            pkg = own.getNamespace() == null ? "" : own.getNamespace().strip();
            List<PackageDescr> together = new ArrayList<>();
            together.add(own);
            for (DrlAnalysis other : files) {
                if (other != file && other.parsed() && pkg.equals(other.descr().getNamespace() == null ? ""
                        : other.descr().getNamespace().strip())) {
                    together.add(other.descr());
                }
            }
            for (PackageDescr descr : together) {
                for (ImportDescr imported : descr.getImports()) {
                    String target = imported.getTarget().strip();
                    if (target.endsWith(".*")) {
                        onDemand.add(target.substring(0, target.length() - 2));
                    } else {
                        single.computeIfAbsent(target.substring(target.lastIndexOf('.') + 1), k -> new HashSet<>())
                                .add(target);
                    }
                }
                for (ImportDescr imported : descr.getFunctionImports()) {
                    String target = imported.getTarget().strip();
                    if (target.endsWith(".*")) {
                        staticOnDemand.add(target.substring(0, target.length() - 2));
                    } else {
                        staticSingle.add(target);
                    }
                }
                descr.getClassAndEnumDeclarationDescrs().forEach(type -> declared.add(type.getTypeName()));
            }
        }

        /** The model type ({@code Duty}, {@code Assessment}, {@code Finding}) a type name names, or {@code null}. */
        String model(String name) {
            if (name == null) {
                return null;
            }
            if (name.contains(".")) {
                String simple = name.startsWith(MODEL) ? name.substring(MODEL.length()) : null;
                return modelName(simple) ? simple : null;
            }
            if (!modelName(name) || declared.contains(name) && !single.containsKey(name)) {
                return null;
            }
            Set<String> imported = single.get(name);
            if (imported != null) {
                return imported.contains(MODEL + name) ? name : null;
            }
            if (pkg.equals(MODEL_PACKAGE) || onDemand.contains(MODEL_PACKAGE)) {
                return name;
            }
            if (exists(pkg.isEmpty() ? name : pkg + "." + name)) {
                return null;
            }
            for (String other : onDemand) {
                if (exists(other + "." + name)) {
                    return null;
                }
            }
            // No type of that name is in sight, so the file does not compile; counted all the same.
            return name;
        }

        /**
         * The model type whose static method a call calls: through a static import when the call has no scope;
         * the type its scope names; and, when its scope is not a type's name (a variable or an expression, whose
         * type only the compiler knows: Java calls a static method through an instance too), the model type that
         * has a method of that name, unless the scope names another type.
         */
        String declaringType(MethodCallExpr call, String method) {
            String owner = method.equals("about") ? ASSESSMENT : method.equals("keepUntil") || method.equals("periodic")
                    ? DUTY : null;
            if (owner == null) {
                return null;
            }
            if (call.getScope().isEmpty()) {
                return staticSingle.contains(MODEL + owner + "." + method) || staticOnDemand.contains(MODEL + owner)
                        ? owner : null;
            }
            String scope = name(call.getScope().get());
            if (scope == null) {
                return owner;
            }
            String type = model(scope);
            if (type != null) {
                return type;
            }
            return namesAType(scope) ? null : owner;
        }

        /** Whether a dotted name names a type here (and so not a variable). */
        private boolean namesAType(String name) {
            if (name.contains(".")) {
                return exists(name);
            }
            if (declared.contains(name) || single.containsKey(name) || exists("java.lang." + name)
                    || exists(pkg.isEmpty() ? name : pkg + "." + name)) {
                return true;
            }
            for (String other : onDemand) {
                if (exists(other + "." + name)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean modelName(String simple) {
            return DUTY.equals(simple) || ASSESSMENT.equals(simple) || FINDING.equals(simple);
        }

        /** Whether the class exists, a nested class named with dots too; it is not initialised. */
        private boolean exists(String name) {
            return exists.computeIfAbsent(name, n -> DrlAnalysis.exists(n, loader));
        }
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

    /** Where a pack concludes a key: a rule, or a function its rules call. */
    private record Site(String what, String origin, int line) {

        @Override
        public String toString() {
            return what + ", " + origin + (line > 0 ? ":" + line : "");
        }
    }

    /**
     * A warning for each duty key that the DRL of more than one pack concludes (a {@code Duty} or an
     * {@code Assessment} of it), naming the packs, the rules of each that conclude it with their files and lines,
     * and when it fails: an obligation is the key and its trigger event, so two packs' duties of one key meet only on
     * one trigger event, where an evaluation of trusted packs fails unless they conclude the same; a restricted pack
     * may conclude only keys of its own, so its rule is refused the first time it concludes such a key. Rules of one
     * pack concluding one key are the usual way to open one duty on several triggers, and are not warned of. Then a
     * warning for each finding code that the DRL of more than one pack reports ({@code new Finding("code", ...)}), the
     * same way: a restricted pack's rule is refused the first time it reports another pack's code; trusted packs'
     * findings of one code stand side by side in a report. {@code parsed} is the analysis of the DRL files the build
     * parsed ({@link RuleBase#descriptions}); only the files of the packs concerned are parsed for their rules when it
     * lacks them (the rule base read a stored analysis).
     */
    static List<Problem> shared(List<DrlAnalysis> parsed, ConclusionKeys conclusions) {
        List<Problem> warnings = new ArrayList<>();
        Map<String, DrlAnalysis> files = new HashMap<>();
        parsed.forEach(file -> files.put(file.origin(), file));
        for (boolean codes : new boolean[] {false, true}) {
            Map<String, List<RulePack>> owned = codes ? conclusions.codes : conclusions.keys;
            List<String> shared = owned.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).sorted().toList();
            for (String literal : shared) {
                warnings.add(shared(literal, owned.get(literal), codes, files));
            }
        }
        return warnings;
    }

    private static Problem shared(String literal, List<RulePack> owners, boolean code,
                                  Map<String, DrlAnalysis> parsed) {
        List<String> described = new ArrayList<>();
        Site last = null;
        for (RulePack pack : owners) {
            List<Site> sites = sites(pack, literal, code, parsed);
            last = sites.isEmpty() ? new Site("its DRL", pack.origin(), 0) : sites.get(0);
            described.add("pack '" + pack.id() + "' (" + (sites.isEmpty() ? last.toString()
                    : String.join("; ", sites.stream().map(Site::toString).toList())) + ")");
        }
        List<String> restricted = owners.stream().filter(RulePack::restricted).map(p -> "'" + p.id() + "'")
                .toList();
        String rulesOf = (restricted.size() == 1 ? "pack " : "packs ") + String.join(" or ", restricted);
        String when;
        if (code) {
            when = restricted.isEmpty()
                    ? "a report then holds findings of that code from both packs, told apart only by their citations"
                    : "a restricted pack may report only findings of its own codes, so an evaluation fails "
                    + "(RuleExecutionException) the first time a rule of " + rulesOf + " above reports it";
        } else {
            when = restricted.isEmpty()
                    ? "an obligation is its key and its trigger event, so these packs' duties of it meet only on one "
                    + "trigger event (a standing Assessment's, always): an evaluation in which both conclude it "
                    + "about one trigger event fails (RuleExecutionException) unless they conclude the same duty"
                    : "a restricted pack may conclude only keys of its own, so an evaluation fails "
                    + "(RuleExecutionException) the first time a rule of " + rulesOf + " above concludes it, "
                    + "whatever its trigger event";
        }
        return new Problem(last.origin(), last.line(), (code ? "finding code '" : "duty key '") + literal + "' is "
                + (code ? "reported" : "concluded") + " by " + owners.size() + " packs: "
                + String.join(" and ", described)
                + "; " + when + ". Give each pack's " + (code ? "codes" : "keys") + " a prefix of its own");
    }

    /**
     * The rules of the pack whose consequences conclude the key (with {@code code}, report the finding code), then
     * the functions that do, in file order.
     */
    private static List<Site> sites(RulePack pack, String key, boolean code, Map<String, DrlAnalysis> parsed) {
        List<DrlAnalysis> files = pack.sources().stream()
                .map(source -> parsed.computeIfAbsent(source.origin(), o -> DrlAnalysis.of(source))).toList();
        ClassLoader loader = ConclusionKeys.class.getClassLoader();
        List<Site> rules = new ArrayList<>();
        List<Site> functions = new ArrayList<>();
        for (DrlAnalysis file : files) {
            if (!file.parsed()) {
                continue;
            }
            Names names = new Names(file, files, loader);
            for (DrlAnalysis.Rule rule : file.rules()) {
                if (concludes(rule.consequences(), names, key, code)) {
                    rules.add(new Site("rule '" + rule.name() + "'", file.origin(), rule.descr().getLine()));
                }
            }
            file.functions().forEach((function, body) -> {
                if (concludes(List.of(body), names, key, code)) {
                    functions.add(new Site("function '" + function.getName() + "'", file.origin(), function.getLine()));
                }
            });
        }
        rules.addAll(functions);
        return rules;
    }

    private static boolean concludes(List<DrlAnalysis.Code> code, Names names, String literal, boolean isCode) {
        Set<String> keys = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        collect(code, names, keys, codes);
        return (isCode ? codes : keys).contains(literal);
    }
}
