package org.niyam.compliance.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The time a {@link ComplianceMonitor} keeps: no rule reads a clock, so the monitor's clock decides when an
 * obligation falls at risk or is breached.
 *
 * <ul>
 *   <li>{@link #wall()}: the machine's time, for production. The monitor wakes itself at each instant something
 *       falls due, so a breach is reported at its instant, not at the next event.</li>
 *   <li>{@link #eventTime()}: time as the events tell it, for replaying a log: the watermark is the latest event
 *       instant seen less the monitor's out-of-order bound, and an event is evaluated once the watermark reaches
 *       it. {@link ComplianceMonitor#advanceTo} moves it on when no events come.</li>
 *   <li>{@link #manual(OffsetDateTime)}: set by hand, for tests; each {@link Manual#set} or {@link Manual#advance}
 *       runs the monitor up to the new instant before it returns.</li>
 * </ul>
 */
public abstract sealed class MonitorClock permits MonitorClock.Wall, MonitorClock.EventTime, MonitorClock.Manual {

    private MonitorClock() {
    }

    /** {@return the machine's time, in UTC, for production} */
    public static MonitorClock wall() {
        return wall(Clock.systemUTC());
    }

    /**
     * The time of the given {@link Clock}: the machine's, or a fixed or offset one.
     *
     * @param clock where the monitor reads the time
     * @return a wall clock reading it
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public static MonitorClock wall(Clock clock) {
        return new Wall(Objects.requireNonNull(clock, "clock"));
    }

    /** {@return time as the events tell it (a watermark), for replaying a log} */
    public static MonitorClock eventTime() {
        return new EventTime();
    }

    /**
     * A clock set by hand, for tests.
     *
     * @param start the instant it shows until it is set
     * @return the clock, to give a monitor and to set
     * @throws NullPointerException if {@code start} is {@code null}
     */
    public static Manual manual(OffsetDateTime start) {
        return new Manual(Objects.requireNonNull(start, "start"));
    }

    /** The machine's time. */
    static final class Wall extends MonitorClock {
        final Clock clock;

        Wall(Clock clock) {
            this.clock = clock;
        }

        OffsetDateTime now(ZoneOffset offset) {
            return OffsetDateTime.ofInstant(clock.instant(), offset);
        }
    }

    /** The events' own time. */
    static final class EventTime extends MonitorClock {
    }

    /** A clock set by hand; setting it runs the monitors that use it up to the new instant. */
    public static final class Manual extends MonitorClock {
        private volatile OffsetDateTime now;
        private final List<Consumer<OffsetDateTime>> monitors = new CopyOnWriteArrayList<>();

        private Manual(OffsetDateTime start) {
            this.now = start;
        }

        /** {@return the instant the clock shows} */
        public OffsetDateTime now() {
            return now;
        }

        /**
         * Sets the clock; every monitor using it reports what happened up to {@code instant} before this returns.
         *
         * @param instant the new time, not before the clock's
         * @throws IllegalArgumentException the instant is before the clock's
         * @throws NullPointerException     if {@code instant} is {@code null}
         */
        public synchronized void set(OffsetDateTime instant) {
            Objects.requireNonNull(instant, "instant");
            if (instant.isBefore(now)) {
                throw new IllegalArgumentException("a clock cannot go back: " + instant + " is before " + now);
            }
            now = instant;
            monitors.forEach(m -> m.accept(instant));
        }

        /**
         * Moves the clock on by {@code duration}, as {@link #set}.
         *
         * @param duration how far, not negative
         * @throws IllegalArgumentException if the duration is negative
         */
        public void advance(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration cannot be negative: " + duration);
            }
            set(now.plus(duration));
        }

        void attach(Consumer<OffsetDateTime> monitor) {
            monitors.add(monitor);
        }

        void detach(Consumer<OffsetDateTime> monitor) {
            monitors.remove(monitor);
        }
    }
}
