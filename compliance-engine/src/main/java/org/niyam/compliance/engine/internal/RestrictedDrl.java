package org.niyam.compliance.engine.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EnumLiteralDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.niyam.compliance.engine.internal.sandbox.JoinGuard;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;

/**
 * The checks of restricted mode that read the parsed DRL, before anything is compiled: what Drools would interpret
 * at run time or while compiling, and so beyond the check of the compiled classes ({@code sandbox.CompiledCheck}).
 * Refused in a restricted pack:
 * <ul>
 *   <li>{@code dialect "mvel"}: MVEL is interpreted, not compiled to classes that can be checked;</li>
 *   <li>metadata, {@code @timestamp} and other annotation values that are not literals or plain names: Drools
 *       evaluates them with MVEL while it compiles (metadata) or when a fact is inserted ({@code @timestamp});</li>
 *   <li>{@code global}s: the engine sets none, and a rule that changes one changes what other rules see;</li>
 *   <li>{@code timer}, {@code calendars}, {@code duration}, {@code date-effective}, {@code date-expires}, of a rule
 *       or of the package (whose attributes are every rule's): they read the session's clock, which is the wall
 *       clock;</li>
 *   <li>{@code import accumulate}: an accumulate function is a class Drools instantiates by its name;</li>
 *   <li>a function named as a DRL operator is ({@code before}, {@code matches}, ...): the executable model's
 *       compiler reads a condition's call of it as the operator, and fails with no rule or line;</li>
 *   <li>{@code query}: the engine asks none (the compiled query is refused too; this names it and its line);</li>
 *   <li>a rule name with an invisible character ({@link Visible}), which would print as another pack's rule;</li>
 *   <li>an argument of a declared enum's constant that is not a literal, a constant of a type the file declares or
 *       a {@code java.time} value: Drools loads the enum, and so runs its constants' arguments, while it compiles
 *       the pack, before the compiled classes are checked.</li>
 * </ul>
 * Not API.
 */
final class RestrictedDrl {

    /** Rule attributes that read the session's clock. */
    private static final Set<String> CLOCK_ATTRIBUTES = Set.of("timer", "calendars", "duration", "date-effective",
            "date-expires");

    /**
     * DRL's operators written as words, which the executable model's compiler reads as the operator wherever a
     * condition names them before a parenthesis, a call of a function of that name included.
     */
    private static final Set<String> OPERATORS = Set.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby", "matches",
            "contains", "excludes", "memberOf", "soundslike");

    static final String LIFT = "If you have reviewed this pack and trust it as code, load it with "
            + "RulePack...unrestricted(); see docs/restricted-drl.md";

    private RestrictedDrl() {
    }

    /**
     * Every refused construct in one DRL file of a restricted pack; of an unrestricted pack, only what no session of
     * the engine can run (an {@code @expires} of a declared event).
     */
    public static List<Problem> check(RulePack pack, RulePack.DrlSource source, PackageDescr descr) {
        List<Problem> problems = new ArrayList<>();
        if (descr == null) {
            return problems;
        }
        String origin = source.origin();
        for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
            AnnotationDescr expires = type.getAnnotation("expires");
            if (expires != null) {
                // Only a session in stream mode expires events; in the engine's, Drools failed at every evaluation.
                problems.add(new Problem(origin, lineOf("@expires", source.text(), type),
                        "declared type '" + type.getTypeName() + "' has @expires, which only a session in stream "
                                + "mode runs, with the session's clock: the engine's sessions judge the evidence as of "
                                + "an instant, never expire a fact, and failed at every evaluation with it. Remove "
                                + "@expires; a rule compares the events' instants instead."));
            }
        }
        if (!pack.restricted()) {
            return problems;
        }
        String[] lines = source.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(JoinGuard.BINDING)) {
                problems.add(new Problem(origin, i + 1, "the name " + JoinGuard.BINDING + " is the engine's: it "
                        + "binds, in every rule of a restricted pack, what counts the rule's joins. Choose another "
                        + "name. " + LIFT));
            }
        }
        for (AttributeDescr attribute : descr.getAttributes()) {
            // A package's attributes are every rule's: a clock there is a clock in each rule.
            dialect(origin, "package " + descr.getName(), attribute, problems);
            clock(origin, "package " + descr.getName(), attribute, Math.max(descr.getLine(), 0), problems);
        }
        descr.getGlobals().forEach(global -> problems.add(new Problem(origin, global.getLine(), "global '"
                + global.getIdentifier() + "': restricted packs may not declare globals; the engine sets none, and a "
                + "rule that changed one would change what other rules see. Insert a fact instead. " + LIFT)));
        descr.getAccumulateImports().forEach(imported -> problems.add(new Problem(origin, imported.getLine(),
                "import accumulate " + imported.getTarget() + ": restricted packs may use only the built-in "
                        + "accumulate functions (count, sum, min, max, average, collectList, collectSet) or an inline "
                        + "accumulate. " + LIFT)));
        descr.getFunctions().stream().filter(function -> OPERATORS.contains(function.getName())).forEach(function ->
                problems.add(new Problem(origin, function.getLine(), "function '" + function.getName() + "' has the "
                        + "name of a DRL operator ($a " + function.getName() + " $b), as which the compiler of "
                        + "restricted packs reads a condition's call of it (eval(" + function.getName() + "($a, $b)) "
                        + "fails to compile). Rename the function and its calls (is" + capitalized(function.getName())
                        + ", say). " + LIFT)));
        for (RuleDescr rule : descr.getRules()) {
            if (rule instanceof QueryDescr) {
                problems.add(new Problem(origin, rule.getLine(), "query '" + rule.getName() + "': restricted packs "
                        + "may not declare queries; the engine asks none, and the report holds what rules conclude. "
                        + LIFT));
                continue;
            }
            String where = "rule '" + rule.getName() + "'";
            String invisible = Visible.firstInvisible(rule.getName());
            if (invisible != null) {
                problems.add(new Problem(origin, rule.getLine(), "rule '" + Visible.shown(rule.getName())
                        + "' has an invisible character (" + invisible + ") in its name: " + Evaluation.VISIBLE
                        + ". " + LIFT));
            }
            for (AttributeDescr attribute : rule.getAttributes().values()) {
                if (descr.getAttributes().contains(attribute)) {
                    continue; // the package's, inherited
                }
                dialect(origin, where, attribute, problems);
                clock(origin, where, attribute, rule.getLine(), problems);
            }
            annotations(origin, where, rule, problems);
            int forall = JoinGuard.loneForallOfObject(rule);
            if (forall > 0) {
                problems.add(new Problem(origin, forall, where + ": a forall of one pattern of Object, whose base "
                        + "pattern Drools makes from the type alone, matching every fact of the session, the "
                        + "engine's own among them (what counts the rules' joins). Write it with two patterns: "
                        + "forall($o : Object() Object(this == $o, ...)). " + LIFT));
            }
        }
        for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
            String where = "declared type '" + type.getTypeName() + "'";
            annotations(origin, where, type, problems);
            for (Map.Entry<String, TypeFieldDescr> field : type.getFields().entrySet()) {
                annotations(origin, where + ", field '" + field.getKey() + "'", field.getValue(), problems);
            }
            if (type instanceof EnumDeclarationDescr declaredEnum) {
                constants(origin, source.text(), descr, declaredEnum, problems);
            }
        }
        return problems;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The arguments of a declared enum's constants that could run code outside the JDK's {@code java.time}: Drools
     * compiles the enum and initialises it, which runs them, while it compiles the pack's declared types, before any
     * class is checked. What may run then is what {@link #loadsNothingOfThePack} allows; the check of the compiled
     * classes still applies to it.
     */
    private static void constants(String origin, String text, PackageDescr descr, EnumDeclarationDescr type,
                                  List<Problem> problems) {
        Set<String> declared = new java.util.HashSet<>();
        descr.getClassAndEnumDeclarationDescrs().forEach(t -> declared.add(t.getTypeName()));
        Set<String> imported = new java.util.HashSet<>();
        descr.getImports().forEach(i -> imported.add(i.getTarget().strip()));
        for (EnumLiteralDescr constant : type.getLiterals()) {
            for (String argument : constant.getConstructorArgs()) {
                String written = argument == null ? "" : argument.strip();
                com.github.javaparser.ParseResult<Expression> parsed = new JavaParser(new ParserConfiguration()
                        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                        .setPreprocessUnicodeEscapes(true)).parseExpression(written);
                if (parsed.getResult().isEmpty() || !parsed.isSuccessful()
                        || !loadsNothingOfThePack(parsed.getResult().get(), declared, imported)) {
                    problems.add(new Problem(origin, lineOfConstant(constant.getName(), text, type),
                            "declared enum '" + type.getTypeName() + "', constant " + constant.getName()
                                    + ": the argument " + written + " is not a literal, a constant of a type this "
                                    + "file declares or a java.time value (Duration.ofDays(2)). Drools runs an enum's "
                                    + "arguments when it loads the enum, while it compiles the pack and before its "
                                    + "classes are checked; compute other values in a function or a rule. " + LIFT));
                }
            }
        }
    }

    /**
     * Whether an enum constant's argument is made only of literals, operators, constants of types the file declares
     * ({@code Level.LOW}) and {@code java.time} classes' static fields and methods ({@code Duration.ofHours(1)},
     * {@code ChronoUnit.DAYS}): initialising the enum then runs the JDK's {@code java.time} and the file's own enums,
     * whose arguments are held to the same, and nothing else.
     */
    static boolean loadsNothingOfThePack(Expression expression, Set<String> declared, Set<String> imported) {
        if (expression.isLiteralExpr()) {
            return true;
        }
        if (expression.isEnclosedExpr()) {
            return loadsNothingOfThePack(expression.asEnclosedExpr().getInner(), declared, imported);
        }
        if (expression.isUnaryExpr()) {
            UnaryExpr.Operator operator = expression.asUnaryExpr().getOperator();
            return (operator == UnaryExpr.Operator.MINUS || operator == UnaryExpr.Operator.PLUS)
                    && loadsNothingOfThePack(expression.asUnaryExpr().getExpression(), declared, imported);
        }
        if (expression.isBinaryExpr()) {
            return loadsNothingOfThePack(expression.asBinaryExpr().getLeft(), declared, imported)
                    && loadsNothingOfThePack(expression.asBinaryExpr().getRight(), declared, imported);
        }
        if (expression.isFieldAccessExpr()) {
            // A constant: Level.LOW, ChronoUnit.DAYS, java.time.temporal.ChronoUnit.DAYS.
            String scope = expression.asFieldAccessExpr().getScope().toString();
            return names(expression.asFieldAccessExpr().getScope())
                    && (declared.contains(scope) || javaTime(scope, declared, imported));
        }
        if (expression.isMethodCallExpr()) {
            MethodCallExpr call = expression.asMethodCallExpr();
            return call.getScope().isPresent() && names(call.getScope().get()) && call.getTypeArguments().isEmpty()
                    && javaTime(call.getScope().get().toString(), declared, imported)
                    && call.getArguments().stream().allMatch(a -> loadsNothingOfThePack(a, declared, imported));
        }
        return false;
    }

    /** Whether the expression is a name or a qualified name, {@code a.b.C}. */
    private static boolean names(Expression expression) {
        return expression.isNameExpr() || expression.isFieldAccessExpr()
                && names(expression.asFieldAccessExpr().getScope());
    }

    /** The packages of {@code java.time} whose classes an enum constant's argument may name. */
    private static final List<String> JAVA_TIME = List.of("java.time.", "java.time.temporal.");

    /**
     * Whether a name written in the DRL is a class of {@link #JAVA_TIME}: its qualified name, or a simple name the
     * file imports from it, alone or with the package's {@code *} (and no type the file declares or imports else).
     */
    private static boolean javaTime(String name, Set<String> declared, Set<String> imported) {
        for (String pkg : JAVA_TIME) {
            if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0 && platformClass(name)) {
                return true;
            }
        }
        if (name.contains(".") || declared.contains(name)) {
            return false;
        }
        boolean otherImport = imported.stream().anyMatch(i -> i.endsWith("." + name)
                && JAVA_TIME.stream().noneMatch(pkg -> i.equals(pkg + name)));
        if (otherImport) {
            return false;
        }
        return JAVA_TIME.stream().anyMatch(pkg -> (imported.contains(pkg + name) || imported.contains(pkg + "*"))
                && platformClass(pkg + name));
    }

    private static boolean platformClass(String name) {
        try {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader()) != null;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The line of an enum constant with arguments, which the parser does not give: else the declaration's. */
    private static int lineOfConstant(String name, String text, AbstractClassTypeDeclarationDescr type) {
        java.util.regex.Pattern constant = java.util.regex.Pattern.compile(
                "(^|[^\\w$])" + java.util.regex.Pattern.quote(name) + "\\s*\\(");
        int first = Math.max(type.getLine(), 1);
        List<String> lines = text == null ? List.of() : text.lines().toList();
        for (int i = first - 1; i < lines.size() && (type.getEndLine() <= 0 || i < type.getEndLine()); i++) {
            if (constant.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return Math.max(type.getLine(), 0);
    }


    /** The line of the declaration's {@code annotation}, which the parser does not give: else the declaration's. */
    private static int lineOf(String annotation, String text, AbstractClassTypeDeclarationDescr type) {
        int first = Math.max(type.getLine(), 1);
        List<String> lines = text == null ? List.of() : text.lines().toList();
        for (int i = first - 1; i < lines.size() && (type.getEndLine() <= 0 || i < type.getEndLine()); i++) {
            if (lines.get(i).contains(annotation)) {
                return i + 1;
            }
        }
        return Math.max(type.getLine(), 0);
    }

    private static void clock(String origin, String where, AttributeDescr attribute, int fallbackLine,
                              List<Problem> problems) {
        if (CLOCK_ATTRIBUTES.contains(attribute.getName())) {
            problems.add(new Problem(origin, attribute.getLine() > 0 ? attribute.getLine() : fallbackLine,
                    where + " uses the attribute '" + attribute.getName() + "', which reads the session's "
                            + "clock (the wall clock): an evaluation must depend only on its evidence and its "
                            + "\"as of\" instant. Compare with LawInForce's asOf instead. " + LIFT));
        }
    }

    private static void dialect(String origin, String where, AttributeDescr attribute, List<Problem> problems) {
        if (attribute.getName().equals("dialect")
                && !unquoted(attribute.getValue()).toLowerCase(Locale.ROOT).equals("java")) {
            problems.add(new Problem(origin, attribute.getLine(), where + " asks for dialect \""
                    + unquoted(attribute.getValue()) + "\": restricted packs are compiled to Java classes and checked there, "
                    + "and MVEL is interpreted at run time, beyond that check. Remove the dialect line and write the "
                    + "consequence in Java. " + LIFT));
        }
    }

    private static void annotations(String origin, String where, AnnotatedBaseDescr annotated, List<Problem> problems) {
        for (AnnotationDescr annotation : annotated.getAnnotations()) {
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                for (Object each : value.getValue() instanceof Object[] array ? array : new Object[] {value.getValue()}) {
                    String text = String.valueOf(each).strip();
                    if (!isLiteralOrName(text)) {
                        int line = annotation.getLine() > 0 ? annotation.getLine() : annotated.getLine();
                        problems.add(new Problem(origin, line, where + ": the value of @" + annotation.getName()
                                + " is " + text + ", not a literal or a plain name. Drools evaluates such values "
                                + "with MVEL, interpreted beyond the check of compiled code; in a restricted pack "
                                + "write a string, a number, true or false, or a property name. " + LIFT));
                    }
                }
            }
        }
    }

    private static String unquoted(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Whether an annotation value is a string literal (without unicode escapes, which Java and MVEL translate before
     * they read the literal), a number or duration such as {@code 36} or {@code 10d}, {@code true}, {@code false},
     * or a plain name such as {@code event} or {@code at}.
     */
    static boolean isLiteralOrName(String text) {
        if (text.isEmpty()) {
            return true;
        }
        if (text.charAt(0) == '"') {
            if (text.length() < 2 || text.charAt(text.length() - 1) != '"') {
                return false;
            }
            for (int i = 1; i < text.length() - 1; i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    return false;
                }
                if (c == '\\') {
                    char next = i + 1 < text.length() - 1 ? text.charAt(i + 1) : 'u';
                    if ("\"\\nt'".indexOf(next) < 0) {
                        return false;
                    }
                    i++;
                }
            }
            return true;
        }
        // A number, a duration (10d, 1h30m) or a plain name; a dot only between digits, so that a number does not
        // start a property path that MVEL would evaluate (0.class.classLoader).
        int n = text.length();
        int i = text.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return false;
        }
        if (isDigit(text.charAt(i))) {
            while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                int fraction = ++i;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                if (i == fraction) {
                    return false;
                }
            }
        } else if (i > 0) {
            return false;
        }
        while (i < n && (isDigit(text.charAt(i)) || isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
