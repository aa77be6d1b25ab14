package org.niyam.compliance.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The options that choose how and where a report is written: {@code --format}, {@code --out}. */
final class Output {

    static final CommandOption OUT = CommandOption.value("--out", "FILE",
            "Write the report to FILE instead of standard output.");

    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.value("--format", "FORMAT", "text (the default), json or html."), OUT);

    static final List<CommandOption> AUDIT_OPTIONS = List.of(
            CommandOption.value("--format", "FORMAT", "text (the default), json (one document), jsonl (JSON Lines: a "
                    + "line for each obligation, finding and rejected entry, then a summary line) or html (counts, "
                    + "and at most 100 items to act on under each clause)."), OUT);

    private Output() {
    }

    /** The format asked for: text, json or html. */
    static String format(Args args) {
        String format = args.value("--format", "text");
        if (!Set.of("text", "json", "html").contains(format)) {
            throw new UsageException("--format must be text, json or html: " + format);
        }
        return format;
    }

    /** The format asked of {@code niyam audit}: text, json, jsonl or html. */
    static String auditFormat(Args args) {
        String format = args.value("--format", "text");
        if (!Set.of("text", "json", "jsonl", "html").contains(format)) {
            throw new UsageException("--format must be text, json, jsonl or html: " + format);
        }
        return format;
    }

    /** Writes the report to {@code --out} or standard output. */
    static void write(String report, Args args, Io io) {
        String out = args.value("--out", null);
        if (out == null) {
            io.out().print(report);
            io.out().flush();
            return;
        }
        Path file = io.path(out);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        io.err().println("niyam: wrote " + out);
    }
}
