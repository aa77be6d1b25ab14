package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform enabled identification of the first originator asked for in this case (Rule 4(2)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the first-originator order
 * @param at           when the platform enabled the identification
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record FirstOriginatorIdentified(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public FirstOriginatorIdentified(String id, String caseId, OffsetDateTime at) {
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
    public FirstOriginatorIdentified {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "FirstOriginatorIdentified");
        Preconditions.requireText(id, "FirstOriginatorIdentified", "id");
        Preconditions.requireText(caseId, "FirstOriginatorIdentified", "caseId");
        Preconditions.requirePresent(at, "FirstOriginatorIdentified", "at");
    }
}
