package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * One person holding one officer role for a period.
 *
 * @param id               unique id of this appointment within the input
 * @param role             the role held
 * @param person           who holds it (personal data: never logged above DEBUG)
 * @param residentInIndia  whether the person is resident in India
 * @param employee         whether the person is an employee of the intermediary
 * @param contactPublished whether name and contact details are published on the platform
 * @param from             start of the appointment, inclusive
 * @param to               end of the appointment, exclusive; {@code null} while it lasts
 * @param keyManagerialOrSenior whether the person is key managerial personnel or a senior employee (asked of the
 *                         Chief Compliance Officer); {@code null} when not recorded
 */
public record OfficerAppointment(
        String id,
        OfficerRole role,
        String person,
        boolean residentInIndia,
        boolean employee,
        boolean contactPublished,
        OffsetDateTime from,
        OffsetDateTime to,
        Boolean keyManagerialOrSenior) {

    public OfficerAppointment {
        Preconditions.requireText(id, "OfficerAppointment", "id");
        Preconditions.requirePresent(role, "OfficerAppointment", "role");
        Preconditions.requireText(person, "OfficerAppointment", "person");
        Preconditions.requirePresent(from, "OfficerAppointment", "from");
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("OfficerAppointment " + id + ": 'to' (" + to
                    + ") must be after 'from' (" + from + ")");
        }
    }

    /** An appointment whose seniority is not recorded. */
    public OfficerAppointment(String id, OfficerRole role, String person, boolean residentInIndia, boolean employee,
                              boolean contactPublished, OffsetDateTime from, OffsetDateTime to) {
        this(id, role, person, residentInIndia, employee, contactPublished, from, to, null);
    }

    /** Whether the appointment holds at the instant: {@code from <= instant < to}. */
    public boolean heldAt(OffsetDateTime instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to));
    }
}
