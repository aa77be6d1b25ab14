package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform removed, or disabled access to, the content of this case.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the order or complaint the takedown answers
 * @param at           when the content was removed or access to it disabled; it discharges the case's removal duties
 *                     and starts the keeping of the removed content and its records
 * @param action       how: removed (the default) or access disabled
 * @param basis        why; {@code null} when not recorded
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action, RemovalBasis basis,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @param action how: removed (the default) or access disabled
     * @param basis  why; {@code null} when not recorded
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action, RemovalBasis basis) {
        this(id, caseId, at, action, basis, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param action       removed or disabled; {@code null} for {@link TakedownAction#REMOVED}
     * @param basis        why, or {@code null} when not recorded
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public ContentRemoved {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "ContentRemoved");
        Preconditions.requireText(id, "ContentRemoved", "id");
        Preconditions.requireText(caseId, "ContentRemoved", "caseId");
        Preconditions.requirePresent(at, "ContentRemoved", "at");
        action = action == null ? TakedownAction.REMOVED : action;
    }

    /**
     * A takedown whose basis is not recorded.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @param action how: removed (the default) or access disabled
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public ContentRemoved(String id, String caseId, OffsetDateTime at, TakedownAction action) {
        this(id, caseId, at, action, null);
    }
}
