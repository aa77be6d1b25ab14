package org.niyam.compliance.io.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;

/**
 * Which cases a pack's law applies to. A case's jurisdiction is the one its events state (they must agree); a case
 * that states none is in the engine's default jurisdiction, or without a default in every pack's scope. A pack that
 * declares no jurisdiction applies to every case; one that declares {@code US} covers {@code US-CA} too. Not API.
 */
public final class Jurisdictions {


    private Jurisdictions() {
    }

    /** Whether a pack declaring {@code scope} applies to a case of {@code jurisdiction} ({@code null}: every pack). */
    public static boolean covers(List<String> scope, String jurisdiction) {
        if (scope.isEmpty() || jurisdiction == null) {
            return true;
        }
        for (String code : scope) {
            if (jurisdiction.equals(code) || jurisdiction.startsWith(code + "-")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The jurisdictions the facts' events state, by case.
     *
     * @throws InputException when two events of one case state different jurisdictions
     */
    public static Map<String, String> ofCases(Iterable<?> facts) {
        Map<String, String> byCase = new HashMap<>();
        Map<String, String> stating = new HashMap<>();
        for (Object fact : facts) {
            if (fact instanceof CaseEvent event && event.jurisdiction() != null) {
                String before = byCase.putIfAbsent(event.caseId(), event.jurisdiction());
                if (before == null) {
                    stating.put(event.caseId(), event.id());
                } else if (!before.equals(event.jurisdiction())) {
                    throw new InputException("case '" + event.caseId() + "'", 0, "jurisdiction", "event '"
                            + event.id() + "' says it arose in " + event.jurisdiction() + ", event '"
                            + stating.get(event.caseId()) + "' in " + before
                            + "; a case arises in one jurisdiction: correct one of them", null);
                }
            }
        }
        return byCase;
    }
}
