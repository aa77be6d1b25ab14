package org.niyam.compliance.pack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack is broken: a DRL file does not compile, a rule lacks its citation, a parameter file is malformed.
 * Thrown while loading a pack or building an engine, never during an evaluation. Lists every problem found,
 * not only the first, and the warnings the build had found when it failed ({@link #warnings()}).
 */
public final class RulePackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems: an immutable list of serializable problems, kept when the exception is serialized. */
    private final List<Problem> problems;
    /** The warnings found beside them: an immutable list too, kept when the exception is serialized. */
    private final List<Problem> warnings;

    /**
     * A pack with one or more problems; the message lists them one a line.
     *
     * @param problems every problem found, in source order; at least one
     */
    public RulePackException(List<Problem> problems) {
        this(problems, List.of());
    }

    /**
     * A pack with one or more problems, and warnings found beside them; the message lists the problems one a line,
     * then the warnings.
     *
     * @param problems every problem found, in source order; at least one
     * @param warnings what the build found that would not have stopped it (a duty key two packs conclude, a pack
     *                 given twice), as {@code ComplianceEngine.warnings()} lists it; empty for none
     */
    public RulePackException(List<Problem> problems, List<Problem> warnings) {
        super(describe(problems, warnings));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * A pack with one problem, found by a failure.
     *
     * @param problem the problem: its file, line and what is wrong
     * @param cause   the failure that revealed it, such as the YAML parser's or an I/O error
     */
    public RulePackException(Problem problem, Throwable cause) {
        super(describe(List.of(problem), List.of()), cause);
        this.problems = List.of(problem);
        this.warnings = List.of();
    }

    /** {@return every problem found, in source order} */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * {@return the warnings the engine's build had found when it failed} as {@code ComplianceEngine.warnings()} lists
     * them for an engine that builds: a pack given twice (found first of all), a duty key or finding code that two
     * packs conclude (found once every DRL file is parsed). Empty when there is none, when the build failed before it
     * could know them, and for a pack that failed to load.
     */
    public List<Problem> warnings() {
        return warnings;
    }

    private static String describe(List<Problem> problems, List<Problem> warnings) {
        String header = problems.size() == 1 ? "1 problem in the rule packs:" : problems.size() + " problems in the rule packs:";
        String text = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
        if (warnings.isEmpty()) {
            return text;
        }
        return text + warnings.stream().map(w -> "  " + w).collect(Collectors.joining("\n",
                "\n" + (warnings.size() == 1 ? "1 warning:" : warnings.size() + " warnings:") + "\n", ""));
    }
}
