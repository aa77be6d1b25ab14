package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;

/**
 * Who issued a removal order or intimation.
 *
 * @param kind                    a court, a government ministry or department, or the police
 * @param authority               the issuing court, ministry or police unit, as named on the order
 * @param rank                    rank of the signing officer of an intimation; {@code null} when not stated
 * @param specificallyAuthorised  for police: whether the officer was specifically authorised to issue
 *                                intimations; {@code null} when not stated
 * @param jointSecretaryAppointed for a Director's intimation: whether the issuing body has a Joint Secretary;
 *                                {@code null} when not stated
 */
public record Issuer(IssuerKind kind, String authority, IssuerRank rank, Boolean specificallyAuthorised,
                     Boolean jointSecretaryAppointed) {

    /**
     * Checks the issuer.
     *
     * @param kind                    court, government or police; required
     * @param authority               as named on the order, or {@code null}; a blank one counts as not stated
     * @param rank                    the signing officer's rank, or {@code null}
     * @param specificallyAuthorised  whether a police officer was specifically authorised, or {@code null}
     * @param jointSecretaryAppointed whether the issuing body has a Joint Secretary, or {@code null}
     * @throws IllegalArgumentException if {@code kind} is missing
     */
    public Issuer {
        Preconditions.requirePresent(kind, "Issuer", "kind");
        authority = Preconditions.optionalText(authority);
    }

    /**
     * An issuer whose authorisation details are not stated, e.g. a court.
     *
     * @param kind      a court, a government ministry or department, or the police
     * @param authority the issuing court, ministry or police unit, as named on the order
     * @param rank      rank of the signing officer of an intimation; {@code null} when not stated
     * @throws IllegalArgumentException if {@code kind} is missing
     */
    public Issuer(IssuerKind kind, String authority, IssuerRank rank) {
        this(kind, authority, rank, null, null);
    }
}
