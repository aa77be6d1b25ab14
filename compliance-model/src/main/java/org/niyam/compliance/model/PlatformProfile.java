package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The intermediary whose compliance is evaluated, as it stood for a period. Registered users change: a platform
 * may give several profiles, each holding from its {@code from} until the next one's (a platform that crosses 50 lakh
 * registered users is a significant social media intermediary from that day, not for all time). Rules read the
 * profile in force at the instant that matters ({@link #heldAt}); see {@code docs/json.md} for which instant each
 * duty reads.
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
 *                               profile's {@code from} ({@link #history} fills it in), or for ever. Between one
 *                               profile's {@code until} and the next's {@code from} the platform is unknown
 */
public record PlatformProfile(String name, long registeredUsersInIndia, boolean messagingService,
                              Boolean addressInIndiaPublished, OffsetDateTime from, OffsetDateTime until) {

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
     * Whether this profile holds at the instant: {@code from <= instant < until}, a missing bound open.
     *
     * @param instant the instant asked about
     * @return {@code true} when the profile is in force then
     */
    public boolean heldAt(OffsetDateTime instant) {
        return (from == null || !instant.isBefore(from)) && (until == null || instant.isBefore(until));
    }

    /**
     * Whether this profile holds at some instant of {@code [start, end)}.
     *
     * @param start the period's first instant, inclusive
     * @param end   the period's end, exclusive
     * @return {@code true} when the profile is in force for part of the period at least
     */
    public boolean heldDuring(OffsetDateTime start, OffsetDateTime end) {
        return (from == null || from.isBefore(end)) && (until == null || until.isAfter(start));
    }

    /**
     * This profile, holding from {@code instant}.
     *
     * @param instant the first instant it holds, or {@code null} for the start of the evidence
     * @return a copy with that {@code from}
     * @throws IllegalArgumentException if {@code until} is not after the instant
     */
    public PlatformProfile from(OffsetDateTime instant) {
        return new PlatformProfile(name, registeredUsersInIndia, messagingService, addressInIndiaPublished, instant,
                until);
    }

    /**
     * A platform's profiles as one history, in time order: the same profile given twice counts once; a profile
     * without {@code until} holds until the next one's {@code from}.
     *
     * @param profiles the profiles, in any order; {@code null} for none
     * @return the history, oldest first, each profile's {@code until} filled in from the next; unmodifiable
     *
     * @throws IllegalArgumentException when two different profiles hold from the same instant (or both from the
     *                                  start), or one's {@code until} runs past the next one's {@code from}
     */
    public static List<PlatformProfile> history(List<PlatformProfile> profiles) {
        List<PlatformProfile> sorted = new ArrayList<>(Preconditions.copyOf(profiles, "Evidence", "profiles"));
        sorted.sort(Comparator.comparing(PlatformProfile::from,
                Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())));
        List<PlatformProfile> history = new ArrayList<>();
        for (PlatformProfile profile : sorted) {
            PlatformProfile last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last != null && last.equals(profile)) {
                continue;
            }
            if (last != null && sameStart(last.from(), profile.from())) {
                throw new IllegalArgumentException("two different PlatformProfiles hold from "
                        + (profile.from() == null ? "the start of the evidence" : profile.from())
                        + ": give each profile after the first a later 'from'");
            }
            if (last != null && last.until() != null && last.until().isAfter(profile.from())) {
                throw new IllegalArgumentException("PlatformProfile from " + last.from() + " holds until "
                        + last.until() + ", past the next one's 'from' (" + profile.from() + ")");
            }
            if (last != null && last.until() == null) {
                history.set(history.size() - 1, new PlatformProfile(last.name(), last.registeredUsersInIndia(),
                        last.messagingService(), last.addressInIndiaPublished(), last.from(), profile.from()));
            }
            history.add(profile);
        }
        return List.copyOf(history);
    }

    /**
     * The profiles given so far to a live evaluation (the monitor, the streaming job), with one more: a profile without
     * {@code from} replaces them all (it holds from the start); one with {@code from} joins them, holding from that
     * instant until the next one's, and replaces one given before from the same instant. The profiles stay as given
     * (an {@code until} given stays), in time order; {@link #history} reads them as a log's profiles are read.
     *
     * @param given   the profiles given so far, in time order
     * @param profile the new profile
     * @return the profiles with the new one, in time order; unmodifiable
     * @throws NullPointerException     if {@code profile} is {@code null}
     *
     * @throws IllegalArgumentException when the profile does not fit the others (see {@link #history})
     */
    public static List<PlatformProfile> joined(List<PlatformProfile> given, PlatformProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (profile.from() == null) {
            return List.of(profile);
        }
        List<PlatformProfile> next = new ArrayList<>();
        for (PlatformProfile held : given) {
            if (held.from() == null || !held.from().isEqual(profile.from())) {
                next.add(held);
            }
        }
        next.add(profile);
        history(next); // refuses a profile that does not fit
        next.sort(Comparator.comparing(PlatformProfile::from,
                Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())));
        return List.copyOf(next);
    }

    /**
     * The profile of a history in force at an instant.
     *
     * @param history the profiles, as {@link #history} gives them
     * @param instant the instant asked about
     * @return the first profile that holds then, or {@code null} when the platform is unknown then
     */
    public static PlatformProfile inForce(List<PlatformProfile> history, OffsetDateTime instant) {
        for (PlatformProfile profile : history) {
            if (profile.heldAt(instant)) {
                return profile;
            }
        }
        return null;
    }

    private static boolean sameStart(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }
}
