package org.niyam.compliance.india;

/** Why content was taken down; Rule 4(8) applies only to the platform's own initiative. */
public enum RemovalBasis {
    /** On a court order or government intimation (Rule 3(1)(d)). */
    ORDER,
    /** On a user's complaint (Rule 3(2)). */
    COMPLAINT,
    /** On the platform's own initiative, under its rules (Rule 3(1)(b)). */
    OWN_INITIATIVE
}
