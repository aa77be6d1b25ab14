package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A significant social media intermediary published its monthly compliance report (Rule 4(1)(d)).
 *
 * @param month the calendar month the report covers
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ComplianceReportPublished(String id, String caseId, OffsetDateTime at, java.time.YearMonth month,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public ComplianceReportPublished(String id, String caseId, OffsetDateTime at, java.time.YearMonth month) {
        this(id, caseId, at, month, null);
    }

    public ComplianceReportPublished {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplianceReportPublished");
        Preconditions.requireText(id, "ComplianceReportPublished", "id");
        Preconditions.requireText(caseId, "ComplianceReportPublished", "caseId");
        Preconditions.requirePresent(at, "ComplianceReportPublished", "at");
        Preconditions.requirePresent(month, "ComplianceReportPublished", "month");
    }
}
