package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Preconditions;

/** The complainant and the user were told of the decision, with reasons (§ 3(2) no. 5). */
public record NetzDgDecisionNotified(String id, String caseId, OffsetDateTime at, String jurisdiction)
        implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public NetzDgDecisionNotified(String id, String caseId, OffsetDateTime at) {
        this(id, caseId, at, null);
    }

    public NetzDgDecisionNotified {
        Preconditions.requireText(id, "NetzDgDecisionNotified", "id");
        Preconditions.requireText(caseId, "NetzDgDecisionNotified", "caseId");
        Preconditions.requirePresent(at, "NetzDgDecisionNotified", "at");
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "NetzDgDecisionNotified");
    }
}
