package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Rule vocabulary: an event that discharges a duty. When several discharge one duty, the earliest counts.
 *
 * <pre>{@code
 * when
 *     $duty : Duty(key == "removal.on-order", $case : caseId)
 *     $done : ContentRemoved(caseId == $case)
 * then
 *     insert(new Discharge($duty, $done));
 * }</pre>
 *
 * @param obligationId the {@link Duty#obligationId()} it discharges
 * @param eventId      the discharging event
 * @param at           when it happened
 */
public record Discharge(String obligationId, String eventId, OffsetDateTime at) {

    /**
     * Checks the discharge.
     *
     * @param obligationId the obligation it discharges, not blank
     * @param eventId      the discharging event's id, not blank
     * @param at           when it happened, required
     * @throws IllegalArgumentException if a value is missing or blank
     */
    public Discharge {
        Preconditions.requireText(obligationId, "Discharge", "obligationId");
        Preconditions.requireText(eventId, "Discharge", "eventId");
        Preconditions.requirePresent(at, "Discharge", "at");
    }

    /**
     * The discharge of a duty by an event, as rules write it.
     *
     * @param duty   the duty discharged
     * @param action the platform's event that discharges it; its id and instant are taken
     */
    public Discharge(Duty duty, CaseEvent action) {
        this(duty.obligationId(), action.id(), action.at());
    }
}
