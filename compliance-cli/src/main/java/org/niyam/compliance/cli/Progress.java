package org.niyam.compliance.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.EvaluationListener;

/**
 * Progress of a long run on standard error: what is being read, how many entries and how fast, the evaluation's
 * rule firings as they happen, and at the end how many obligations need attention. Shown only when standard error
 * is a terminal, so piped and redirected output stays clean; a line being updated is rewritten in place.
 *
 * <p>Hand-written rather than a progress-bar library: me.tongfei:progressbar 0.10.1 draws one counter as a bar, on a
 * refresh thread of its own, and brings JLine's terminal (38 KB and 259 KB of jars); what this prints is several
 * counters (entries, rate, the time left from the bytes read, rule firings) on one line, rewritten on the reading
 * thread at most every 250 ms and tested with a clock of the test's own ({@code ProgressTest}).
 */
public final class Progress implements EvaluationListener {

    /** Rewrite the running line at most this often. */
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean on;
    private final LongSupplier clock;
    private final boolean realClock;
    private long phaseStart;
    private long lastShown;
    private long firings;
    private int events;
    private boolean lineOpen;
    /** In a streamed audit: the bytes to read, and nothing shown before this instant. */
    private long totalBytes;
    private long quietUntil;
    private boolean reading;
    private long lastBytes;
    private long lastEntries;
    private long delivered;
    /** An audit shows progress only once it has run this long. */
    static final long QUIET_NANOS = 2_000_000_000L;

    /**
     * Progress written to a stream.
     *
     * @param err      where progress is written, standard error
     * @param on       whether anything is shown: standard error is a terminal
     * @param nanoTime a monotonic clock in nanoseconds, for rates
     */
    public Progress(PrintStream err, boolean on, LongSupplier nanoTime) {
        this(err, on, nanoTime, false);
    }

    private Progress(PrintStream err, boolean on, LongSupplier nanoTime, boolean realClock) {
        this.err = err;
        this.on = on;
        this.clock = nanoTime;
        this.realClock = realClock;
    }

    /**
     * Progress for a command's surroundings: on only when standard error is a terminal.
     *
     * @param io the command's surroundings
     * @return the progress, writing to its standard error
     */
    public static Progress of(Io io) {
        return new Progress(io.err(), io.errIsTerminal(), io.nanoTime(), io.realClock());
    }

    /**
     * Reading starts: the number of logs and their size.
     *
     * @param files the case logs about to be read
     */
    public void reading(List<Path> files) {
        if (!on) {
            return;
        }
        long bytes = files.stream().mapToLong(Progress::size).sum();
        phaseStart = clock.getAsLong();
        lastShown = phaseStart;
        show(String.format(Locale.ROOT, "niyam: reading %d case %s (%s)...", files.size(),
                files.size() == 1 ? "log" : "logs", bytes(bytes)));
    }

    /**
     * Entries read so far, while a long log is read; the running line is rewritten at most every 250 ms.
     *
     * @param entries  entries read so far, valid or not
     * @param rejected how many of them were rejected
     */
    public void entriesRead(long entries, long rejected) {
        if (!on) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastShown >= INTERVAL_NANOS) {
            lastShown = now;
            double seconds = seconds(now - phaseStart);
            show(String.format(Locale.ROOT, "niyam: reading: %,d entries (%s a second), %,d rejected so far", entries,
                    rate(entries, seconds), rejected));
        }
    }

    /**
     * Reading ended: entries, time, rate and rejections.
     *
     * @param log what was read
     */
    public void read(CaseLog log) {
        if (!on) {
            return;
        }
        double seconds = seconds(clock.getAsLong() - phaseStart);
        show(String.format(Locale.ROOT, "niyam: read %,d entries in %.1f s (%s a second), %,d rejected", log.entries(),
                seconds, rate(log.entries(), seconds), log.rejected().size()));
        end();
    }

    /**
     * Reading ended, for a read that kept no {@link CaseLog}.
     *
     * @param entries  entries read, valid or not
     * @param rejected how many of them were rejected
     */
    public void readEntries(long entries, long rejected) {
        if (!on) {
            return;
        }
        double seconds = seconds(clock.getAsLong() - phaseStart);
        show(String.format(Locale.ROOT, "niyam: read %,d entries in %.1f s (%s a second), %,d rejected", entries,
                seconds, rate(entries, seconds), rejected));
        end();
    }

    /**
     * The evaluation starts; rule firings are counted from here.
     *
     * @param eventCount how many events are evaluated
     */
    public void evaluating(int eventCount) {
        if (!on) {
            return;
        }
        this.events = eventCount;
        this.firings = 0;
        phaseStart = clock.getAsLong();
        lastShown = phaseStart;
        show(String.format(Locale.ROOT, "niyam: evaluating %,d events...", eventCount));
    }

    /** Whether a thread may watch how far the logs have been read: only with the system's clock. */
    boolean watchesFiles() {
        return realClock;
    }

    /** {@return whether anything is shown at all: standard error is a terminal} */
    public boolean on() {
        return on;
    }

    /**
     * A streamed audit starts: nothing is shown for its first {@link #QUIET_NANOS}, then the running line says
     * what it is doing.
     *
     * @param files the case logs the audit reads
     */
    public synchronized void auditing(List<Path> files) {
        if (!on) {
            return;
        }
        totalBytes = files.stream().mapToLong(Progress::size).sum();
        phaseStart = clock.getAsLong();
        lastShown = phaseStart;
        quietUntil = phaseStart + QUIET_NANOS;
        reading = true;
        firings = 0;
        events = -1;
    }

    /**
     * Bytes and entries of the logs read so far, in a streamed audit: the entries, their rate, and the time left
     * to read, from the share of the files' size read so far. Rewritten at most every 250 ms.
     *
     * @param bytes   bytes of the logs read so far
     * @param entries entries read so far
     */
    public synchronized void readTo(long bytes, long entries) {
        if (!on || !reading) {
            return;
        }
        lastBytes = bytes;
        lastEntries = entries;
        long now = clock.getAsLong();
        if (now < quietUntil || now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        double seconds = seconds(now - phaseStart);
        String left = bytes <= 0 || bytes >= totalBytes ? ""
                : String.format(Locale.ROOT, ", about %s left to read", duration(seconds * (totalBytes - bytes) / bytes));
        show(String.format(Locale.ROOT, "niyam: reading: %,d entries (%s a second), %s of %s (%d%%)%s", entries,
                rate(entries, seconds), bytes(bytes), bytes(totalBytes),
                totalBytes == 0 ? 100 : Math.min(100, 100 * bytes / totalBytes), left));
    }

    /** An obligation given to the report, in a streamed audit. */
    public void delivered() {
        if (!on) {
            return;
        }
        synchronized (this) {
            reading = false;
            delivered++;
            if ((delivered & 1023) == 0) {
                long now = clock.getAsLong();
                if (now >= quietUntil && now - lastShown >= INTERVAL_NANOS) {
                    lastShown = now;
                    show(String.format(Locale.ROOT, "niyam: writing the report: %,d obligations so far", delivered));
                }
            }
        }
    }

    /**
     * A streamed audit is done: how long it took, and what needs attention. Shown only after a long audit.
     *
     * @param entries  entries read
     * @param byStatus obligations by status
     * @param findings findings
     */
    public synchronized void audited(long entries, java.util.Map<Status, Long> byStatus, long findings) {
        if (!on) {
            return;
        }
        reading = false;
        long now = clock.getAsLong();
        if (now < quietUntil && !lineOpen) {
            return;
        }
        double seconds = seconds(now - phaseStart);
        show(String.format(Locale.ROOT, "niyam: audited %,d entries in %.1f s (%s a second): %,d breached, "
                        + "%,d at risk, %,d met late, %,d open, %,d findings", entries, seconds, rate(entries, seconds),
                byStatus.getOrDefault(Status.BREACHED, 0L), byStatus.getOrDefault(Status.AT_RISK, 0L),
                byStatus.getOrDefault(Status.MET_LATE, 0L), byStatus.getOrDefault(Status.OPEN, 0L), findings));
        end();
    }

    private static String duration(double seconds) {
        return seconds < 90 ? Math.round(Math.max(1, seconds)) + " s" : Math.round(seconds / 60) + " min";
    }

    @Override
    public void ruleFired(String ruleId) {
        if (!on) {
            return;
        }
        synchronized (this) {
            fired();
        }
    }

    private void fired() {
        if (events < 0) {
            // A streamed audit: the log has been read once rules fire.
            reading = false;
            firings++;
            if ((firings & 1023) == 0) {
                long now = clock.getAsLong();
                if (now >= quietUntil && now - lastShown >= INTERVAL_NANOS) {
                    lastShown = now;
                    show(String.format(Locale.ROOT, "niyam: evaluating %,d entries: %,d rule firings so far",
                            lastEntries, firings));
                }
            }
            return;
        }
        firings++;
        if ((firings & 255) == 0) {
            long now = clock.getAsLong();
            if (now - lastShown >= INTERVAL_NANOS) {
                lastShown = now;
                double seconds = seconds(now - phaseStart);
                show(String.format(Locale.ROOT, "niyam: evaluating %,d events: %,d rule firings so far (%s a second)",
                        events, firings, rate(firings, seconds)));
            }
        }
    }

    /**
     * The evaluation is done: events, time, rate, and how many obligations need attention.
     *
     * @param report the evaluation's report
     */
    public void evaluated(Report report) {
        if (!on) {
            return;
        }
        double seconds = seconds(clock.getAsLong() - phaseStart);
        show(String.format(Locale.ROOT, "niyam: evaluated %,d events in %.1f s (%s a second): %,d breached, "
                        + "%,d at risk, %,d met late, %,d open, %,d findings", events, seconds, rate(events, seconds),
                report.count(Status.BREACHED), report.count(Status.AT_RISK), report.count(Status.MET_LATE),
                report.count(Status.OPEN), report.findings().size()));
        end();
    }

    private void show(String line) {
        err.print("\r" + line + "\033[K");
        err.flush();
        lineOpen = true;
    }

    private void end() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String rate(long count, double seconds) {
        return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,d", Math.round(count / seconds));
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
