package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A complaint about unlawful content reached the network (§ 3(1) NetzDG): the clocks of § 3(2) nos. 2 and 3 start
 * here.
 */
public record NetzDgComplaintReceived(String id, String caseId, OffsetDateTime at, String jurisdiction)
        implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgComplaintReceived(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public NetzDgComplaintReceived {
        Checks.event("NetzDgComplaintReceived", id, caseId, at, jurisdiction);
    }
}
