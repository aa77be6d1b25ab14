package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

/**
 * Everything a platform hands the engine for one evaluation: who it is (the packs' {@link Platform} records), its
 * standing facts (officer appointments, registrations), and the events of its cases. Events may come in any order;
 * the engine orders them by time.
 *
 * @param profiles     the platform's records, each holding from its {@code from} (see {@link Platform#history}, one
 *                     history per record type); empty when unknown, which leaves duties that depend on it
 *                     indeterminate. In JSON the field {@code platform}: one record, or an array of them for a history
 * @param facts        the platform's standing facts, past and present, such as officer appointments. In JSON the field
 *                     {@code facts}; {@code appointments}, its name before, is read too
 * @param events       case events
 * @param since        the start of the period the evidence covers: duties that recur (monthly reports) are assessed
 *                     from then on; {@code null} means from the earliest event (standing facts are history, not
 *                     the period audited). A case log states it with an {@code EvidencePeriod} entry; the command
 *                     line with {@code --since}
 */
public record Evidence(
        @JsonProperty("platform") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<Platform> profiles,
        @JsonAlias("appointments") List<StandingFact> facts, List<CaseEvent> events, OffsetDateTime since) {

    /**
     * Checks the evidence, orders the profiles and copies the lists.
     *
     * @param profiles     the platform's records in any order, or {@code null} or empty when unknown; sorted by
     *                     type and {@code from}
     * @param facts        standing facts, none {@code null}; copied
     * @param events       case events in any order, none {@code null}; copied
     * @param since        the start of the period audited, or {@code null} for the earliest event
     * @throws IllegalArgumentException if a list holds {@code null}, or two profiles hold from one instant
     */
    public Evidence {
        profiles = Platform.history(profiles);
        facts = Preconditions.copyOf(facts, "Evidence", "facts");
        events = Preconditions.copyOf(events, "Evidence", "events");
    }

    /**
     * Evidence with one platform record covering the period from {@code since}.
     *
     * @param platform     who the platform is, or {@code null} when unknown
     * @param facts        standing facts, past and present
     * @param events       case events, in any order; a list of one event type will do
     * @param since        the start of the period audited, or {@code null} for the earliest event
     * @throws IllegalArgumentException if a list holds {@code null}
     */
    public Evidence(Platform platform, List<? extends StandingFact> facts, List<? extends CaseEvent> events,
                    OffsetDateTime since) {
        this(platform == null ? List.of() : List.of(platform),
                facts == null ? null : Collections.unmodifiableList(facts),
                events == null ? null : Collections.unmodifiableList(events), since);
    }

    /**
     * Evidence with one platform record covering the period from its earliest event.
     *
     * @param platform     who the platform is, or {@code null} when unknown
     * @param facts        standing facts, past and present
     * @param events       case events, in any order; a list of one event type will do
     * @throws IllegalArgumentException if a list holds {@code null}
     */
    public Evidence(Platform platform, List<? extends StandingFact> facts, List<? extends CaseEvent> events) {
        this(platform, facts, events, null);
    }

    /**
     * {@return the last of the platform's records (the one in force at the end of the history; of the last type, when
     * packs bring several)} {@code null} when no record is given.
     */
    public Platform platform() {
        return profiles.isEmpty() ? null : profiles.get(profiles.size() - 1);
    }

    /**
     * The start of the period covered: {@link #since} if given, else the earliest event, else {@code asOf}.
     *
     * @param asOf the instant the evaluation is as of
     * @return the period's first instant
     */
    public OffsetDateTime periodStart(OffsetDateTime asOf) {
        if (since != null) {
            return since;
        }
        OffsetDateTime earliest = asOf;
        for (CaseEvent event : events) {
            if (event.at().isBefore(earliest)) {
                earliest = event.at();
            }
        }
        return earliest;
    }
}
