/**
 * Reports of an evaluation for people: {@link org.niyam.compliance.report.TextReport} for a terminal and
 * {@link org.niyam.compliance.report.HtmlReport}, one self-contained page written by templates compiled at build
 * time.
 */
module org.niyam.compliance.report {
    requires transitive org.niyam.compliance.model;
    requires transitive org.niyam.compliance.engine;
    requires gg.jte.runtime;
    // The compiled templates are marked @javax.annotation.processing.Generated (a source-only annotation).
    requires static java.compiler;

    exports org.niyam.compliance.report;
    // The compiled templates: jte's runtime loads them by name and calls them by reflection.
    opens org.niyam.compliance.report.internal.html to gg.jte.runtime;
}
