package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** The Grievance Officer disposed of the complaint of this case. */
public record ComplaintResolved(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public ComplaintResolved(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public ComplaintResolved {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplaintResolved");
        Preconditions.requireText(id, "ComplaintResolved", "id");
        Preconditions.requireText(caseId, "ComplaintResolved", "caseId");
        Preconditions.requirePresent(at, "ComplaintResolved", "at");
    }
}
