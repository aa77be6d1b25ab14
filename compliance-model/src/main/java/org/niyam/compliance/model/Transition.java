package org.niyam.compliance.model;

import java.time.OffsetDateTime;

/**
 * A change a live monitor observed: an obligation opened, fell at risk, was breached or met, or a finding was
 * made. Transitions of one obligation come in the order they happened.
 *
 * <p>{@link #id} is stable: the same evidence and clock give the same ids, in a monitor that ran without a stop, one
 * restored from a snapshot, or a stream job restarted from a checkpoint, so a consumer that sees a transition twice
 * can tell. It is the obligation id (or {@code finding:} and the finding's code, case and evidence), then {@code #},
 * the transition's number for that obligation, and the kind: {@code removal.on-order@order-1#2:BREACHED}.
 *
 * @param id         stable id, see above
 * @param kind       what happened
 * @param at         the instant of the monitor's clock at which it happened
 * @param previous   the obligation's status before, or {@code null} for a new obligation or a finding
 * @param obligation the obligation as it stands after the change (before it, for {@link Kind#WITHDRAWN}); {@code
 *                   null} for findings
 * @param finding    the finding, for {@link Kind#FINDING} and a withdrawn finding; otherwise {@code null}
 */
public record Transition(String id, Kind kind, OffsetDateTime at, Status previous, Obligation obligation,
                         Finding finding) {

    /** What happened. */
    public enum Kind {
        /** A new obligation, open and not yet at risk. */
        OPENED,
        /** Little of the clock is left (new or open before). */
        AT_RISK,
        /** Its due instant passed without a discharge; or a standing duty is not fulfilled. */
        BREACHED,
        /** Discharged in time; or a standing duty fulfilled. */
        MET,
        /** Discharged after its due instant. */
        MET_LATE,
        /** The duty does not apply. */
        NOT_APPLICABLE,
        /**
         * Facts needed to decide are missing; or the due instant of a duty that may already have been done before its
         * clock started ({@link Duty#indeterminateIfNotDone}) passed without a discharge.
         */
        INDETERMINATE,
        /** Open again after another status, when evidence that arrived late changed the answer. */
        REOPENED,
        /** No longer arises from the evidence (evidence that arrived late changed the answer). */
        WITHDRAWN,
        /** A rule made a finding. */
        FINDING;

        /**
         * The kind of a change of an obligation's status.
         *
         * @param previous the status before, or {@code null} for a new obligation
         * @param status   the status after
         * @return the status's own kind; {@link #OPENED} or {@link #REOPENED} for {@link Status#OPEN}
         */
        public static Kind of(Status previous, Status status) {
            return switch (status) {
                case OPEN -> previous == null ? OPENED : REOPENED;
                case AT_RISK -> AT_RISK;
                case BREACHED -> BREACHED;
                case MET -> MET;
                case MET_LATE -> MET_LATE;
                case NOT_APPLICABLE -> NOT_APPLICABLE;
                case INDETERMINATE -> INDETERMINATE;
            };
        }
    }

    /**
     * Checks the transition.
     *
     * @param id         stable id, not blank
     * @param kind       what happened, required
     * @param at         the instant of the monitor's clock, required
     * @param previous   the status before, or {@code null}
     * @param obligation the obligation, or {@code null} for a finding
     * @param finding    the finding, or {@code null} for an obligation
     * @throws IllegalArgumentException if a required value is missing or blank, or not exactly one of obligation
     *                                  and finding is given
     */
    public Transition {
        Preconditions.requireText(id, "Transition", "id");
        Preconditions.requirePresent(kind, "Transition", "kind");
        Preconditions.requirePresent(at, "Transition", "at");
        if ((obligation == null) == (finding == null)) {
            throw new IllegalArgumentException("Transition " + id + ": exactly one of obligation and finding must be given");
        }
    }
}
