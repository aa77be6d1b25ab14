package org.niyam.compliance.examples.netzdg;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.niyam.compliance.model.Platform;

/**
 * The social network as the NetzDG sees it (§ 1): its registered users in Germany, for a period. The pack's platform
 * record, named {@code NetzDgPlatform} in JSON; a network with fewer registered users in Germany than the pack's
 * {@code netzdg.registered-users} (2 million) is outside the Act's § 3 duties. Without a record the pack assumes the
 * network is in scope.
 *
 * @param name                     the network's name, for reports
 * @param registeredUsersInGermany registered users in Germany
 * @param from                     the first instant the record holds, or {@code null} for the start of the evidence
 * @param until                    the first instant it no longer holds, or {@code null}
 */
public record NetzDgPlatform(String name, long registeredUsersInGermany, OffsetDateTime from, OffsetDateTime until)
        implements Platform {

    /** A record that holds from the start of the evidence, for ever. */
    public NetzDgPlatform(String name, long registeredUsersInGermany) {
        this(name, registeredUsersInGermany, null, null);
    }

    public NetzDgPlatform {
        Checks.text("NetzDgPlatform", "name", name);
        if (registeredUsersInGermany < 0) {
            throw new IllegalArgumentException(
                    "NetzDgPlatform.registeredUsersInGermany cannot be negative: " + registeredUsersInGermany);
        }
        if (from != null && until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("NetzDgPlatform " + name + ": 'until' (" + until
                    + ") must be after 'from' (" + from + ")");
        }
    }

    @Override
    public NetzDgPlatform during(OffsetDateTime from, OffsetDateTime until) {
        return new NetzDgPlatform(name, registeredUsersInGermany, from, until);
    }

    @Override
    public String summary() {
        return name + ", " + String.format(Locale.ROOT, "%,d", registeredUsersInGermany)
                + " registered users in Germany";
    }
}
