package org.niyam.compliance.india;

/** Where a first-originator order comes from (Rule 4(2)). */
public enum OriginatorOrderSource {
    /** A judicial order of a court of competent jurisdiction. */
    COURT_ORDER,
    /** An order under section 69 of the IT Act, 2000. */
    SECTION_69_ORDER,
    /** Anything else, e.g. a police request. */
    OTHER
}
