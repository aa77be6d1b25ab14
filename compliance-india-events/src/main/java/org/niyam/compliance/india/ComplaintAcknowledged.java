package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The Grievance Officer acknowledged the complaint of this case.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the complaint acknowledged
 * @param at           when the acknowledgement was sent; it meets the duty to acknowledge if no later than its due
 *                     instant
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ComplaintAcknowledged(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public ComplaintAcknowledged(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public ComplaintAcknowledged {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplaintAcknowledged");
        Preconditions.requireText(id, "ComplaintAcknowledged", "id");
        Preconditions.requireText(caseId, "ComplaintAcknowledged", "caseId");
        Preconditions.requirePresent(at, "ComplaintAcknowledged", "at");
    }
}
