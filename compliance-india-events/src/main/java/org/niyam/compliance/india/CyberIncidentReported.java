package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform reported the cyber incident of this case to CERT-In.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the incident reported
 * @param at           when the report reached CERT-In; it meets the duty to report if no later than its due instant
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record CyberIncidentReported(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public CyberIncidentReported(String id, String caseId, OffsetDateTime at) {
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
    public CyberIncidentReported {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CyberIncidentReported");
        Preconditions.requireText(id, "CyberIncidentReported", "id");
        Preconditions.requireText(caseId, "CyberIncidentReported", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentReported", "at");
    }
}
