package org.niyam.compliance.model;

import java.util.List;

/**
 * Something a rule observed that is not itself a duty with a clock: a defective intimation, an order outside
 * the scope of a clause. Rules insert findings without a citation; the engine adds the citation of the rule
 * that inserted it.
 *
 * @param code     stable code, e.g. {@code defective-intimation}
 * @param caseId   the case, or {@code null} for the platform
 * @param message  what is wrong and what the law asks, in a sentence
 * @param evidence ids of the events or standing facts it rests on
 * @param citation where in the law; {@code null} only while a rule is inserting it
 */
public record Finding(String code, String caseId, String message, List<String> evidence, Citation citation) {

    /**
     * Checks the finding and copies its evidence.
     *
     * @param code     stable code, not blank
     * @param caseId   the case, or {@code null} for the platform
     * @param message  what is wrong, not blank
     * @param evidence ids it rests on, none {@code null}; copied
     * @param citation where in the law, or {@code null} while a rule inserts it
     * @throws IllegalArgumentException if the code or message is blank, or the evidence holds {@code null} or other
     *                                  than strings
     */
    public Finding {
        Preconditions.requireText(code, "Finding", "code");
        Preconditions.requireText(message, "Finding", "message");
        evidence = Preconditions.strings(evidence, "Finding", "evidence");
    }

    /**
     * For rules: a finding whose citation the engine fills in from the inserting rule.
     *
     * @param code     stable code, e.g. {@code defective-intimation}
     * @param caseId   the case, or {@code null} for the platform
     * @param message  what is wrong and what the law asks, in a sentence
     * @param evidence ids of the events or standing facts it rests on
     * @throws IllegalArgumentException if the code or message is blank, or the evidence holds {@code null} or other
     *                                  than strings
     */
    public Finding(String code, String caseId, String message, List<String> evidence) {
        this(code, caseId, message, evidence, null);
    }

    /**
     * The same finding with its citation, as the engine completes it.
     *
     * @param value where in the law the finding comes from
     * @return a copy with that citation
     */
    public Finding withCitation(Citation value) {
        return new Finding(code, caseId, message, evidence, value);
    }
}
