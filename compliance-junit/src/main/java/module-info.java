/** Scenario files as JUnit 5 dynamic tests ({@link org.niyam.compliance.junit.ScenarioSuite}). */
module org.niyam.compliance.junit {
    requires transitive org.niyam.compliance.engine;
    requires transitive org.junit.jupiter.api;
    requires org.opentest4j;

    exports org.niyam.compliance.junit;
}
