package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** The platform provided the information or assistance an agency asked for in this case. */
public record InformationProvided(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public InformationProvided {
        Preconditions.requireText(id, "InformationProvided", "id");
        Preconditions.requireText(caseId, "InformationProvided", "caseId");
        Preconditions.requirePresent(at, "InformationProvided", "at");
    }
}
