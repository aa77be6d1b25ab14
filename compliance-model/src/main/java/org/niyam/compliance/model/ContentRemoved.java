package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** The platform removed, or disabled access to, the content of this case. */
public record ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action) implements CaseEvent {

    public ContentRemoved {
        Preconditions.requireText(id, "ContentRemoved", "id");
        Preconditions.requireText(caseId, "ContentRemoved", "caseId");
        Preconditions.requirePresent(at, "ContentRemoved", "at");
        action = action == null ? TakedownAction.REMOVED : action;
    }
}
