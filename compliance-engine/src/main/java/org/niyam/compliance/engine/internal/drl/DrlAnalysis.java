package org.niyam.compliance.engine.internal.drl;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.niyam.compliance.pack.Problem;
import org.niyam.compliance.pack.RulePack;

/**
 * One DRL file, parsed once: Drools' description of its rules (attributes included) and a Java syntax tree of
 * every piece of code in it (constraints, {@code eval}, {@code from} and {@code accumulate} code, consequences and
 * functions), each placed at its line in the file. Parameter references, case-locality and the placing of compile
 * errors all read this, not the text. Not API; see {@code docs/performance.md}.
 *
 * <p>Code is read with JavaParser, which knows where each node is. What plain Java cannot express (a constraint
 * such as {@code $c : caseId} or {@code this after[0s,3h] $e}, a consequence with a {@code modify} block) is read
 * with Drools' own parser for DRL expressions, which gives the same kind of tree without positions: its nodes are
 * placed on the first line of their code. Code neither can read is kept as unreadable, so that whoever needs to
 * know what it does can say so.
 */
public final class DrlAnalysis {

    /** Drools' operators that can stand between two operands of a constraint, for its expression parser. */
    private static final List<String> OPERATORS = List.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby", "str",
            "contains", "memberOf", "soundslike", "matches", "excludes");

    /** Java 17, with unicode escapes translated first, as the compiler translates them, positions kept. */
    private static final ParserConfiguration JAVA = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setPreprocessUnicodeEscapes(true);

    /**
     * One piece of code and where it is.
     *
     * @param root       its syntax tree: a {@link BlockStmt} for statements, an expression for an expression (a
     *                   {@link DrlxExpression} when it binds a variable), or {@code null} when it could not be read
     * @param text       the code as written
     * @param line       the file's line of the code's first line
     * @param positioned whether the tree's nodes know their lines, relative to {@code line}
     */
    public record Code(Node root, String text, int line, boolean positioned) {

        /** The file's line of a node of this code. */
        public int lineOf(Node node) {
            if (positioned && node.getBegin().isPresent()) {
                return line + node.getBegin().get().line - 1;
            }
            return line;
        }

        public boolean readable() {
            return root != null;
        }
    }

    /**
     * A rule or query with all its code: the expressions of its {@code salience} and {@code enabled} attributes,
     * its conditions, then its consequences (a query has none).
     */
    public record Rule(RuleDescr descr, List<Code> attributes, List<Code> conditions, List<Code> consequences) {

        public String name() {
            return descr.getName();
        }

        /** The code of its attributes and conditions, in DRL order. */
        public List<Code> conditionCode() {
            List<Code> all = new ArrayList<>(attributes);
            all.addAll(conditions);
            return all;
        }
    }

    private final String origin;
    private final String text;
    private final PackageDescr descr;
    private final boolean compilable;
    private final int[] lineStarts;
    private final List<Rule> rules = new ArrayList<>();
    private final List<RuleDescr> queries = new ArrayList<>();
    private final List<Rule> queryCode = new ArrayList<>();
    /** The parser's errors, each with its line; empty when the file parsed. */
    private final List<Problem> syntaxErrors;
    private final Map<FunctionDescr, Code> functions = new LinkedHashMap<>();
    private final Map<BaseDescr, Code> constraints = new IdentityHashMap<>();

    private DrlAnalysis(String origin, String text, PackageDescr descr, List<Problem> syntaxErrors,
                        boolean compilable) {
        this.compilable = compilable;
        this.origin = origin;
        this.text = text;
        this.descr = descr;
        this.syntaxErrors = List.copyOf(syntaxErrors);
        this.lineStarts = lineStarts(text);
        if (descr == null) {
            return;
        }
        for (FunctionDescr function : descr.getFunctions()) {
            int at = find(function.getBody(), function.getLine());
            functions.put(function, block(function.getBody(), lineAt(at, function.getLine())));
        }
        for (RuleDescr rule : descr.getRules()) {
            List<Code> attributes = new ArrayList<>();
            for (String attribute : List.of("salience", "enabled")) {
                AttributeDescr value = rule.getAttributes().get(attribute);
                if (value != null && value.getValue() != null) {
                    attributes.add(expression(value.getValue(), value.getLine() > 0 ? value.getLine() : rule.getLine()));
                }
            }
            List<Code> conditions = new ArrayList<>();
            conditions(rule.getLhs(), conditions);
            if (rule.isQuery()) {
                queries.add(rule);
                queryCode.add(new Rule(rule, List.copyOf(attributes), List.copyOf(conditions), List.of()));
                continue;
            }
            List<Code> consequences = new ArrayList<>();
            int then = Math.max(rule.getConsequenceLine(), rule.getLine());
            if (rule.getConsequence() != null) {
                String code = String.valueOf(rule.getConsequence());
                consequences.add(block(code, lineAt(find(code, then), then + 1)));
            }
            for (Object named : rule.getNamedConsequences().values()) {
                String code = String.valueOf(named);
                consequences.add(block(code, lineAt(find(code, rule.getLine()), rule.getLine())));
            }
            rules.add(new Rule(rule, List.copyOf(attributes), List.copyOf(conditions), List.copyOf(consequences)));
        }
    }

    /**
     * Parses one DRL file. A file with a syntax error gives an analysis without rules ({@link #parsed()} is false):
     * the compiler reports the error with its line.
     */
    public static DrlAnalysis of(RulePack.DrlSource source) {
        Problem deep = tooDeep(source);
        if (deep != null) {
            return new DrlAnalysis(source.origin(), source.text(), null, List.of(deep), false);
        }
        DroolsInternals.ParsedDrl parsed = DroolsInternals.parseDrl(source.text());
        PackageDescr descr = parsed.descr();
        List<Problem> errors = new ArrayList<>();
        parsed.errors().forEach(error -> errors.add(new Problem(source.origin(), error.line(), error.message())));
        if (descr == null && errors.isEmpty()) {
            errors.add(new Problem(source.origin(), 0, "cannot be parsed as DRL"));
        }
        return new DrlAnalysis(source.origin(), source.text(), descr, errors, true);
    }

    /** How deep brackets may nest in a DRL file: far past any rule, well before the parsers' stacks overflow. */
    static final int MAX_NESTING = 256;

    /**
     * How many operators may follow one another in a DRL file with no statement, argument, block or part of a rule
     * ({@code when}, {@code then}, {@code end}) between them: a flat chain ({@code 1 + 1 + ... + 1}) is a syntax tree
     * as deep as brackets nested as often, and the Java parsers and compiler recurse down it (2,000 terms overflowed
     * the stack); far past any rule's expression.
     */
    static final int MAX_CHAIN = 512;

    /** The DRL keywords that start a part of a file: no expression runs past them. */
    private static final java.util.Set<String> SECTION_WORDS = java.util.Set.of("rule", "when", "then", "end",
            "query", "declare");

    /** The characters of Java's and DRL's operators, but {@code =}, so that {@code ==} and {@code <=} count once. */
    private static final String OPERATOR_CHARACTERS = "+-*/%&|^<>!~?:.";

    /**
     * A problem when the file nests parentheses, brackets or braces (outside strings and comments) deeper than
     * {@link #MAX_NESTING}, or chains more than {@link #MAX_CHAIN} operators: Drools' parsers would spend many seconds
     * and then overflow their stack, or the Java parsers and compiler overflow theirs, naming no line.
     */
    private static Problem tooDeep(RulePack.DrlSource source) {
        String text = source.text();
        int depth = 0;
        int chain = 0;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isJavaIdentifierStart(c)) {
                // A word: a DRL keyword that starts a part of the file ends any expression before it.
                int end = i + 1;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                if (end - i <= 5 && SECTION_WORDS.contains(text.substring(i, end))) {
                    chain = 0;
                }
                i = end - 1;
                continue;
            }
            if (c == ';' || c == ',' || c == '{' || c == '}') {
                chain = 0;
            } else if (OPERATOR_CHARACTERS.indexOf(c) >= 0 && !(c == '/' && i + 1 < text.length()
                    && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) && ++chain > MAX_CHAIN) {
                return new Problem(source.origin(), line, "more than " + MAX_CHAIN + " operators in one "
                        + "expression, with no statement or argument between them: the file is not read (the Java "
                        + "parsers and compiler would overflow their stack); write the expression in steps, with "
                        + "variables, functions or more rules");
            }
            if (c == '\n') {
                line++;
            } else if (c == '"' || c == '\'') {
                for (i++; i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
                if (i < text.length() && text.charAt(i) == '\n') {
                    line++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                for (i += 2; i + 1 < text.length() && !(text.charAt(i) == '*' && text.charAt(i + 1) == '/'); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                i++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return new Problem(source.origin(), line, "parentheses, brackets or braces nested more than "
                            + MAX_NESTING + " deep: the file is not read (Drools' parsers would overflow their "
                            + "stack); write the expression in steps, with functions or more rules");
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }

    /** Whether the file may be given to Drools' compiler at all (not when it is too deep for its parsers). */
    public boolean compilable() {
        return compilable;
    }

    /** Why the file did not parse, each with its line; empty when it parsed. */
    public List<Problem> syntaxErrors() {
        return syntaxErrors;
    }

    public String origin() {
        return origin;
    }

    public String text() {
        return text;
    }

    /** Whether the file parsed; if not, it has no rules, queries or functions here. */
    public boolean parsed() {
        return descr != null;
    }

    /** The parsed file, or {@code null} when it has a syntax error. */
    public PackageDescr descr() {
        return descr;
    }

    /** The rules, without queries, in file order. */
    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** The queries, in file order. */
    public List<RuleDescr> queries() {
        return Collections.unmodifiableList(queries);
    }

    /** The queries with their code (no consequences), in file order. */
    public List<Rule> queryCode() {
        return Collections.unmodifiableList(queryCode);
    }

    /** Each function with its body. */
    public Map<FunctionDescr, Code> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** The code of a constraint ({@link ExprConstraintDescr} or {@link BindingDescr}) of a pattern of this file. */
    public Code constraint(BaseDescr constraint) {
        return constraints.get(constraint);
    }

    /**
     * A rule's attributes as Drools applies them: the file's attributes, overridden by the rule's own.
     */
    public static Map<String, AttributeDescr> attributes(PackageDescr file, RuleDescr rule) {
        Map<String, AttributeDescr> attributes = new LinkedHashMap<>();
        for (AttributeDescr attribute : file.getAttributes()) {
            attributes.put(attribute.getName(), attribute);
        }
        attributes.putAll(rule.getAttributes());
        return attributes;
    }

    /** Collects the code of a rule's conditions: constraints, {@code eval}, {@code from} and accumulate code. */
    private void conditions(BaseDescr element, List<Code> out) {
        if (element instanceof PatternDescr pattern) {
            // A pattern's source (from, accumulate) and some constraints carry no line of their own: the pattern's.
            int patternLine = lineOf(pattern);
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                Code code = null;
                if (constraint instanceof ExprConstraintDescr expression) {
                    code = expression(expression.getExpression(), lineOf(constraint, patternLine));
                } else if (constraint instanceof BindingDescr binding) {
                    code = expression(binding.getExpression(), lineOf(constraint, patternLine));
                }
                if (code != null) {
                    constraints.put(constraint, code);
                    out.add(code);
                }
            }
            BaseDescr source = pattern.getSource();
            if (source instanceof AccumulateDescr accumulate) {
                conditions(accumulate.getInput(), out);
                int line = lineOf(accumulate, patternLine);
                for (String code : new String[] {accumulate.getInitCode(), accumulate.getActionCode(),
                        accumulate.getReverseCode()}) {
                    if (code != null && !code.isBlank()) {
                        out.add(block(code, line));
                    }
                }
                if (accumulate.getResultCode() != null && !accumulate.getResultCode().isBlank()) {
                    out.add(expression(accumulate.getResultCode(), line));
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
                    for (String parameter : function.getParams()) {
                        out.add(expression(parameter, line));
                    }
                }
            } else if (source instanceof CollectDescr collect) {
                conditions(collect.getInputPattern(), out);
            } else if (source instanceof FromDescr from) {
                out.add(expression(from.getExpression(), lineOf(from, patternLine)));
            }
        } else if (element instanceof EvalDescr eval) {
            out.add(expression(String.valueOf(eval.getContent()), lineOf(eval)));
        } else if (element instanceof ConditionalElementDescr group) {
            for (Object child : group.getDescrs()) {
                conditions((BaseDescr) child, out);
            }
        }
    }

    private static int lineOf(BaseDescr descr) {
        return Math.max(descr.getLine(), 0);
    }

    private static int lineOf(BaseDescr descr, int fallback) {
        return descr.getLine() > 0 ? descr.getLine() : fallback;
    }

    /** Statements, read as a Java block, else with Drools' parser (which knows {@code modify} and {@code with}). */
    private static Code block(String code, int line) {
        ParseResult<BlockStmt> java = new JavaParser(JAVA).parseBlock("{" + code + "\n}");
        if (java.isSuccessful() && java.getResult().isPresent()) {
            return new Code(java.getResult().get(), code, line, true);
        }
        try {
            return new Code(DroolsInternals.parseMvelBlock("{" + code + "\n}"), code, line, false);
        } catch (RuntimeException e) {
            return new Code(null, code, line, false);
        }
    }

    /** An expression, read as Java, else as a DRL constraint (bindings, {@code in}, temporal operators...). */
    private static Code expression(String code, int line) {
        if (code == null) {
            return new Code(null, "", line, false);
        }
        ParseResult<com.github.javaparser.ast.expr.Expression> java = new JavaParser(JAVA).parseExpression(code);
        if (java.isSuccessful() && java.getResult().isPresent()) {
            return new Code(java.getResult().get(), code, line, true);
        }
        try {
            DrlxExpression drlx = DroolsInternals.parseDrlxExpression(code, OPERATORS);
            return new Code(drlx.getBind() == null ? drlx.getExpr() : drlx, code, line, false);
        } catch (RuntimeException e) {
            return new Code(null, code, line, false);
        }
    }

    /** Where {@code code} starts in the text, searching from the start of {@code line}; -1 if not found. */
    private int find(String code, int line) {
        if (code == null || code.isEmpty()) {
            return -1;
        }
        int from = line <= 0 ? 0 : lineStarts[Math.min(line, lineStarts.length) - 1];
        return text.indexOf(code, from);
    }

    /** The 1-based line of a character offset, or {@code fallback} for -1. */
    private int lineAt(int offset, int fallback) {
        if (offset < 0) {
            return fallback;
        }
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rule whose declaration is on this line, or {@code null}. */
    public Rule ruleAt(int line) {
        for (Rule rule : rules) {
            if (rule.descr().getLine() == line) {
                return rule;
            }
        }
        return null;
    }

    /** Names in the Java compiler's messages that point at the code at fault. */
    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "([A-Za-z_$][\\w$]*) cannot be resolved|The method ([A-Za-z_$][\\w$]*)"
                    + "|([A-Za-z_$][\\w$]*) is undefined|The constructor ([A-Za-z_$][\\w$]*)");

    /**
     * The name a Java compiler's message says is at fault ("$e cannot be resolved", "The method x(..) is undefined"),
     * or {@code null} when it names none.
     */
    public static String compilerNamed(String message) {
        java.util.regex.Matcher named = NAMED.matcher(message);
        if (!named.find()) {
            return null;
        }
        for (int g = 1; g <= named.groupCount(); g++) {
            if (named.group(g) != null) {
                return named.group(g);
            }
        }
        return null;
    }

    /**
     * Drools places an error in a rule's consequence on the line of the rule; when the compiler's message names
     * what is wrong ("Dutyx cannot be resolved to a type"), this finds the first line of the rule's consequences
     * whose syntax tree uses that name. Any other error keeps its line.
     */
    public int consequenceLine(int ruleLine, String message) {
        String name = compilerNamed(message);
        if (ruleLine <= 0 || !message.startsWith("Rule Compilation error") || name == null) {
            return ruleLine;
        }
        Rule rule = ruleAt(ruleLine);
        if (rule == null) {
            return ruleLine;
        }
        for (Code code : rule.consequences()) {
            int line = lineOf(code, name);
            if (line > 0) {
                return line;
            }
        }
        return ruleLine;
    }

    /**
     * The file's line of the first use of {@code name} in the code: a name, or a method reference such as
     * {@code System::getenv}; -1 when the code cannot be read or does not use it.
     */
    public static int lineOf(Code code, String name) {
        if (code == null || !code.readable() || name == null) {
            return -1;
        }
        int best = Integer.MAX_VALUE;
        for (com.github.javaparser.ast.expr.SimpleName simple
                : code.root().findAll(com.github.javaparser.ast.expr.SimpleName.class)) {
            if (simple.getIdentifier().equals(name)) {
                best = Math.min(best, code.lineOf(simple));
            }
        }
        for (com.github.javaparser.ast.expr.MethodReferenceExpr reference
                : code.root().findAll(com.github.javaparser.ast.expr.MethodReferenceExpr.class)) {
            if (reference.getIdentifier().equals(name)) {
                best = Math.min(best, code.lineOf(reference));
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /**
     * The line of the first pattern over the type, for the executable model's "Unable to find class: Complaint",
     * which carries no line; 0 when no pattern names it.
     */
    public int lineOfPattern(String type) {
        if (descr == null) {
            return 0;
        }
        for (RuleDescr rule : descr.getRules()) {
            for (BaseDescr condition : elements(rule)) {
                if (condition instanceof PatternDescr pattern && type.equals(pattern.getObjectType())) {
                    return pattern.getLine() > 0 ? pattern.getLine() : rule.getLine();
                }
            }
        }
        return 0;
    }

    /**
     * The line of the constraint or {@code from} expression a compiler message quotes, for the executable model's
     * messages that carry no line ("Unable to parse left part of expression: colour == "red""); 0 when none is.
     */
    public int lineOfExpression(String message) {
        if (descr == null) {
            return 0;
        }
        for (RuleDescr rule : descr.getRules()) {
            int patternLine = 0; // the pattern whose constraints and source follow it in the walk
            for (BaseDescr condition : elements(rule)) {
                if (condition instanceof PatternDescr pattern) {
                    patternLine = pattern.getLine();
                }
                String expression = condition instanceof ExprConstraintDescr constraint ? constraint.getExpression()
                        : condition instanceof FromDescr from ? from.getExpression() : null;
                if (expression != null && !expression.isBlank() && message.contains(expression.strip())) {
                    // A from's own line is not always kept by the parser: its expression's, or its pattern's, is.
                    int line = condition.getLine() > 0 ? condition.getLine()
                            : condition instanceof FromDescr from && from.getDataSource() != null
                            && from.getDataSource().getLine() > 0 ? from.getDataSource().getLine() : patternLine;
                    return line > 0 ? line : rule.getLine();
                }
            }
        }
        return 0;
    }

    /** Imports of single classes that the class loader does not have and no DRL file declares. */
    public List<Problem> unknownImports(java.util.Set<String> declared, ClassLoader loader) {
        List<Problem> problems = new ArrayList<>();
        if (descr == null) {
            return problems;
        }
        for (org.drools.drl.ast.descr.ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget().strip();
            if (target.endsWith("*") || declared.contains(target) || exists(target, loader)) {
                continue;
            }
            problems.add(new Problem(origin, imported.getLine(), "import '" + target
                    + "': there is no such class. Check its spelling, or add the jar that holds it"));
        }
        return problems;
    }

    /**
     * Whether the class exists in the loader, a nested class named with dots too ({@code a.b.Outer.Inner}); it is not
     * initialised.
     */
    public static boolean exists(String name, ClassLoader loader) {
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

    /** Every condition element, pattern, constraint and pattern source of the rule's left-hand side. */
    private static List<BaseDescr> elements(RuleDescr rule) {
        List<BaseDescr> all = new ArrayList<>();
        walk(rule.getLhs(), all);
        return all;
    }

    private static void walk(BaseDescr element, List<BaseDescr> all) {
        if (element == null) {
            return;
        }
        all.add(element);
        if (element instanceof PatternDescr pattern) {
            pattern.getDescrs().forEach(d -> walk(d, all));
            walk(pattern.getSource(), all);
        } else if (element instanceof AccumulateDescr accumulate) {
            accumulate.getDescrs().forEach(d -> walk(d, all));
        } else if (element instanceof ConditionalElementDescr group && !(element instanceof FromDescr)) {
            for (Object child : group.getDescrs()) {
                if (child instanceof BaseDescr d) {
                    walk(d, all);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DrlAnalysis[" + origin + ", " + rules.size() + " rules]";
    }
}
