package org.niyam.compliance.engine.internal.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps all of one evaluation's calls of restricted packs' code may take together ({@link Steps}): the step
 * limit of one call times the facts the evaluation's firing limit counts, on average a call's worth per fact. Without
 * it a pack whose every call stays under the limit could still run for hours: a join's constraint that loops,
 * evaluated for every pair of facts it does not match, takes a number of calls that grows with the square of the
 * facts. Shared by all the evaluation's sessions on all its threads; a call from outside the pack adds its count
 * when it returns, so that each step still costs one increment and compare. Not API.
 */
public final class StepTotal {

    private final long perCall;
    private final long facts;
    private final long max;
    private final AtomicLong taken = new AtomicLong();
    /** Whether a call went past the total: then the evaluation fails, or starts over in one session. */
    private volatile boolean passed;
    /**
     * The rules' firings in the evaluation's sessions so far: its firing limit, like its steps, counts the whole
     * evaluation, so that sessions of a few cases each reach it where one session would.
     */
    private final AtomicLong fired = new AtomicLong();

    /**
     * @param perCall the steps one call may take ({@code ComplianceEngine.Builder.stepLimit})
     * @param facts   the evaluation's facts, as its firing limit counts them
     */
    public StepTotal(long perCall, long facts) {
        if (perCall <= 0) {
            throw new IllegalArgumentException("the step limit must be positive: " + perCall);
        }
        this.perCall = perCall;
        this.facts = Math.max(1, facts);
        long product = this.facts > Long.MAX_VALUE / perCall ? Long.MAX_VALUE : perCall * this.facts;
        this.max = product;
    }

    /** {@return the steps the evaluation's calls may take in all} */
    public long max() {
        return max;
    }

    /** {@return the facts the total was computed from} */
    public long facts() {
        return facts;
    }

    /** {@return the steps of one call} */
    public long perCall() {
        return perCall;
    }

    /** {@return the steps the calls that returned took} */
    public long taken() {
        return taken.get();
    }

    /** {@return whether a call went past the total, or the calls that returned took more than it together} */
    public boolean passed() {
        return passed;
    }

    /** What is left of the total for a call that starts now; 0 or less when nothing is. */
    long left() {
        return max - taken.get();
    }

    /**
     * A call returned to the code outside the pack, having taken {@code steps}; past the total, it is passed: calls
     * on other threads, which started before this one returned, may have been given more than was left.
     */
    void add(long steps) {
        if (taken.addAndGet(steps) > max) {
            passed = true;
        }
    }

    /** {@return the firings the evaluation's sessions made so far} */
    public long fired() {
        return fired.get();
    }

    /**
     * A session of the evaluation fired its rules {@code times}.
     *
     * @param times the session's firings
     * @return the evaluation's firings so far
     */
    public long fired(long times) {
        return fired.addAndGet(times);
    }

    /** A call went past what was left of the total. */
    void pass() {
        passed = true;
    }
}
