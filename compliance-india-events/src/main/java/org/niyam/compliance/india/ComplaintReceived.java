package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** A user's complaint reached the Grievance Officer. Its category decides which clocks apply. */
public record ComplaintReceived(String id, String caseId, OffsetDateTime at, ComplaintCategory category,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public ComplaintReceived(String id, String caseId, OffsetDateTime at, ComplaintCategory category) {
        this(id, caseId, at, category, null);
    }

    public ComplaintReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplaintReceived");
        Preconditions.requireText(id, "ComplaintReceived", "id");
        Preconditions.requireText(caseId, "ComplaintReceived", "caseId");
        Preconditions.requirePresent(at, "ComplaintReceived", "at");
        Preconditions.requirePresent(category, "ComplaintReceived", "category");
    }
}
