package org.example.appeals;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/** An event of a pack of the engine's tests: an appeal against a decision. */
public record AppealLodged(String id, String caseId, OffsetDateTime at, String ground, String jurisdiction)
        implements CaseEvent {
}
