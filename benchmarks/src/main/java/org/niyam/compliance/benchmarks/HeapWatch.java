package org.niyam.compliance.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak heap of a run, as the most heap in use just after any garbage collection during it, the last one forced
 * at its end while the run's result is still held. Right after a collection the heap holds little but live data,
 * so this approximates the peak live set; it overstates it by old-generation garbage a young collection does not
 * reclaim, and may understate it when few collections happen during a short run.
 */
final class HeapWatch {

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    /** The pools of the heap: a collection also reports metaspace and the code cache. */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong notified = new AtomicLong();
    private final long seenBefore;

    HeapWatch() {
        seenBefore = collections();
        for (GarbageCollectorMXBean collector : collectors) {
            ((NotificationEmitter) collector).addNotificationListener(this::collected, null, null);
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        peak.accumulateAndGet(used, Math::max);
        notified.incrementAndGet();
    }

    /** Collects, then starts a new watch; returns the heap in use after that collection. */
    long start() {
        System.gc();
        settle();
        long idle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.set(0);
        return idle;
    }

    /** Collects while {@code result} is still held, and returns the peak since {@link #start()}. */
    long peak(Object result) {
        System.gc();
        settle();
        Reference.reachabilityFence(result);
        return peak.get();
    }

    /** Notifications come on another thread: wait until every collection so far has been seen, or a second. */
    private void settle() {
        long until = System.nanoTime() + 1_000_000_000L;
        while (notified.get() < collections() - seenBefore && System.nanoTime() < until) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long collections() {
        return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    }
}
