package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * The decision was referred to a recognised institution of regulated self-regulation (§ 3(2) no. 3 (b)), which
 * decides from then on.
 *
 * @param institution the institution, as the network names it
 */
public record NetzDgReferral(String id, String caseId, OffsetDateTime at, String institution, String jurisdiction)
        implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgReferral(String id, String caseId, OffsetDateTime at, String institution) {
        this(id, caseId, at, institution, null);
    }

    public NetzDgReferral {
        Checks.event("NetzDgReferral", id, caseId, at, jurisdiction);
        Checks.text("NetzDgReferral", "institution", institution);
    }
}
