package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform noticed a cyber incident of a kind listed in the CERT-In directions of 28 April 2022.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the incident
 * @param at           when the platform noticed the incident; the clock to report it to CERT-In starts then
 * @param kind         the kind of incident, as the directions list it
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record CyberIncidentNoticed(String id, String caseId, OffsetDateTime at, String kind,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @param kind   the kind of incident, as the directions list it
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public CyberIncidentNoticed(String id, String caseId, OffsetDateTime at, String kind) {
        this(id, caseId, at, kind, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param kind         the kind of incident, or {@code null}; a blank kind counts as none
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public CyberIncidentNoticed {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CyberIncidentNoticed");
        Preconditions.requireText(id, "CyberIncidentNoticed", "id");
        Preconditions.requireText(caseId, "CyberIncidentNoticed", "caseId");
        Preconditions.requirePresent(at, "CyberIncidentNoticed", "at");
        kind = Preconditions.optionalText(kind);
    }
}
