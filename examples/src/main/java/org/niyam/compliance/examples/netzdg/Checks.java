package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** The checks every NetzDG event makes, with messages naming the record and the field. */
final class Checks {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    private Checks() {
    }

    /** Checks what every event has: an id, a case and an instant; and a jurisdiction that is an ISO 3166 code. */
    static void event(String type, String id, String caseId, OffsetDateTime at, String jurisdiction) {
        text(type, "id", id);
        text(type, "caseId", caseId);
        if (at == null) {
            throw new IllegalArgumentException(type + ".at is required");
        }
        if (jurisdiction != null && !JURISDICTION.matcher(jurisdiction).matches()) {
            throw new IllegalArgumentException(type + ".jurisdiction must be an ISO 3166 code such as DE: '"
                    + jurisdiction + "'");
        }
    }

    static void text(String type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(type + "." + field + " is required and must not be blank");
        }
    }
}
