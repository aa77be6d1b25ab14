package org.niyam.compliance.engine.internal.sandbox;

/**
 * The steps a restricted pack's code takes on one thread, counted per call from outside the pack: the classes
 * compiled from a restricted pack are instrumented ({@link StepCounting}) to call {@link #enter} when a method is
 * entered, {@link #step} before every backward jump and {@link #exit} when it returns or throws. The count starts at
 * 0 when a method is entered from outside the pack (a consequence, a constraint, an {@code eval}, a {@code from},
 * called by Drools), so that the limit holds per call, whatever other cases share the session; it counts loop
 * iterations and method calls, never time, so the same evidence always gives the same outcome. Past the limit every
 * further step of that call throws {@link StepLimitExceeded}, so code that catches it and loops on cannot escape,
 * and the first such error is kept for the engine ({@link #taken}), which fails the evaluation also when the pack
 * caught it and returned. Not API: public only because the instrumented classes, defined by a class loader of their
 * own, call it.
 */
public final class Steps {

    /**
     * The default limit of steps per call: a hundred million loop iterations and method calls, a second or so of
     * plain code, and thousands of times what a rule that decides from one case's evidence takes.
     */
    public static final long DEFAULT_LIMIT = 100_000_000L;

    private static final ThreadLocal<Steps> CURRENT = ThreadLocal.withInitial(Steps::new);

    /** How deep in the pack's code the thread is: 0 outside it. */
    private int depth;
    private long count;
    private long limit = DEFAULT_LIMIT;
    /** The first limit exceeded since {@link #begin}, until the engine takes it. */
    private StepLimitExceeded exceeded;

    private Steps() {
    }

    /**
     * A method of the pack is entered: a call from outside the pack starts a count of its own. Counts a step, so that
     * a recursion or a lambda that the JDK calls in a loop is counted too.
     *
     * @return the thread's count, kept by the method for its backward jumps and its exit
     * @throws StepLimitExceeded past the limit
     */
    public static Steps enter() {
        Steps steps = CURRENT.get();
        if (steps.depth == 0) {
            steps.count = 0;
        }
        steps.step();
        steps.depth++;
        return steps;
    }

    /**
     * A step before a backward jump of code that has not entered yet (a constructor before it calls its super
     * class's).
     *
     * @throws StepLimitExceeded past the limit
     */
    public static void stepOutside() {
        CURRENT.get().step();
    }

    /**
     * A step: a backward jump is about to be taken.
     *
     * @throws StepLimitExceeded past the limit, and at every step after it in the same call
     */
    public void step() {
        if (++count > limit) {
            throw exceeded();
        }
    }

    /** A method of the pack returns or throws. */
    public void exit() {
        if (depth > 0) {
            depth--;
        }
    }

    private StepLimitExceeded exceeded() {
        StepLimitExceeded error = new StepLimitExceeded(limit);
        if (exceeded == null) {
            exceeded = error;
        }
        return error;
    }

    /**
     * Starts an evaluation's session on this thread: no pack code runs, nothing exceeded, the given limit.
     *
     * @param limit the steps each call of the pack's code may take
     */
    public static void begin(long limit) {
        Steps steps = CURRENT.get();
        steps.depth = 0;
        steps.count = 0;
        steps.limit = limit;
        steps.exceeded = null;
    }

    /** {@return the first limit exceeded on this thread since {@link #begin} or the last call, or {@code null}} */
    public static StepLimitExceeded taken() {
        Steps steps = CURRENT.get();
        StepLimitExceeded error = steps.exceeded;
        steps.exceeded = null;
        return error;
    }
}
