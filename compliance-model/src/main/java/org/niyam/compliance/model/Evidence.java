package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything a platform hands the engine for one evaluation: who it is, its officer appointments, and the
 * events of its cases. Events may come in any order; the engine orders them by time.
 *
 * @param profiles     the platform's profiles, each holding from its {@code from} (see {@link PlatformProfile#history});
 *                     empty when unknown, which leaves duties that depend on it indeterminate. In JSON the field
 *                     {@code platform}: one profile, or an array of them for a history
 * @param appointments officer appointments, past and present
 * @param events       case events
 * @param since        the start of the period the evidence covers: duties that recur (monthly reports) are assessed
 *                     from then on; {@code null} means from the earliest event (appointments are history, not
 *                     the period audited). A case log states it with an {@code EvidencePeriod} entry; the command
 *                     line with {@code --since}
 */
public record Evidence(
        @JsonProperty("platform") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<PlatformProfile> profiles,
        List<OfficerAppointment> appointments, List<CaseEvent> events, OffsetDateTime since) {

    public Evidence {
        profiles = PlatformProfile.history(profiles);
        appointments = Preconditions.copyOf(appointments, "Evidence", "appointments");
        events = Preconditions.copyOf(events, "Evidence", "events");
    }

    /** Evidence with one profile (or none: {@code null}) covering the period from {@code since}. */
    public Evidence(PlatformProfile platform, List<OfficerAppointment> appointments, List<CaseEvent> events,
                    OffsetDateTime since) {
        this(platform == null ? List.of() : List.of(platform), appointments, events, since);
    }

    /** Evidence with one profile (or none: {@code null}) covering the period from its earliest event. */
    public Evidence(PlatformProfile platform, List<OfficerAppointment> appointments, List<CaseEvent> events) {
        this(platform, appointments, events, null);
    }

    /** The latest of the platform's profiles (the one in force at the end of the history), or {@code null}. */
    public PlatformProfile platform() {
        return profiles.isEmpty() ? null : profiles.get(profiles.size() - 1);
    }

    /** The start of the period covered: {@link #since} if given, else the earliest event, else {@code asOf}. */
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
