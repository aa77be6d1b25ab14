package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform enabled identification of the first originator asked for in this case (Rule 4(2)).
 */
public record FirstOriginatorIdentified(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public FirstOriginatorIdentified(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public FirstOriginatorIdentified {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "FirstOriginatorIdentified");
        Preconditions.requireText(id, "FirstOriginatorIdentified", "id");
        Preconditions.requireText(caseId, "FirstOriginatorIdentified", "caseId");
        Preconditions.requirePresent(at, "FirstOriginatorIdentified", "at");
    }
}
