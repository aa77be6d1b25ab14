package org.niyam.compliance.model;

/**
 * Who issued a removal order or intimation.
 *
 * @param kind      a court, a government ministry or department, or the police
 * @param authority the issuing court, ministry or police unit, as named on the order
 * @param rank      rank of the signing officer (for intimations), or {@code null} when not stated
 */
public record Issuer(IssuerKind kind, String authority, String rank) {

    public Issuer {
        Preconditions.requirePresent(kind, "Issuer", "kind");
        authority = Preconditions.optionalText(authority);
        rank = Preconditions.optionalText(rank);
    }
}
