package org.niyam.compliance.model;

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
    INDETERMINATE
}
