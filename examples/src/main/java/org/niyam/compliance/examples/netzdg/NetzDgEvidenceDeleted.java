package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** The stored copy of removed content was deleted (§ 3(2) no. 4 asks it be kept ten weeks). */
public record NetzDgEvidenceDeleted(String id, String caseId, OffsetDateTime at, String jurisdiction)
        implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgEvidenceDeleted(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public NetzDgEvidenceDeleted {
        Checks.event("NetzDgEvidenceDeleted", id, caseId, at, jurisdiction);
    }
}
