package org.niyam.compliance.model;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event of a kind the model does not name, for rule packs of other laws and platforms' own policies: the pack
 * gives it a {@code kind} and reads its {@code attributes}. Rules match it as
 * {@code CustomEvent(kind == "netzdg.assessed", attribute("verdict") == "manifestly-unlawful")}.
 *
 * @param kind       the pack's name for the kind of event, e.g. {@code netzdg.assessed}
 * @param attributes the event's data, as text
 * @param jurisdiction where the case arose (see {@link CaseEvent#jurisdiction()}); {@code null} when not stated
 */
public record CustomEvent(String id, String caseId, OffsetDateTime at, String kind, Map<String, String> attributes,
        String jurisdiction) implements CaseEvent {

    /** An event that does not state its jurisdiction: its case's (or the engine's default) applies. */
    public CustomEvent(String id, String caseId, OffsetDateTime at, String kind, Map<String, String> attributes) {
        this(id, caseId, at, kind, attributes, null);
    }

    public CustomEvent {
        jurisdiction = Preconditions.jurisdiction(jurisdiction, "CustomEvent");
        Preconditions.requireText(id, "CustomEvent", "id");
        Preconditions.requireText(caseId, "CustomEvent", "caseId");
        Preconditions.requirePresent(at, "CustomEvent", "at");
        Preconditions.requireText(kind, "CustomEvent", "kind");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The attribute's value, or {@code null} when the event does not have it. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
