package org.niyam.compliance.india;

/** What a user's complaint asks for; the category decides which clocks of Rule 3(2) apply. */
public enum ComplaintCategory {
    /** Any other grievance: acknowledged and resolved on the Rule 3(2)(a)(i) clocks. */
    GENERAL,
    /** Asks removal of content in the Rule 3(1)(b) categories (the proviso to Rule 3(2)(a)(i)). */
    REMOVAL_REQUEST,
    /** By or for an individual: content exposing private areas, nudity, a sexual act, or impersonation (Rule 3(2)(b)). */
    INTIMATE_IMAGERY
}
