package org.niyam.compliance.flink;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.niyam.compliance.model.PlatformProfile;

/**
 * The platform's profiles as the job keeps them in state: as given, joined one at a time as the monitor joins them
 * ({@link PlatformProfile#joined}), and read as one history ({@link PlatformProfile#history}), as {@code evaluate} and
 * the audit read a log's profiles.
 */
final class Profiles {

    private static final TypeReference<List<PlatformProfile>> HISTORY = new TypeReference<>() {
    };

    private Profiles() {
    }

    /** The profiles as the JSON array kept in broadcast state. */
    static String text(List<PlatformProfile> given) {
        return Json.DEFAULT.text(given);
    }

    /** Profiles read back from {@link #text}. */
    static List<PlatformProfile> read(String text) {
        try {
            return List.copyOf(Json.DEFAULT.mapper.readValue(text, HISTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("the job's state is not a profile history this version reads: "
                    + e.getMessage(), e);
        }
    }
}
