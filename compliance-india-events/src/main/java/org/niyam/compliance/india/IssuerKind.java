package org.niyam.compliance.india;

/** The kind of authority behind a removal order or intimation. */
public enum IssuerKind {
    /** A court order: actual knowledge under Rule 3(1)(d). */
    COURT,
    /** The appropriate government or its authorised agency. */
    GOVERNMENT,
    /** A police authority; from the 2025 amendment an officer not below Deputy Inspector General. */
    POLICE
}
