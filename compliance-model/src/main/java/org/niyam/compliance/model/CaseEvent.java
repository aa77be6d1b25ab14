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
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ComplaintReceived.class, name = "ComplaintReceived"),
    @JsonSubTypes.Type(value = ComplaintAcknowledged.class, name = "ComplaintAcknowledged"),
    @JsonSubTypes.Type(value = ComplaintResolved.class, name = "ComplaintResolved"),
    @JsonSubTypes.Type(value = RemovalOrderReceived.class, name = "RemovalOrderReceived"),
    @JsonSubTypes.Type(value = ContentRemoved.class, name = "ContentRemoved"),
    @JsonSubTypes.Type(value = InformationRequestReceived.class, name = "InformationRequestReceived"),
    @JsonSubTypes.Type(value = InformationProvided.class, name = "InformationProvided"),
    @JsonSubTypes.Type(value = UserNotified.class, name = "UserNotified"),
    @JsonSubTypes.Type(value = RecordsDeleted.class, name = "RecordsDeleted"),
    @JsonSubTypes.Type(value = AccountCancelled.class, name = "AccountCancelled"),
    @JsonSubTypes.Type(value = UsersInformed.class, name = "UsersInformed"),
    @JsonSubTypes.Type(value = ComplianceReportPublished.class, name = "ComplianceReportPublished"),
    @JsonSubTypes.Type(value = GacOrderReceived.class, name = "GacOrderReceived"),
    @JsonSubTypes.Type(value = GacOrderComplied.class, name = "GacOrderComplied"),
    @JsonSubTypes.Type(value = FirstOriginatorOrderReceived.class, name = "FirstOriginatorOrderReceived"),
    @JsonSubTypes.Type(value = FirstOriginatorIdentified.class, name = "FirstOriginatorIdentified"),
    @JsonSubTypes.Type(value = CyberIncidentNoticed.class, name = "CyberIncidentNoticed"),
    @JsonSubTypes.Type(value = CyberIncidentReported.class, name = "CyberIncidentReported"),
    @JsonSubTypes.Type(value = CustomEvent.class, name = "CustomEvent"),
})
public sealed interface CaseEvent
        permits ComplaintReceived, ComplaintAcknowledged, ComplaintResolved, RemovalOrderReceived,
                ContentRemoved, InformationRequestReceived, InformationProvided, UserNotified, RecordsDeleted,
                AccountCancelled, UsersInformed, ComplianceReportPublished, GacOrderReceived, GacOrderComplied,
                FirstOriginatorOrderReceived, FirstOriginatorIdentified, CyberIncidentNoticed, CyberIncidentReported,
                CustomEvent {

    /** Unique id of this event within the input. */
    String id();

    /** The case this event belongs to: a complaint, an order or a request and the actions taken on it. */
    String caseId();

    /** When it happened, with the offset it was recorded in. */
    OffsetDateTime at();

    /**
     * Where the case arose, as an ISO 3166 code ({@code IN}, {@code DE}, {@code US-CA}); {@code null} when this event
     * does not say. A case's jurisdiction is the one its events state (they must agree; one event saying it is
     * enough); a case none of whose events states one is in the engine's default jurisdiction, or, without a default,
     * in the scope of every pack. A pack's rules apply to a case only when the pack's jurisdictions include the
     * case's (or the pack declares none). See {@code docs/json.md}.
     */
    String jurisdiction();
}
