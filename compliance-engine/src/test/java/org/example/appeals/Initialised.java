package org.example.appeals;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** An event whose initialisation {@link Witness} sees: naming it in a pack must not initialise it. */
public record Initialised(String id, String caseId, OffsetDateTime at, String jurisdiction) implements CaseEvent {

    static {
        Witness.initialised = true;
    }
}
