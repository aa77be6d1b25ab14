package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Rule vocabulary: a time-bound duty that an event started. A rule inserts it; the engine resolves the clock
 * named here to the length in force at {@code triggeredAt}, and owns the rest of the lifecycle.
 *
 * <pre>{@code
 * then
 *     insert(new Duty("removal.on-order", "Remove or disable the content named in the order",
 *                     "removal.on-order", $order));
 * }</pre>
 *
 * @param key            stable duty key; with the trigger id it makes the obligation id
 * @param what           what the law asks, in a sentence
 * @param clock          name of the duration parameter that gives the clock length
 * @param caseId         the case
 * @param triggerEventId the event that started the clock
 * @param triggeredAt    when the clock started
 */
public record Duty(String key, String what, String clock, String caseId, String triggerEventId,
                   OffsetDateTime triggeredAt) {

    public Duty {
        Preconditions.requireText(key, "Duty", "key");
        Preconditions.requireText(what, "Duty", "what");
        Preconditions.requireText(clock, "Duty", "clock");
        Preconditions.requireText(caseId, "Duty", "caseId");
        Preconditions.requireText(triggerEventId, "Duty", "triggerEventId");
        Preconditions.requirePresent(triggeredAt, "Duty", "triggeredAt");
    }

    /** The duty the event started: the clock starts at the event's instant. */
    public Duty(String key, String what, String clock, CaseEvent trigger) {
        this(key, what, clock, trigger.caseId(), trigger.id(), trigger.at());
    }

    /** The id of the obligation this duty becomes: {@code key@triggerEventId}. */
    public String obligationId() {
        return key + "@" + triggerEventId;
    }
}
