package org.niyam.compliance.india;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Preconditions;

/**
 * The intermediary whose compliance is evaluated under the India IT Rules, as it stood for a period: the India pack's
 * {@link Platform} record, named {@code "PlatformProfile"} in JSON. Registered users change: a platform may give
 * several profiles, each holding from its {@code from} until the next one's (a platform that crosses 50 lakh
 * registered users is a significant social media intermediary from that day, not for all time). Rules read the
 * profile in force at the instant that matters ({@link #heldAt}); see {@code docs/json.md} for which instant each
 * duty reads. {@link Platform#history} makes a history of profiles.
 *
 * @param name                   the platform's name, for reports
 * @param registeredUsersInIndia registered users in India; decides whether it is a significant social media
 *                               intermediary (the threshold is a rule-pack parameter, not fixed here)
 * @param messagingService       whether it provides services primarily in the nature of messaging (Rule 4(2))
 * @param addressInIndiaPublished whether a physical contact address in India is published on its website or app
 *                               (Rule 4(5)); {@code null} when not recorded
 * @param from                   the instant from which this profile holds, inclusive; {@code null}: from the start
 *                               of the evidence (before any other profile)
 * @param until                  the instant from which it no longer holds, exclusive; {@code null}: until the next
 *                               profile's {@code from} ({@link Platform#history} fills it in), or for ever. Between one
 *                               profile's {@code until} and the next's {@code from} the platform is unknown
 */
public record PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService,
                              Boolean addressInIndiaPublished, OffsetDateTime from, OffsetDateTime until)
        implements Platform {

    /**
     * A profile that holds from the start of the evidence, for ever.
     *
     * @param name                    the platform's name, for reports
     * @param registeredUsersInIndia  registered users in India, not negative
     * @param messagingService        whether it provides services primarily in the nature of messaging
     * @param addressInIndiaPublished whether a physical contact address in India is published, or {@code null} when
     *                                not recorded
     * @throws IllegalArgumentException if the name is blank or the count negative
     */
    public PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService,
                           Boolean addressInIndiaPublished) {
        this(name, registeredUsersInIndia, messagingService, addressInIndiaPublished, null, null);
    }

    /**
     * A profile that does not record the published address, holding from the start of the evidence.
     *
     * @param name                   the platform's name, for reports
     * @param registeredUsersInIndia registered users in India, not negative
     * @param messagingService       whether it provides services primarily in the nature of messaging
     * @throws IllegalArgumentException if the name is blank or the count negative
     */
    public PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService) {
        this(name, registeredUsersInIndia, messagingService, null);
    }

    /**
     * Checks the profile.
     *
     * @param name                    the platform's name, not blank
     * @param registeredUsersInIndia  registered users in India, not negative
     * @param messagingService        whether it is primarily a messaging service
     * @param addressInIndiaPublished whether an address in India is published, or {@code null} when not recorded
     * @param from                    first instant it holds, or {@code null} for the start of the evidence
     * @param until                   first instant it no longer holds, after {@code from}; or {@code null}
     * @throws IllegalArgumentException if the name is blank, the count negative, or {@code until} not after
     *                                  {@code from}
     */
    public PlatformProfile {
        Preconditions.requireText(name, "PlatformProfile", "name");
        if (registeredUsersInIndia < 0) {
            throw new IllegalArgumentException(
                    "PlatformProfile.registeredUsersInIndia cannot be negative: " + registeredUsersInIndia);
        }
        if (from != null && until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("PlatformProfile " + name + ": 'until' (" + until
                    + ") must be after 'from' (" + from + ")");
        }
    }

    /**
     * This profile, holding from {@code instant}.
     *
     * @param instant the first instant it holds, or {@code null} for the start of the evidence
     * @return a copy with that {@code from}
     * @throws IllegalArgumentException if {@code until} is not after the instant
     */
    public PlatformProfile from(OffsetDateTime instant) {
        return during(instant, until);
    }

    /**
     * This profile, holding for other bounds.
     *
     * @param from  the first instant it holds, or {@code null} for the start of the evidence
     * @param until the first instant it no longer holds, or {@code null}
     * @return a copy with those bounds
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    @Override
    public PlatformProfile during(OffsetDateTime from, OffsetDateTime until) {
        return new PlatformProfile(name, registeredUsersInIndia, messagingService, addressInIndiaPublished, from,
                until);
    }

    /**
     * {@return the name, the registered users in India and whether it is a messaging service, for report headers}
     * Such as {@code "Samvad, 12,000,000 registered users in India, a messaging service"}.
     */
    @Override
    public String summary() {
        return name + ", " + String.format(Locale.ROOT, "%,d", registeredUsersInIndia) + " registered users in India"
                + (messagingService ? ", a messaging service" : "");
    }
}
