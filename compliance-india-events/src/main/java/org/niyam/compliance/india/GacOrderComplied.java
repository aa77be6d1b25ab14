package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform complied with the Grievance Appellate Committee's order of this case (Rule 3A).
 */
public record GacOrderComplied(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public GacOrderComplied(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public GacOrderComplied {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "GacOrderComplied");
        Preconditions.requireText(id, "GacOrderComplied", "id");
        Preconditions.requireText(caseId, "GacOrderComplied", "caseId");
        Preconditions.requirePresent(at, "GacOrderComplied", "at");
    }
}
