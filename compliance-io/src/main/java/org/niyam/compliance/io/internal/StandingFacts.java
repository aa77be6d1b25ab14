package org.niyam.compliance.io.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.StandingFact;

/**
 * The standing facts a case log gives, kept by type and id: the same fact twice counts once; another fact of one type
 * under an id given before is refused with the place of the first, which is kept. Facts of two types never clash.
 * Not API.
 */
public final class StandingFacts {

    private final Map<List<Object>, StandingFact> facts = new LinkedHashMap<>();
    private final Map<List<Object>, String> places = new HashMap<>();

    /**
     * Adds a fact read at {@code source:line}.
     *
     * @return {@code true} when it was new, {@code false} when the same fact was already given
     * @throws InputException when its type and id were given before with other content
     */
    public boolean add(String source, int line, StandingFact fact) {
        List<Object> key = List.of(fact.getClass(), fact.id());
        StandingFact twin = facts.get(key);
        if (twin == null) {
            facts.put(key, fact);
            places.put(key, source + ":" + line);
            return true;
        }
        if (twin.equals(fact)) {
            return false;
        }
        throw InputErrors.reusedId(source, line, fact.getClass().getSimpleName(), fact.id(), places.get(key));
    }

    /** {@return the facts kept so far, in the order they were first given} */
    public List<StandingFact> facts() {
        return List.copyOf(facts.values());
    }
}
