package org.niyam.compliance.india;

import org.niyam.compliance.model.Preconditions;
import java.util.List;

/**
 * What a government or police intimation states, checked from the 2025 amendment before its removal clock counts.
 * {@code null} means "not stated", which the check treats as missing.
 *
 * @param inWriting    whether it is in writing
 * @param reasoned     whether it gives reasons
 * @param legalBasis   the law and provision it relies on
 * @param unlawfulAct  the nature of the unlawful act
 * @param targets      the specific URLs or other identifiers of the content
 */
public record Intimation(Boolean inWriting, Boolean reasoned, String legalBasis, String unlawfulAct,
                         List<String> targets) {

    /**
     * Copies the intimation's particulars.
     *
     * @param inWriting   whether it is in writing, or {@code null} when not stated
     * @param reasoned    whether it gives reasons, or {@code null} when not stated
     * @param legalBasis  the law and provision, or {@code null}; a blank one counts as not stated
     * @param unlawfulAct the nature of the unlawful act, or {@code null}; a blank one counts as not stated
     * @param targets     the URLs or identifiers, none {@code null}; {@code null} for none; an empty or blank entry is
     *                    kept, but names no content, so the check does not count it; copied
     * @throws IllegalArgumentException if {@code targets} holds {@code null}
     */
    public Intimation {
        legalBasis = Preconditions.optionalText(legalBasis);
        unlawfulAct = Preconditions.optionalText(unlawfulAct);
        targets = Preconditions.strings(targets, "Intimation", "targets");
    }
}
