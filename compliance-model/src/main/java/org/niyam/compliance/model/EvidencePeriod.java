package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Rule vocabulary: the period the evidence covers, from {@link Evidence#periodStart} to the "as of" instant. The
 * engine inserts exactly one; rules for recurring duties (a report each month) assess only periods inside it.
 *
 * @param since the first instant of the period: {@link Evidence#since()}, or the earliest event
 * @param asOf  the instant the evaluation is as of, the period's end
 */
public record EvidencePeriod(OffsetDateTime since, OffsetDateTime asOf) {

    /**
     * Checks the period.
     *
     * @param since the first instant, required
     * @param asOf  the last instant, required
     * @throws IllegalArgumentException if either is missing
     */
    public EvidencePeriod {
        Preconditions.requirePresent(since, "EvidencePeriod", "since");
        Preconditions.requirePresent(asOf, "EvidencePeriod", "asOf");
    }
}
