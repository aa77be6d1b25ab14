package org.niyam.compliance.model;

import java.util.List;

/**
 * Everything a platform hands the engine for one evaluation: who it is, its officer appointments, and the
 * events of its cases. Events may come in any order; the engine orders them by time.
 *
 * @param platform     the platform's profile; {@code null} when unknown, which leaves duties that depend on it
 *                     indeterminate
 * @param appointments officer appointments, past and present
 * @param events       case events
 */
public record Evidence(PlatformProfile platform, List<OfficerAppointment> appointments, List<CaseEvent> events) {

    public Evidence {
        appointments = Preconditions.copyOf(appointments, "Evidence", "appointments");
        events = Preconditions.copyOf(events, "Evidence", "events");
    }
}
