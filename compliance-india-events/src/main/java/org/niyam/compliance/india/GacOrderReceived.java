package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * An order of a Grievance Appellate Committee on a user's appeal reached the platform (Rule 3A).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case the order opens
 * @param at           when the order reached the platform; the duty to comply opens then, with a due instant only
 *                     when the platform sets its own service level ({@code gac.compliance})
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record GacOrderReceived(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public GacOrderReceived(String id, String caseId, OffsetDateTime at) {
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
    public GacOrderReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "GacOrderReceived");
        Preconditions.requireText(id, "GacOrderReceived", "id");
        Preconditions.requireText(caseId, "GacOrderReceived", "caseId");
        Preconditions.requirePresent(at, "GacOrderReceived", "at");
    }
}
