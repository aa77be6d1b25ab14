package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform removed, or disabled access to, the content of this case.
 *
 * @param action how: removed (the default) or access disabled
 * @param basis  why; {@code null} when not recorded
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action, RemovalBasis basis,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action, RemovalBasis basis) {
        this(id, caseId, at, action, basis, null);
    }

    public ContentRemoved {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ContentRemoved");
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
