package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A user's complaint reached the Grievance Officer. Its category decides which clocks apply.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case the complaint opens; the platform's later actions on it name the same case
 * @param at           when the complaint reached the Grievance Officer; the clocks to acknowledge and to resolve it
 *                     start then
 * @param category     what the complaint asks for, which decides its clocks
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ComplaintReceived(String id, String caseId, OffsetDateTime at, ComplaintCategory category,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id       the event's id, unique within the input
     * @param caseId   the case it belongs to
     * @param at       when it happened
     * @param category what the complaint asks for, which decides its clocks
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public ComplaintReceived(String id, String caseId, OffsetDateTime at, ComplaintCategory category) {
        this(id, caseId, at, category, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param category     what it asks for, required
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public ComplaintReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplaintReceived");
        Preconditions.requireText(id, "ComplaintReceived", "id");
        Preconditions.requireText(caseId, "ComplaintReceived", "caseId");
        Preconditions.requirePresent(at, "ComplaintReceived", "at");
        Preconditions.requirePresent(category, "ComplaintReceived", "category");
    }
}
