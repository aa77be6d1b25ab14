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

    /**
     * Checks that every part is given.
     *
     * @param out           reports, required
     * @param err           errors and progress, required
     * @param errIsTerminal whether standard error is a terminal
     * @param nanoTime      a monotonic clock in nanoseconds, required
     * @param workingDir    the directory relative paths resolve against, required
     * @throws NullPointerException if a required part is missing
     */
    public Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /**
     * Writing to the given streams, no progress, paths relative to the process's working directory.
     *
     * @param out where reports go
     * @param err where errors and rejected input go
     * @return the surroundings, with the system's clock
     */
    public static Io of(PrintStream out, PrintStream err) {
        return new Io(out, err, false, new SystemClock(), Path.of(""));
    }

    /**
     * Whether {@link #nanoTime} is the system's clock, that a thread may measure real intervals against (the
     * watch of how far a streamed audit has read); not so with a clock given for a test.
     *
     * @return {@code true} for the system's clock
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

    /**
     * A path given on the command line.
     *
     * @param given the path as given, relative or absolute
     * @return the path resolved against {@link #workingDir}
     */
    public Path path(String given) {
        return workingDir.resolve(given);
    }
}
