/**
 * Niyam's law-neutral vocabulary: the facts and events a case log states, the duties, findings and report rules
 * conclude, the registry of event types, and {@link org.niyam.compliance.model.InputException}, the one exception
 * for bad input.
 */
module org.niyam.compliance.model {
    requires transitive com.fasterxml.jackson.annotation;

    exports org.niyam.compliance.model;
    // The event types of the packs on the class path (or module path), announced by each pack's events module.
    uses org.niyam.compliance.model.EventTypes.Provider;
    // Rules read facts by reflection (MVEL, and the classes Drools generates from a pack), and Jackson builds them.
    opens org.niyam.compliance.model;
}
