package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The platform deleted records of this case: removed content and its associated records (Rule 3(1)(g)), or a cancelled account's registration data (Rule 3(1)(h)).
 *
 * @param records which records
 * @param instructed whether a court or authorised agency instructed the deletion
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record RecordsDeleted(String id, String caseId, OffsetDateTime at, RecordKind records, boolean instructed,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public RecordsDeleted(String id, String caseId, OffsetDateTime at, RecordKind records, boolean instructed) {
        this(id, caseId, at, records, instructed, null);
    }

    public RecordsDeleted {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "RecordsDeleted");
        Preconditions.requireText(id, "RecordsDeleted", "id");
        Preconditions.requireText(caseId, "RecordsDeleted", "caseId");
        Preconditions.requirePresent(at, "RecordsDeleted", "at");
        Preconditions.requirePresent(records, "RecordsDeleted", "records");
    }
}
