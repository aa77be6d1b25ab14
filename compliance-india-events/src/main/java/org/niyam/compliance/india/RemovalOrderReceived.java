package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * A court order, or a written intimation of the appropriate government or its agency, to remove or disable content
 * (Rule 3(1)(d)). Orders that arrive through the Sahyog portal are intimations too.
 *
 * @param id           the event's id, unique within the input
 * @param caseId       the case the order opens; the takedown that answers it names the same case
 * @param at           when the order or intimation reached the platform; the removal clock starts then
 * @param issuer       who issued it
 * @param reference    the order's number or reference, or {@code null}
 * @param intimation   what an intimation states, for the checks of the 2025 amendment; {@code null} for court orders or
 *                     when not recorded (an intimation without it fails those checks)
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record RemovalOrderReceived(String id, String caseId, OffsetDateTime at, Issuer issuer, String reference,
                                   Intimation intimation,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id         the event's id, unique within the input
     * @param caseId     the case it belongs to
     * @param at         when it happened
     * @param issuer     who issued it
     * @param reference  the order's number or reference, or {@code null}
     * @param intimation what an intimation states, for the checks of the 2025 amendment; {@code null} for court orders
     *                   or when not recorded (an intimation without it fails those checks)
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public RemovalOrderReceived(String id, String caseId, OffsetDateTime at, Issuer issuer, String reference, Intimation intimation) {
        this(id, caseId, at, issuer, reference, intimation, null);
    }

    /**
     * Checks the event.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case, not blank
     * @param at           when it happened, required
     * @param issuer       who issued it, required
     * @param reference    the order's reference, or {@code null}; a blank reference counts as none
     * @param intimation   what an intimation states, or {@code null}
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null} when not
     *                     stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public RemovalOrderReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "RemovalOrderReceived");
        Preconditions.requireText(id, "RemovalOrderReceived", "id");
        Preconditions.requireText(caseId, "RemovalOrderReceived", "caseId");
        Preconditions.requirePresent(at, "RemovalOrderReceived", "at");
        Preconditions.requirePresent(issuer, "RemovalOrderReceived", "issuer");
        reference = Preconditions.optionalText(reference);
    }

    /**
     * An order without intimation particulars, e.g. a court order.
     *
     * @param id        the event's id, unique within the input
     * @param caseId    the case it belongs to
     * @param at        when it happened
     * @param issuer    who issued it
     * @param reference the order's number or reference, or {@code null}
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public RemovalOrderReceived(String id, String caseId, OffsetDateTime at, Issuer issuer, String reference) {
        this(id, caseId, at, issuer, reference, null);
    }
}
