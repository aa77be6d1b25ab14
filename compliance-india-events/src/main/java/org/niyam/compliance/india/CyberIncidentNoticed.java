package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform noticed a cyber incident of a kind listed in the CERT-In directions of 28 April 2022.
 *
 * @param kind the kind of incident, as the directions list it
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record CyberIncidentNoticed(String id, String caseId, OffsetDateTime at, String kind,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public CyberIncidentNoticed(String id, String caseId, OffsetDateTime at, String kind) {
        this(id, caseId, at, kind, null);
    }

    public CyberIncidentNoticed {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CyberIncidentNoticed");
        Preconditions.requireText(id, "CyberIncidentNoticed", "id");
        Preconditions.requireText(caseId, "CyberIncidentNoticed", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentNoticed", "at");
        kind = Preconditions.optionalText(kind);
    }
}
