/**
 * Niyam's law-neutral vocabulary: the facts and events a case log states, the duties, findings and report rules
 * conclude, and {@link org.niyam.compliance.model.InputException}, the one exception for bad input.
 */
module org.niyam.compliance.model {
    requires transitive com.fasterxml.jackson.annotation;

    exports org.niyam.compliance.model;
    // Rules read facts by reflection (MVEL, and the classes Drools generates from a pack), and Jackson builds them.
    opens org.niyam.compliance.model;
}
