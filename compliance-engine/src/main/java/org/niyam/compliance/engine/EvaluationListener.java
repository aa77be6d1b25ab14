package org.niyam.compliance.engine;

/**
 * Told what happens inside one evaluation, for coverage, tracing or metrics. Within one evaluation calls come one
 * at a time, from the evaluating thread or the engine's worker threads (see
 * {@link ComplianceEngine.Builder#threads}); an implementation shared between concurrent evaluations must be
 * thread-safe. An evaluation that starts case by case and must start over in one session (see
 * {@link ComplianceEngine#oneSessionReason()}, or rules that reach the firing limit) reports the firings of both
 * attempts.
 */
public interface EvaluationListener {

    /** Does nothing. */
    EvaluationListener NONE = new EvaluationListener() {
    };

    /** A rule fired: its conditions matched and its consequence ran. */
    default void ruleFired(String ruleId) {
    }
}
