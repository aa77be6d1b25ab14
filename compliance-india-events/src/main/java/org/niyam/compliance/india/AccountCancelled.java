package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A user's account was cancelled or withdrawn; its registration data must be kept 180 days (Rule 3(1)(h)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case of the account
 * @param at           when the account was cancelled or withdrawn; the 180 days of keeping its registration data run
 *                     from then
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record AccountCancelled(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public AccountCancelled(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public AccountCancelled {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "AccountCancelled");
        Preconditions.requireText(id, "AccountCancelled", "id");
        Preconditions.requireText(caseId, "AccountCancelled", "caseId");
        Preconditions.requirePresent(at, "AccountCancelled", "at");
    }
}
