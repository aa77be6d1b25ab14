package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * An audit through bucket files finds exactly what reading the log and evaluating it in memory finds: the same
 * obligations and findings in the same order, the same rejected lines, the same counts, whatever the number of
 * buckets and threads.
 * The seed is printed; replay with {@code -Dniyam.seed=<seed>}.
 */
class CaseLogAuditTest {

    private static final long SEED = Long.getLong("niyam.seed", 20_261_130L);

    private static final ComplianceEngine TWO_THREADS = IndiaPack.builder().threads(2).eventsPerSession(3).build();
    private static final ComplianceEngine ONE_THREAD = IndiaPack.builder().threads(1).build();

    @TempDir
    Path dir;

    /**
     * What a sink was given. Fails when two calls overlap: an unordered audit calls from the engine's threads, one
     * call at a time. Does not implement {@code startOver}, which the India pack never needs.
     */
    private static final class Collected implements CaseLogAudit.Sink {
        final List<Obligation> obligations = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean inCall = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void obligation(Obligation obligation) {
            enter();
            obligations.add(obligation);
            inCall.set(false);
        }

        @Override
        public void finding(Finding finding) {
            enter();
            findings.add(finding);
            inCall.set(false);
        }

        private void enter() {
            if (!inCall.compareAndSet(false, true)) {
                throw new AssertionError("two calls of the sink at once");
            }
        }

        @Override
        public void rejected(InputException error) {
            rejected.add(error.getMessage());
        }
    }

    @Test
    void the_sink_gets_obligations_in_the_order_of_evaluate_whatever_the_threads() throws IOException {
        System.out.println("CaseLogAuditTest order seed=" + SEED);
        Random random = new Random(SEED);
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 12; n++) {
            int copy = n;
            text.append(CaseLogs.generate(random, 400).text().lines()
                    .map(line -> line.replace("\"id\":\"e", "\"id\":\"l" + copy + "-e")
                            .replace("\"caseId\":\"case-", "\"caseId\":\"l" + copy + "-case-"))
                    .filter(line -> copy == 0 || line.contains("\"caseId\""))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        Path file = dir.resolve("large.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        var evidence = CaseLogReader.lenient().read(file).evidence();
        Report expected = ONE_THREAD.evaluate(evidence, evidence.events().stream().map(e -> e.at())
                .max(Comparator.comparing(at -> at.toInstant())).orElseThrow());
        assertThat(expected.obligations()).isNotEmpty();
        for (int threads : new int[] {1, 2, 4}) {
            Collected sink = new Collected();
            CaseLogAudit.Summary summary = CaseLogAudit.builder(IndiaPack.builder().threads(threads).build())
                    .workDirectory(dir).build().run(List.of(file), sink);
            assertThat(summary.buckets()).as("the log is spread over several buckets").isGreaterThan(1);
            assertThat(sink.obligations).as("%d threads: evaluate's order", threads)
                    .containsExactlyElementsOf(expected.obligations());
            assertThat(sink.findings).as("%d threads: evaluate's order", threads)
                    .containsExactlyElementsOf(expected.findings());
        }
    }

    @Test
    void an_audit_finds_what_evaluating_the_whole_log_finds() throws IOException {
        System.out.println("CaseLogAuditTest seed=" + SEED + " (replay with -Dniyam.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int n = 0; n < 40; n++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(30));
            String text = n % 2 == 0 ? log.text() : CaseLogs.mutate(log, random).text();
            Path file = dir.resolve("log-" + n + ".jsonl");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            CaseLogReader.CaseLog read = CaseLogReader.lenient().read(file);
            Report expected = ONE_THREAD.evaluate(read.evidence(), log.asOf());

            for (ComplianceEngine engine : List.of(TWO_THREADS, ONE_THREAD)) {
                for (int perBucket : new int[] {1, 4, 100_000}) {
                    for (boolean unordered : new boolean[] {false, true}) {
                        // Buckets in files, in memory, and in memory until the sixth event, then in files.
                        long inMemory = new long[] {0, Long.MAX_VALUE, 5}[(n + perBucket + (unordered ? 1 : 0)) % 3];
                        String where = "seed " + SEED + ", log " + n + ", " + perBucket + " events per bucket"
                                + (unordered ? ", unordered" : "") + ", " + inMemory + " in memory";
                        Collected sink = new Collected();
                        CaseLogAudit.Builder audit = CaseLogAudit.builder(engine).asOf(log.asOf())
                                .eventsPerBucket(perBucket).eventsInMemory(inMemory).workDirectory(dir);
                        CaseLogAudit.Summary summary = (unordered ? audit.unordered() : audit).build()
                                .run(List.of(file), sink);
                        if (unordered) {
                            assertThat(sink.obligations).as("in any order, " + where)
                                    .containsExactlyInAnyOrderElementsOf(expected.obligations());
                            assertThat(sink.findings).as("in any order, " + where)
                                    .containsExactlyInAnyOrderElementsOf(expected.findings());
                        } else {
                            assertThat(sink.obligations).as("in report order, " + where)
                                    .containsExactlyElementsOf(expected.obligations());
                            assertThat(sink.findings).as("in report order, " + where)
                                    .containsExactlyElementsOf(expected.findings());
                        }
                        assertThat(sink.rejected).as(where).containsExactlyInAnyOrderElementsOf(
                                read.rejected().stream().map(InputException::getMessage).toList());
                        assertThat(summary.entries()).as(where).isEqualTo(read.entries());
                        assertThat(summary.duplicates()).as(where).isEqualTo(read.duplicates());
                        assertThat(summary.rejected()).as(where).isEqualTo(read.rejected().size());
                        assertThat(summary.obligationCount()).as(where).isEqualTo(expected.obligations().size());
                        assertThat(summary.findings()).as(where).isEqualTo(expected.findings().size());
                        assertThat(summary.oneSession()).as(where).isNull();
                    }
                }
            }
        }
        assertThat(TWO_THREADS.oneSessionReason()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.filter(Files::isDirectory)).as("work directories are deleted").isEmpty();
        }
    }

    @Test
    void the_performance_page_example_of_an_unordered_audit_counts_what_an_ordered_audit_counts() throws IOException {
        Path file = dir.resolve("example.jsonl");
        Files.writeString(file, CaseLogs.generate(new Random(SEED), 40).text(), StandardCharsets.UTF_8);
        ComplianceEngine engine = TWO_THREADS;
        List<Path> logs = List.of(file);
        // docs/performance.md:start
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        CaseLogAudit.builder(engine).unordered().build().run(logs, new CaseLogAudit.Sink() {
            public void obligation(Obligation o) { byStatus.merge(o.status(), 1L, Long::sum); } // one call at a time
            public void finding(Finding f) { }
            public void startOver(String reason) { byStatus.clear(); } // the whole report follows
        });
        // docs/performance.md:end
        CaseLogAudit.Summary ordered = CaseLogAudit.builder(engine).workDirectory(dir).build().run(logs, new Collected());
        assertThat(byStatus).isNotEmpty().isEqualTo(ordered.obligations());

        String source = Files.readString(Path.of("src/test/java/org/niyam/compliance/rules/india/CaseLogAuditTest.java"));
        Matcher code = Pattern.compile("// docs/performance.md:start\\n(.*?)\\n\\s*// docs/performance.md:end",
                Pattern.DOTALL).matcher(source);
        assertThat(code.find()).isTrue();
        String snippet = code.group(1).stripIndent().strip();
        assertThat(Files.readString(Path.of("..", "docs", "performance.md"))).as("docs/performance.md's example")
                .contains("```java\n" + snippet + "\n```");
    }

    @Test
    void a_reader_parsing_on_several_threads_reads_what_one_thread_reads() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < 60; n++) {
            CaseLogs.Log log = CaseLogs.generate(random, 1 + random.nextInt(30));
            String text = CaseLogs.mutate(log, random).text();
            CaseLogReader.CaseLog one = CaseLogReader.lenient().read("log", new StringReader(text));
            CaseLogReader.CaseLog three = CaseLogReader.lenient().withThreads(3).read("log", new StringReader(text));
            assertThat(three.evidence()).as("log %d", n).isEqualTo(one.evidence());
            assertThat(three.rejected()).extracting(InputException::getMessage).as("log %d", n)
                    .containsExactlyElementsOf(one.rejected().stream().map(InputException::getMessage).toList());
            assertThat(three.entries()).isEqualTo(one.entries());
            assertThat(three.duplicates()).isEqualTo(one.duplicates());
            String first = one.rejected().isEmpty() ? null : one.rejected().get(0).getMessage();
            if (first != null) {
                assertThatThrownBy(() -> CaseLogReader.strict().withThreads(3).read("log", new StringReader(text)))
                        .as("log %d, strict", n).hasMessage(first);
            }
        }
    }

    @Test
    void without_an_instant_the_evidence_is_judged_at_its_latest_event() throws IOException {
        CaseLogs.Log log = CaseLogs.generate(new Random(SEED), 12);
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, log.text(), StandardCharsets.UTF_8);
        CaseLogAudit.Summary summary = CaseLogAudit.builder(TWO_THREADS).workDirectory(dir).build()
                .run(List.of(file), new Collected());
        assertThat(summary.asOf().toInstant()).isEqualTo(log.evidence().events().stream()
                .map(e -> e.at().toInstant()).max(Comparator.naturalOrder()).orElseThrow());
    }

    @Test
    void a_strict_audit_stops_at_the_first_bad_entry() throws IOException {
        CaseLogs.Log log = CaseLogs.generate(new Random(SEED), 5);
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, log.text() + "{\"type\": \"ComplaintReceived\"}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CaseLogAudit.builder(TWO_THREADS).strict().workDirectory(dir).build()
                .run(List.of(file), new Collected()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(":" + (log.lines().size() + 1));
        assertThatThrownBy(() -> CaseLogReader.strict().read("x", new StringReader("{")))
                .isInstanceOf(InputException.class);
    }
}
