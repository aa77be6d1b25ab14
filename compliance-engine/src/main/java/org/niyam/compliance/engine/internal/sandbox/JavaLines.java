package org.niyam.compliance.engine.internal.sandbox;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the line of a name in the Java code of a consequence or function, from its syntax tree (unicode escapes
 * translated first, as the compiler does), so that a refusal points at the statement, not only at the rule. Not API.
 */
final class JavaLines {

    private JavaLines() {
    }

    /** Whether the code, parsed as Java, names {@code name}. */
    static boolean names(String code, String name) {
        if (code == null) {
            return false;
        }
        Optional<BlockStmt> block = parse(code);
        return block.isPresent() && block.get().findAll(SimpleName.class).stream()
                .anyMatch(n -> n.getIdentifier().equals(name));
    }

    /**
     * The DRL line of the first use of {@code name} in a condition's code (an expression, or statements), which
     * starts on DRL line {@code firstLine}; -1 when it does not parse as Java (DRL operators such as {@code in} or
     * {@code str[startsWith]} do not) or does not name it.
     */
    static int lineInCondition(String code, boolean statement, int firstLine, String name) {
        if (code == null || code.isBlank()) {
            return -1;
        }
        Optional<? extends com.github.javaparser.ast.Node> node;
        if (statement) {
            node = parse(code);
        } else {
            ParserConfiguration configuration = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setPreprocessUnicodeEscapes(true);
            try {
                ParseResult<com.github.javaparser.ast.expr.Expression> parsed =
                        new JavaParser(configuration).parseExpression(code);
                node = parsed.isSuccessful() ? parsed.getResult() : Optional.empty();
            } catch (RuntimeException e) {
                node = Optional.empty();
            }
        }
        return node.flatMap(n -> n.findAll(SimpleName.class).stream()
                        .filter(s -> s.getIdentifier().equals(name))
                        .map(s -> s.getBegin().map(p -> p.line).orElse(1))
                        .min(Comparator.naturalOrder()))
                .map(l -> firstLine + l - 1).orElse(-1);
    }

    private static Optional<BlockStmt> parse(String code) {
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setPreprocessUnicodeEscapes(true);
        try {
            ParseResult<BlockStmt> parsed = new JavaParser(configuration).parseBlock("{" + code + "\n}");
            return parsed.isSuccessful() ? parsed.getResult() : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The DRL line of the first use of {@code name} in the code, which starts on DRL line {@code firstLine}; when
     * the code does not parse as Java (DRL's {@code modify} blocks do not) or does not name it, its first line;
     * {@code fallback} when there is no code.
     */
    static int lineOf(String code, int firstLine, String name, int fallback) {
        if (code == null || firstLine <= 0) {
            return fallback;
        }
        int first = firstLine;
        Optional<BlockStmt> parsed = parse(code);
        if (parsed.isEmpty()) {
            return first;
        }
        BlockStmt block = parsed.get();
        Optional<Integer> named = block.findAll(SimpleName.class).stream()
                .filter(n -> n.getIdentifier().equals(name))
                .map(n -> n.getBegin().map(p -> p.line).orElse(1))
                .min(Comparator.naturalOrder());
        Optional<Integer> referenced = block.findAll(MethodReferenceExpr.class).stream()
                .filter(n -> n.getIdentifier().equals(name))
                .map(n -> n.getBegin().map(p -> p.line).orElse(1))
                .min(Comparator.naturalOrder());
        Optional<Integer> line = named.isPresent() && referenced.isPresent()
                ? Optional.of(Math.min(named.get(), referenced.get())) : named.or(() -> referenced);
        return line.map(l -> firstLine + l - 1).orElse(first);
    }
}
