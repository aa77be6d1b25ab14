package org.niyam.compliance.pack;

/**
 * A rule failed while an evaluation ran: its consequence threw, it kept re-firing past the firing limit, it
 * produced conclusions the engine cannot reconcile, or, in a restricted pack, it inserted evidence or updated or
 * deleted a fact its own pack did not insert. The evaluation is abandoned rather than answered wrongly.
 */
public final class RuleExecutionException extends RuntimeException {

    /** The rule at fault, or {@code null}. */
    private final String ruleId;

    /**
     * A failure of a rule while an evaluation ran.
     *
     * @param ruleId  the rule at fault, or {@code null} when several are
     * @param message what went wrong and, where known, in which case; for the person who maintains the pack
     * @param cause   what the consequence threw, or {@code null}
     */
    public RuleExecutionException(String ruleId, String message, Throwable cause) {
        super(message, cause);
        this.ruleId = ruleId;
    }

    /** {@return the rule at fault, or {@code null} when several are} */
    public String ruleId() {
        return ruleId;
    }
}
