package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One duty that arose, and where it stands at the "as of" instant of the evaluation.
 *
 * <p>Time-bound duties (remove within 3 hours, answer within 72 hours) have a trigger, a due instant and,
 * once acted on, a discharging event. Standing duties (appoint a resident officer) have neither trigger event
 * nor due instant: they are assessed at the "as of" instant, which is then their {@code triggeredAt}. An audit also
 * judges them over its period: a standing duty breached, or not judged, for a stretch that ended before "as of" has a
 * second obligation, id {@code duty@period}, dated when the first such stretch began, whose explanation names each.
 *
 * @param id               stable id: the duty key, then {@code @} and the triggering event id for time-bound duties
 * @param duty             the duty key the rule pack gave it, e.g. {@code removal.on-order}
 * @param what             what the law asks, in a sentence
 * @param caseId           the case, or {@code null} for standing duties of the platform
 * @param triggeredAt      when the clock started (receipt of the order, complaint or request)
 * @param dueAt            the last instant at which acting still meets the duty; {@code null} for standing duties
 * @param status           where it stands
 * @param citation         the clause, and the version of the law that gave the clock
 * @param triggerEventId   the event that started the clock, or {@code null}
 * @param dischargeEventId the first event that discharged it, or {@code null}
 * @param dischargedAt     when that event happened, or {@code null}
 * @param explanation      why it has this status, in a sentence or two a compliance officer can read
 */
@JsonIgnoreProperties(value = "lateness", allowGetters = true)
public record Obligation(
        String id,
        String duty,
        String what,
        String caseId,
        OffsetDateTime triggeredAt,
        OffsetDateTime dueAt,
        Status status,
        Citation citation,
        String triggerEventId,
        String dischargeEventId,
        OffsetDateTime dischargedAt,
        String explanation) {

    /**
     * What the id of a standing duty's obligation over an audit's period ends with, after the duty key: the duty was
     * breached, or could not be judged, for a stretch of the period that ended before "as of", and its
     * {@code triggeredAt} is when the first such stretch began.
     */
    public static final String OVER_PERIOD = "@period";

    /**
     * Checks the obligation.
     *
     * @param id               stable id, not blank
     * @param duty             the duty key, not blank
     * @param what             what the law asks, not blank
     * @param caseId           the case, or {@code null}
     * @param triggeredAt      when the clock started, required
     * @param dueAt            the due instant, or {@code null}
     * @param status           where it stands, required
     * @param citation         where in the law, required
     * @param triggerEventId   the event that started the clock, or {@code null}
     * @param dischargeEventId the discharging event, or {@code null}; given with {@code dischargedAt}
     * @param dischargedAt     when it was discharged; {@code null} exactly when {@code dischargeEventId} is
     * @param explanation      why, not blank
     * @throws IllegalArgumentException if a required value is missing or blank, or the discharge comes without its
     *                                  instant
     */
    public Obligation {
        Preconditions.requireText(id, "Obligation", "id");
        Preconditions.requireText(duty, "Obligation", "duty");
        Preconditions.requireText(what, "Obligation", "what");
        Preconditions.requirePresent(triggeredAt, "Obligation", "triggeredAt");
        Preconditions.requirePresent(status, "Obligation", "status");
        Preconditions.requirePresent(citation, "Obligation", "citation");
        Preconditions.requireText(explanation, "Obligation", "explanation");
        if ((dischargeEventId == null) != (dischargedAt == null)) {
            throw new IllegalArgumentException("Obligation " + id
                    + ": dischargeEventId and dischargedAt must be given together");
        }
    }

    /**
     * {@return how late the discharge came, for {@link Status#MET_LATE}} {@code null} for every other status.
     */
    @JsonProperty("lateness")
    public Duration lateness() {
        return status == Status.MET_LATE ? Duration.between(dueAt, dischargedAt) : null;
    }
}
