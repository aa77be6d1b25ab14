package org.niyam.compliance.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.model.Transition;

/** A live monitor's Micrometer meters; does nothing without a registry. Not API. */
public final class MonitorMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<Meter> meters = new ArrayList<>();

    public MonitorMetrics(MeterRegistry registry, Clock wall, ToDoubleFunction<Clock> lag, IntSupplier cases,
                          IntSupplier pending) {
        this.registry = registry;
        if (registry != null) {
            meters.add(Gauge.builder("niyam.monitor.lag", wall, lag).strongReference(true).baseUnit("seconds")
                    .description("how far the monitor's time is behind the wall clock").register(registry));
            meters.add(Gauge.builder("niyam.monitor.cases", cases, s -> s.getAsInt()).strongReference(true)
                    .description("cases the monitor holds").register(registry));
            meters.add(Gauge.builder("niyam.monitor.pending", pending, s -> s.getAsInt()).strongReference(true)
                    .description("events waiting for the clock to reach them").register(registry));
        }
    }

    public void event(String outcome) {
        count("niyam.monitor.events", "outcome", outcome);
    }

    public void transition(Transition transition) {
        count("niyam.monitor.transitions", "kind", transition.kind().name());
    }

    /** The listener threw on a transition of this kind. */
    public void listenerFailed(Transition transition) {
        count("niyam.monitor.listener.failures", "kind", transition.kind().name());
    }

    /** An obligation's status changed from {@code before} to {@code after}; either is null when absent. */
    public void held(Obligation before, Obligation after) {
        if (registry == null) {
            return;
        }
        if (before != null && counted(before.status())) {
            gauge(before).decrementAndGet();
        }
        if (after != null && counted(after.status())) {
            gauge(after).incrementAndGet();
        }
    }

    private static boolean counted(Status status) {
        return status == Status.OPEN || status == Status.AT_RISK || status == Status.BREACHED
                || status == Status.INDETERMINATE;
    }

    private AtomicLong gauge(Obligation obligation) {
        String clause = obligation.citation().clause();
        String status = obligation.status().name();
        return open.computeIfAbsent(clause + "\u0000" + status, k -> {
            AtomicLong value = new AtomicLong();
            synchronized (meters) {
                meters.add(Gauge.builder("niyam.monitor.obligations", value, AtomicLong::get).strongReference(true)
                        .tag("clause", clause).tag("status", status)
                        .description("obligations with something still to settle").register(registry));
            }
            return value;
        });
    }

    private void count(String name, String tag, String value) {
        if (registry == null) {
            return;
        }
        counters.computeIfAbsent(name + "\u0000" + value, k -> {
            Counter counter = Counter.builder(name).tag(tag, value).register(registry);
            synchronized (meters) {
                meters.add(counter);
            }
            return counter;
        }).increment();
    }

    @Override
    public void close() {
        if (registry != null) {
            synchronized (meters) {
                meters.forEach(registry::remove);
                meters.clear();
            }
        }
    }
}
