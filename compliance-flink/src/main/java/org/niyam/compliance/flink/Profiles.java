package org.niyam.compliance.flink;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.niyam.compliance.model.PlatformProfile;

/**
 * The platform's profiles as the job keeps them, given as {@code ComplianceMonitor.platform} takes them: a profile
 * without {@code from} replaces all the others (it holds from the start); one with {@code from} joins them, holding
 * from that instant until the next one's, and replaces a profile given before from the same instant. The profiles are
 * kept as given (an {@code until} given stays), and read as one history ({@link PlatformProfile#history}), as
 * {@code evaluate} and the audit read a log's profiles.
 */
final class Profiles {

    private static final TypeReference<List<PlatformProfile>> HISTORY = new TypeReference<>() {
    };

    private Profiles() {
    }

    /**
     * The profiles with {@code profile} added.
     *
     * @throws IllegalArgumentException when the profile cannot join the history (its {@code until} runs past the
     *                                  next profile's {@code from}, or the one before runs past its {@code from})
     */
    static List<PlatformProfile> with(List<PlatformProfile> given, PlatformProfile profile) {
        if (profile.from() == null) {
            return List.of(profile);
        }
        List<PlatformProfile> next = new ArrayList<>();
        for (PlatformProfile held : given) {
            if (held.from() == null || !held.from().isEqual(profile.from())) {
                next.add(held);
            }
        }
        next.add(profile);
        PlatformProfile.history(next); // refuses a profile that does not fit
        next.sort(Comparator.comparing(PlatformProfile::from,
                Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())));
        return List.copyOf(next);
    }

    /** The profiles as the JSON array kept in broadcast state. */
    static String text(List<PlatformProfile> given) {
        return Json.text(given);
    }

    /** Profiles read back from {@link #text}. */
    static List<PlatformProfile> read(String text) {
        try {
            return List.copyOf(Json.MAPPER.readValue(text, HISTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("the job's state is not a profile history this version reads: "
                    + e.getMessage(), e);
        }
    }
}
