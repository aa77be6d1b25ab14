package org.niyam.compliance.india;

/** How content was taken down; the rules treat both alike ("remove or disable access"). */
public enum TakedownAction {
    /** The content was removed; the default when a takedown does not say. */
    REMOVED,
    /** Access to the content was disabled, without removing it. */
    DISABLED
}
