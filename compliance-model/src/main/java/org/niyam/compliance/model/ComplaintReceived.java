package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** A user's complaint reached the Grievance Officer. Its category decides which clocks apply. */
public record ComplaintReceived(String id, String caseId, OffsetDateTime at, ComplaintCategory category) implements CaseEvent {

    public ComplaintReceived {
        Preconditions.requireText(id, "ComplaintReceived", "id");
        Preconditions.requireText(caseId, "ComplaintReceived", "caseId");
        Preconditions.requirePresent(at, "ComplaintReceived", "at");
        Preconditions.requirePresent(category, "ComplaintReceived", "category");
    }
}
