package org.niyam.compliance.model;

import java.util.List;

/**
 * Rule vocabulary: the state of a standing duty of the platform (appoint an officer, publish an address) at
 * the "as of" instant. The engine turns it into an {@link Obligation} with the inserting rule's citation.
 *
 * @param key         stable duty key, also the obligation id
 * @param what        what the law asks, in a sentence
 * @param status      {@link Status#MET}, {@link Status#BREACHED}, {@link Status#NOT_APPLICABLE} or
 *                    {@link Status#INDETERMINATE}
 * @param explanation why, naming the evidence
 * @param evidence    ids of the appointments or events it rests on
 */
public record Assessment(String key, String what, Status status, String explanation, List<String> evidence) {

    public Assessment {
        Preconditions.requireText(key, "Assessment", "key");
        Preconditions.requireText(what, "Assessment", "what");
        Preconditions.requirePresent(status, "Assessment", "status");
        Preconditions.requireText(explanation, "Assessment", "explanation");
        evidence = Preconditions.copyOf(evidence, "Assessment", "evidence");
        if (status == Status.OPEN || status == Status.AT_RISK || status == Status.MET_LATE) {
            throw new IllegalArgumentException("Assessment " + key + ": a standing duty is met, breached, "
                    + "not applicable or indeterminate, not " + status);
        }
    }
}
