package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** The Grievance Officer disposed of the complaint of this case. */
public record ComplaintResolved(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public ComplaintResolved {
        Preconditions.requireText(id, "ComplaintResolved", "id");
        Preconditions.requireText(caseId, "ComplaintResolved", "caseId");
        Preconditions.requirePresent(at, "ComplaintResolved", "at");
    }
}
