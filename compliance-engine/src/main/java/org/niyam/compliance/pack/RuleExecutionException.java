package org.niyam.compliance.pack;

/**
 * A rule failed while an evaluation ran: its consequence threw, it kept re-firing past the firing limit, or it
 * produced conclusions the engine cannot reconcile. The evaluation is abandoned rather than answered wrongly.
 */
public final class RuleExecutionException extends RuntimeException {

    private final String ruleId;

    public RuleExecutionException(String ruleId, String message, Throwable cause) {
        super(message, cause);
        this.ruleId = ruleId;
    }

    /** The rule at fault, or {@code null} when several are. */
    public String ruleId() {
        return ruleId;
    }
}
