package org.niyam.compliance.examples.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.niyam.compliance.engine.CaseLogReader.CaseLog;
import org.niyam.compliance.engine.EvaluationListener;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * Progress of a long run on standard error: what is being read, how many entries and how fast, the evaluation's
 * rule firings as they happen, and at the end how many obligations need attention. Shown only when standard error
 * is a terminal, so piped and redirected output stays clean; a line being updated is rewritten in place.
 */
public final class Progress implements EvaluationListener {

    /** Rewrite the running line at most this often. */
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean on;
    private final LongSupplier clock;
    private long phaseStart;
    private long lastShown;
    private long firings;
    private int events;
    private boolean lineOpen;

    public Progress(PrintStream err, boolean on, LongSupplier nanoTime) {
        this.err = err;
        this.on = on;
        this.clock = nanoTime;
    }

    /** Progress for a command's surroundings: on only when standard error is a terminal. */
    public static Progress of(Io io) {
        return new Progress(io.err(), io.errIsTerminal(), io.nanoTime());
    }

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

    /** Entries read so far, while a long log is read; the running line is rewritten at most every 250 ms. */
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

    public void read(CaseLog log) {
        if (!on) {
            return;
        }
        double seconds = seconds(clock.getAsLong() - phaseStart);
        show(String.format(Locale.ROOT, "niyam: read %,d entries in %.1f s (%s a second), %,d rejected", log.entries(),
                seconds, rate(log.entries(), seconds), log.rejected().size()));
        end();
    }

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

    @Override
    public void ruleFired(String ruleId) {
        if (!on) {
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
