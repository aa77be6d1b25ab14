package org.niyam.compliance.model;

import java.util.List;

/**
 * Rule vocabulary: a duty without a clock, as it stands at the "as of" instant: a standing duty of the platform
 * (appoint an officer, publish an address), or a duty of one case that the law gives no deadline (identify the
 * first originator). The engine turns it into an {@link Obligation} with the inserting rule's citation.
 *
 * @param key         stable duty key; the obligation id is the key, then {@code @} and the case id for a case duty
 * @param what        what the law asks, in a sentence
 * @param status      {@link Status#MET}, {@link Status#BREACHED}, {@link Status#NOT_APPLICABLE},
 *                    {@link Status#INDETERMINATE}, or {@link Status#OPEN} for a case duty without a deadline
 * @param explanation why, naming the evidence
 * @param evidence    ids of the appointments or events it rests on
 * @param caseId      the case, or {@code null} for a standing duty of the platform
 */
public record Assessment(String key, String what, Status status, String explanation, List<String> evidence,
                         String caseId) {

    public Assessment {
        Preconditions.requireText(key, "Assessment", "key");
        Preconditions.requireText(what, "Assessment", "what");
        Preconditions.requirePresent(status, "Assessment", "status");
        Preconditions.requireText(explanation, "Assessment", "explanation");
        evidence = Preconditions.copyOf(evidence, "Assessment", "evidence");
        if (status == Status.AT_RISK || status == Status.MET_LATE || (status == Status.OPEN && caseId == null)) {
            throw new IllegalArgumentException("Assessment " + key + ": a duty without a clock is met, breached, "
                    + "not applicable, indeterminate, or (for a case) open; not " + status);
        }
    }

    /** A standing duty of the platform. */
    public Assessment(String key, String what, Status status, String explanation, List<String> evidence) {
        this(key, what, status, explanation, evidence, null);
    }

    /** The id of the obligation this assessment becomes. */
    public String obligationId() {
        return caseId == null ? key : key + "@" + caseId;
    }
}
