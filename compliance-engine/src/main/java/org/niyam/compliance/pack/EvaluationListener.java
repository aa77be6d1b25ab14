package org.niyam.compliance.pack;

import org.niyam.compliance.engine.ComplianceEngine;

/**
 * Told what happens inside one evaluation, for coverage, tracing or metrics. Within one evaluation calls come one
 * at a time, from the evaluating thread or the engine's worker threads (see
 * {@link ComplianceEngine.Builder#threads}); an implementation shared between concurrent evaluations must be
 * thread-safe. An evaluation that starts case by case and must start over in one session (a conclusion that
 * would cross from one case to another, or rules that reach the firing limit) says so with {@link #oneSession}
 * and reports the firings of both attempts.
 */
public interface EvaluationListener {

    /** Does nothing. */
    EvaluationListener NONE = new EvaluationListener() {
    };

    /**
     * A rule fired: its conditions matched and its consequence ran.
     *
     * @param ruleId the rule's id, its name in the DRL, as citations name it
     */
    default void ruleFired(String ruleId) {
    }

    /**
     * This evaluation could not run case by case and runs again with all its evidence in one session, for the
     * reason given; the report is the same. Also logged at WARN when a conclusion crossed cases.
     *
     * @param reason why, in a sentence: the rule and cases a conclusion crossed, or the firing limit reached
     */
    default void oneSession(String reason) {
    }
}
