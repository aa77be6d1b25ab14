package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The network's decision on a complaint (§ 3(2) no. 1): whether the content is manifestly unlawful, unlawful or
 * lawful.
 *
 * @param verdict what the network decided
 */
public record NetzDgAssessment(String id, String caseId, OffsetDateTime at, NetzDgVerdict verdict,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgAssessment(String id, String caseId, OffsetDateTime at, NetzDgVerdict verdict) {
        this(id, caseId, at, verdict, null);
    }

    public NetzDgAssessment {
        Checks.event("NetzDgAssessment", id, caseId, at, jurisdiction);
        if (verdict == null) {
            throw new IllegalArgumentException("NetzDgAssessment.verdict is required: MANIFESTLY_UNLAWFUL, UNLAWFUL "
                    + "or LAWFUL");
        }
    }
}
