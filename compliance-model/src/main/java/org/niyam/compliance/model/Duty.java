package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Rule vocabulary: a time-bound duty that an event started. A rule inserts it; the engine resolves the clock
 * named here to the length in force at {@code triggeredAt}, and owns the rest of the lifecycle.
 *
 * <p>Most duties are to act by the due instant ({@link Kind#ACT_BY}): the first {@link Discharge} at or before it
 * meets the duty. Some are to keep something until the due instant ({@link Kind#KEEP_UNTIL}, e.g. preserve
 * removed content for 180 days): there the {@link Discharge} is the event that ends the keeping, and it breaches
 * the duty when it comes before the due instant.
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
 * @param kind           act by the due instant, keep until it, or act again within a recurring interval
 * @param note           what the rule checked to open the duty, added to the obligation's explanation; or
 *                       {@code null}
 */
public record Duty(String key, String what, String clock, String caseId, String triggerEventId,
                   OffsetDateTime triggeredAt, Kind kind, String note) {

    /** Whether the duty is to act by the due instant or to keep something until it. */
    public enum Kind {
        /** Act no later than the due instant: remove, acknowledge, answer. */
        ACT_BY,
        /** Keep something (content, records) until the due instant; ending it earlier is a breach. */
        KEEP_UNTIL,
        /**
         * Act again within a recurring interval (inform users at least once every three months). An interval that
         * an amendment changes while the clock runs applies from its effective date, never to time before it: the
         * due instant is the earlier of the start plus the interval in force at the start and the effective date
         * plus the new interval.
         */
        PERIODIC
    }

    /**
     * Checks the duty.
     *
     * @param key            stable duty key, not blank
     * @param what           what the law asks, not blank
     * @param clock          name of the duration parameter, not blank
     * @param caseId         the case, not blank
     * @param triggerEventId the event that started the clock, not blank
     * @param triggeredAt    when the clock started, required
     * @param kind           act by, keep until, or periodic; required
     * @param note           what the rule checked, or {@code null}; a blank note counts as none
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public Duty {
        Preconditions.requireText(key, "Duty", "key");
        Preconditions.requireText(what, "Duty", "what");
        Preconditions.requireText(clock, "Duty", "clock");
        Preconditions.requireText(caseId, "Duty", "caseId");
        Preconditions.requireText(triggerEventId, "Duty", "triggerEventId");
        Preconditions.requirePresent(triggeredAt, "Duty", "triggeredAt");
        Preconditions.requirePresent(kind, "Duty", "kind");
        note = Preconditions.optionalText(note);
    }

    /**
     * A duty without a note.
     *
     * @param key            stable duty key; with the trigger id it makes the obligation id
     * @param what           what the law asks, in a sentence
     * @param clock          name of the duration parameter that gives the clock length
     * @param caseId         the case
     * @param triggerEventId the event that started the clock
     * @param triggeredAt    when the clock started
     * @param kind           act by the due instant, keep until it, or act again within a recurring interval
     * @throws IllegalArgumentException if a value is missing or blank
     */
    public Duty(String key, String what, String clock, String caseId, String triggerEventId,
                OffsetDateTime triggeredAt, Kind kind) {
        this(key, what, clock, caseId, triggerEventId, triggeredAt, kind, null);
    }

    /**
     * A duty to act, started by the event: the clock starts at the event's instant.
     *
     * @param key     stable duty key; with the trigger's id it makes the obligation id
     * @param what    what the law asks, in a sentence
     * @param clock   name of the duration parameter that gives the clock length, e.g. {@code removal.on-order}
     * @param trigger the event that starts the clock; its case, id and instant are taken
     * @throws IllegalArgumentException if a text is blank
     */
    public Duty(String key, String what, String clock, CaseEvent trigger) {
        this(key, what, clock, trigger.caseId(), trigger.id(), trigger.at(), Kind.ACT_BY);
    }

    /**
     * A duty to keep something from the event's instant until the clock runs out ({@link Kind#KEEP_UNTIL}).
     *
     * @param key     stable duty key; with the trigger's id it makes the obligation id
     * @param what    what the law asks to keep, in a sentence
     * @param clock   name of the duration parameter that gives how long to keep it
     * @param trigger the event that starts the keeping; its case, id and instant are taken
     * @return the duty
     * @throws IllegalArgumentException if a text is blank
     */
    public static Duty keepUntil(String key, String what, String clock, CaseEvent trigger) {
        return new Duty(key, what, clock, trigger.caseId(), trigger.id(), trigger.at(), Kind.KEEP_UNTIL);
    }

    /**
     * A duty to act again within a recurring interval, started by the event (the last notice); see
     * {@link Kind#PERIODIC} for how an amended interval applies.
     *
     * @param key     stable duty key; with the trigger's id it makes the obligation id
     * @param what    what the law asks to repeat, in a sentence
     * @param clock   name of the duration parameter that gives the interval
     * @param trigger the last time the platform acted; its case, id and instant are taken
     * @return the duty
     * @throws IllegalArgumentException if a text is blank
     */
    public static Duty periodic(String key, String what, String clock, CaseEvent trigger) {
        return new Duty(key, what, clock, trigger.caseId(), trigger.id(), trigger.at(), Kind.PERIODIC);
    }

    /**
     * The same duty with a note on what was checked to open it, for the obligation's explanation.
     *
     * @param value the note, or {@code null} for none
     * @return a copy with that note
     */
    public Duty withNote(String value) {
        return new Duty(key, what, clock, caseId, triggerEventId, triggeredAt, kind, value);
    }

    /** {@return the id of the obligation this duty becomes: {@code key@triggerEventId}} */
    public String obligationId() {
        return obligationId(key, triggerEventId);
    }

    /**
     * The id of the obligation a duty with this key and trigger becomes, for a {@link Discharge} of a duty the rule
     * does not match, such as a platform's monthly duty discharged by an event of some case.
     *
     * @param key            the duty's key
     * @param triggerEventId the id of the event that would start it
     * @return {@code key@triggerEventId}
     */
    public static String obligationId(String key, String triggerEventId) {
        return key + "@" + triggerEventId;
    }
}
