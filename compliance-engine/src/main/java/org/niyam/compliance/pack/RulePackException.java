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

    /**
     * A pack with one or more problems; the message lists them one a line.
     *
     * @param problems every problem found, in source order; at least one
     */
    public RulePackException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * A pack with one problem, found by a failure.
     *
     * @param problem the problem: its file, line and what is wrong
     * @param cause   the failure that revealed it, such as the YAML parser's or an I/O error
     */
    public RulePackException(Problem problem, Throwable cause) {
        super(describe(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** {@return every problem found, in source order} */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String header = problems.size() == 1 ? "1 problem in the rule packs:" : problems.size() + " problems in the rule packs:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
    }
}
