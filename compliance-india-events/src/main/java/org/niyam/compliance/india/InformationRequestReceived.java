package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** A written order from a government agency lawfully authorised for investigative, protective or cyber security activities, asking for information or assistance (Rule 3(1)(j)). */
public record InformationRequestReceived(String id, String caseId, OffsetDateTime at, String agency,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public InformationRequestReceived(String id, String caseId, OffsetDateTime at, String agency) {
        this(id, caseId, at, agency, null);
    }

    public InformationRequestReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "InformationRequestReceived");
        Preconditions.requireText(id, "InformationRequestReceived", "id");
        Preconditions.requireText(caseId, "InformationRequestReceived", "caseId");
        Preconditions.requirePresent(at, "InformationRequestReceived", "at");
        agency = Preconditions.optionalText(agency);
    }
}
