package org.niyam.compliance.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * The platform's record and standing facts, for the header of a streamed report, found without reading the events:
 * in a JSON Lines log only the lines that name one of the registry's platform or standing-fact types (such as
 * {@code PlatformProfile} and {@code OfficerAppointment}) are parsed (a byte search, a small part of an audit's
 * time); a JSON array is read entry by entry. The first record counts, as when the logs are read whole; anything
 * rejected here is left to the audit, which reports it.
 *
 * @param platform     the first valid platform record, or {@code null}
 * @param appointments distinct valid standing facts
 */
record PlatformScan(Platform platform, int appointments) {

    static PlatformScan of(List<Path> files, EventTypes types) {
        Handler handler = new Handler();
        List<String> names = new ArrayList<>(types.platformTypes().keySet());
        names.addAll(types.factTypes().keySet());
        Search search = new Search(names.stream().map(PlatformScan::bytes).toArray(byte[][]::new));
        CaseLogReader reader = CaseLogReader.lenient().withEventTypes(types);
        for (Path file : files) {
            try {
                if (isJsonArray(file)) {
                    reader.scan(file, handler);
                } else {
                    String candidates = search.names.length == 0 ? "" : candidateLines(file, search);
                    if (!candidates.isEmpty()) {
                        reader.scan(file.toString(), new StringReader(candidates), handler);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new PlatformScan(handler.platform, handler.appointments.size());
    }

    private static boolean isJsonArray(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF);
            return b == '[';
        }
    }

    /** The lines that name a platform profile or an appointment, each followed by a newline. */
    private static String candidateLines(Path file, Search search) throws IOException {
        StringBuilder found = new StringBuilder();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int start = 0;
            int end = 0;
            boolean skipping = false; // inside a line too long for the reader: it names nothing the audit will read
            while (true) {
                // The last newline read: the lines before it are searched together (a name holds no newline).
                int newline = -1;
                for (int i = end - 1; i >= start; i--) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline < 0) {
                    if (start > 0) {
                        System.arraycopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buffer.length) {
                        if (buffer.length >= MAX_LINE_BYTES) {
                            skipping = true;
                            end = 0;
                        } else {
                            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                        }
                    }
                    int read = in.read(buffer, end, buffer.length - end);
                    if (read < 0) {
                        if (!skipping) {
                            keepIfNamed(buffer, start, end, found, search);
                        }
                        return found.toString();
                    }
                    end += read;
                    continue;
                }
                if (skipping) {
                    while (buffer[start] != '\n') {
                        start++;
                    }
                    start++;
                    skipping = false;
                }
                if (start <= newline) {
                    keepNamedLines(buffer, start, newline, found, search);
                }
                start = newline + 1;
            }
        }
    }

    /** A line the reader takes holds at most {@link CaseLogReader#MAX_LINE_LENGTH} characters of 4 bytes at most. */
    private static final int MAX_LINE_BYTES = 4 * CaseLogReader.MAX_LINE_LENGTH;

    /** The names searched for, each with its shifts (see {@link #contains}). */
    private record Search(byte[][] names, int[][] shifts) {
        Search(byte[][] names) {
            this(names, java.util.Arrays.stream(names).map(PlatformScan::shifts).toArray(int[][]::new));
        }

        boolean anyIn(byte[] bytes, int from, int to) {
            for (int i = 0; i < names.length; i++) {
                if (contains(bytes, from, to, names[i], shifts[i])) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Keeps the lines of {@code bytes[from, to)} (whole lines, the last without its newline) that name any. */
    private static void keepNamedLines(byte[] bytes, int from, int to, StringBuilder found, Search search) {
        if (!search.anyIn(bytes, from, to)) {
            return;
        }
        int line = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                keepIfNamed(bytes, line, i, found, search);
                line = i + 1;
            }
        }
        keepIfNamed(bytes, line, to, found, search);
    }

    private static void keepIfNamed(byte[] line, int from, int to, StringBuilder found, Search search) {
        if (search.anyIn(line, from, to)) {
            found.append(new String(line, from, to - from, StandardCharsets.UTF_8)).append('\n');
        }
    }

    /**
     * Whether {@code name} occurs in {@code bytes[from, to)}: Horspool's search, which steps over most of a line by the
     * byte under the name's last position (a plain scan compared every byte, a few percent of an audit's time).
     */
    static boolean contains(byte[] bytes, int from, int to, byte[] name) {
        return contains(bytes, from, to, name, shifts(name));
    }

    private static boolean contains(byte[] bytes, int from, int to, byte[] name, int[] shift) {
        int last = name.length - 1;
        for (int i = from; i + last < to; i += shift[bytes[i + last] & 0xFF]) {
            int j = last;
            while (j >= 0 && bytes[i + j] == name[j]) {
                j--;
            }
            if (j < 0) {
                return true;
            }
        }
        return false;
    }


    /** For each byte, how far the name may move when that byte is under its last position. */
    private static int[] shifts(byte[] name) {
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, name.length);
        for (int i = 0; i < name.length - 1; i++) {
            shift[name[i] & 0xFF] = name.length - 1 - i;
        }
        return shift;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Handler implements CaseLogReader.EntryHandler {
        Platform platform;
        final Map<List<Object>, StandingFact> appointments = new LinkedHashMap<>();

        @Override
        public void platform(String source, int line, Platform profile) {
            if (platform == null) {
                platform = profile;
            }
        }

        @Override
        public void fact(String source, int line, StandingFact fact) {
            appointments.putIfAbsent(List.of(fact.getClass(), fact.id()), fact);
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
        }

        @Override
        public void rejected(InputException error) {
        }
    }
}
