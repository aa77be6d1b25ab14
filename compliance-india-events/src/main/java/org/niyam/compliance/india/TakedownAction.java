package org.niyam.compliance.india;

/** How content was taken down; the rules treat both alike ("remove or disable access"). */
public enum TakedownAction {
    REMOVED,
    DISABLED
}
