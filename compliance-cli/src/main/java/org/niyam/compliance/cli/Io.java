package org.niyam.compliance.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where a command writes, and what it may know of its surroundings.
 *
 * @param out           reports
 * @param err           errors, rejected input and progress
 * @param errIsTerminal whether standard error is a terminal: progress is shown only then
 * @param nanoTime      a monotonic clock for progress rates (never for the reports themselves)
 * @param workingDir    relative paths are resolved against it
 */
public record Io(PrintStream out, PrintStream err, boolean errIsTerminal, LongSupplier nanoTime, Path workingDir) {

    public Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /** Writing to the given streams, no progress, paths relative to the process's working directory. */
    public static Io of(PrintStream out, PrintStream err) {
        return new Io(out, err, false, new SystemClock(), Path.of(""));
    }

    /**
     * Whether {@link #nanoTime} is the system's clock, that a thread may measure real intervals against (the
     * watch of how far a streamed audit has read); not so with a clock given for a test.
     */
    public boolean realClock() {
        return nanoTime instanceof SystemClock;
    }

    /** The system's monotonic clock. */
    public static final class SystemClock implements LongSupplier {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    }

    /** A path given on the command line. */
    public Path path(String given) {
        return workingDir.resolve(given);
    }
}
