package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform removed, or disabled access to, the content of this case.
 *
 * @param action how: removed (the default) or access disabled
 * @param basis  why; {@code null} when not recorded
 */
public record ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action, RemovalBasis basis)
        implements CaseEvent {

    public ContentRemoved {
        Preconditions.requireText(id, "ContentRemoved", "id");
        Preconditions.requireText(caseId, "ContentRemoved", "caseId");
        Preconditions.requirePresent(at, "ContentRemoved", "at");
        action = action == null ? TakedownAction.REMOVED : action;
    }

    /** A takedown whose basis is not recorded. */
    public ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action) {
        this(id, caseId, at, action, null);
    }
}
