package org.niyam.compliance.engine.internal.sandbox;

/**
 * The steps a restricted pack's code takes on one thread, counted per call from outside the pack: the classes
 * compiled from a restricted pack are instrumented ({@link StepCounting}) to call {@link #enter} when a method is
 * entered, {@link #step} before every backward jump and at the start of every exception handler, and {@link #exit}
 * when it returns or throws. The count starts at 0 when a method is entered from outside the pack (a consequence, a
 * constraint, an {@code eval}, a {@code from}, called by Drools), so that the limit holds per call, whatever other
 * cases share the session; it counts loop iterations and method calls, never time, so the same evidence always gives
 * the same outcome. The calls of the pack's code nested in one another are limited too ({@link #DEPTH_LIMIT}), so
 * that a deep recursion ends the same way whatever the thread's stack. Past either limit every further step and
 * entry of that call throws {@link StepLimitExceeded}, so code that catches it and loops or recurses on cannot
 * escape, and the first such error is kept for the engine ({@link #taken}), which fails the evaluation also when the
 * pack caught it and returned. All the calls of one evaluation share a total as well ({@link StepTotal}): a call from
 * outside the pack may take the limit or what is left of the total, whichever is less, and adds its count to the
 * total when it returns, so that a step still costs one increment and compare. Not API: public only because the
 * instrumented classes, defined by a class loader of their own, call it.
 */
public final class Steps {

    /**
     * The default limit of steps per call: a hundred million loop iterations and method calls, a second or so of
     * plain code, and thousands of times what a rule that decides from one case's evidence takes.
     */
    public static final long DEFAULT_LIMIT = 100_000_000L;

    /**
     * The calls of the pack's code one call from outside it may nest: a recursion deeper than this ends the
     * evaluation before the JVM's stack would, so that the outcome does not depend on the thread's stack size
     * ({@code -Xss}, the engine's threads or the caller's) nor on the JIT. Measured: a thread of 256 KB of stack,
     * every frame interpreted ({@code -Xint}), holds a thousand nested calls of a one-argument function with the
     * frames of Drools and of the caller below them, so the JVM's default thread stacks, 512 KB to 1 MB, hold them
     * with room to spare; and a rule deciding from one case's evidence has no use for a recursion a thousand deep.
     */
    public static final int DEPTH_LIMIT = 1_000;

    private static final ThreadLocal<Steps> CURRENT = ThreadLocal.withInitial(Steps::new);

    /** How deep in the pack's code the thread is: 0 outside it. */
    private int depth;
    private long count;
    private long limit = DEFAULT_LIMIT;
    /** The count past which a step throws: the limit, or less than any count once the call went too deep. */
    private long ceiling = DEFAULT_LIMIT;
    /** Whether this call went deeper than {@link #DEPTH_LIMIT}. */
    private boolean tooDeep;
    /** The evaluation's total, or {@code null}: calls limited one by one only (the build's). */
    private StepTotal total;
    /** Whether this call's {@link #ceiling} is what was left of the total, less than the limit. */
    private boolean byTotal;
    /** The first limit exceeded since {@link #begin}, until the engine takes it. */
    private StepLimitExceeded exceeded;

    private Steps() {
    }

    /**
     * A method of the pack is entered: a call from outside the pack starts a count of its own. Counts a step, so that
     * a recursion or a lambda that the JDK calls in a loop is counted too.
     *
     * @return the thread's count, kept by the method for its backward jumps and its exit
     * @throws StepLimitExceeded past the limit of steps, or deeper than {@link #DEPTH_LIMIT}
     */
    public static Steps enter() {
        Steps steps = CURRENT.get();
        if (steps.depth == 0) {
            steps.count = 0;
            steps.tooDeep = false;
            long left = steps.total == null ? Long.MAX_VALUE : steps.total.left();
            steps.byTotal = left < steps.limit;
            steps.ceiling = steps.byTotal ? left : steps.limit;
        }
        steps.step();
        if (steps.depth >= DEPTH_LIMIT) {
            steps.tooDeep = true;
            steps.ceiling = Long.MIN_VALUE; // every further step of this call throws too
            throw steps.exceeded();
        }
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
     * A step: a backward jump is about to be taken, or an exception handler entered.
     *
     * @throws StepLimitExceeded past the limit, and at every step after it in the same call
     */
    public void step() {
        if (++count > ceiling) {
            throw exceeded();
        }
    }

    /**
     * A step at the start of an exception handler: a loop may be made of a handler that catches what its own code
     * throws, without a jump back. The JVM's own errors ({@link VirtualMachineError}: a stack or the heap run out,
     * also inside the JDK's code, a regular expression's recursion among them) are thrown on: whether they happen
     * depends on the machine (its stack and heap sizes, the JIT), so a pack that caught one and went on could report
     * differently from one machine or run to the next; it fails the evaluation instead, as code that does not catch it.
     *
     * @param caught what the handler catches
     * @throws StepLimitExceeded past the limit
     */
    public static void handler(Throwable caught) {
        if (caught instanceof VirtualMachineError error) {
            throw error;
        }
        CURRENT.get().step();
    }

    /** A method of the pack returns or throws; the call from outside it, back there, adds its count to the total. */
    public void exit() {
        if (depth > 0 && --depth == 0 && total != null) {
            total.add(count);
        }
    }

    /**
     * A method of the pack throws, through the handler of its whole body: as {@link #exit()}. Where the thread's stack
     * ran out below a call from outside the pack (a regular expression's recursion in the JDK's code, a recursion of
     * frames too large for the stack), the error is thrown again as the call leaves the pack's code, the first made
     * there as its cause: the JVM keeps only the deepest frames of a stack run out, none of them the rule's class,
     * and the engine names the rule from the classes on the error's stack, as for a condition's exception.
     *
     * @param thrown what the method throws
     * @return what to throw on: {@code thrown}, or a {@link StackOverflowError} made here whose cause it is
     */
    public Throwable exit(Throwable thrown) {
        exit();
        if (depth == 0 && thrown instanceof StackOverflowError overflow
                && !(overflow.getCause() instanceof StackOverflowError)) {
            StackOverflowError here = new StackOverflowError(overflow.getMessage());
            here.initCause(overflow);
            return here;
        }
        return thrown;
    }

    private StepLimitExceeded exceeded() {
        StepLimitExceeded error;
        if (tooDeep) {
            error = StepLimitExceeded.depth(DEPTH_LIMIT);
        } else if (byTotal) {
            total.pass();
            error = StepLimitExceeded.total(total);
        } else {
            error = StepLimitExceeded.steps(limit);
        }
        if (exceeded == null) {
            exceeded = error;
        }
        return error;
    }

    /**
     * Starts a session on this thread with no total: no pack code runs, nothing exceeded, the given limit.
     *
     * @param limit the steps each call of the pack's code may take
     */
    public static void begin(long limit) {
        begin(limit, null);
    }

    /**
     * Starts an evaluation's session on this thread: no pack code runs, nothing exceeded, the given limit and total.
     *
     * @param limit the steps each call of the pack's code may take
     * @param total the steps all the evaluation's calls may take, shared by its sessions; {@code null}: no total
     */
    public static void begin(long limit, StepTotal total) {
        Steps steps = CURRENT.get();
        steps.depth = 0;
        steps.count = 0;
        steps.limit = limit;
        steps.ceiling = limit;
        steps.tooDeep = false;
        steps.total = total;
        steps.byTotal = false;
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
