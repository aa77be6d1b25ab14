package org.niyam.compliance.pack;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A version of a legal instrument, in force from an instant until the next version starts.
 *
 * @param name how citations name it, e.g. {@code as amended by G.S.R. 120(E), in force 20 Feb 2026}
 * @param from the first instant it is in force
 */
public record LawVersion(String name, OffsetDateTime from) {

    /**
     * Checks the version.
     *
     * @param name how citations name it, not blank
     * @param from the first instant it is in force, required
     * @throws IllegalArgumentException if the name is missing or blank
     * @throws NullPointerException     if {@code from} is missing
     */
    public LawVersion {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("LawVersion.name is required");
        }
        Objects.requireNonNull(from, "LawVersion.from is required");
    }
}
