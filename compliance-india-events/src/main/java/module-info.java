/**
 * The India IT Rules pack's events: complaints, orders, requests and the platform's actions on them, as records
 * that the pack's {@code pack.yaml} lists and {@link org.niyam.compliance.india.IndiaEvents} announces to the
 * model's registry of event types.
 */
module org.niyam.compliance.india {
    requires transitive org.niyam.compliance.model;

    exports org.niyam.compliance.india;
    // Rules read the records by reflection (MVEL, and the classes Drools generates from a pack), and Jackson builds them.
    opens org.niyam.compliance.india;

    provides org.niyam.compliance.model.EventTypes.Provider with org.niyam.compliance.india.IndiaEvents;
}
