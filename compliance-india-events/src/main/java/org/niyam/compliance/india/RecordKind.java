package org.niyam.compliance.india;

/** Records the IT Rules require an intermediary to keep for a time. */
public enum RecordKind {
    /** Removed or disabled content and its associated records (Rule 3(1)(g)). */
    REMOVED_CONTENT,
    /** A cancelled account's registration data (Rule 3(1)(h)). */
    REGISTRATION_DATA
}
