package org.niyam.compliance.engine.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.niyam.compliance.engine.Parameter;
import org.niyam.compliance.engine.Problem;
import org.niyam.compliance.engine.RulePack;

/**
 * Finds the parameters a pack's DRL names by a literal, and checks each against the parameters all packs define,
 * so that a misspelt clock fails the engine build with its file and line instead of failing an evaluation later.
 * Not API.
 *
 * <p>Two kinds of use are found: the clock of a duty (the third argument of {@code new Duty(...)} or
 * {@code Duty.keepUntil(...)} or {@code Duty.periodic(...)}), and a read of {@code LawInForce} ({@code number}, {@code flag}, {@code duration},
 * {@code text} and their {@code ...At} forms, called on a variable, or bare inside a {@code LawInForce(...)}
 * pattern). A name built at run time cannot be checked and is skipped. Three things are reported:
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

    private static final String LITERAL = "\"((?:[^\"\\\\\\n]|\\\\.)*)\"";
    private static final Pattern DUTY = Pattern.compile("\\bnew\\s+Duty\\s*\\(|\\bDuty\\s*\\.\\s*(keepUntil|periodic)\\s*\\(");
    private static final Pattern READ = Pattern.compile(
            "(\\.\\s*)?\\b(number|flag|duration|text)(At)?\\s*\\(\\s*" + LITERAL);
    private static final Pattern LAW_PATTERN = Pattern.compile("\\bLawInForce\\s*\\(");
    private static final Pattern DEFINED_AT = Pattern.compile("\\bdefinedAt\\s*\\(\\s*" + LITERAL);
    private static final Pattern WHOLE_LITERAL = Pattern.compile("^\\s*" + LITERAL + "\\s*$");
    private static final Pattern RULE = Pattern.compile("\\brule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([\\w.\\-]+))");
    private static final Pattern FUNCTION = Pattern.compile("\\bfunction\\b");

    private ParameterReferences() {
    }

    /**
     * Checks every pack's references against the parameters of all packs (with any settings applied).
     *
     * @return one problem per bad reference, in pack and file order
     */
    public static List<Problem> check(List<RulePack> packs, Map<String, Parameter> parameters) {
        List<Problem> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            OffsetDateTime packStart = pack.versions().isEmpty() ? null : pack.versions().get(0).from();
            for (RulePack.DrlSource source : pack.sources()) {
                for (Reference reference : scan(source)) {
                    Problem problem = check(reference, parameters, pack, packStart);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        }
        return problems;
    }

    private static Problem check(Reference ref, Map<String, Parameter> parameters, RulePack pack,
                                 OffsetDateTime packStart) {
        String where = ref.rule() == null ? "" : " in rule '" + ref.rule() + "'";
        Parameter parameter = parameters.get(ref.parameter());
        if (parameter == null) {
            String suggestion = closest(ref.parameter(), parameters.keySet());
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
        String text = source.text();
        boolean[] code = DrlText.codeMask(text);
        List<int[]> ruleSpans = new ArrayList<>();
        List<String> ruleNames = new ArrayList<>();
        ruleSpans(text, code, ruleSpans, ruleNames);

        List<Reference> references = new ArrayList<>();
        Matcher duty = DUTY.matcher(text);
        while (duty.find()) {
            if (!code[duty.start()]) {
                continue;
            }
            List<int[]> arguments = arguments(text, code, duty.end() - 1);
            if (arguments.size() < 3) {
                continue; // the compiler reports a constructor that does not exist
            }
            int[] clock = arguments.get(2);
            Matcher literal = WHOLE_LITERAL.matcher(text.substring(clock[0], clock[1]));
            if (literal.matches()) {
                int at = clock[0] + literal.start(1);
                String rule = enclosing(at, ruleSpans, ruleNames);
                references.add(new Reference(literal.group(1), Use.CLOCK, "\"" + literal.group(1) + "\"",
                        source.origin(), lineOf(text, at), rule, false));
            }
        }

        List<int[]> lawPatterns = new ArrayList<>();
        Matcher law = LAW_PATTERN.matcher(text);
        while (law.find()) {
            if (code[law.start()]) {
                int close = closing(text, code, law.end() - 1);
                lawPatterns.add(new int[] {law.end(), close < 0 ? text.length() : close});
            }
        }
        Matcher read = READ.matcher(text);
        while (read.find()) {
            int nameStart = read.start(2);
            if (!code[nameStart]) {
                continue;
            }
            boolean onVariable = read.group(1) != null;
            if (!onVariable && !inside(nameStart, lawPatterns)) {
                continue; // a function of the pack's own that happens to share the name
            }
            Use use = Use.valueOf(read.group(2).toUpperCase(Locale.ROOT));
            String name = read.group(4);
            String rule = enclosing(nameStart, ruleSpans, ruleNames);
            boolean guarded = rule != null && guarded(text, code, name, ruleSpans.get(ruleNames.indexOf(rule)));
            String call = read.group(2) + (read.group(3) == null ? "" : "At") + "(\"" + name + "\""
                    + (read.group(3) == null ? ")" : ", ...)");
            references.add(new Reference(name, use, call, source.origin(), lineOf(text, read.start(4)), rule, guarded));
        }
        references.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return references;
    }

    private static String describe(Reference ref) {
        return ref.use() == Use.CLOCK ? "the clock of a Duty" : "LawInForce." + ref.call();
    }

    private static String reader(Parameter.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the rule spanning {@code span} asks {@code definedAt} for {@code name}. */
    private static boolean guarded(String text, boolean[] code, String name, int[] span) {
        Matcher defined = DEFINED_AT.matcher(text).region(span[0], span[1]);
        while (defined.find()) {
            if (code[defined.start()] && defined.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The spans of the top-level arguments of the call whose opening parenthesis is at {@code open}. */
    private static List<int[]> arguments(String text, boolean[] code, int open) {
        List<int[]> arguments = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < text.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    if (i > start || !arguments.isEmpty()) {
                        arguments.add(new int[] {start, i});
                    }
                    return arguments;
                }
            } else if (c == ',' && depth == 1) {
                arguments.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return arguments;
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(String text, boolean[] code, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Each rule runs from its {@code rule} keyword to the next rule or function (or the end of the file). */
    private static void ruleSpans(String text, boolean[] code, List<int[]> spans, List<String> names) {
        List<Integer> boundaries = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Matcher rule = RULE.matcher(text);
        while (rule.find()) {
            if (code[rule.start()] && startsLine(text, rule.start())) {
                boundaries.add(rule.start());
                labels.add(rule.group(1) != null ? rule.group(1) : rule.group(2) != null ? rule.group(2) : rule.group(3));
            }
        }
        Matcher function = FUNCTION.matcher(text);
        while (function.find()) {
            if (code[function.start()] && startsLine(text, function.start())) {
                int at = 0;
                while (at < boundaries.size() && boundaries.get(at) < function.start()) {
                    at++;
                }
                boundaries.add(at, function.start());
                labels.add(at, null);
            }
        }
        for (int i = 0; i < boundaries.size(); i++) {
            if (labels.get(i) != null) {
                int end = i + 1 < boundaries.size() ? boundaries.get(i + 1) : text.length();
                spans.add(new int[] {boundaries.get(i), end});
                names.add(labels.get(i));
            }
        }
    }

    private static boolean startsLine(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static String enclosing(int at, List<int[]> spans, List<String> names) {
        for (int i = 0; i < spans.size(); i++) {
            if (at >= spans.get(i)[0] && at < spans.get(i)[1]) {
                return names.get(i);
            }
        }
        return null;
    }

    private static boolean inside(int at, List<int[]> spans) {
        return spans.stream().anyMatch(s -> at >= s[0] && at < s[1]);
    }

    private static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The defined name nearest to a misspelt one, if it is close enough to be a likely typo. */
    private static String closest(String name, Iterable<String> defined) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : defined) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 5) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
