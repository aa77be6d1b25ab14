package org.example.appeals;

import java.time.OffsetDateTime;
import org.niyam.compliance.model.Platform;

/** A pack's own record of the platform: whether it must hear appeals at all. */
public record AppealsPlatform(String name, boolean hearsAppeals, OffsetDateTime from, OffsetDateTime until)
        implements Platform {

    @Override
    public AppealsPlatform during(OffsetDateTime from, OffsetDateTime until) {
        return new AppealsPlatform(name, hearsAppeals, from, until);
    }
}
