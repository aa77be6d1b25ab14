package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.Preconditions;

/** The checks every NetzDG event makes, with the model's messages naming the record and the field. */
final class Checks {

    private Checks() {
    }

    /** Checks what every event has: an id, a case and an instant; and a jurisdiction that is an ISO 3166 code. */
    static void event(String type, String id, String caseId, OffsetDateTime at, String jurisdiction) {
        Preconditions.requireText(id, type, "id");
        Preconditions.requireText(caseId, type, "caseId");
        Preconditions.requirePresent(at, type, "at");
        Preconditions.jurisdiction(jurisdiction, type);
    }

    static void text(String type, String field, String value) {
        Preconditions.requireText(value, type, field);
    }
}
