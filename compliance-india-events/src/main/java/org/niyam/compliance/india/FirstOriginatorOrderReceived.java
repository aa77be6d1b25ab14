package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.time.OffsetDateTime;
import org.niyam.compliance.model.CaseEvent;

/**
 * An order to enable identification of the first originator of information on a messaging service (Rule 4(2)).
 *
 * @param id                     the event's id, unique within the input
 * @param caseId                 the case the order opens
 * @param at                     when the order reached the platform
 * @param source                 a court order, or an order under section 69 of the IT Act
 * @param copyOfInformation      whether the order came with a copy of the information (needed for section 69 orders);
 *                               {@code null} when not recorded, which leaves a section 69 order's scope unknown
 * @param ground                 the offence the order is for
 * @param minimumPunishmentYears the term of imprisonment, in years, the offence is punishable with (Rule 4(2) asks for
 *                               "not less than five years"); {@code null} when not recorded, which leaves whether the
 *                               order is within the rule unknown
 * @param jurisdiction           where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not
 *                               stated
 */
public record FirstOriginatorOrderReceived(String id, String caseId, OffsetDateTime at, OriginatorOrderSource source, Boolean copyOfInformation, OffenceGround ground, Integer minimumPunishmentYears,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id                     the event's id, unique within the input
     * @param caseId                 the case it belongs to
     * @param at                     when it happened
     * @param source                 a court order, or an order under section 69 of the IT Act
     * @param copyOfInformation      whether the order came with a copy of the information (needed for section 69
     *                               orders)
     * @param ground                 the offence the order is for
     * @param minimumPunishmentYears the term of imprisonment, in years, the offence is punishable with (Rule 4(2) asks
     *                               for "not less than five years"); {@code null} when not recorded, which leaves
     *                               whether the order is within the rule unknown
     * @throws IllegalArgumentException if a required value is missing or blank
     */
    public FirstOriginatorOrderReceived(String id, String caseId, OffsetDateTime at, OriginatorOrderSource source, Boolean copyOfInformation, OffenceGround ground, Integer minimumPunishmentYears) {
        this(id, caseId, at, source, copyOfInformation, ground, minimumPunishmentYears, null);
    }

    /**
     * Checks the event.
     *
     * @param id                     the event's id, not blank
     * @param caseId                 the case, not blank
     * @param at                     when it happened, required
     * @param source                 where the order comes from, required
     * @param copyOfInformation      whether a copy of the information came with it, or {@code null} when not stated
     * @param ground                 the offence, required
     * @param minimumPunishmentYears the term in years, or {@code null} when not stated
     * @param jurisdiction           an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null}
     *                               when not stated
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO
     *                                  3166 code
     */
    public FirstOriginatorOrderReceived {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "FirstOriginatorOrderReceived");
        Preconditions.requireText(id, "FirstOriginatorOrderReceived", "id");
        Preconditions.requireText(caseId, "FirstOriginatorOrderReceived", "caseId");
        Preconditions.requirePresent(at, "FirstOriginatorOrderReceived", "at");
        Preconditions.requirePresent(source, "FirstOriginatorOrderReceived", "source");
        Preconditions.requirePresent(ground, "FirstOriginatorOrderReceived", "ground");
    }
}
