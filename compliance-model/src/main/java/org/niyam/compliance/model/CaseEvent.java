package org.niyam.compliance.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;

/**
 * Something that happened in one case: a complaint, an order, a request, or the platform's action on it.
 *
 * <p>Every event has an id unique within the input, the id of the case it belongs to, and the instant it
 * happened, with its UTC offset. In JSON the concrete kind is named by the {@code type} field, for example
 * {@code {"type": "ComplaintReceived", "id": "e1", "caseId": "c1", "at": "2026-03-01T10:00:00+05:30", ...}}.
 *
 * <p>The model names no law's events: a rule pack brings its own, as records implementing this interface, and
 * registers them (its {@code pack.yaml} lists them under {@code events}; see {@link EventTypes}). {@link CustomEvent} is the generic event any pack may use without a class.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = CustomEvent.class, name = "CustomEvent"))
public interface CaseEvent {

    /** {@return the id of this event, unique within the input} */
    String id();

    /**
     * {@return the id of the case this event belongs to} A case is a complaint, an order or a request and the actions
     * taken on it.
     */
    String caseId();

    /** {@return when it happened, with the offset it was recorded in} */
    OffsetDateTime at();

    /**
     * Where the case arose, as an ISO 3166 code ({@code IN}, {@code DE}, {@code US-CA}); {@code null} when this event
     * does not say. A case's jurisdiction is the one its events state (they must agree; one event saying it is
     * enough); a case none of whose events states one is in the engine's default jurisdiction, or, without a default,
     * in the scope of every pack. A pack's rules apply to a case only when the pack's jurisdictions include the
     * case's (or the pack declares none). See {@code docs/json.md}.
     *
     * @return the ISO 3166 code of where the case arose, or {@code null}
     */
    String jurisdiction();
}
