package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/** A court order, or a written intimation of the appropriate government or its agency, to remove or disable content (Rule 3(1)(d)). Orders that arrive through the Sahyog portal are intimations too. */
public record RemovalOrderReceived(String id, String caseId, OffsetDateTime at, Issuer issuer, String reference) implements CaseEvent {

    public RemovalOrderReceived {
        Preconditions.requireText(id, "RemovalOrderReceived", "id");
        Preconditions.requireText(caseId, "RemovalOrderReceived", "caseId");
        Preconditions.requirePresent(at, "RemovalOrderReceived", "at");
        Preconditions.requirePresent(issuer, "RemovalOrderReceived", "issuer");
        reference = Preconditions.optionalText(reference);
    }
}
