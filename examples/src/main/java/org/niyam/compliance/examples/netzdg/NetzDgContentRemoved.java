package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The content was removed, or access to it blocked (§ 3(2) nos. 2 and 3).
 *
 * @param blocked whether access was blocked rather than the content removed
 */
public record NetzDgContentRemoved(String id, String caseId, OffsetDateTime at, boolean blocked,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgContentRemoved(String id, String caseId, OffsetDateTime at, boolean blocked) {
        this(id, caseId, at, blocked, null);
    }

    public NetzDgContentRemoved {
        Checks.event("NetzDgContentRemoved", id, caseId, at, jurisdiction);
    }
}
