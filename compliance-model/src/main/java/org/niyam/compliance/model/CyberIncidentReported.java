package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform reported the cyber incident of this case to CERT-In.
 */
public record CyberIncidentReported(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public CyberIncidentReported {
        Preconditions.requireText(id, "CyberIncidentReported", "id");
        Preconditions.requireText(caseId, "CyberIncidentReported", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentReported", "at");
    }
}
