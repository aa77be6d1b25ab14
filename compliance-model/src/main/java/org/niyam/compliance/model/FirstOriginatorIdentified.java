package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform enabled identification of the first originator asked for in this case (Rule 4(2)).
 */
public record FirstOriginatorIdentified(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public FirstOriginatorIdentified {
        Preconditions.requireText(id, "FirstOriginatorIdentified", "id");
        Preconditions.requireText(caseId, "FirstOriginatorIdentified", "caseId");
        Preconditions.requirePresent(at, "FirstOriginatorIdentified", "at");
    }
}
