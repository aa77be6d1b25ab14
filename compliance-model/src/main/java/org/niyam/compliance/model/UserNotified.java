package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Before or after a takedown on its own initiative, the platform told the user of the action and its grounds (Rule 4(8)).
 *
 * @param grounds the grounds stated; {@code null} when none were
 */
public record UserNotified(String id, String caseId, OffsetDateTime at, String grounds) implements CaseEvent {

    public UserNotified {
        Preconditions.requireText(id, "UserNotified", "id");
        Preconditions.requireText(caseId, "UserNotified", "caseId");
        Preconditions.requirePresent(at, "UserNotified", "at");
        grounds = Preconditions.optionalText(grounds);
    }
}
