package org.niyam.compliance.io.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.StandingFact;

/**
 * The standing facts a case log gives, kept by type and id: the last one read of a type and id is the fact (a later
 * line updates an appointment: its end, a contact published), the same fact again counts once. Facts of two types
 * never clash. Not API.
 */
public final class StandingFacts {

    /** What {@link #add} did with a fact. */
    public enum Added {
        /** Its type and id were not given before: kept. */
        NEW,
        /** The same fact was given before: nothing changed. */
        SAME,
        /** Its type and id were given before with other content: it replaced that fact. */
        REPLACED
    }

    private final Map<List<Object>, StandingFact> facts = new LinkedHashMap<>();

    /**
     * Adds a fact read after those added before: one of its type and id given before is replaced by it.
     *
     * @param fact the fact read
     * @return whether it was new, the same as the one kept, or replaced it
     */
    public Added add(StandingFact fact) {
        StandingFact before = facts.put(List.of(fact.getClass(), fact.id()), fact);
        return before == null ? Added.NEW : before.equals(fact) ? Added.SAME : Added.REPLACED;
    }

    /**
     * {@return the facts kept so far, the last given of each type and id, in the order their type and id were first
     * given}
     */
    public List<StandingFact> facts() {
        return List.copyOf(facts.values());
    }
}
