package org.niyam.compliance.io.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent tasks on the calling thread and up to {@code threads - 1} helpers: pooled daemon threads of its
 * own, which end when idle, or tasks on an executor the caller gave. Results come back in task order and the failure
 * reported is that of the first failing task, so the outcome does not depend on scheduling. The calling thread takes
 * tasks too and waits only for helpers that started, so a run completes even when the executor runs nothing (a
 * saturated pool, one that rejects) or runs the helper on the calling thread. Not API.
 */
public final class Workers {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    /** The caller's executor, or {@code null}: then helpers run on a pool of this instance's own. */
    private final Executor executor;
    private volatile ThreadPoolExecutor pool;

    public Workers(int threads) {
        this(threads, null);
    }

    /** @param executor where helpers run; {@code null}: on daemon threads of its own. Never shut down here. */
    public Workers(int threads, Executor executor) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        this.executor = executor;
    }

    public int threads() {
        return threads;
    }

    /** The caller's executor helpers run on, or {@code null}: threads of this instance's own. */
    public Executor executor() {
        return executor;
    }

    /** Applies {@code task} to every item; throws what the first failing item threw. */
    public <T, R> List<R> map(List<T> items, Function<T, R> task) {
        int helpers = Math.min(threads, items.size()) - 1;
        if (helpers <= 0) {
            List<R> results = new ArrayList<>(items.size());
            items.forEach(item -> results.add(task.apply(item)));
            return results;
        }
        Object[] results = new Object[items.size()];
        Throwable[] failures = new Throwable[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable loop = () -> {
            int index;
            while (!failed.get() && (index = next.getAndIncrement()) < items.size()) {
                try {
                    results[index] = task.apply(items.get(index));
                } catch (RuntimeException | Error e) {
                    failures[index] = e;
                    failed.set(true);
                }
            }
        };
        // Helpers that start after the calling thread is done find nothing to do; it waits for those that started.
        Object lock = new Object();
        int[] active = {0};
        boolean[] closed = {false};
        Runnable helper = () -> {
            synchronized (lock) {
                if (closed[0]) {
                    return;
                }
                active[0]++;
            }
            try {
                loop.run();
            } finally {
                synchronized (lock) {
                    active[0]--;
                    lock.notifyAll();
                }
            }
        };
        Executor target = executor != null ? executor : pool();
        for (int i = 0; i < helpers; i++) {
            try {
                target.execute(helper);
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        loop.run();
        synchronized (lock) {
            closed[0] = true;
            try {
                while (active[0] > 0) {
                    lock.wait();
                }
            } catch (InterruptedException e) {
                failed.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating", e);
            }
        }
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    int id = POOLS.incrementAndGet();
                    AtomicInteger count = new AtomicInteger();
                    current = new ThreadPoolExecutor(threads - 1, threads - 1, 30, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), runnable -> {
                                Thread thread = new Thread(runnable,
                                        "niyam-evaluation-" + id + "-" + count.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            });
                    current.allowCoreThreadTimeOut(true);
                    pool = current;
                }
            }
        }
        return current;
    }
}
