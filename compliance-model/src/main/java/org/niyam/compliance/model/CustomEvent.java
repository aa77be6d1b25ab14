package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event of a kind the model does not name, for rule packs of other laws and platforms' own policies: the pack
 * gives it a {@code kind} and reads its {@code attributes}. Rules match it as
 * {@code CustomEvent(kind == "netzdg.assessed", attribute("verdict") == "manifestly-unlawful")}.
 *
 * @param id         the event's id, unique within the input
 * @param caseId     the case it belongs to
 * @param at         when it happened, with the offset it was recorded in
 * @param kind       the pack's name for the kind of event, e.g. {@code netzdg.assessed}
 * @param attributes the event's data, as text
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record CustomEvent(String id, String caseId, OffsetDateTime at, String kind, Map<String, String> attributes,
        String jurisdiction) implements CaseEvent {

    /**
     * An event that does not state its jurisdiction: its case's (or the engine's default) applies.
     *
     * @param id         the event's id, unique within the input
     * @param caseId     the case it belongs to
     * @param at         when it happened
     * @param kind       the pack's name for the kind of event
     * @param attributes the event's data, as text; {@code null} for none
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public CustomEvent(String id, String caseId, OffsetDateTime at, String kind, Map<String, String> attributes) {
        this(id, caseId, at, kind, attributes, null);
    }

    /**
     * Checks the event and copies its attributes.
     *
     * @param id           the event's id, not blank
     * @param caseId       the case it belongs to, not blank
     * @param at           when it happened, required
     * @param kind         the pack's name for the kind of event, not blank
     * @param attributes   the event's data; {@code null} for none; copied
     * @param jurisdiction an ISO 3166 code such as {@code IN}, {@code DE} or {@code US-CA}, or {@code null}
     * @throws IllegalArgumentException if a required value is missing or blank, or the jurisdiction is no ISO 3166
     *                                  code
     */
    public CustomEvent {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CustomEvent");
        Preconditions.requireText(id, "CustomEvent", "id");
        Preconditions.requireText(caseId, "CustomEvent", "caseId");
        Preconditions.requirePresent(at, "CustomEvent", "at");
        Preconditions.requireText(kind, "CustomEvent", "kind");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * One attribute of the event.
     *
     * @param name the attribute's name, as in the input's JSON
     * @return the attribute's value, or {@code null} when the event does not have it
     */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
