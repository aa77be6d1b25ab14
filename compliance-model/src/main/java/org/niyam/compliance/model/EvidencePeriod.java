package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * Rule vocabulary: the period the evidence covers, from {@link Evidence#periodStart} to the "as of" instant. The
 * engine inserts exactly one; rules for recurring duties (a report each month) assess only periods inside it.
 */
public record EvidencePeriod(OffsetDateTime since, OffsetDateTime asOf) {

    public EvidencePeriod {
        Preconditions.requirePresent(since, "EvidencePeriod", "since");
        Preconditions.requirePresent(asOf, "EvidencePeriod", "asOf");
    }
}
