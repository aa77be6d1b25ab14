package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a rule pack knows about the platform for a period: its standing facts as the pack's law sees them (how many
 * registered users, what kind of service). The model names no law's platform: a pack brings its own as a record
 * implementing this interface and registers it as it registers its events (its {@code pack.yaml} lists it under
 * {@code events}; see {@link EventTypes}), under the JSON {@code type} name its case logs use.
 *
 * <p>Facts change: a platform may give several records of one type, each holding from its {@link #from()} until the
 * next one's (a platform that crosses a threshold of users is bound by more duties from that day, not for all time).
 * Rules read the record in force at the instant that matters ({@link #heldAt}). Records of different types (one per
 * pack, for two laws) are kept apart: each type has a history of its own ({@link #history}), and every evaluation
 * holds every type's history.
 *
 * <pre>{@code
 * public record PlatformInGermany(String name, long registeredUsersInGermany, OffsetDateTime from,
 *                                 OffsetDateTime until) implements Platform {
 *     public PlatformInGermany during(OffsetDateTime from, OffsetDateTime until) {
 *         return new PlatformInGermany(name, registeredUsersInGermany, from, until);
 *     }
 * }
 * }</pre>
 *
 * <p>In JSON a record is named by its {@code type} field, as an event is; in an {@code Evidence} document, or a
 * monitor's snapshot, the field may be left out when the registry knows one platform type only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface Platform {

    /** {@return the platform's name, for reports} */
    String name();

    /**
     * {@return the instant from which this record holds, inclusive} {@code null}: from the start of the evidence
     * (before any other record of its type).
     */
    OffsetDateTime from();

    /**
     * {@return the instant from which it no longer holds, exclusive} {@code null}: until the next record's
     * {@code from} of the same type ({@link #history} fills it in), or for ever. Between one record's {@code until}
     * and the next's {@code from} the platform is unknown.
     */
    OffsetDateTime until();

    /**
     * This record, holding for other bounds: what {@link #history} calls to fill in {@code until}. A record returns
     * a record of its own class.
     *
     * @param from  the first instant it holds, or {@code null} for the start of the evidence
     * @param until the first instant it no longer holds, or {@code null}
     * @return a copy with those bounds
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    Platform during(OffsetDateTime from, OffsetDateTime until);

    /**
     * {@return one line saying who the platform is, for the headers of reports} By default its name; a pack's record
     * adds what its law asks (the count of users that decides which duties apply).
     */
    default String summary() {
        return name();
    }

    /**
     * Whether this record holds at the instant: {@code from <= instant < until}, a missing bound open.
     *
     * @param instant the instant asked about
     * @return {@code true} when the record is in force then
     */
    default boolean heldAt(OffsetDateTime instant) {
        return (from() == null || !instant.isBefore(from())) && (until() == null || instant.isBefore(until()));
    }

    /**
     * Whether this record holds at some instant of {@code [start, end)}.
     *
     * @param start the period's first instant, inclusive
     * @param end   the period's end, exclusive
     * @return {@code true} when the record is in force for part of the period at least
     */
    default boolean heldDuring(OffsetDateTime start, OffsetDateTime end) {
        return (from() == null || from().isBefore(end)) && (until() == null || until().isAfter(start));
    }

    /**
     * Platform records as histories, one per record class, in time order: the same record given twice counts once;
     * a record without {@code until} holds until the next one's {@code from} of its class. Records of different
     * classes never clash.
     *
     * @param <P>      the records' type
     * @param profiles the records, in any order; {@code null} for none
     * @return each class's history, oldest first, each record's {@code until} filled in from the next; the classes in
     *         the order of their names; unmodifiable
     *
     * @throws IllegalArgumentException when two different records of one class hold from the same instant (or both
     *                                  from the start), or one's {@code until} runs past the next one's {@code from}
     */
    static <P extends Platform> List<P> history(List<P> profiles) {
        Map<String, List<P>> byType = new TreeMap<>();
        for (P profile : Preconditions.copyOf(profiles, "Evidence", "platform")) {
            byType.computeIfAbsent(profile.getClass().getName(), type -> new ArrayList<>()).add(profile);
        }
        List<P> all = new ArrayList<>();
        for (List<P> ofType : byType.values()) {
            all.addAll(historyOfOne(ofType));
        }
        return List.copyOf(all);
    }

    private static <P extends Platform> List<P> historyOfOne(List<P> profiles) {
        List<P> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(Platform::from,
                Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())));
        List<P> history = new ArrayList<>();
        for (P profile : sorted) {
            P last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last != null && last.equals(profile)) {
                continue;
            }
            String type = profile.getClass().getSimpleName();
            if (last != null && sameStart(last.from(), profile.from())) {
                throw new IllegalArgumentException("two different " + type + "s hold from "
                        + (profile.from() == null ? "the start of the evidence" : profile.from())
                        + ": give each profile after the first a later 'from'");
            }
            if (last != null && last.until() != null && last.until().isAfter(profile.from())) {
                throw new IllegalArgumentException(type + " from " + last.from() + " holds until "
                        + last.until() + ", past the next one's 'from' (" + profile.from() + ")");
            }
            if (last != null && last.until() == null) {
                history.set(history.size() - 1, sameClass(last, last.during(last.from(), profile.from())));
            }
            history.add(profile);
        }
        return history;
    }

    /**
     * The records given so far to a live evaluation (the monitor, the streaming job), with one more: a record without
     * {@code from} replaces all of its class (it holds from the start); one with {@code from} joins them, holding
     * from that instant until the next one's, and replaces one of its class given before from the same instant.
     * Records of other classes stay. The records stay as given (an {@code until} given stays), ordered by class name,
     * in time order within a class; {@link #history} reads them as a log's records are read.
     *
     * @param <P>     the records' type
     * @param given   the records given so far
     * @param profile the new record
     * @return the records with the new one; unmodifiable
     * @throws NullPointerException     if {@code profile} is {@code null}
     *
     * @throws IllegalArgumentException when the record does not fit the others of its class (see {@link #history})
     */
    static <P extends Platform> List<P> joined(List<P> given, P profile) {
        Objects.requireNonNull(profile, "profile");
        List<P> next = new ArrayList<>();
        for (P held : given) {
            boolean replaced = held.getClass() == profile.getClass() && (profile.from() == null
                    || held.from() != null && held.from().isEqual(profile.from()));
            if (!replaced) {
                next.add(held);
            }
        }
        next.add(profile);
        history(next); // refuses a record that does not fit
        next.sort(Comparator.comparing((P p) -> p.getClass().getName()).thenComparing(Platform::from,
                Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())));
        return List.copyOf(next);
    }

    /**
     * The record of a history in force at an instant.
     *
     * @param <P>     the records' type
     * @param history the records, as {@link #history} gives them
     * @param instant the instant asked about
     * @return the first record that holds then, or {@code null} when the platform is unknown then
     */
    static <P extends Platform> P inForce(List<P> history, OffsetDateTime instant) {
        for (P profile : history) {
            if (profile.heldAt(instant)) {
                return profile;
            }
        }
        return null;
    }

    private static boolean sameStart(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    @SuppressWarnings("unchecked")
    private static <P extends Platform> P sameClass(P original, Platform copy) {
        if (copy == null || copy.getClass() != original.getClass()) {
            throw new IllegalStateException(original.getClass().getName() + ".during must return a "
                    + original.getClass().getSimpleName() + ", not " + (copy == null ? "null" : copy.getClass().getName()));
        }
        return (P) copy;
    }
}
