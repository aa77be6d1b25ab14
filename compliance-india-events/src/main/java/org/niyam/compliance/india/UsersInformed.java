package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform informed its users of its rules and the consequences of not complying with them (Rule 3(1)(c)). Use one case id for all such notices, e.g. {@code user-notices}.
 */
public record UsersInformed(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public UsersInformed(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public UsersInformed {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "UsersInformed");
        Preconditions.requireText(id, "UsersInformed", "id");
        Preconditions.requireText(caseId, "UsersInformed", "caseId");
        Preconditions.requirePresent(at, "UsersInformed", "at");
    }
}
