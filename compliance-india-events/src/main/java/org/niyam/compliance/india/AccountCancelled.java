package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A user's account was cancelled or withdrawn; its registration data must be kept 180 days (Rule 3(1)(h)).
 */
public record AccountCancelled(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public AccountCancelled(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public AccountCancelled {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "AccountCancelled");
        Preconditions.requireText(id, "AccountCancelled", "id");
        Preconditions.requireText(caseId, "AccountCancelled", "caseId");
        Preconditions.requirePresent(at, "AccountCancelled", "at");
    }
}
