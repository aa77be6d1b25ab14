package org.niyam.compliance.engine.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kie.api.KieBase;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.niyam.compliance.engine.internal.drools.DroolsInternals;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Classes loaded as the compiled-model cache's are (by {@link RestrictedBuild#load}) count their steps also where a
 * loop has no jump back: a class file written by hand, as anyone who can write to the cache's directory could, whose
 * exception handler catches what it throws itself.
 */
class StepCountingTest {

    private static final String NAME = "org.example.crafted.Throws";

    /**
     * {@code static void spin()}: throws {@code null} (a {@code NullPointerException}) inside the range of a handler
     * of every {@code Throwable} that starts at its own {@code athrow}, so that it throws what it caught, for ever.
     */
    private static byte[] spinning() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                NAME.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor spin = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "spin", "()V", null, null);
        spin.visitCode();
        Label start = new Label();
        Label handler = new Label();
        Label end = new Label();
        spin.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        spin.visitLabel(start);
        spin.visitInsn(Opcodes.ACONST_NULL);
        spin.visitLabel(handler);
        spin.visitInsn(Opcodes.ATHROW);
        spin.visitLabel(end);
        spin.visitMaxs(0, 0);
        spin.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Without a step at each handler's start, this loops for ever: the timeout only ends such a run. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_handler_that_catches_its_own_throw_is_stopped_by_the_step_limit() throws ReflectiveOperationException {
        KieBase kieBase = RestrictedBuild.load(Map.of(NAME, spinning()), List.of(), getClass().getClassLoader(),
                loader -> DroolsInternals.modelOnlyConfiguration(loader, PropertySpecificOption.ALLOWED), List.of(),
                Set.of(NAME));
        Method spin = Class.forName(NAME, true, DroolsInternals.rootClassLoader(kieBase)).getMethod("spin");

        Steps.begin(1_000);
        InvocationTargetException e = catchThrowableOfType(InvocationTargetException.class, () -> spin.invoke(null));

        assertThat(e).as("spin() ends").isNotNull();
        assertThat(e.getCause()).isInstanceOf(StepLimitExceeded.class).hasMessage("took more than 1000 steps");
        assertThat(Steps.taken()).as("kept for the engine").isSameAs(e.getCause());
    }

    /** A call from outside the pack, as an instrumented method makes it: it enters, takes {@code steps}, exits. */
    private static void call(int steps) {
        Steps counted = Steps.enter();
        try {
            for (int i = 0; i < steps; i++) {
                counted.step();
            }
        } finally {
            counted.exit();
        }
    }

    /**
     * The calls of an evaluation share its total, the step limit times its facts, exactly: a call may take what is
     * left of it when that is less than the limit, one step more fails naming the total, and the count of a call is
     * added when it returns.
     */
    @Test
    void calls_take_the_limit_or_what_is_left_of_the_evaluations_total() {
        StepTotal total = new StepTotal(1_000, 3);
        Steps.begin(1_000, total);
        for (int i = 0; i < 3; i++) {
            call(899); // 900 steps with its entry
        }
        assertThat(total.taken()).isEqualTo(2_700);

        StepLimitExceeded past = catchThrowableOfType(StepLimitExceeded.class, () -> call(300)); // 301 of 300 left

        assertThat(past).hasMessage("the evaluation's restricted code took more than 3,000 steps in all (the step "
                + "limit times its 3 facts)");
        assertThat(past.total()).isTrue();
        assertThat(past.facts()).isEqualTo(3);
        assertThat(total.passed()).isTrue();
        assertThat(Steps.taken()).as("kept for the engine").isSameAs(past);

        StepTotal other = new StepTotal(1_000, 3);
        Steps.begin(1_000, other);
        for (int i = 0; i < 3; i++) {
            call(899);
        }
        call(299); // 300 of 300 left
        assertThat(other.passed()).isFalse();
        assertThat(catchThrowableOfType(StepLimitExceeded.class, () -> call(0))).as("nothing left")
                .hasMessageContaining("more than 3,000 steps in all");
    }

    /** Where the total leaves more than the limit, a call is stopped by the limit, and says so. */
    @Test
    void a_call_under_a_total_that_leaves_more_is_stopped_by_its_own_limit() {
        StepTotal total = new StepTotal(1_000, 3);
        Steps.begin(1_000, total);
        call(999);

        StepLimitExceeded past = catchThrowableOfType(StepLimitExceeded.class, () -> call(1_000));

        assertThat(past).hasMessage("took more than 1000 steps");
        assertThat(past.total()).isFalse();
        assertThat(total.passed()).isFalse();
        assertThat(total.taken()).as("both calls counted").isEqualTo(1_000 + 1_001);
        Steps.taken();
    }

    /**
     * Two calls on two threads, each started with the whole total left, together take more than it: neither is cut
     * short, but the total is passed all the same, as one thread's calls would pass it, so that whether an evaluation
     * case by case passes the total does not depend on the threads.
     */
    @Test
    void calls_on_two_threads_that_together_take_more_than_the_total_pass_it() throws InterruptedException {
        StepTotal total = new StepTotal(1_000, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Throwable[] failed = new Throwable[1];
        Thread first = new Thread(() -> {
            try {
                Steps.begin(1_000, total);
                Steps counted = Steps.enter();
                for (int i = 0; i < 599; i++) {
                    counted.step();
                }
                started.countDown();
                returned.await();
                counted.exit();
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        first.start();
        started.await();
        Steps.begin(1_000, total);
        call(599); // 600 steps: the first call's are not yet counted
        assertThat(total.passed()).isFalse();
        returned.countDown();
        first.join();

        assertThat(failed[0]).isNull();
        assertThat(total.taken()).isEqualTo(1_200);
        assertThat(total.passed()).as("together past the total").isTrue();
    }
}
