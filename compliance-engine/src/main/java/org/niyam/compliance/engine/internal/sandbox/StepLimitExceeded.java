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

    private StepLimitExceeded(long limit, boolean depth, String message) {
        super(message);
        this.limit = limit;
        this.depth = depth;
    }

    /** The limit of steps passed. */
    static StepLimitExceeded steps(long limit) {
        return new StepLimitExceeded(limit, false, "took more than " + limit + " steps");
    }

    /** The limit of nested calls passed. */
    static StepLimitExceeded depth(int limit) {
        return new StepLimitExceeded(limit, true,
                String.format(java.util.Locale.ROOT, "called its own code more than %,d deep", limit));
    }

    /** {@return the limit that was passed: of steps, or of nested calls when {@link #depth()}} */
    public long limit() {
        return limit;
    }

    /** {@return whether the limit passed is that of nested calls of the pack's code, not that of steps} */
    public boolean depth() {
        return depth;
    }

    /** {@return the error among the causes of what was thrown, or {@code null}} */
    public static StepLimitExceeded in(Throwable thrown) {
        int depth = 0; // a rule's exception may hold a cycle of causes
        for (Throwable t = thrown; t != null && depth++ < 64; t = t.getCause()) {
            if (t instanceof StepLimitExceeded exceeded) {
                return exceeded;
            }
        }
        return null;
    }
}
