package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Rule vocabulary: a duty without a clock, as it stands at the "as of" instant: a standing duty of the platform
 * (appoint an officer, publish an address), a duty of one case that the law gives no deadline, or the verdict on
 * one matter that opened no clock (a first-originator order, which the law gives no deadline; a removal order whose
 * intimation is defective; a removal by a platform to which Rule 4 does not apply). The engine turns it into an
 * {@link Obligation} with the inserting rule's citation.
 *
 * <pre>{@code
 * then
 *     insert(Assessment.about($removal, "4(8).prior-notice", "Notify the user before removing",
 *             Status.NOT_APPLICABLE, "Removed on a court order: Rule 4(8) does not apply.", List.of()));
 * }</pre>
 *
 * @param key            stable duty key; the obligation id is the key, then {@code @} and the trigger id for a
 *                       verdict on one matter, or the case id for a case duty
 * @param what           what the law asks, in a sentence
 * @param status         {@link Status#MET}, {@link Status#BREACHED}, {@link Status#NOT_APPLICABLE},
 *                       {@link Status#INDETERMINATE}, or {@link Status#OPEN} for a case duty without a deadline
 * @param explanation    why, naming the evidence
 * @param evidence       ids of the standing facts or events it rests on
 * @param caseId         the case, or {@code null} for a standing duty of the platform
 * @param triggerEventId the matter it is the verdict on (an event id, or a period such as {@code month-end:2026-01}),
 *                       or {@code null}; given with {@code triggeredAt} and a case
 * @param triggeredAt    when that matter arose, or {@code null}; the citation names the version in force then
 */
public record Assessment(String key, String what, Status status, String explanation, List<String> evidence,
                         String caseId, String triggerEventId, OffsetDateTime triggeredAt) {

    /**
     * Checks the assessment and copies its evidence.
     *
     * @param key            stable duty key, not blank
     * @param what           what the law asks, not blank
     * @param status         the verdict; never {@link Status#AT_RISK} or {@link Status#MET_LATE}, which only a clock
     *                       gives, and {@link Status#OPEN} only with a case
     * @param explanation    why, not blank
     * @param evidence       ids it rests on, none {@code null}; copied
     * @param caseId         the case, or {@code null} for a standing duty of the platform
     * @param triggerEventId the matter it is the verdict on, or {@code null}; given only with a case
     * @param triggeredAt    when that matter arose; {@code null} exactly when {@code triggerEventId} is
     * @throws IllegalArgumentException if a required text is blank or a value missing, if the status is one only a
     *                                  clock can give, or if the trigger comes without its instant or its case
     */
    public Assessment {
        Preconditions.requireText(key, "Assessment", "key");
        Preconditions.requireText(what, "Assessment", "what");
        Preconditions.requirePresent(status, "Assessment", "status");
        Preconditions.requireText(explanation, "Assessment", "explanation");
        evidence = Preconditions.strings(evidence, "Assessment", "evidence");
        if (status == Status.AT_RISK || status == Status.MET_LATE || (status == Status.OPEN && caseId == null)) {
            throw new IllegalArgumentException("Assessment " + key + ": a duty without a clock is met, breached, "
                    + "not applicable, indeterminate, or (for a case) open; not " + status);
        }
        if ((triggerEventId == null) != (triggeredAt == null)) {
            throw new IllegalArgumentException("Assessment " + key
                    + ": triggerEventId and triggeredAt must be given together");
        }
        if (triggerEventId != null) {
            Preconditions.requireText(triggerEventId, "Assessment", "triggerEventId");
            Preconditions.requireText(caseId, "Assessment", "caseId");
        }
    }

    /**
     * A duty of a case, or (with a {@code null} case) a standing duty of the platform.
     *
     * @param key         stable duty key; the obligation id is the key, then {@code @} and the case id
     * @param what        what the law asks, in a sentence
     * @param status      the verdict; {@link Status#OPEN} for a case duty without a deadline
     * @param explanation why, naming the evidence
     * @param evidence    ids of the standing facts or events it rests on
     * @param caseId      the case, or {@code null} for a standing duty of the platform
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public Assessment(String key, String what, Status status, String explanation, List<String> evidence,
                      String caseId) {
        this(key, what, status, explanation, evidence, caseId, null, null);
    }

    /**
     * A standing duty of the platform (appoint an officer, publish an address); its obligation id is the key.
     *
     * @param key         stable duty key, which is also the obligation id
     * @param what        what the law asks, in a sentence
     * @param status      the verdict: met, breached, not applicable or indeterminate
     * @param explanation why, naming the evidence
     * @param evidence    ids of the standing facts it rests on
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public Assessment(String key, String what, Status status, String explanation, List<String> evidence) {
        this(key, what, status, explanation, evidence, null, null, null);
    }

    /**
     * The verdict on the duty {@code key} that {@code trigger} would open, where it opens no clock: the obligation
     * has the id a time-bound duty of that key and trigger would have ({@code key@triggerEventId}).
     *
     * @param trigger     the event the verdict is on; its case, id and instant become the assessment's
     * @param key         stable duty key
     * @param what        what the law asks, in a sentence
     * @param status      the verdict
     * @param explanation why, naming the evidence
     * @param evidence    ids of the events it rests on
     * @return the assessment of that matter, in the trigger's case
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public static Assessment about(CaseEvent trigger, String key, String what, Status status, String explanation,
                                   List<String> evidence) {
        return new Assessment(key, what, status, explanation, evidence, trigger.caseId(), trigger.id(), trigger.at());
    }

    /**
     * The same assessment resting on other evidence.
     *
     * @param value ids of the standing facts or events it rests on instead
     * @return a copy with that evidence
     */
    public Assessment withEvidence(List<String> value) {
        return new Assessment(key, what, status, explanation, value, caseId, triggerEventId, triggeredAt);
    }

    /**
     * {@return the id of the obligation this assessment becomes} The key, then {@code @} and the trigger id for a
     * verdict on one matter, or the case id for a case duty; the key alone for a standing duty.
     */
    public String obligationId() {
        return triggerEventId != null ? key + "@" + triggerEventId : caseId == null ? key : key + "@" + caseId;
    }
}
