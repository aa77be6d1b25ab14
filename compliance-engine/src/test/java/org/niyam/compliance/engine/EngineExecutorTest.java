package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/** {@link ComplianceEngine.Builder#executor}: an evaluation's helper work runs on the caller's pool, same report. */
class EngineExecutorTest {

    private static final OffsetDateTime T = at("2026-03-02T10:00:00+05:30");

    /** Twelve cases, half of them resolved: several sessions of one case each on four threads. */
    private static Evidence twelveCases() {
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(complaint("c" + i, "case-" + i, T.plusHours(i)));
            if (i % 2 == 0) {
                events.add(resolved("r" + i, "case-" + i, T.plusHours(i + 1)));
            }
        }
        return evidence(events.toArray(CaseEvent[]::new));
    }

    private static ComplianceEngine.Builder engine() {
        return ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES).rulePack(RulePack.classpath(TestPacks.CLOCK_PACK))
                .threads(4)
                .eventsPerSession(1);
    }

    @Test
    void helperWorkRunsOnTheGivenExecutorWithTheSameReport() {
        Report expected = engine().build().evaluate(twelveCases(), T.plusDays(30));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            AtomicInteger submitted = new AtomicInteger();
            ComplianceEngine engine = engine().executor(task -> {
                submitted.incrementAndGet();
                pool.execute(task);
            }).build();
            Report report = engine.evaluate(twelveCases(), T.plusDays(30));
            assertThat(report).isEqualTo(expected);
            assertThat(submitted.get()).as("helper tasks given to the executor").isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRunsNothingOrRejectsStillGivesTheReport() {
        Report expected = engine().build().evaluate(twelveCases(), T.plusDays(30));
        List<Runnable> neverRun = new ArrayList<>();
        assertThat(engine().executor(neverRun::add).build().evaluate(twelveCases(), T.plusDays(30)))
                .isEqualTo(expected);
        assertThat(neverRun).hasSize(3);
        neverRun.forEach(Runnable::run); // started after the evaluation: find nothing to do
        assertThat(engine().executor(task -> {
            throw new RejectedExecutionException("saturated");
        }).build().evaluate(twelveCases(), T.plusDays(30))).isEqualTo(expected);
        assertThat(engine().executor(Runnable::run).build().evaluate(twelveCases(), T.plusDays(30)))
                .isEqualTo(expected);
    }

    @Test
    void aReaderParsesOnTheGivenExecutorWithTheSameResult() {
        StringBuilder log = new StringBuilder(CaseLogReaderTest.PLATFORM).append('\n');
        for (int i = 0; i < 6; i++) {
            log.append(CaseLogReaderTest.COMPLAINT.replace("e1", "e" + i).replace("case-1", "case-" + i)).append('\n');
        }
        log.append("{\"type\": \"NoSuchEvent\"}\n");
        CaseLogReader.CaseLog expected = CaseLogReader.lenient().read("log.jsonl", new StringReader(log.toString()));
        List<Runnable> submitted = new ArrayList<>();
        CaseLogReader.CaseLog read = CaseLogReader.lenient().withThreads(2, task -> {
            submitted.add(task);
            task.run();
        }).read("log.jsonl", new StringReader(log.toString()));
        assertThat(read.evidence()).isEqualTo(expected.evidence());
        assertThat(read.evidence().events()).hasSize(6);
        assertThat(read.rejected()).map(InputException::getMessage)
                .containsExactlyElementsOf(expected.rejected().stream().map(InputException::getMessage).toList())
                .hasSize(1);
        assertThat(submitted).hasSize(1);
    }

    @Test
    void anAuditOfTheEngineParsesOnItsExecutor(@TempDir Path work) throws IOException {
        StringBuilder log = new StringBuilder(CaseLogReaderTest.PLATFORM).append('\n');
        for (int i = 0; i < 6; i++) {
            log.append(CaseLogReaderTest.COMPLAINT.replace("e1", "e" + i).replace("case-1", "case-" + i)).append('\n');
        }
        Path file = work.resolve("log.jsonl");
        Files.writeString(file, log.toString());
        List<Runnable> submitted = new ArrayList<>();
        // One session: the evaluation itself gives the executor nothing, so what it gets is the reading's work.
        ComplianceEngine engine = engine().threads(2).oneSession().executor(task -> {
            submitted.add(task);
            task.run();
        }).build();
        Report expected = engine.evaluate(CaseLogReader.strict().read(file).evidence(), T.plusDays(30));
        assertThat(submitted).as("an evaluation in one session").isEmpty();
        CollectingSink delivered = new CollectingSink();
        CaseLogAudit.builder(engine).asOf(T.plusDays(30)).workDirectory(work).build().run(List.of(file), delivered);
        assertThat(delivered.obligations).containsExactlyInAnyOrderElementsOf(expected.obligations());
        assertThat(submitted).as("the audit's reading pass").isNotEmpty();
        int afterAudit = submitted.size();
        CaseLogReader.lenient().withThreads(2).read(file);
        assertThat(submitted).as("a reader of its own keeps its own threads").hasSize(afterAudit);
    }

    @Test
    void theExecutorIsRequired() {
        assertThatThrownBy(() -> ComplianceEngine.builder().executor(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("executor");
        assertThatThrownBy(() -> CaseLogReader.lenient().withThreads(2, null))
                .isInstanceOf(NullPointerException.class).hasMessage("executor");
    }
}
