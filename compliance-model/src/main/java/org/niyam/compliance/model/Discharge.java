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

    public Discharge {
        Preconditions.requireText(obligationId, "Discharge", "obligationId");
        Preconditions.requireText(eventId, "Discharge", "eventId");
        Preconditions.requirePresent(at, "Discharge", "at");
    }

    public Discharge(Duty duty, CaseEvent action) {
        this(duty.obligationId(), action.id(), action.at());
    }
}
