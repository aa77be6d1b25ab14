package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * The platform informed its users of its rules and the consequences of not complying with them (Rule 3(1)(c)). Use one case id for all such notices, e.g. {@code user-notices}.
 */
public record UsersInformed(String id, String caseId, OffsetDateTime at) implements CaseEvent {

    public UsersInformed {
        Preconditions.requireText(id, "UsersInformed", "id");
        Preconditions.requireText(caseId, "UsersInformed", "caseId");
        Preconditions.requirePresent(at, "UsersInformed", "at");
    }
}
