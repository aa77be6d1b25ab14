package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * An order of a Grievance Appellate Committee on a user's appeal reached the platform (Rule 3A).
 */
public record GacOrderReceived(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public GacOrderReceived {
        Preconditions.requireText(id, "GacOrderReceived", "id");
        Preconditions.requireText(caseId, "GacOrderReceived", "caseId");
        Preconditions.requirePresent(at, "GacOrderReceived", "at");
    }
}
