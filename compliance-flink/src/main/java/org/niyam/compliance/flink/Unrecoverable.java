package org.niyam.compliance.flink;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePackException;

/**
 * Failures a restart cannot cure: a pack that does not build, a bad line in a strict job, a rule that fails on the
 * evidence. Restored from its last checkpoint, the job would read the same pack, line or evidence and fail again, so
 * under Flink's restart strategy (unbounded by default once checkpoints are on) it would never end. Wrapped in Flink's
 * {@link SuppressRestartsException}, such a failure fails the job at once, with the cause naming what, where and why.
 */
final class Unrecoverable {

    private Unrecoverable() {
    }

    /** {@return {@code e} wrapped so that Flink does not restart the job} */
    static SuppressRestartsException of(RuntimeException e) {
        return new SuppressRestartsException(e);
    }

    /** {@return whether {@code e} is a failure that a restart cannot cure} */
    static boolean is(RuntimeException e) {
        return e instanceof RulePackException || e instanceof InputException || e instanceof RuleExecutionException;
    }

    /** Runs {@code action}; a failure that a restart cannot cure fails the job without restarts. */
    static void run(ThrowingRunnable action) throws Exception {
        try {
            action.run();
        } catch (RuntimeException e) {
            throw is(e) ? of(e) : e;
        }
    }

    /** An action of an operator. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
