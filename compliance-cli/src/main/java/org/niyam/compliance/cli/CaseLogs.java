package org.niyam.compliance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.report.TextReport;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;

/** Reading the case logs named on the command line, leniently or strictly, reporting what was rejected. */
final class CaseLogs {

    static final List<CommandOption> OPTIONS = List.of(CommandOption.flag("--strict", "Stop at the first bad line. "
            + "By default a bad line (malformed JSON, an unknown type, a missing or mistyped field) is left out and "
            + "counted, and listed on standard error as FILE:LINE: FIELD: MESSAGE (the first " + RejectedEntries.LISTED
            + ", then how many more and where every one is); every valid line is used."));

    private CaseLogs() {
    }

    /**
     * What was read, in the JSON reports. {@code appointments} counts the standing facts (officer appointments, for
     * the India pack), under the name the reports' format has always given it; {@code replaced} the standing-fact
     * lines that replaced one read before with the same type and id (the last read is the fact).
     */
    record Input(long entries, int platformProfiles, int appointments, long events, long duplicates, long replaced,
                 long rejected) {

        static Input of(CaseLog log) {
            return new Input(log.entries(), log.evidence().platform() == null ? 0 : 1,
                    log.evidence().facts().size(), log.evidence().events().size(), log.duplicates(), log.replaced(),
                    log.rejected().size());
        }
    }

    /** One rejected entry, in the JSON reports. */
    record Rejected(String source, int line, String field, String message) {
    }

    /**
     * The files named, each checked to be a regular file: a device such as {@code /dev/zero} or a pipe could be read
     * without end.
     */
    static List<Path> files(List<String> given, Io io) {
        if (given.isEmpty()) {
            throw new UsageException("no case log given");
        }
        List<Path> files = new ArrayList<>();
        for (String name : given) {
            files.add(file(name, io));
        }
        return files;
    }

    /**
     * One case log named on the command line, checked to be a regular file: a directory, a device or a pipe is
     * refused, saying which it is.
     */
    static Path file(String name, Io io) {
        Path file = io.path(name);
        if (!Files.exists(file)) {
            throw new UsageException("no such file: " + name);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(name + " is a directory, not a case log file: give the case log files in it");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(name + " is not a regular file (a device, a pipe or a socket): save the "
                    + "case log to a file and give that");
        }
        return file;
    }

    /** {@code FILE:LINE: FIELD: MESSAGE}, leaving out the parts that are unknown. */
    static String located(InputException e) {
        StringBuilder text = new StringBuilder(e.source());
        if (e.line() > 0) {
            text.append(':').append(e.line());
        }
        if (!e.field().isEmpty()) {
            text.append(": ").append(e.field());
        }
        // A problem may quote the input, which may hold a newline or a terminal escape.
        return TextReport.printable(text.append(": ").append(e.problem()).toString());
    }

    /** The latest event instant, or {@code null} when there is no event. */
    static OffsetDateTime latestEvent(CaseLog log) {
        OffsetDateTime latest = null;
        for (CaseEvent event : log.evidence().events()) {
            if (latest == null || event.at().isAfter(latest)) {
                latest = event.at();
            }
        }
        return latest;
    }

    /** An instant given as an option: ISO-8601 with offset, in the years a case log may hold. */
    static OffsetDateTime instant(String option, String value) {
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " needs an ISO-8601 instant with offset, e.g. 2026-03-01T00:00:00+05:30: "
                    + value);
        }
        if (instant.isBefore(CaseLogReader.EARLIEST_INSTANT) || !instant.isBefore(CaseLogReader.LATEST_INSTANT)) {
            throw new UsageException(option + " must be from " + CaseLogReader.EARLIEST_INSTANT + " and before "
                    + CaseLogReader.LATEST_INSTANT + ", as every instant of a case log: " + value);
        }
        return instant;
    }

    /**
     * "24 entries: 1 platform profile, 4 standing facts, 19 events; 0 duplicates; 0 rejected", and before
     * "rejected", when a standing-fact line replaced one read before, "1 replacing an earlier line; ".
     */
    static String summary(CaseLog log) {
        return summary(Input.of(log));
    }

    /** The same, from the counts of a streamed audit. */
    static String summary(Input input) {
        return input.entries() + (input.entries() == 1 ? " entry: " : " entries: ")
                + (input.platformProfiles() == 0 ? "no platform profile" : "1 platform profile") + ", "
                + input.appointments() + (input.appointments() == 1 ? " standing fact, " : " standing facts, ")
                + input.events() + (input.events() == 1 ? " event; " : " events; ")
                + input.duplicates() + (input.duplicates() == 1 ? " duplicate; " : " duplicates; ")
                + (input.replaced() == 0 ? "" : input.replaced() + " replacing an earlier line; ")
                + input.rejected() + " rejected";
    }
}
