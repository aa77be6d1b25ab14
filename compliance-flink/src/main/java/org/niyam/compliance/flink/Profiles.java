package org.niyam.compliance.flink;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.niyam.compliance.model.Platform;

/**
 * The platform's records as the job keeps them in state: as given, joined one at a time as the monitor joins them
 * ({@link Platform#joined}), and read as histories ({@link Platform#history}), as {@code evaluate} and the audit read
 * a log's records. Each is written with its {@code type}; one written without (by a job before records were a pack's)
 * is read as the only platform type the class path knows.
 */
final class Profiles {

    private static final TypeReference<List<Platform>> HISTORY = new TypeReference<>() {
    };

    private Profiles() {
    }

    /** The profiles as the JSON array kept in broadcast state. */
    static String text(List<Platform> given) {
        return Json.DEFAULT.text(given);
    }

    /** Profiles read back from {@link #text}. */
    static List<Platform> read(String text) {
        try {
            return List.copyOf(Json.DEFAULT.mapper.readValue(text, HISTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("the job's state is not a profile history this version reads: "
                    + e.getMessage(), e);
        }
    }
}
