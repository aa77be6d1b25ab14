package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform noticed a cyber incident of a kind listed in the CERT-In directions of 28 April 2022.
 *
 * @param kind the kind of incident, as the directions list it
 */
public record CyberIncidentNoticed(String id, String caseId, OffsetDateTime at, String kind) implements CaseEvent {

    public CyberIncidentNoticed {
        Preconditions.requireText(id, "CyberIncidentNoticed", "id");
        Preconditions.requireText(caseId, "CyberIncidentNoticed", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentNoticed", "at");
        kind = Preconditions.optionalText(kind);
    }
}
