package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.Status;

/** Progress on standard error: shown on a terminal, never when piped; the report itself is the same either way. */
class ProgressTest {

    /** A clock that moves 100 ms each time it is read. */
    private static LongSupplier ticking() {
        AtomicLong now = new AtomicLong();
        return () -> now.addAndGet(100_000_000L);
    }

    @Test
    void quietWhenStandardErrorIsNotATerminal() {
        Cli.Result result = Cli.run(false, ticking(), "audit", "../examples/logs/amendment-2026.jsonl");

        assertThat(result.err()).isEmpty();
    }

    @Test
    void onATerminalAShortAuditShowsNothingAndTheReportIsTheSame() {
        Cli.Result piped = Cli.run(false, ticking(), "audit", "../examples/logs/amendment-2026.jsonl");
        Cli.Result terminal = Cli.run(true, ticking(), "audit", "../examples/logs/amendment-2026.jsonl");

        assertThat(terminal.out()).isEqualTo(piped.out());
        assertThat(terminal.err()).isEmpty();
    }

    @Test
    void aLongAuditShowsEntriesReadTheRateTheTimeLeftAndWhatWasFound(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("cases.jsonl");
        Files.write(log, new byte[1_000_000]);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, now::get);

        progress.auditing(List.of(log));
        now.set(1_000_000_000L);
        progress.readTo(100_000, 800);
        String quiet = err.toString(StandardCharsets.UTF_8);
        now.set(4_000_000_000L);
        progress.readTo(400_000, 3_200);
        String reading = err.toString(StandardCharsets.UTF_8);
        now.set(9_000_000_000L);
        progress.audited(8_000, Map.of(Status.BREACHED, 2L, Status.OPEN, 5L), 1);

        assertThat(quiet).as("nothing in the first two seconds").isEmpty();
        assertThat(reading).isEqualTo("\rniyam: reading: 3,200 entries (800 a second), 390.6 KB of 976.6 KB (40%), "
                + "about 6 s left to read\u001b[K");
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\rniyam: audited 8,000 entries in 9.0 s (889 a "
                + "second): 2 breached, 0 at risk, 0 met late, 5 open, 1 findings\u001b[K\n");
    }

    @Test
    void ruleFiringsAreCountedAsTheyHappenAtMostFourTimesASecond() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, now::get);

        progress.evaluating(1_000);
        for (int i = 0; i < 256; i++) {
            progress.ruleFired("r");
        }
        String quick = err.toString(StandardCharsets.UTF_8);
        now.set(2_000_000_000L);
        for (int i = 0; i < 256; i++) {
            progress.ruleFired("r");
        }

        assertThat(quick).doesNotContain("rule firings");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .endsWith("\rniyam: evaluating 1,000 events: 512 rule firings so far (256 a second)\u001b[K");
    }

    @Test
    void entriesReadAreShownWhileALongLogIsRead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, now::get);

        progress.reading(java.util.List.of());
        progress.entriesRead(4_096, 0);
        String quick = err.toString(StandardCharsets.UTF_8);
        now.set(1_000_000_000L);
        progress.entriesRead(8_192, 3);

        assertThat(quick).doesNotContain("entries (");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .endsWith("\rniyam: reading: 8,192 entries (8,192 a second), 3 rejected so far\u001b[K");
    }

    @Test
    void offPrintsNothingAtAll() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, ticking());

        progress.evaluating(10);
        for (int i = 0; i < 10_000; i++) {
            progress.ruleFired("r");
        }

        assertThat(err.size()).isZero();
    }
}
