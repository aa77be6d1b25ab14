package org.niyam.compliance.io.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, as {@link java.io.BufferedReader#readLine()} does (a line ends at {@code \n}, {@code \r}
 * or {@code \r\n}), but never holds more than {@code maxLength} characters of a line: a longer line is read to its
 * end and counted, its text dropped. A 3 GiB line costs a pass over it, not 3 GiB of memory. Not thread-safe. Not API.
 */
public final class LineReader {

    private static final int BUFFER = 64 * 1024;

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[BUFFER];
    private int position;
    private int limit;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that line. */
    private boolean skipNewline;
    private final StringBuilder partial = new StringBuilder();
    private long length;
    private boolean tooLong;

    public LineReader(Reader in, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1: " + maxLength);
        }
        this.in = in;
        this.maxLength = maxLength;
    }

    /**
     * The next line without its terminator; {@code null} at the end of the text, and also for a line longer than the
     * maximum (then {@link #tooLong()} is true and {@link #length()} its length).
     */
    public String next() throws IOException {
        partial.setLength(0);
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read <= 0) {
                    if (read == 0) {
                        continue; // a Reader that returns 0 is still open
                    }
                    return any ? finish(null, 0, 0) : null;
                }
                position = 0;
                limit = read;
            }
            if (skipNewline) {
                skipNewline = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            position = end;
            if (end < limit) {
                skipNewline = buffer[end] == '\r';
                position++;
                return finish(buffer, start, end - start);
            }
            keep(buffer, start, end - start);
        }
    }

    /** Whether the line {@link #next()} last returned as {@code null} was longer than the maximum. */
    public boolean tooLong() {
        return tooLong;
    }

    /** The length in characters of the line last read, whether kept or not. */
    public long length() {
        return length;
    }

    private void keep(char[] chars, int start, int count) {
        length += count;
        if (!tooLong && length > maxLength) {
            tooLong = true;
            partial.setLength(0);
            partial.trimToSize();
        }
        if (!tooLong) {
            partial.append(chars, start, count);
        }
    }

    private String finish(char[] chars, int start, int count) {
        if (partial.isEmpty() && !tooLong && count <= maxLength) {
            length = count;
            return new String(chars == null ? buffer : chars, start, count);
        }
        if (count > 0) {
            keep(chars, start, count);
        }
        return tooLong ? null : partial.toString();
    }
}
