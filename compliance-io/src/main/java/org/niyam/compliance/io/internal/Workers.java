package org.niyam.compliance.io.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent tasks on the calling thread and up to {@code threads - 1} pooled daemon threads, which end when
 * idle. Results come back in task order and the failure reported is that of the first failing task, so the outcome
 * does not depend on scheduling. Not API.
 */
public final class Workers {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private volatile ThreadPoolExecutor pool;

    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
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
        CountDownLatch done = new CountDownLatch(helpers);
        ThreadPoolExecutor executor = pool();
        for (int i = 0; i < helpers; i++) {
            executor.execute(() -> {
                try {
                    loop.run();
                } finally {
                    done.countDown();
                }
            });
        }
        loop.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
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
