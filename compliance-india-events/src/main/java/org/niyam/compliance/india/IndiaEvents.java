package org.niyam.compliance.india;

import java.util.List;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;

/**
 * The India pack's types, each named in JSON by its simple class name: its events, its {@link PlatformProfile} and
 * its {@link OfficerAppointment}. The pack's {@code pack.yaml} lists the same classes; this provider announces them to
 * case-log readers and JSON mappers used without an engine ({@link EventTypes#onClasspath()}).
 */
public final class IndiaEvents implements EventTypes.Provider {

    /** Every event type of the India pack. */
    public static final List<Class<? extends CaseEvent>> CLASSES = List.of(
            ComplaintReceived.class, ComplaintAcknowledged.class, ComplaintResolved.class,
            RemovalOrderReceived.class, ContentRemoved.class, InformationRequestReceived.class,
            InformationProvided.class, UserNotified.class, RecordsDeleted.class, AccountCancelled.class,
            UsersInformed.class, ComplianceReportPublished.class, GacOrderReceived.class, GacOrderComplied.class,
            FirstOriginatorOrderReceived.class, FirstOriginatorIdentified.class, CyberIncidentNoticed.class,
            CyberIncidentReported.class);

    /** The India pack's platform record and standing fact: {@link PlatformProfile}, {@link OfficerAppointment}. */
    public static final List<Class<?>> FACTS = List.of(PlatformProfile.class, OfficerAppointment.class);

    /** The registry of {@link #CLASSES} and {@link #FACTS}, with {@link EventTypes#standard()}. */
    public static final EventTypes TYPES = types();

    /** Used by {@link java.util.ServiceLoader}. */
    public IndiaEvents() {
    }

    @Override
    public EventTypes eventTypes() {
        return TYPES;
    }

    private static EventTypes types() {
        EventTypes types = EventTypes.standard();
        for (Class<? extends CaseEvent> type : CLASSES) {
            types = types.with(type, "the India pack's events");
        }
        for (Class<?> type : FACTS) {
            types = types.with(type, "the India pack's events");
        }
        return types;
    }
}
