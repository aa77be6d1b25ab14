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
 * <p>A duty to act that may already have been done before its clock started, in a way the evidence cannot tie to it
 * (content removed before the order arrived, but that removal answered an earlier order), keeps its clock and says so
 * with {@link #indeterminateIfNotDone}: a discharge meets it as any duty to act, and when the clock runs out without
 * one it is {@link Status#INDETERMINATE} for the reason given, not {@link Status#BREACHED}.
 *
 * <p>A {@link Discharge} before the trigger meets a duty as any other ("done before the clock started"), as a notice
 * due by the removal it announces must be. A duty that only an act at or after its trigger can answer (an
 * acknowledgement of a complaint, information for an order) says so with {@link #notBeforeTrigger}: the rules then
 * insert a discharge for every such act, and the engine counts only those at or after the trigger and names the
 * latest one before it when the duty is breached, open, late or indeterminate.
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
 * @param ifNotDone      for a duty to act: why its clock running out without a discharge does not show a breach
 *                       (the obligation is then {@link Status#INDETERMINATE} and its explanation gives this reason);
 *                       {@code null} for an ordinary duty, breached then
 * @param countsFromTrigger whether only a discharge at or after the trigger counts ({@link #notBeforeTrigger}); one
 *                       before it is named in the explanation of a duty it would have met, and does not count
 */
public record Duty(String key, String what, String clock, String caseId, String triggerEventId,
                   OffsetDateTime triggeredAt, Kind kind, String note, String ifNotDone, boolean countsFromTrigger) {

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
     * @param ifNotDone      why running out without a discharge is not a breach, or {@code null}; a blank text counts
     *                       as none; only for {@link Kind#ACT_BY}
     * @param countsFromTrigger whether only a discharge at or after the trigger counts
     * @throws IllegalArgumentException if a required value is missing or blank, or {@code ifNotDone} is given for a
     *                                  duty that is not to act by the due instant
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
        ifNotDone = Preconditions.optionalText(ifNotDone);
        if (ifNotDone != null && kind != Kind.ACT_BY) {
            throw new IllegalArgumentException("Duty " + key + ": only a duty to act by the due instant (ACT_BY) can be "
                    + "indeterminate when not done, not " + kind);
        }
    }

    /**
     * A duty with a note, ended by a breach when its clock runs out without a discharge (the record's form before
     * {@code ifNotDone}).
     *
     * @param key            stable duty key; with the trigger id it makes the obligation id
     * @param what           what the law asks, in a sentence
     * @param clock          name of the duration parameter that gives the clock length
     * @param caseId         the case
     * @param triggerEventId the event that started the clock
     * @param triggeredAt    when the clock started
     * @param kind           act by the due instant, keep until it, or act again within a recurring interval
     * @param note           what the rule checked, or {@code null}
     * @throws IllegalArgumentException if a value is missing or blank
     */
    public Duty(String key, String what, String clock, String caseId, String triggerEventId,
                OffsetDateTime triggeredAt, Kind kind, String note) {
        this(key, what, clock, caseId, triggerEventId, triggeredAt, kind, note, null, false);
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
        this(key, what, clock, caseId, triggerEventId, triggeredAt, kind, null, null, false);
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
        return new Duty(key, what, clock, caseId, triggerEventId, triggeredAt, kind, value, ifNotDone,
                countsFromTrigger);
    }

    /**
     * The same duty to act, which the clock running out without a discharge leaves {@link Status#INDETERMINATE}
     * instead of {@link Status#BREACHED}: for a duty that may already have been done before its clock started, by an
     * act the evidence cannot tie to it. Until the due instant it is open (and at risk) as any duty; a discharge
     * meets it, late or not, as any duty. The obligation's explanation then gives the reason.
     *
     * <pre>{@code
     * insert(new Duty("removal.on-order", what, "removal.on-order", $order)
     *         .indeterminateIfNotDone("the removal before receipt may have been of this content"));
     * }</pre>
     *
     * @param reason why not acting in time does not show a breach, in a sentence
     * @return a copy that is indeterminate when not done in time
     * @throws IllegalArgumentException if the reason is blank, or the duty is not to act by the due instant
     */
    public Duty indeterminateIfNotDone(String reason) {
        Preconditions.requireText(reason, "Duty", "ifNotDone");
        return new Duty(key, what, clock, caseId, triggerEventId, triggeredAt, kind, note, reason, countsFromTrigger);
    }

    /**
     * The same duty, which only an act at or after its trigger answers: a {@link Discharge} before the trigger does
     * not count, and when the duty is breached, open, met late or indeterminate its explanation names the latest
     * such act ("came before the clock started ... and does not count"), since the platform may have thought it
     * done. The rules insert a discharge for every act of the kind, early or not, and leave the instants to the
     * engine.
     *
     * <pre>{@code
     * insert(new Duty("complaint.acknowledge", "Acknowledge the complaint", "complaint.acknowledge", $complaint)
     *         .notBeforeTrigger());
     * }</pre>
     *
     * @return a copy that counts only discharges at or after the trigger
     */
    public Duty notBeforeTrigger() {
        return new Duty(key, what, clock, caseId, triggerEventId, triggeredAt, kind, note, ifNotDone, true);
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
