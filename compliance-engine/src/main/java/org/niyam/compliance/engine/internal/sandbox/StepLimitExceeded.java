package org.niyam.compliance.engine.internal.sandbox;

/**
 * A call of a restricted pack's code (a consequence, a condition, and the functions they call) took more steps than
 * the engine allows ({@link Steps}): a loop that does not end. An {@link Error}, so that a rule's {@code catch
 * (Exception e)} does not take it; the engine turns it into a {@code RuleExecutionException} naming the rule. Not
 * API.
 */
public final class StepLimitExceeded extends Error {

    private static final long serialVersionUID = 1L;

    /** The limit that was passed. */
    private final long limit;

    StepLimitExceeded(long limit) {
        super("took more than " + limit + " steps");
        this.limit = limit;
    }

    /** {@return the limit of steps that was passed} */
    public long limit() {
        return limit;
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
