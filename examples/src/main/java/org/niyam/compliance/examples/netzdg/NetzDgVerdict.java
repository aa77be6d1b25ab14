package org.niyam.compliance.examples.netzdg;

/** What the network decided about the content a complaint names. */
public enum NetzDgVerdict {
    /** Manifestly unlawful: remove or block within 24 hours of the complaint (§ 3(2) no. 2). */
    MANIFESTLY_UNLAWFUL,
    /** Unlawful: remove or block without delay, as a rule within 7 days (§ 3(2) no. 3). */
    UNLAWFUL,
    /** Lawful: nothing to remove; the decision is still told to complainant and user (§ 3(2) no. 5). */
    LAWFUL
}
