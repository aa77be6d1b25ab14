package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer of one evaluation: every obligation that arose up to the "as of" instant with where it stands,
 * and every finding, each with its citation. Obligations are ordered by case, then trigger instant, then id;
 * the order does not depend on the order of the input events.
 *
 * @param asOf        the instant the evaluation describes
 * @param obligations obligations, time-bound and standing
 * @param findings    findings that are not obligations
 */
public record Report(OffsetDateTime asOf, List<Obligation> obligations, List<Finding> findings) {

    /**
     * Checks the report and copies its lists.
     *
     * @param asOf        the instant the evaluation describes, required
     * @param obligations obligations, in report order; none {@code null}; copied
     * @param findings    findings, none {@code null}; copied
     * @throws IllegalArgumentException if {@code asOf} is missing or a list holds {@code null}
     */
    public Report {
        Preconditions.requirePresent(asOf, "Report", "asOf");
        obligations = Preconditions.copyOf(obligations, "Report", "obligations");
        findings = Preconditions.copyOf(findings, "Report", "findings");
    }

    /**
     * How many obligations have a status.
     *
     * @param status the status to count
     * @return the number of obligations with it
     */
    public long count(Status status) {
        return obligations.stream().filter(o -> o.status() == status).count();
    }

    /**
     * The obligations of one case.
     *
     * @param caseId the case's id
     * @return its obligations, in report order; empty when it has none
     */
    public List<Obligation> forCase(String caseId) {
        return obligations.stream().filter(o -> caseId.equals(o.caseId())).toList();
    }
}
