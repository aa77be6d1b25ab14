package org.niyam.compliance.engine.internal.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.niyam.compliance.engine.internal.drl.DrlAnalysis;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.pack.Problem;

/**
 * Restricted mode's check of compiled code: every class Drools' executable model generated for a restricted pack
 * (constraints, bindings, {@code from} and {@code eval} expressions, consequences, functions, declared types,
 * inline accumulates, and the rule definitions themselves) is read with ASM, and every type and member it uses must
 * be on the {@link Allowlist}. Each refusal is named by the rule, function or declared type it came from, with the
 * DRL file and line taken from the parsed DRL, since class files carry no DRL lines. Not API.
 */
public final class CompiledCheck {

    /**
     * One DRL file as the check needs it.
     *
     * @param analysis   the file, parsed (it must have parsed)
     * @param restricted whether its pack is restricted
     * @param pack       the id of its pack
     */
    public record Source(DrlAnalysis analysis, boolean restricted, String pack) {

        public Source {
            if (!analysis.parsed()) {
                throw new IllegalArgumentException(analysis.origin() + " did not parse");
            }
        }

        /** A file that is a pack of its own. */
        public Source(DrlAnalysis analysis, boolean restricted) {
            this(analysis, restricted, analysis.origin());
        }

        /** The file, as problems name it. */
        public String origin() {
            return analysis.origin();
        }

        public PackageDescr descr() {
            return analysis.descr();
        }
    }

    /**
     * Where refused code came from: a rule, function or declared type, its line, and its code (consequences or a
     * function's body; the rule's attributes and conditions) to find the line that uses a member.
     */
    private record Site(String origin, int line, String what, List<DrlAnalysis.Code> code,
                        List<DrlAnalysis.Code> conditions) {

        Site(String origin, int line, String what) {
            this(origin, line, what, List.of(), List.of());
        }

        /** The line of the first use of the member in the code; its first line when none names it. */
        int lineOf(String member) {
            for (DrlAnalysis.Code piece : code) {
                int named = DrlAnalysis.lineOf(piece, member);
                if (named > 0) {
                    return named;
                }
            }
            return code.isEmpty() || code.get(0).line() <= 0 ? line : code.get(0).line();
        }
    }

    private CompiledCheck() {
    }

    /** Every refused use in the classes, as problems naming where in the DRL it came from; nothing when all pass. */
    public static List<Problem> check(Map<String, byte[]> classes, List<Source> sources, ClassLoader platform,
                                      String lift, EventTypes events) {
        Map<String, ClassFile> files = new TreeMap<>();
        classes.forEach((name, bytes) -> files.put(name, ClassFile.read(bytes)));

        Set<String> restrictedPackages = new HashSet<>();
        Set<String> trustedPackages = new HashSet<>();
        Map<String, Site> rules = new HashMap<>();
        Map<String, Site> functions = new HashMap<>();
        Map<String, Site> types = new HashMap<>();
        Map<String, Source> firstOfPackage = new LinkedHashMap<>();
        // the packs whose DRL is in each package, and the pack that declares each type
        Map<String, Set<String>> packsOfPackage = new HashMap<>();
        Map<String, String> typePacks = new HashMap<>();
        for (Source source : sources) {
            PackageDescr descr = source.descr();
            String pkg = descr.getNamespace();
            (source.restricted() ? restrictedPackages : trustedPackages).add(pkg);
            packsOfPackage.computeIfAbsent(pkg, k -> new LinkedHashSet<>()).add(source.pack());
            if (source.restricted()) {
                firstOfPackage.putIfAbsent(pkg, source);
            }
            List<DrlAnalysis.Rule> all = new ArrayList<>(source.analysis().rules());
            all.addAll(source.analysis().queryCode());
            for (DrlAnalysis.Rule rule : all) {
                RuleDescr described = rule.descr();
                rules.putIfAbsent(pkg + " " + rule.name(), new Site(source.origin(), described.getLine(),
                        (described.isQuery() ? "query '" : "rule '") + rule.name() + "'", rule.consequences(),
                        rule.conditionCode()));
            }
            for (Map.Entry<FunctionDescr, DrlAnalysis.Code> function : source.analysis().functions().entrySet()) {
                functions.putIfAbsent(pkg + " " + function.getKey().getName(), new Site(source.origin(),
                        function.getKey().getLine(), "function '" + function.getKey().getName() + "'",
                        List.of(function.getValue()), List.of()));
            }
            for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
                String name = type.getNamespace() == null || type.getNamespace().isEmpty() ? pkg : type.getNamespace();
                types.putIfAbsent(name + "." + type.getTypeName(), new Site(source.origin(), type.getLine(),
                        "declared type '" + type.getTypeName() + "'"));
                typePacks.putIfAbsent(name + "." + type.getTypeName(), source.pack());
            }
        }
        Map<String, Problem> problems = new LinkedHashMap<>();
        for (Source source : sources) {
            Set<String> sharing = packsOfPackage.get(source.descr().getNamespace());
            if (source.restricted() && sharing.size() > 1) {
                List<String> others = sharing.stream().filter(p -> !p.equals(source.pack())).toList();
                int line = Math.max(1, source.descr().getLine());
                problems.putIfAbsent(source.origin() + " package", new Problem(source.origin(), line, "package '"
                        + source.descr().getNamespace() + "' is also the package of pack" + (others.size() > 1 ? "s " : " ")
                        + others.stream().map(p -> "'" + p + "'").collect(java.util.stream.Collectors.joining(", "))
                        + ": a restricted pack's DRL must be in a package of its own, since the functions and declared "
                        + "types of a package are shared by all its files. " + lift));
            }
        }

        sharedGroups(sources, lift, problems);

        Map<String, Set<String>> reachedBy = reachingRules(files, rules.keySet());
        BytecodeCheck check = new BytecodeCheck(Allowlist.restricted().withEvents(events), platform, files);
        Map<Site, Set<String>> classic = new LinkedHashMap<>();
        for (ClassFile file : files.values()) {
            String pkg = packageOf(file.name, restrictedPackages, trustedPackages);
            boolean checked = pkg == null || restrictedPackages.contains(pkg);
            if (!checked) {
                continue;
            }
            List<BytecodeCheck.Refusal> refusals = new ArrayList<>(check.check(file));
            refusals.addAll(enumState(file, files, platform));
            Set<String> own = pkg == null ? Set.of() : packsOfPackage.getOrDefault(pkg, Set.of());
            if (own.size() == 1) {
                refusals.addAll(otherPacks(file, own.iterator().next(), files, packsOfPackage, typePacks,
                        restrictedPackages, trustedPackages, platform));
            }
            for (BytecodeCheck.Refusal refusal : refusals) {
                if (generatedByDrools(types.containsKey(file.name), refusal)) {
                    continue;
                }
                Site site = site(file, refusal, pkg, rules, functions, types, reachedBy, firstOfPackage, files);
                if (classicInvoker(file)) {
                    classic.computeIfAbsent(site, k -> new java.util.TreeSet<>()).add(describe(refusal.used()));
                    continue;
                }
                int line = site.lineOf(refusal.member());
                String key = site.origin() + ":" + line + " " + refusal.used();
                if (refusal.why() != null) {
                    problems.putIfAbsent(key, new Problem(site.origin(), line, site.what() + " uses "
                            + describe(refusal.used()) + ", " + refusal.why() + " " + lift));
                    continue;
                }
                String comparison = comparison(refusal.used());
                if (comparison != null) {
                    problems.putIfAbsent(key, new Problem(site.origin(), line, site.what() + " compares two values "
                            + "by " + comparison + " that are neither numbers nor dates (two Strings, say), which "
                            + "restricted packs may not do: compare Strings with compareTo, as in "
                            + "id.compareTo($a.id) > 0 for id > $a.id. " + lift));
                    continue;
                }
                problems.putIfAbsent(key, new Problem(site.origin(), line, site.what() + " uses "
                        + describe(refusal.used()) + ", which restricted packs may not use: rules only decide, from "
                        + "the model's facts, String, numbers, Math, java.time without clocks and immutable "
                        + "collections; they do not read clocks, random numbers, files, the network, the system or "
                        + "the rule engine itself. " + insteadOf(refusal.used()) + lift));
            }
        }
        classic.forEach((site, used) -> {
            List<String> outside = used.stream().filter(u -> !u.startsWith("org.drools.") && !u.startsWith("org.kie."))
                    .toList();
            problems.put(site.origin() + ":" + site.line() + " classic", new Problem(site.origin(), site.line(),
                    site.what() + " has code (an inline accumulate, typically one whose action uses no binding or "
                            + "several) that Drools compiles only to its classic invokers, which read the engine's "
                            + "internals and which restricted packs may not use" + (outside.isEmpty() ? ""
                            : "; it also uses " + String.join(", ", outside)) + ". Use a built-in accumulate "
                            + "function (count, sum, min, max, average, collectList, collectSet), or one binding in "
                            + "the action. " + lift));
        });
        List<Problem> result = new ArrayList<>(problems.values());
        result.sort(Comparator.comparing(Problem::source).thenComparingInt(Problem::line));
        return result;
    }

    /**
     * The check of classes compiled earlier from restricted packs alone and read back from the compiled-model cache,
     * which anyone who can write to the cache could have changed: every class, whatever its package, must use only
     * what the allowlist allows, except for the {@code equals} Drools generates for a type declared in the DRL
     * ({@code declaredTypes}), which compares classes. Returns the first refused use, in words, or {@code null} when
     * every class passes. What a refusal means in the DRL is reported only when the pack is compiled again.
     */
    public static String recheck(Map<String, byte[]> classes, Set<String> declaredTypes, ClassLoader platform,
                                 EventTypes events) {
        Map<String, ClassFile> files = new TreeMap<>();
        classes.forEach((name, bytes) -> {
            ClassFile file = ClassFile.read(bytes);
            if (!file.name.equals(name)) {
                throw new IllegalArgumentException("the class file stored as " + name + " is of class " + file.name);
            }
            files.put(name, file);
        });
        BytecodeCheck check = new BytecodeCheck(Allowlist.restricted().withEvents(events), platform, files);
        for (ClassFile file : files.values()) {
            for (BytecodeCheck.Refusal refusal : check.check(file)) {
                if (!generatedByDrools(declaredTypes.contains(file.name), refusal)) {
                    return file.name + (refusal.method() == null ? "" : "." + refusal.method()) + " uses "
                            + describe(refusal.used());
                }
            }
        }
        return null;
    }

    /**
     * The classes that compiled classes refer to, outside themselves, the JDK and Drools: the fact classes and any
     * other class the DRL names, whose class files a compiled-model cache entry is valid for.
     */
    public static Set<String> referencedTypes(Map<String, byte[]> classes) {
        Set<String> referenced = new java.util.TreeSet<>();
        for (byte[] bytes : classes.values()) {
            ClassFile file = ClassFile.read(bytes);
            List<String> owners = new ArrayList<>();
            if (file.superName != null) {
                owners.add(file.superName);
            }
            owners.addAll(file.interfaces);
            file.classReferences.forEach(reference -> owners.add(reference.owner()));
            file.methods.values().forEach(method -> method.references().forEach(r -> owners.add(r.owner())));
            for (String owner : owners) {
                String type = owner.replace('/', '.');
                while (type.startsWith("[")) {
                    type = type.substring(1);
                }
                if (type.startsWith("L") && type.endsWith(";")) {
                    type = type.substring(1, type.length() - 1).replace('/', '.');
                }
                if (!classes.containsKey(type) && type.contains(".") && !type.startsWith("java.")
                        && !type.startsWith("javax.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                        && !type.startsWith("org.drools.") && !type.startsWith("org.kie.")) {
                    referenced.add(type);
                }
            }
        }
        return referenced;
    }

    /** The classes whose code decides what the sandbox lets a restricted pack's compiled classes do. */
    public static List<Class<?>> code() {
        return List.of(CompiledCheck.class, BytecodeCheck.class, Allowlist.class, ClassFile.class,
                RestrictedBuild.class, ModelCompiler.class);
    }

    /** One compiler message of the generated Java: {@code [path.java (line:column) : message]}. */
    private static final java.util.regex.Pattern JAVA_ERROR = java.util.regex.Pattern.compile(
            "([^\\s\\[\\]]+)\\.java \\(\\d+:\\d+\\) : ([^\\]\\[]*)");

    /**
     * The Java compiler's errors in the code generated from the DRL, each located at the consequence or function
     * line that names what the compiler could not find; the generated file's name says nothing to the DRL's author.
     */
    static List<Problem> locateJavaErrors(String message, List<Source> sources) {
        List<Problem> problems = new ArrayList<>();
        java.util.regex.Matcher errors = JAVA_ERROR.matcher(message == null ? "" : message);
        while (errors.find()) {
            String error = errors.group(2).strip();
            String name = DrlAnalysis.compilerNamed(error);
            // Generated in the DRL's package or below it: only the files of that package wrote the code (a pack
            // compiled beside a build-time model has that model's files among the sources, which may name it too).
            String path = errors.group(1).replace('\\', '/');
            int longest = sources.stream().map(source -> generatedIn(source, path)).max(Integer::compare).orElse(-1);
            List<Source> writers = sources.stream().filter(source -> longest >= 0
                    && generatedIn(source, path) == longest).toList();
            // The generator writes a condition's code (a constraint, a from expression) in a Lambda class of its own,
            // and a consequence in the rules' methods or a LambdaConsequence class: the kind of code to look in first.
            String generated = path.substring(path.lastIndexOf('/') + 1);
            boolean condition = generated.startsWith("Lambda") && !generated.startsWith("LambdaConsequence");
            Problem located = name == null ? null
                    : locate(name, error, writers.isEmpty() ? sources : writers, condition);
            problems.add(located != null ? located : new Problem(sources.isEmpty() ? "rules"
                    : sources.get(0).origin(), 0, error));
        }
        if (problems.isEmpty()) {
            problems.add(new Problem(sources.isEmpty() ? "rules" : sources.get(0).origin(), 0,
                    "the Java generated from the DRL does not compile: " + message));
        }
        return problems;
    }

    /**
     * How long the package of the source is when the generated file's path is in it or below it (a file without a
     * {@code package} line is generated in {@code defaultpkg}), so that the longest names the writer; -1 when not.
     */
    private static int generatedIn(Source source, String path) {
        String pkg = source.descr().getNamespace() == null || source.descr().getNamespace().isEmpty() ? "defaultpkg"
                : source.descr().getNamespace();
        return path.startsWith(pkg.replace('.', '/') + "/") ? pkg.length() : -1;
    }

    /**
     * The first line naming {@code name} in the rules' code of the kind the compiler's file was generated from
     * (conditions or consequences), else in the other kind, else in the functions.
     */
    private static Problem locate(String name, String error, List<Source> sources, boolean condition) {
        for (boolean conditions : new boolean[] {condition, !condition}) {
            for (Source source : sources) {
                for (DrlAnalysis.Rule rule : source.analysis().rules()) {
                    for (DrlAnalysis.Code code : conditions ? rule.conditionCode() : rule.consequences()) {
                        int line = DrlAnalysis.lineOf(code, name);
                        if (line > 0) {
                            return new Problem(source.origin(), line, "rule '" + rule.name() + "': " + error);
                        }
                    }
                }
            }
        }
        for (Source source : sources) {
            for (Map.Entry<FunctionDescr, DrlAnalysis.Code> function : source.analysis().functions().entrySet()) {
                int line = DrlAnalysis.lineOf(function.getValue(), name);
                if (line > 0) {
                    return new Problem(source.origin(), line, "function '" + function.getKey().getName() + "': "
                            + error);
                }
            }
        }
        return null;
    }

    /** A class of Drools' classic compiler ({@code Rule_<name>...}), generated where the executable model falls back. */
    private static boolean classicInvoker(ClassFile file) {
        return file.name.substring(file.name.lastIndexOf('.') + 1).startsWith("Rule_");
    }

    /**
     * What Drools' generator of the executable model cannot translate, located where a restricted pack wrote it: a
     * method called on an array element in a consequence ({@code parts[0].length()}), for which it says only "This
     * doesn't work on arrayAccessExpr". Null when the message is not one of these or no consequence holds such code.
     */
    static Problem locateUntranslatable(String message, List<Source> sources) {
        if (message == null || !message.contains("arrayAccessExpr")) {
            return null;
        }
        // Conditions and functions take it, and a consequence reads an element (parts[0]) without trouble: what the
        // generator cannot translate is a call on the element.
        for (Source source : sources) {
            if (!source.restricted()) {
                continue;
            }
            for (DrlAnalysis.Rule rule : source.analysis().rules()) {
                for (DrlAnalysis.Code code : rule.consequences()) {
                    if (!code.readable()) {
                        continue;
                    }
                    for (com.github.javaparser.ast.expr.MethodCallExpr call
                            : code.root().findAll(com.github.javaparser.ast.expr.MethodCallExpr.class)) {
                        if (call.getScope().filter(com.github.javaparser.ast.expr.Expression::isArrayAccessExpr)
                                .isPresent()) {
                            return new Problem(source.origin(), code.lineOf(call), "rule '" + rule.name()
                                    + "' calls a method on an element of an array in its consequence (" + call
                                    + "), which Drools cannot compile to Java classes, as restricted packs must be: "
                                    + "put the element in a variable first (String part = " + call.getScope().get()
                                    + "; then part." + call.getNameAsString() + "(...))");
                        }
                    }
                }
            }
        }
        return null;
    }

    /** A rule name as Drools' classic compiler writes it into class names: {@code x.rule} is {@code x$u46$rule}. */
    private static String classicName(String rule) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (Character.isJavaIdentifierPart(c) && c != '$') {
                out.append(c);
            } else {
                out.append("$u").append((int) c).append('$');
            }
        }
        return out.toString();
    }

    /** What ordinary code that the allowlist refuses can be written as instead, for the uses that have a way. */
    private static String insteadOf(String used) {
        if (used.startsWith("java.lang.runtime.ObjectMethods.")) {
            return "A local record's equals, hashCode and toString are made by it: declare a class with a toString "
                    + "of its own instead. ";
        }
        if (used.startsWith("java.util.function.Consumer") || used.startsWith("java.util.function.BiConsumer")) {
            return "Iterable.forEach and Map.forEach take one: write a for loop instead. ";
        }
        return "";
    }

    /**
     * The operator a condition wrote, {@code >} say, when the refused call is the helper the compiler turns it into
     * for values that are not numbers (Strings, objects of the model): the author wrote no call. Otherwise null.
     */
    private static String comparison(String used) {
        String helper = org.niyam.compliance.engine.internal.drools.DroolsInternals.COMPARISON_HELPER;
        if (!used.startsWith(helper)) {
            return null;
        }
        String method = used.substring(helper.length());
        return method.startsWith("greaterThan") ? ">" : method.startsWith("greaterOrEqual") ? ">="
                : method.startsWith("lessThan") ? "<" : method.startsWith("lessOrEqual") ? "<=" : null;
    }

    private static String describe(String used) {
        return used.replace('$', '.');
    }

    /**
     * What a restricted pack's class uses of another pack's generated classes that it may not: of a type another pack
     * declares, anything but naming it and reading it (its getters, {@code equals}, {@code hashCode},
     * {@code toString}), so it neither creates one nor calls its setters, which change a fact behind the engine's back;
     * and any member of another pack's other classes (its functions), which are checked, if at all, as that pack's.
     */
    private static List<BytecodeCheck.Refusal> otherPacks(ClassFile file, String pack, Map<String, ClassFile> files,
                                                          Map<String, Set<String>> packsOfPackage,
                                                          Map<String, String> typePacks, Set<String> restricted,
                                                          Set<String> trusted, ClassLoader platform) {
        List<BytecodeCheck.Refusal> refused = new ArrayList<>();
        for (ClassFile.Method method : file.methods.values()) {
            for (ClassFile.Reference reference : method.references()) {
                String owner = reference.owner();
                if (reference.member() == null || !files.containsKey(owner)) {
                    continue;
                }
                String ownerPackage = packageOf(owner, restricted, trusted);
                Set<String> owners = ownerPackage == null ? Set.of() : packsOfPackage.getOrDefault(ownerPackage, Set.of());
                if (owners.isEmpty() || owners.contains(pack)) {
                    continue;
                }
                String declaredBy = typePacks.get(owner);
                String used = owner + "." + (reference.member().equals("<init>") ? "<init>" : reference.member())
                        + (reference.method() ? "()" : "");
                String member = reference.member().equals("<init>") ? owner.substring(owner.lastIndexOf('.') + 1)
                        : reference.member();
                if (declaredBy != null) {
                    if (reads(reference) && !immutable(returnType(reference), typePacks, pack, platform)) {
                        refused.add(new BytecodeCheck.Refusal(file.name, method.name() + method.descriptor(), used,
                                member, "of a type that pack '" + declaredBy + "' declares, which returns a "
                                        + describe(returnType(reference)) + ": a restricted pack may read another "
                                        + "pack's facts, not change them, and through a list, an array or a "
                                        + "StringBuilder of it, which it may change, it would change the fact without "
                                        + "the engine seeing it."));
                    } else if (!reads(reference)) {
                        refused.add(new BytecodeCheck.Refusal(file.name, method.name() + method.descriptor(),
                                reference.member().equals("<init>") ? "new " + owner : used, member,
                                "of a type that pack '" + declaredBy + "' declares: a restricted pack may read another "
                                        + "pack's facts, not create them or change them (its setters change a fact "
                                        + "without the engine seeing it)."));
                    }
                } else {
                    refused.add(new BytecodeCheck.Refusal(file.name, method.name() + method.descriptor(), used, member,
                            "of pack '" + String.join("', '", owners) + "': a restricted pack may not call another "
                                    + "pack's functions, which are not checked as its own code is."));
                }
            }
        }
        return refused;
    }

    /** The type a method reference returns, as Java names it ({@code java.lang.String[]}, {@code int}). */
    private static String returnType(ClassFile.Reference reference) {
        return org.objectweb.asm.Type.getReturnType(reference.descriptor()).getClassName();
    }

    /**
     * Whether a value of the type can be changed by no code a restricted pack may run: a primitive, a string, a boxed
     * number, a {@code java.time} value, a type of Niyam's model, a record or enum on the class path (the events and
     * platform records, immutable but for a list a pack's own record keeps as given, see docs/restricted-drl.md), or
     * a type the DRL of another pack than {@code pack} declares (whose setters, and getters of other types, are
     * refused in turn). Not an array, a collection, a {@code StringBuilder}, nor {@code Object} or an interface such a
     * value could be cast from.
     */
    private static boolean immutable(String type, Map<String, String> typePacks, String pack, ClassLoader loader) {
        if (type.endsWith("[]")) {
            return false;
        }
        if (!type.contains(".") || type.equals("java.lang.String") || IMMUTABLE_BOXES.contains(type)
                || type.startsWith("java.time.") && !type.equals("java.time.Clock")
                || type.startsWith("org.niyam.compliance.model.")
                || typePacks.containsKey(type) && !typePacks.get(type).equals(pack)) {
            return true;
        }
        if (type.startsWith("java.") || loader == null) {
            return false;
        }
        try {
            Class<?> c = Class.forName(type, false, loader);
            return c.isRecord() || c.isEnum();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final Set<String> IMMUTABLE_BOXES = Set.of("java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
            "java.lang.Character", "java.math.BigDecimal", "java.math.BigInteger");

    /**
     * The fields of an enum the DRL declares whose value could change in place: an enum constant is one object for
     * the rule base, so a list, an array, a {@code StringBuilder} or a declared type with setters in it would keep
     * state from one case and one evaluation to the next. Its fields may be of the types {@link #immutable} allows
     * and of other enums the DRL declares.
     */
    private static List<BytecodeCheck.Refusal> enumState(ClassFile file, Map<String, ClassFile> files,
                                                         ClassLoader platform) {
        List<BytecodeCheck.Refusal> refused = new ArrayList<>();
        if (!"java.lang.Enum".equals(file.superName)) {
            return refused;
        }
        for (String field : file.fields) {
            String name = field.substring(0, field.indexOf(':'));
            if (file.staticFields.contains(name)) {
                continue; // the constants and their array; a constant static field is a number or a string
            }
            String type = org.objectweb.asm.Type.getType(field.substring(field.indexOf(':') + 1)).getClassName();
            ClassFile declared = files.get(type);
            boolean enumOfTheDrl = declared != null && "java.lang.Enum".equals(declared.superName);
            if (!enumOfTheDrl && !immutable(type, Map.of(), "", platform)) {
                refused.add(new BytecodeCheck.Refusal(file.name, null, "the field " + describe(file.name) + "."
                        + name + " of type " + type, name, "a field of an enum, which can change in place: an enum "
                        + "constant is one object for the rule base, so what it holds would be kept from one case and "
                        + "one evaluation to the next. Give an enum's fields strings, numbers, java.time values or "
                        + "other enums."));
            }
        }
        return refused;
    }

    /** The rule attributes that put rules of several packs in one group, and so let one rule act on the others. */
    private static final List<String> GROUPS = List.of("activation-group", "agenda-group", "ruleflow-group");

    /**
     * A restricted pack's rule in a group that another pack's rules are in: the first rule of an activation group to
     * fire cancels the others' activations, and an {@code auto-focus} rule of an agenda group gives the group the
     * focus, so a rule of the group could suppress another pack's conclusions or run its rules when they would not
     * run. The default agenda group, {@code MAIN}, is every rule's.
     */
    private static void sharedGroups(List<Source> sources, String lift, Map<String, Problem> problems) {
        Map<String, Set<String>> packs = new HashMap<>();
        for (Source source : sources) {
            for (RuleDescr rule : source.descr().getRules()) {
                for (String group : groups(rule)) {
                    packs.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(source.pack());
                }
            }
        }
        for (Source source : sources) {
            if (!source.restricted()) {
                continue;
            }
            for (RuleDescr rule : source.descr().getRules()) {
                for (String group : groups(rule)) {
                    List<String> others = packs.get(group).stream().filter(p -> !p.equals(source.pack())).toList();
                    if (others.isEmpty()) {
                        continue;
                    }
                    String attribute = group.substring(0, group.indexOf(' '));
                    org.drools.drl.ast.descr.AttributeDescr descr = rule.getAttributes().get(attribute);
                    int line = descr != null && descr.getLine() > 0 ? descr.getLine() : Math.max(rule.getLine(), 1);
                    problems.putIfAbsent(source.origin() + ":" + line + " " + group, new Problem(source.origin(), line,
                            "rule '" + rule.getName() + "' is in " + attribute + " '" + group.substring(group.indexOf(' ')
                                    + 1) + "', which rules of pack" + (others.size() > 1 ? "s " : " ") + "'"
                                    + String.join("', '", others) + "' are in: a restricted pack's rules may not share "
                                    + "an activation group, agenda group or ruleflow group with another pack's, whose "
                                    + "activations a rule of the group could cancel or bring into focus. Name a "
                                    + "group of the pack's own. " + lift));
                }
            }
        }
    }

    /** The groups a rule is in, as {@code attribute name}; not the default agenda group. */
    private static List<String> groups(RuleDescr rule) {
        List<String> groups = new ArrayList<>();
        for (String attribute : GROUPS) {
            org.drools.drl.ast.descr.AttributeDescr descr = rule.getAttributes().get(attribute);
            if (descr == null || descr.getValue() == null) {
                continue;
            }
            String name = descr.getValue().strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            if (!(attribute.equals("agenda-group") && name.equals("MAIN"))) {
                groups.add(attribute + " " + name);
            }
        }
        return groups;
    }

    /** A getter of a declared type, or its {@code equals}, {@code hashCode} or {@code toString}. */
    private static boolean reads(ClassFile.Reference reference) {
        String name = reference.member();
        String descriptor = reference.descriptor();
        if (!reference.method()) {
            return false;
        }
        boolean noArguments = descriptor.startsWith("()") && !descriptor.equals("()V");
        return noArguments && (name.startsWith("get") || name.startsWith("is") || name.equals("hashCode")
                || name.equals("toString")) || name.equals("equals") && descriptor.equals("(Ljava/lang/Object;)Z");
    }

    /**
     * Drools' generated equals of a declared type compares classes, its hashCode combines the hash codes of the
     * type's key fields, and its toString turns its fields into text; no DRL code is compiled into any of them. A type
     * whose toString turns a field without text of its own into text is refused where code turns the type into text
     * ({@link TextSafety}), not where it is declared.
     */
    private static boolean generatedByDrools(boolean declaredType, BytecodeCheck.Refusal refusal) {
        return declaredType && ("equals(Ljava/lang/Object;)Z".equals(refusal.method())
                && refusal.used().equals("java.lang.Object.getClass()")
                || "hashCode()I".equals(refusal.method()) && BytecodeCheck.HASH.equals(refusal.why())
                || "toString()Ljava/lang/String;".equals(refusal.method()) && BytecodeCheck.TEXT.equals(refusal.why()));
    }

    /** The DRL package a generated class belongs to: its own package, or the parent of a lambda's package. */
    /**
     * The classes {@link #check} checks: those in a restricted pack's package or below it, and those of no pack's
     * package (Drools' own); none when no pack is restricted.
     */
    static Set<String> checked(Set<String> classNames, List<Source> sources) {
        Set<String> restrictedPackages = new HashSet<>();
        Set<String> trustedPackages = new HashSet<>();
        for (Source source : sources) {
            (source.restricted() ? restrictedPackages : trustedPackages).add(source.descr().getNamespace());
        }
        Set<String> checked = new HashSet<>();
        if (!restrictedPackages.isEmpty()) {
            for (String name : classNames) {
                String pkg = packageOf(name, restrictedPackages, trustedPackages);
                if (pkg == null || restrictedPackages.contains(pkg)) {
                    checked.add(name);
                }
            }
        }
        return checked;
    }

    private static String packageOf(String className, Set<String> restricted, Set<String> trusted) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        for (String candidate = pkg; ; ) {
            if (restricted.contains(candidate) || trusted.contains(candidate)) {
                return candidate;
            }
            int up = candidate.lastIndexOf('.');
            if (up < 0 || !candidate.equals(pkg)) {
                return null;
            }
            candidate = candidate.substring(0, up);
        }
    }

    private static Site site(ClassFile file, BytecodeCheck.Refusal refusal, String pkg, Map<String, Site> rules,
                             Map<String, Site> functions, Map<String, Site> types, Map<String, Set<String>> reachedBy,
                             Map<String, Source> firstOfPackage, Map<String, ClassFile> files) {
        Site type = types.get(file.name);
        if (type != null) {
            return type;
        }
        Site enclosing = enclosingFunction(file, pkg, functions, files);
        if (enclosing != null) {
            return enclosing;
        }
        if (refusal.method() != null && pkg != null) {
            String methodName = refusal.method().substring(0, refusal.method().indexOf('('));
            Site function = functions.get(pkg + " " + methodName);
            if (function != null && file.name.matches(".*\\.Rules[0-9A-F]+")) {
                return function;
            }
        }
        String simple = file.name.substring(file.name.lastIndexOf('.') + 1);
        if (simple.startsWith("Rule_") && pkg != null) {
            Site classic = rules.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(pkg + " "))
                    .filter(e -> simple.startsWith("Rule_" + classicName(e.getKey().substring(pkg.length() + 1))))
                    .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
            if (classic != null) {
                return new Site(classic.origin(), classic.line(), classic.what());
            }
        }
        Set<String> reaching = new LinkedHashSet<>();
        if (refusal.method() != null) {
            reaching.addAll(reachedBy.getOrDefault(file.name + "#" + refusal.method(), Set.of()));
        } else {
            for (ClassFile.Method m : file.methods.values()) {
                reaching.addAll(reachedBy.getOrDefault(file.name + "#" + m.name() + m.descriptor(), Set.of()));
            }
        }
        Site rule = reaching.stream().map(rules::get).filter(java.util.Objects::nonNull)
                .min(Comparator.comparing(Site::origin).thenComparingInt(Site::line)).orElse(null);
        if (rule != null) {
            boolean consequence = file.name.substring(file.name.lastIndexOf('.') + 1).startsWith("LambdaConsequence");
            if (consequence) {
                return rule;
            }
            // A condition: the line of the constraint, eval, from, accumulate or attribute that names the member.
            for (DrlAnalysis.Code code : rule.conditions()) {
                int line = DrlAnalysis.lineOf(code, refusal.member());
                if (line > 0) {
                    return new Site(rule.origin(), line, rule.what());
                }
            }
            return new Site(rule.origin(), rule.line(), rule.what());
        }
        Source source = pkg == null ? firstOfPackage.values().stream().findFirst().orElse(null) : firstOfPackage.get(pkg);
        String origin = source == null ? "rules" : source.origin();
        int line = source == null ? 0 : Math.max(source.descr().getLine(), 0);
        return new Site(origin, line, "package " + (pkg == null ? "" : pkg) + " (generated class "
                + file.name.substring(file.name.lastIndexOf('.') + 1) + ")");
    }

    /**
     * The function whose body declares the class (a local or anonymous class, or a member class of one), so that a
     * refusal in it names the function and its line rather than a rule that calls the function.
     */
    private static Site enclosingFunction(ClassFile file, String pkg, Map<String, Site> functions,
                                          Map<String, ClassFile> files) {
        int steps = 0;
        for (ClassFile c = file; c != null && steps++ <= files.size();
             c = c.outerClass == null ? null : files.get(c.outerClass)) {
            if (c.enclosingMethod != null && !c.enclosingMethod.isEmpty() && c.outerClass != null
                    && c.outerClass.matches(".*\\.Rules[0-9A-F]+")) {
                return functions.get(pkg + " " + c.enclosingMethod.substring(0, c.enclosingMethod.indexOf('(')));
            }
        }
        return null;
    }

    /**
     * The rules whose definitions reach each generated class other than a rules class (a constraint's, an {@code
     * eval}'s, a {@code from}'s or an accumulate's lambda, a consequence), by the class's name: so that an exception
     * thrown in one is placed on its rule. A lambda that several rules' identical expressions share names them all.
     *
     * @param classes the classes Drools' executable model generated, by name
     * @param rules   the names of the rule base's rules
     */
    public static Map<String, Set<String>> rulesByClass(Map<String, byte[]> classes, Set<String> rules) {
        Map<String, ClassFile> files = new TreeMap<>();
        classes.forEach((name, bytes) -> files.put(name, ClassFile.read(bytes)));
        Set<String> keys = new HashSet<>();
        for (ClassFile file : files.values()) {
            String pkg = file.name.substring(0, Math.max(file.name.lastIndexOf('.'), 0));
            file.methods.values().stream().filter(m -> m.name().startsWith("rule_"))
                    .forEach(m -> m.strings().stream().filter(rules::contains).forEach(r -> keys.add(pkg + " " + r)));
        }
        Map<String, Set<String>> byClass = new TreeMap<>();
        reachingRules(files, keys).forEach((node, reaching) -> {
            ClassFile file = files.get(node.substring(0, node.indexOf('#')));
            if (!rulesClass(file)) {
                reaching.forEach(key -> byClass.computeIfAbsent(file.name, k -> new java.util.TreeSet<>())
                        .add(key.substring(key.indexOf(' ') + 1)));
            }
        });
        return byClass;
    }

    /**
     * Which rules reach each method of the generated classes: from each rule's definition method
     * ({@code rule_*}, which names the rule in a string constant) through every generated class and method it
     * refers to.
     */
    private static Map<String, Set<String>> reachingRules(Map<String, ClassFile> files, Set<String> ruleKeys) {
        Map<String, Set<String>> reached = new HashMap<>();
        for (ClassFile file : files.values()) {
            String pkg = file.name.substring(0, Math.max(file.name.lastIndexOf('.'), 0));
            for (ClassFile.Method method : file.methods.values()) {
                if (!method.name().startsWith("rule_")) {
                    continue;
                }
                String rule = method.strings().stream().map(s -> pkg + " " + s).filter(ruleKeys::contains)
                        .findFirst().orElse(null);
                if (rule == null) {
                    continue;
                }
                Deque<String> todo = new ArrayDeque<>();
                todo.add(file.name + "#" + method.name() + method.descriptor());
                Set<String> seen = new HashSet<>();
                while (!todo.isEmpty()) {
                    String node = todo.poll();
                    if (!seen.add(node)) {
                        continue;
                    }
                    reached.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(rule);
                    int hash = node.indexOf('#');
                    ClassFile owner = files.get(node.substring(0, hash));
                    ClassFile.Method current = owner.methods.get(node.substring(hash + 1));
                    if (current == null) {
                        continue;
                    }
                    for (ClassFile.Reference reference : current.references()) {
                        ClassFile target = files.get(reference.owner());
                        if (target == null || target == owner && reference.member() == null) {
                            continue;
                        }
                        if (target != owner && reference.method() && !reference.member().equals("<init>")
                                && rulesClass(target)
                                && target.methods.containsKey(reference.member() + reference.descriptor())) {
                            // A DRL function, which the rules class holds beside every rule: that function only, or a
                            // consequence calling one would reach every rule of the package, and a refusal in another
                            // rule would be placed on it.
                            todo.add(target.name + "#" + reference.member() + reference.descriptor());
                        } else if (target != owner && rulesClass(target)) {
                            // A rules class's field (a pattern's variable) or scaffolding: no rule reaches the others
                            // through it (all of it made every rule reach every other: quadratic in the rules).
                            continue;
                        } else if (target != owner) {
                            // Another generated class (a lambda, an accumulate, a function's class): all of it.
                            target.methods.values().forEach(m -> todo.add(target.name + "#" + m.name() + m.descriptor()));
                        } else if (reference.method() && target.methods.containsKey(reference.member() + reference.descriptor())) {
                            todo.add(target.name + "#" + reference.member() + reference.descriptor());
                        }
                    }
                }
            }
        }
        return reached;
    }

    /** The class the executable model puts a package's rules in, with its functions: {@code Rules<hash>}. */
    private static boolean rulesClass(ClassFile file) {
        return file.name.matches(".*\\.Rules[0-9A-F]+")
                || file.methods.values().stream().anyMatch(m -> m.name().startsWith("rule_"));
    }
}
