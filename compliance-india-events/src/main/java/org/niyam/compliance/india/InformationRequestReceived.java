package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A written order from a government agency lawfully authorised for investigative, protective or cyber security
 * activities, asking for information or assistance (Rule 3(1)(j)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case the request opens
 * @param at           when the order reached the platform; the clock to provide the information starts then
 * @param agency       the agency that asks, as named on its order; {@code null} when not recorded
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record InformationRequestReceived(String id, String caseId, OffsetDateTime at, String agency,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @param agency the agency that asks, as named on its order; {@code null} when not recorded
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public InformationRequestReceived(String id, String caseId, OffsetDateTime at, String agency) {
        this(id, caseId, at, agency, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param agency       the agency, or {@code null}; a blank name counts as none
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public InformationRequestReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "InformationRequestReceived");
        Preconditions.requireText(id, "InformationRequestReceived", "id");
        Preconditions.requireText(caseId, "InformationRequestReceived", "caseId");
        Preconditions.requirePresent(at, "InformationRequestReceived", "at");
        agency = Preconditions.optionalText(agency);
    }
}
