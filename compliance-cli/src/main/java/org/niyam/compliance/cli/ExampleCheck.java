package org.niyam.compliance.cli;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.niyam.compliance.model.Evidence;

/**
 * A bundled example compliance check: a platform's evidence, the instant to evaluate it at, and what it shows.
 *
 * @param title       one line
 * @param description what the case log shows, for a reader new to the law
 * @param asOf        the instant to evaluate at
 * @param evidence    the platform's profile, officers and case events
 */
public record ExampleCheck(String title, String description, OffsetDateTime asOf, Evidence evidence) {

    /**
     * Checks the example.
     *
     * @param title       one line, required
     * @param description what the case log shows, or {@code null}
     * @param asOf        the instant to evaluate at, required
     * @param evidence    the platform's evidence, required
     * @throws NullPointerException if a required part is missing
     */
    public ExampleCheck {
        Objects.requireNonNull(title, "ExampleCheck.title is required");
        Objects.requireNonNull(asOf, "ExampleCheck.asOf is required");
        Objects.requireNonNull(evidence, "ExampleCheck.evidence is required");
    }
}
