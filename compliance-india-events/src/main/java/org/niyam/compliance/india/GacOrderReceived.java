package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * An order of a Grievance Appellate Committee on a user's appeal reached the platform (Rule 3A).
 */
public record GacOrderReceived(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public GacOrderReceived(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public GacOrderReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "GacOrderReceived");
        Preconditions.requireText(id, "GacOrderReceived", "id");
        Preconditions.requireText(caseId, "GacOrderReceived", "caseId");
        Preconditions.requirePresent(at, "GacOrderReceived", "at");
    }
}
