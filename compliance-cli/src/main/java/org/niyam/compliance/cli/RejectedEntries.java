package org.niyam.compliance.cli;

import org.niyam.compliance.model.InputException;

/**
 * The rejected entries a command lists on standard error as it reads leniently: the first {@value #LISTED}, each
 * located on its own line, and the rest counted, so that a log of a million bad lines does not bury a terminal or a
 * CI log. Every command that reads case logs leniently (audit, monthly-report, watch) lists them here, and ends
 * with {@link #end}: one line saying how many were not listed and where every one is.
 */
final class RejectedEntries {

    /** Rejected entries listed on standard error at most; the others are counted. */
    static final int LISTED = 20;

    private final Io io;
    private final String command;
    private long count;

    /**
     * Lists nothing yet.
     *
     * @param io      where standard error is
     * @param command the command's name, e.g. {@code audit}, which begins the closing line
     */
    RejectedEntries(Io io, String command) {
        this.io = io;
        this.command = command;
    }

    /** Counts a rejected entry, and lists it on standard error while fewer than {@value #LISTED} have been. */
    void add(InputException error) {
        count++;
        if (count <= LISTED) {
            io.err().println(CaseLogs.located(error));
        }
    }

    /** Every entry rejected, listed or not. */
    long count() {
        return count;
    }

    /** "listed above", or "the first 20 listed above" when some were not. */
    String listedAbove() {
        return count > LISTED ? "the first " + LISTED + " listed above" : "listed above";
    }

    /**
     * When some were not listed, one line saying how many and where every one is; otherwise nothing.
     *
     * @param everyOne where every rejected entry can be seen, e.g. "the report lists every one"
     */
    void end(String everyOne) {
        if (count > LISTED) {
            long more = count - LISTED;
            io.err().println("niyam " + command + ": " + more + (more == 1 ? " more entry" : " more entries")
                    + " rejected, not listed here: " + everyOne);
        }
    }
}
