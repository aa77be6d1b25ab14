package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * Before or after a takedown on its own initiative, the platform told the user of the action and its grounds (Rule 4(8)).
 *
 * @param grounds the grounds stated; {@code null} when none were
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record UserNotified(String id, String caseId, OffsetDateTime at, String grounds,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public UserNotified(String id, String caseId, OffsetDateTime at, String grounds) {
        this(id, caseId, at, grounds, null);
    }

    public UserNotified {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "UserNotified");
        Preconditions.requireText(id, "UserNotified", "id");
        Preconditions.requireText(caseId, "UserNotified", "caseId");
        Preconditions.requirePresent(at, "UserNotified", "at");
        grounds = Preconditions.optionalText(grounds);
    }
}
