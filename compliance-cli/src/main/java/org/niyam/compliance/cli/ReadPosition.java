package org.niyam.compliance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a streamed audit has read its logs, for {@link Progress}: every 250 ms, the offset of each log in this
 * process's open files (Linux's {@code /proc/self/fdinfo}; elsewhere nothing is shown), and the lines up to it,
 * counted by reading the file again from where the last count stopped (from the page cache: a small part of the
 * audit's time). Runs only while progress is shown.
 */
final class ReadPosition implements AutoCloseable {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final long INTERVAL_MILLIS = 250;

    private final List<Path> files;
    private final long[] sizes;
    private final long[] counted;
    private final long[] lines;
    private final Progress progress;
    private final Thread thread;
    private volatile boolean done;

    private ReadPosition(List<Path> files, Progress progress) {
        this.files = files.stream().map(ReadPosition::real).toList();
        this.sizes = new long[files.size()];
        this.counted = new long[files.size()];
        this.lines = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            try {
                sizes[i] = Files.size(files.get(i));
            } catch (IOException e) {
                sizes[i] = 0;
            }
        }
        this.progress = progress;
        this.thread = new Thread(this::watch, "niyam-progress");
        this.thread.setDaemon(true);
    }

    /** Watches the files while the audit runs, if progress is shown and the system tells open files' offsets. */
    static ReadPosition watch(List<Path> files, Progress progress) {
        ReadPosition watch = new ReadPosition(files, progress);
        if (progress.on() && progress.watchesFiles() && Files.isDirectory(FDS)) {
            watch.thread.start();
        }
        return watch;
    }

    private void watch() {
        while (!done) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long bytes = 0;
            long entries = 0;
            List<Long> open = openOffsets();
            for (int i = 0; i < files.size(); i++) {
                long position = open.get(i) >= 0 ? open.get(i) : counted[i] > 0 ? sizes[i] : 0;
                count(i, Math.min(position, sizes[i]));
                bytes += counted[i];
                entries += lines[i];
            }
            progress.readTo(bytes, entries);
        }
    }

    /** Each file's offset where it is open in this process, or -1. */
    private List<Long> openOffsets() {
        List<Long> offsets = new ArrayList<>();
        files.forEach(f -> offsets.add(-1L));
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                int i = files.indexOf(target);
                if (i >= 0) {
                    for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                        if (line.startsWith("pos:")) {
                            offsets.set(i, Math.max(offsets.get(i), Long.parseLong(line.substring(4).trim())));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no offsets this time
        }
        return offsets;
    }

    /** Counts the lines of file {@code i} up to {@code position}. */
    private void count(int i, long position) {
        if (position <= counted[i]) {
            return;
        }
        try (InputStream in = Files.newInputStream(files.get(i))) {
            in.skipNBytes(counted[i]);
            byte[] buffer = new byte[1 << 16];
            long left = position - counted[i];
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                for (int k = 0; k < read; k++) {
                    if (buffer[k] == '\n') {
                        lines[i]++;
                    }
                }
                left -= read;
                counted[i] += read;
            }
        } catch (IOException e) {
            // counted up to where it could
        }
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath();
        }
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
    }
}
