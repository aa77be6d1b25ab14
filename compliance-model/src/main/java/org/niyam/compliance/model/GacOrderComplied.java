package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform complied with the Grievance Appellate Committee's order of this case (Rule 3A).
 */
public record GacOrderComplied(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public GacOrderComplied {
        Preconditions.requireText(id, "GacOrderComplied", "id");
        Preconditions.requireText(caseId, "GacOrderComplied", "caseId");
        Preconditions.requirePresent(at, "GacOrderComplied", "at");
    }
}
