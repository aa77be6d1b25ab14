package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * A user's account was cancelled or withdrawn; its registration data must be kept 180 days (Rule 3(1)(h)).
 */
public record AccountCancelled(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public AccountCancelled {
        Preconditions.requireText(id, "AccountCancelled", "id");
        Preconditions.requireText(caseId, "AccountCancelled", "caseId");
        Preconditions.requirePresent(at, "AccountCancelled", "at");
    }
}
