package org.niyam.compliance.india;

import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.model.Preconditions;
import org.niyam.compliance.model.StandingFact;

/**
 * One person holding one officer role of the India IT Rules for a period: a {@link StandingFact} of the India pack,
 * named {@code "OfficerAppointment"} in JSON.
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
        Boolean keyManagerialOrSenior) implements StandingFact {

    /**
     * Checks the appointment.
     *
     * @param id                    unique id, not blank
     * @param role                  the role held, required
     * @param person                who holds it, not blank
     * @param residentInIndia       whether the person is resident in India
     * @param employee              whether the person is an employee of the intermediary
     * @param contactPublished      whether name and contact details are published
     * @param from                  start, inclusive; required
     * @param to                    end, exclusive, after {@code from}; or {@code null} while it lasts
     * @param keyManagerialOrSenior whether the person is key managerial personnel or a senior employee, or
     *                              {@code null} when not recorded
     * @throws IllegalArgumentException if a required value is missing or blank, or {@code to} is not after
     *                                  {@code from}
     */
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

    /**
     * An appointment whose seniority is not recorded.
     *
     * @param id               unique id of this appointment within the input
     * @param role             the role held
     * @param person           who holds it (personal data: never logged above DEBUG)
     * @param residentInIndia  whether the person is resident in India
     * @param employee         whether the person is an employee of the intermediary
     * @param contactPublished whether name and contact details are published on the platform
     * @param from             start of the appointment, inclusive
     * @param to               end of the appointment, exclusive; {@code null} while it lasts
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public OfficerAppointment(String id, OfficerRole role, String person, boolean residentInIndia, boolean employee,
                              boolean contactPublished, OffsetDateTime from, OffsetDateTime to) {
        this(id, role, person, residentInIndia, employee, contactPublished, from, to, null);
    }

    /**
     * Whether the appointment holds at the instant: {@code from <= instant < to}.
     *
     * @param instant the instant asked about
     * @return {@code true} when the person holds the role then
     */
    public boolean heldAt(OffsetDateTime instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to));
    }

    /** {@return the appointment's start and, when it has ended, its end: when the officer duties may change} */
    @Override
    public List<OffsetDateTime> changesAt() {
        return to == null ? List.of(from) : List.of(from, to);
    }
}
