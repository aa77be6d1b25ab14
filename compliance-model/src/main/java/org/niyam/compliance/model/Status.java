package org.niyam.compliance.model;

import java.util.List;

/** Where an obligation stands at the "as of" instant of an evaluation. */
public enum Status {
    /** Discharged no later than its due instant, or a standing duty fulfilled. */
    MET,
    /** Discharged, but after its due instant. */
    MET_LATE,
    /** Not discharged, and the due instant has passed; or a standing duty not fulfilled. */
    BREACHED,
    /** Not yet discharged, not yet due. */
    OPEN,
    /** Not yet discharged and not yet due, but little of the clock is left. */
    AT_RISK,
    /** The duty does not apply; the obligation's explanation says why. */
    NOT_APPLICABLE,
    /** The facts needed to decide are missing; the explanation names them. */
    INDETERMINATE;

    /** Every status, most urgent first: the order reports list them in. */
    public static final List<Status> MOST_URGENT_FIRST =
            List.of(BREACHED, AT_RISK, INDETERMINATE, MET_LATE, OPEN, MET, NOT_APPLICABLE);

    /** {@return whether nothing is left to look at: met in time, or not applicable} */
    public boolean settled() {
        return this == MET || this == NOT_APPLICABLE;
    }

    /** {@return the status as people read it, with spaces for underscores: {@code MET LATE}} */
    public String label() {
        return name().replace('_', ' ');
    }
}
