package org.niyam.compliance.model;

/**
 * The intermediary whose compliance is evaluated.
 *
 * @param name                   the platform's name, for reports
 * @param registeredUsersInIndia registered users in India; decides whether it is a significant social media
 *                               intermediary (the threshold is a rule-pack parameter, not fixed here)
 * @param messagingService       whether it provides services primarily in the nature of messaging (Rule 4(2))
 * @param addressInIndiaPublished whether a physical contact address in India is published on its website or app
 *                               (Rule 4(5)); {@code null} when not recorded
 */
public record PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService,
                              Boolean addressInIndiaPublished) {

    /** A profile that does not record the published address. */
    public PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService) {
        this(name, registeredUsersInIndia, messagingService, null);
    }

    public PlatformProfile {
        Preconditions.requireText(name, "PlatformProfile", "name");
        if (registeredUsersInIndia < 0) {
            throw new IllegalArgumentException(
                    "PlatformProfile.registeredUsersInIndia cannot be negative: " + registeredUsersInIndia);
        }
    }
}
