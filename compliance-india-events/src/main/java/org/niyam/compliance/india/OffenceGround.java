package org.niyam.compliance.india;

/** The offence a first-originator order is for; Rule 4(2) lists all but {@link #OTHER}. */
public enum OffenceGround {
    /** An offence relating to the sovereignty and integrity of India. */
    SOVEREIGNTY_AND_INTEGRITY_OF_INDIA,
    /** An offence relating to the security of the State. */
    SECURITY_OF_THE_STATE,
    /** An offence relating to friendly relations with foreign States. */
    FRIENDLY_RELATIONS_WITH_FOREIGN_STATES,
    /** An offence relating to public order. */
    PUBLIC_ORDER,
    /** Incitement to an offence relating to any of the grounds above. */
    INCITEMENT_TO_AN_OFFENCE_ON_THESE_GROUNDS,
    /** An offence relating to rape. */
    RAPE,
    /** An offence relating to sexually explicit material. */
    SEXUALLY_EXPLICIT_MATERIAL,
    /** An offence relating to child sexual abuse material. */
    CHILD_SEXUAL_ABUSE_MATERIAL,
    /** An offence Rule 4(2) does not list: an order on it is outside the rule's scope. */
    OTHER
}
