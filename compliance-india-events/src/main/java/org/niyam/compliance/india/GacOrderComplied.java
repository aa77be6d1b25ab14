package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform complied with the Grievance Appellate Committee's order of this case (Rule 3A).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the Committee's order
 * @param at           when the platform complied; it discharges the duty to comply, late only against the
 *                     platform's own service level
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record GacOrderComplied(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public GacOrderComplied(String id, String caseId, OffsetDateTime at) {
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
    public GacOrderComplied {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "GacOrderComplied");
        Preconditions.requireText(id, "GacOrderComplied", "id");
        Preconditions.requireText(caseId, "GacOrderComplied", "caseId");
        Preconditions.requirePresent(at, "GacOrderComplied", "at");
    }
}
