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
    private final boolean live;
    private long count;

    /**
     * Lists nothing yet.
     *
     * @param io      where standard error is
     * @param command the command's name, e.g. {@code audit}, which begins the closing line
     */
    RejectedEntries(Io io, String command) {
        this(io, command, false);
    }

    private RejectedEntries(Io io, String command, boolean live) {
        this.io = io;
        this.command = command;
        this.live = live;
    }

    /**
     * For a command that runs until stopped ({@code watch}): past {@value #LISTED}, one line at the 100th rejected
     * entry, the 1,000th, and each tenfold count after, with the latest entry, so that rejections that go on (a feed
     * whose format changed on the third day) are seen as they happen, in a few lines however many there are.
     *
     * @param io      where standard error is
     * @param command the command's name
     * @return entries listed and counted so
     */
    static RejectedEntries live(Io io, String command) {
        return new RejectedEntries(io, command, true);
    }

    /** Counts a rejected entry, and lists it on standard error while fewer than {@value #LISTED} have been. */
    void add(InputException error) {
        count++;
        if (count <= LISTED) {
            io.err().println(CaseLogs.located(error));
        } else if (live && tenfold(count)) {
            io.err().println("niyam " + command + ": " + count + " entries rejected so far, the first " + LISTED
                    + " listed; the latest: " + CaseLogs.located(error));
        }
    }

    /** Whether the count is 100, 1,000, or a further tenfold. */
    private static boolean tenfold(long count) {
        long power = 100;
        while (power < count && power <= Long.MAX_VALUE / 10) {
            power *= 10;
        }
        return power == count;
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
