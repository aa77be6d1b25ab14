package org.niyam.compliance.india;

/** The officers the India IT Rules require an intermediary to appoint. */
public enum OfficerRole {
    /** Rule 3(2)(a): every intermediary. */
    GRIEVANCE_OFFICER,
    /** Rule 4(1)(a): significant social media intermediaries. */
    CHIEF_COMPLIANCE_OFFICER,
    /** Rule 4(1)(b): significant social media intermediaries; 24x7 coordination with law enforcement. */
    NODAL_CONTACT_PERSON,
    /** Rule 4(1)(c): significant social media intermediaries. */
    RESIDENT_GRIEVANCE_OFFICER
}
