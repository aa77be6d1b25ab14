package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * Before or after a takedown on its own initiative, the platform told the user of the action and its grounds (Rule 4(8)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the takedown
 * @param at           when the user was told
 * @param grounds      the grounds stated; {@code null} when none were
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record UserNotified(String id, String caseId, OffsetDateTime at, String grounds,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id      the event's id, unique within the input
     * @param caseId  the case it belongs to
     * @param at      when it happened
     * @param grounds the grounds stated; {@code null} when none were
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public UserNotified(String id, String caseId, OffsetDateTime at, String grounds) {
        this(id, caseId, at, grounds, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param grounds      the grounds stated, or {@code null}; blank grounds count as none
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public UserNotified {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "UserNotified");
        Preconditions.requireText(id, "UserNotified", "id");
        Preconditions.requireText(caseId, "UserNotified", "caseId");
        Preconditions.requirePresent(at, "UserNotified", "at");
        grounds = Preconditions.optionalText(grounds);
    }
}
