package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform deleted records of this case: removed content and its associated records (Rule 3(1)(g)), or a cancelled account's registration data (Rule 3(1)(h)).
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case whose records were deleted
 * @param at           when the records were deleted; before the end of their keeping period this breaches the duty to
 *                     keep them, unless instructed
 * @param records      which records
 * @param instructed   whether a court or authorised agency instructed the deletion
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record RecordsDeleted(String id, String caseId, OffsetDateTime at, RecordKind records, boolean instructed,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id         the event's id, unique within the input
     * @param caseId     the case it belongs to
     * @param at         when it happened
     * @param records    which records
     * @param instructed whether a court or authorised agency instructed the deletion
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public RecordsDeleted(String id, String caseId, OffsetDateTime at, RecordKind records, boolean instructed) {
        this(id, caseId, at, records, instructed, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param records      which records, required
     * @param instructed   whether a court or authorised agency instructed it
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public RecordsDeleted {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "RecordsDeleted");
        Preconditions.requireText(id, "RecordsDeleted", "id");
        Preconditions.requireText(caseId, "RecordsDeleted", "caseId");
        Preconditions.requirePresent(at, "RecordsDeleted", "at");
        Preconditions.requirePresent(records, "RecordsDeleted", "records");
    }
}
