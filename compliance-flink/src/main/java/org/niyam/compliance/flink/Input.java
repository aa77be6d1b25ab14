package org.niyam.compliance.flink;

import java.util.Objects;

/**
 * One element between the job's operators: an event of a case, a record of the platform, a standing fact, a
 * mark of the earliest and latest event instants a reader has seen, or what a case's step concluded about the
 * platform. A plain Flink POJO (public fields, no-argument constructor), so that Flink serialises it without Kryo; the
 * payload is JSON text.
 */
public class Input {

    /** {@link #kind} of an event of a case, keyed by its case. */
    public static final byte EVENT = 0;
    /** {@link #kind} of a record of the platform (a pack's {@code Platform} type), broadcast to every case. */
    public static final byte PLATFORM = 1;
    /** {@link #kind} of a standing fact (a pack's {@code StandingFact} type), broadcast to every case. */
    public static final byte FACT = 2;
    /** {@link #kind} of a mark of the earliest and latest event instants a reader has seen. */
    public static final byte MARK = 3;
    /** {@link #kind} of what a case's step concluded about the platform, sent to the platform's operator. */
    public static final byte LEFTOVERS = 4;

    /** What this is: {@link #EVENT}, {@link #PLATFORM}, {@link #FACT}, {@link #MARK} or {@link #LEFTOVERS}. */
    public byte kind;
    /** The case, for an event and leftovers; otherwise empty. */
    public String caseId;
    /** Epoch milliseconds: an event's instant, a step's instant for leftovers, the latest event for a mark. */
    public long at;
    /** For a mark: the earliest event instant, epoch milliseconds. */
    public long earliest;
    /** The JSON text: the event, platform record, standing fact (each with its {@code type}), or the list of leftovers; empty for a mark. */
    public String json;

    /** An empty element, for Flink's POJO serialiser. */
    public Input() {
    }

    /**
     * An element with every field given.
     *
     * @param kind     {@link #EVENT}, {@link #PLATFORM}, {@link #FACT}, {@link #MARK} or {@link #LEFTOVERS}
     * @param caseId   the case, or empty
     * @param at       epoch milliseconds, as {@link #at} says
     * @param earliest for a mark, the earliest event instant in epoch milliseconds; otherwise 0
     * @param json     the payload's JSON text, or empty
     */
    public Input(byte kind, String caseId, long at, long earliest, String json) {
        this.kind = kind;
        this.caseId = caseId;
        this.at = at;
        this.earliest = earliest;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Input other && kind == other.kind && at == other.at && earliest == other.earliest
                && Objects.equals(caseId, other.caseId) && Objects.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, caseId, at, earliest, json);
    }

    @Override
    public String toString() {
        return "Input[" + kind + " " + caseId + " " + at + " " + json + "]";
    }
}
