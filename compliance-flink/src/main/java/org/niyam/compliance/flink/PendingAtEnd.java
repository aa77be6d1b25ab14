package org.niyam.compliance.flink;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.niyam.compliance.model.Obligation;

/**
 * An obligation whose clock was still running when a bounded input ended: neither met nor breached by then. The end
 * of an input is not a breach; a consumer that reads the same topic on from there learns the outcome later.
 *
 * @param id         {@code <obligation id>#end:PENDING_AT_END}, stable like a transition's
 * @param kind       always {@link #KIND}, so that the output is one kind of JSON object with a {@code kind}
 * @param at         the end of the input: the latest event instant it held
 * @param obligation the obligation as last reported (open or at risk)
 */
public record PendingAtEnd(String id, String kind, OffsetDateTime at, Obligation obligation) {

    /** The {@code kind} of every such object, beside the transitions' kinds. */
    public static final String KIND = "PENDING_AT_END";

    /**
     * Checks the object.
     *
     * @param id         the stable id, required
     * @param kind       {@link #KIND}
     * @param at         the end of the input, required
     * @param obligation the obligation as last reported, required
     * @throws NullPointerException     if a required part is missing
     * @throws IllegalArgumentException if {@code kind} is not {@link #KIND}
     */
    public PendingAtEnd {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(obligation, "obligation");
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("PendingAtEnd " + id + ": kind must be " + KIND + ", not " + kind);
        }
    }

    /**
     * The object for an obligation still running at the end.
     *
     * @param obligation the obligation as last reported
     * @param end        the latest event instant the input held
     * @return the object, its id the obligation's with {@code #end:PENDING_AT_END}
     */
    public static PendingAtEnd of(Obligation obligation, OffsetDateTime end) {
        return new PendingAtEnd(obligation.id() + "#end:" + KIND, KIND, end, obligation);
    }
}
