package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** The Grievance Officer acknowledged the complaint of this case. */
public record ComplaintAcknowledged(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public ComplaintAcknowledged(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public ComplaintAcknowledged {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplaintAcknowledged");
        Preconditions.requireText(id, "ComplaintAcknowledged", "id");
        Preconditions.requireText(caseId, "ComplaintAcknowledged", "caseId");
        Preconditions.requirePresent(at, "ComplaintAcknowledged", "at");
    }
}
