package org.niyam.compliance.io.internal;

import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Platform;

/**
 * The platform's profiles a case log gives, kept as one history ({@link Platform#history}, one per record type): the same profile
 * twice counts once; a profile that cannot join the history (another from the same instant, an overlap) is refused
 * with the place of the one it clashes with. Not API.
 */
public final class ProfileHistory {

    private final List<Platform> profiles = new ArrayList<>();
    private final List<String> places = new ArrayList<>();

    /**
     * Adds a profile read at {@code source:line}.
     *
     * @return {@code true} when it was new, {@code false} when the same profile was already given
     * @throws InputException when it does not fit the history
     */
    public boolean add(String source, int line, Platform profile) {
        if (profiles.contains(profile)) {
            return false;
        }
        List<Platform> candidate = new ArrayList<>(profiles);
        candidate.add(profile);
        try {
            Platform.history(candidate);
        } catch (IllegalArgumentException e) {
            String clash = "";
            for (int i = 0; i < profiles.size(); i++) {
                if (same(profiles.get(i), profile)) {
                    clash = "; the first, at " + places.get(i) + ", is kept";
                }
            }
            throw new InputException(source, line, "from", e.getMessage() + clash, null);
        }
        profiles.add(profile);
        places.add(source + ":" + line);
        return true;
    }

    private static boolean same(Platform a, Platform b) {
        return a.getClass() == b.getClass()
                && (a.from() == null ? b.from() == null : b.from() != null && a.from().isEqual(b.from()));
    }

    /** The profiles given so far, as a history in time order. */
    public List<Platform> history() {
        return Platform.history(profiles);
    }
}
