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
        Map<String, CaseEvent> stating = new HashMap<>();
        for (Object fact : facts) {
            if (fact instanceof CaseEvent event && event.jurisdiction() != null) {
                CaseEvent first = stating.putIfAbsent(event.caseId(), event);
                if (first == null) {
                    byCase.put(event.caseId(), event.jurisdiction());
                } else {
                    InputException conflict = conflict("case '" + event.caseId() + "'", 0, event, first, null);
                    if (conflict != null) {
                        throw conflict;
                    }
                }
            }
        }
        return byCase;
    }

    /**
     * The error of {@code event} when it states another jurisdiction than {@code first}, the first event of its case
     * to state one (a case arises in one), or {@code null}.
     *
     * @param source     where {@code event} was read, or what names it
     * @param line       its line, or 0
     * @param event      an event of the case
     * @param first      the first event of the case to state a jurisdiction
     * @param firstWhere where {@code first} was read ({@code file:line}), or {@code null}
     */
    public static InputException conflict(String source, int line, CaseEvent event, CaseEvent first,
                                          String firstWhere) {
        if (event.jurisdiction() == null || first.jurisdiction() == null
                || event.jurisdiction().equals(first.jurisdiction())) {
            return null;
        }
        return new InputException(source, line, "jurisdiction", "event '" + event.id() + "' of case '"
                + event.caseId() + "' says it arose in " + event.jurisdiction() + ", event '" + first.id() + "'"
                + (firstWhere == null ? "" : " (" + firstWhere + ")") + " in " + first.jurisdiction()
                + "; a case arises in one jurisdiction: correct one of them", null);
    }
}
