package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.niyam.compliance.engine.TestPacks.at;
import static org.niyam.compliance.engine.TestPacks.complaint;
import static org.niyam.compliance.engine.TestPacks.evidence;
import static org.niyam.compliance.engine.TestPacks.resolved;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
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
        return ComplianceEngine.builder().rulePack(RulePack.classpath(TestPacks.CLOCK_PACK)).threads(4)
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
    void theExecutorIsRequired() {
        assertThatThrownBy(() -> ComplianceEngine.builder().executor(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("executor");
    }
}
