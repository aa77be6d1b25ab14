package org.niyam.compliance.india;

/** The offence a first-originator order is for; Rule 4(2) lists all but {@link #OTHER}. */
public enum OffenceGround {
    SOVEREIGNTY_AND_INTEGRITY_OF_INDIA,
    SECURITY_OF_THE_STATE,
    FRIENDLY_RELATIONS_WITH_FOREIGN_STATES,
    PUBLIC_ORDER,
    INCITEMENT_TO_AN_OFFENCE_ON_THESE_GROUNDS,
    RAPE,
    SEXUALLY_EXPLICIT_MATERIAL,
    CHILD_SEXUAL_ABUSE_MATERIAL,
    /** An offence Rule 4(2) does not list: an order on it is outside the rule's scope. */
    OTHER
}
