package org.niyam.compliance.pack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack is broken: a DRL file does not compile, a rule lacks its citation, a parameter file is malformed.
 * Thrown while loading a pack or building an engine, never during an evaluation. Lists every problem found,
 * not only the first.
 */
public final class RulePackException extends RuntimeException {

    private final transient List<Problem> problems;

    public RulePackException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public RulePackException(Problem problem, Throwable cause) {
        super(describe(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Every problem found, in source order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String header = problems.size() == 1 ? "1 problem in the rule packs:" : problems.size() + " problems in the rule packs:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
    }
}
