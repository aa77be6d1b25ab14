package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A significant social media intermediary published its monthly compliance report (Rule 4(1)(d)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case the platform keeps its monthly reports in, one for every report, e.g. {@code
 *                     compliance-reports}
 * @param at           when the report was published
 * @param month        the calendar month the report covers
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ComplianceReportPublished(String id, String caseId, OffsetDateTime at, java.time.YearMonth month,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @param month  the calendar month the report covers
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public ComplianceReportPublished(String id, String caseId, OffsetDateTime at, java.time.YearMonth month) {
        this(id, caseId, at, month, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param month        the calendar month covered, required
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public ComplianceReportPublished {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ComplianceReportPublished");
        Preconditions.requireText(id, "ComplianceReportPublished", "id");
        Preconditions.requireText(caseId, "ComplianceReportPublished", "caseId");
        Preconditions.requirePresent(at, "ComplianceReportPublished", "at");
        Preconditions.requirePresent(month, "ComplianceReportPublished", "month");
    }
}
