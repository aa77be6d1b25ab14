package org.niyam.compliance.model;

/**
 * Where in the law an obligation or finding comes from.
 *
 * @param instrument the legal instrument, e.g. the IT Rules, 2021
 * @param clause     the clause, e.g. {@code Rule 3(1)(d)}
 * @param version    the version of the instrument in force at the instant that decided the answer (when the
 *                   clock started, or the "as of" instant for standing duties)
 * @param ruleId     the id of the rule that raised it
 */
public record Citation(String instrument, String clause, String version, String ruleId) {

    /**
     * Checks that every part is given.
     *
     * @param instrument the legal instrument, not blank
     * @param clause     the clause, not blank
     * @param version    the version in force, not blank
     * @param ruleId     the rule's id, not blank
     * @throws IllegalArgumentException if a part is missing or blank
     */
    public Citation {
        Preconditions.requireText(instrument, "Citation", "instrument");
        Preconditions.requireText(clause, "Citation", "clause");
        Preconditions.requireText(version, "Citation", "version");
        Preconditions.requireText(ruleId, "Citation", "ruleId");
    }

    @Override
    public String toString() {
        return clause + ", " + instrument + " (" + version + ") [" + ruleId + "]";
    }
}
