package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform reported the cyber incident of this case to CERT-In.
 */
public record CyberIncidentReported(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public CyberIncidentReported(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public CyberIncidentReported {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CyberIncidentReported");
        Preconditions.requireText(id, "CyberIncidentReported", "id");
        Preconditions.requireText(caseId, "CyberIncidentReported", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentReported", "at");
    }
}
