/**
 * Reading case logs and profile histories, and Niyam's JSON, whatever the law: no rules, no Drools.
 * {@code org.niyam.compliance.io.internal} is shared with the engine only.
 */
@SuppressWarnings("module") // the engine, to which the helpers are exported, is built after this module
module org.niyam.compliance.io {
    requires transitive org.niyam.compliance.model;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports org.niyam.compliance.io;
    exports org.niyam.compliance.io.internal to org.niyam.compliance.engine;
}
