package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything a platform hands the engine for one evaluation: who it is, its officer appointments, and the
 * events of its cases. Events may come in any order; the engine orders them by time.
 *
 * @param platform     the platform's profile; {@code null} when unknown, which leaves duties that depend on it
 *                     indeterminate
 * @param appointments officer appointments, past and present
 * @param events       case events
 * @param since        the start of the period the evidence covers: duties that recur (monthly reports) are assessed
 *                     from then on; {@code null} means from the earliest event (appointments are history, not
 *                     the period audited). A case log states it with an {@code EvidencePeriod} entry; the command
 *                     line with {@code --since}
 */
public record Evidence(PlatformProfile platform, List<OfficerAppointment> appointments, List<CaseEvent> events,
                       OffsetDateTime since) {

    public Evidence {
        appointments = Preconditions.copyOf(appointments, "Evidence", "appointments");
        events = Preconditions.copyOf(events, "Evidence", "events");
    }

    /** Evidence covering the period from its earliest event. */
    public Evidence(PlatformProfile platform, List<OfficerAppointment> appointments, List<CaseEvent> events) {
        this(platform, appointments, events, null);
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
