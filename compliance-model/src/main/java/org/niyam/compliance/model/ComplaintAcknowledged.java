package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** The Grievance Officer acknowledged the complaint of this case. */
public record ComplaintAcknowledged(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public ComplaintAcknowledged {
        Preconditions.requireText(id, "ComplaintAcknowledged", "id");
        Preconditions.requireText(caseId, "ComplaintAcknowledged", "caseId");
        Preconditions.requirePresent(at, "ComplaintAcknowledged", "at");
    }
}
