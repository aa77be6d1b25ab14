package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** The platform provided the information or assistance an agency asked for in this case. */
public record InformationProvided(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public InformationProvided(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public InformationProvided {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "InformationProvided");
        Preconditions.requireText(id, "InformationProvided", "id");
        Preconditions.requireText(caseId, "InformationProvided", "caseId");
        Preconditions.requirePresent(at, "InformationProvided", "at");
    }
}
