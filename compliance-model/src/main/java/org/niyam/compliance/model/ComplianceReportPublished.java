package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * A significant social media intermediary published its monthly compliance report (Rule 4(1)(d)).
 *
 * @param month the calendar month the report covers
 */
public record ComplianceReportPublished(String id, String caseId, OffsetDateTime at, java.time.YearMonth month) implements CaseEvent {

    public ComplianceReportPublished {
        Preconditions.requireText(id, "ComplianceReportPublished", "id");
        Preconditions.requireText(caseId, "ComplianceReportPublished", "caseId");
        Preconditions.requirePresent(at, "ComplianceReportPublished", "at");
        Preconditions.requirePresent(month, "ComplianceReportPublished", "month");
    }
}
