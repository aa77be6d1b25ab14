package org.niyam.compliance.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a streamed report goes: {@code --out FILE} or standard output, opened at the first byte, so that an audit
 * that fails before it has anything to say leaves no file behind and writes nothing to standard output.
 */
final class LazyOutput extends OutputStream {

    private final String out;
    private final Io io;
    private OutputStream target;

    LazyOutput(Args args, Io io) {
        this.out = args.value("--out", null);
        this.io = io;
    }

    private OutputStream target() throws IOException {
        if (target == null) {
            if (out == null) {
                target = new BufferedOutputStream(io.out(), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                };
            } else {
                Path file = io.path(out);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                target = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
        }
        return target;
    }

    @Override
    public void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        target().write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (target != null) {
            target.flush();
        }
    }

    /** Closes the file, or flushes standard output; says where a file was written. */
    @Override
    public void close() {
        try {
            target().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (out == null ? "standard output" : out) + ": "
                    + e.getMessage(), e);
        }
        if (out != null) {
            io.err().println("niyam: wrote " + out);
        }
    }
}
