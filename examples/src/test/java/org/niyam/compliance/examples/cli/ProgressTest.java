package org.niyam.compliance.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Progress on standard error: shown on a terminal, never when piped; the report itself is the same either way. */
class ProgressTest {

    /** A clock that moves 100 ms each time it is read. */
    private static LongSupplier ticking() {
        AtomicLong now = new AtomicLong();
        return () -> now.addAndGet(100_000_000L);
    }

    @Test
    void quietWhenStandardErrorIsNotATerminal() {
        Cli.Result result = Cli.run(false, ticking(), "audit", "logs/amendment-2026.jsonl");

        assertThat(result.err()).isEmpty();
    }

    @Test
    void onATerminalItShowsEntriesReadTheRateAndWhatWasFound() {
        Cli.Result piped = Cli.run(false, ticking(), "audit", "logs/amendment-2026.jsonl");
        Cli.Result terminal = Cli.run(true, ticking(), "audit", "logs/amendment-2026.jsonl");

        assertThat(terminal.out()).isEqualTo(piped.out());
        assertThat(terminal.err())
                .contains("\rniyam: reading 1 case log (")
                .contains("\rniyam: read 24 entries in 0.1 s (240 a second), 0 rejected\u001b[K\n")
                .contains("\rniyam: evaluating 19 events...")
                .containsPattern("\rniyam: evaluated 19 events in \\d+\\.\\d s \\([\\d,]+ a second\\): 0 breached, "
                        + "0 at risk, 3 met late, 6 open, 0 findings\u001b\\[K\n");
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
