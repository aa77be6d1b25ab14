package org.niyam.compliance.engine;

/**
 * Told what happens inside one evaluation, for coverage, tracing or metrics. Called on the evaluating thread;
 * an implementation shared between concurrent evaluations must be thread-safe.
 */
public interface EvaluationListener {

    /** Does nothing. */
    EvaluationListener NONE = new EvaluationListener() {
    };

    /** A rule fired: its conditions matched and its consequence ran. */
    default void ruleFired(String ruleId) {
    }
}
