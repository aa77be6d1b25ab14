package org.niyam.compliance.engine.internal.sandbox;

/**
 * A call of a restricted pack's code (a consequence, a condition, and the functions they call) took more steps than
 * the engine allows, or called its own code deeper than it allows ({@link Steps}): a loop or a recursion that does
 * not end. An {@link Error}, so that a rule's {@code catch
 * (Exception e)} does not take it; the engine turns it into a {@code RuleExecutionException} naming the rule. Not
 * API.
 */
public final class StepLimitExceeded extends Error {

    private static final long serialVersionUID = 1L;

    /** The limit that was passed. */
    private final long limit;
    /** Whether the limit passed is the depth of nested calls, not the count of steps. */
    private final boolean depth;
    /** The facts of the evaluation whose total of steps was passed, or 0: the limit of one call was. */
    private final long facts;

    private StepLimitExceeded(long limit, boolean depth, long facts, String message) {
        super(message);
        this.limit = limit;
        this.depth = depth;
        this.facts = facts;
    }

    /** The limit of steps passed. */
    static StepLimitExceeded steps(long limit) {
        return new StepLimitExceeded(limit, false, 0, "took more than " + limit + " steps");
    }

    /** The limit of nested calls passed. */
    static StepLimitExceeded depth(int limit) {
        return new StepLimitExceeded(limit, true, 0,
                String.format(java.util.Locale.ROOT, "called its own code more than %,d deep", limit));
    }

    /** The evaluation's total of steps passed. */
    static StepLimitExceeded total(StepTotal total) {
        return new StepLimitExceeded(total.max(), false, total.facts(), String.format(java.util.Locale.ROOT,
                "the evaluation's restricted code took more than %,d steps in all (the step limit times its %,d "
                        + "facts)", total.max(), total.facts()));
    }

    /**
     * {@return whether the limit passed is the evaluation's total of steps, {@link #limit()}, the step limit times its
     * {@link #facts()}}
     */
    public boolean total() {
        return facts > 0;
    }

    /** {@return the facts of the evaluation whose total was passed ({@link #total()}), else 0} */
    public long facts() {
        return facts;
    }

    /** {@return the limit passed: of steps (a call's, or the {@link #total()}), or of nested calls ({@link #depth})} */
    public long limit() {
        return limit;
    }

    /** {@return whether the limit passed is that of nested calls of the pack's code, not that of steps} */
    public boolean depth() {
        return depth;
    }

    /** {@return the error among the causes of what was thrown, or {@code null}} */
    public static StepLimitExceeded in(Throwable thrown) {
        return Causes.find(thrown, StepLimitExceeded.class);
    }
}
