package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform informed its users of its rules and the consequences of not complying with them (Rule 3(1)(c)). Use one case id for all such notices, e.g. {@code user-notices}.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       one case id for all such notices, e.g. {@code user-notices}
 * @param at           when the users were informed; the next notice falls due an interval after it
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record UsersInformed(String id, String caseId, OffsetDateTime at,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id     the event's id, unique within the input
     * @param caseId the case it belongs to
     * @param at     when it happened
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public UsersInformed(String id, String caseId, OffsetDateTime at) {
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
    public UsersInformed {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "UsersInformed");
        Preconditions.requireText(id, "UsersInformed", "id");
        Preconditions.requireText(caseId, "UsersInformed", "caseId");
        Preconditions.requirePresent(at, "UsersInformed", "at");
    }
}
