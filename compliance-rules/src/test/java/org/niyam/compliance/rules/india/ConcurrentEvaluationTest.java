package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.scenario.Coverage;

/**
 * One engine shared by eight threads, each evaluating every generated case log in its own order, gives for each
 * log exactly the report of a run one after another. Likewise one {@link CaseLogReader} and one {@link Coverage}
 * shared by the threads. The seed is printed; replay with {@code -Dniyam.seed=<seed>}.
 */
class ConcurrentEvaluationTest {

    private static final long SEED = Long.getLong("niyam.seed", 8_675_309L);
    private static final int THREADS = 8;
    private static final int LOGS = 240;

    private static final ComplianceEngine ENGINE = IndiaPack.engine();
    private static final List<CaseLogs.Log> LOG_LIST = new ArrayList<>();
    private static ExecutorService pool;

    @BeforeAll
    static void generate() {
        System.out.println("ConcurrentEvaluationTest seed=" + SEED + " (replay with -Dniyam.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int i = 0; i < LOGS; i++) {
            LOG_LIST.add(CaseLogs.generate(random, 4 + random.nextInt(12)));
        }
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /**
     * Runs {@code work(i)} for every log on every thread at once, each thread starting at a different log so that
     * different logs are evaluated at the same moment; returns each thread's results in log order.
     */
    private static <T> List<List<T>> onEveryThread(IntFunction<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<T>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * LOGS / THREADS;
            Callable<List<T>> task = () -> {
                start.await();
                List<T> results = new ArrayList<>(LOGS);
                for (int i = 0; i < LOGS; i++) {
                    results.add(null);
                }
                for (int k = 0; k < LOGS; k++) {
                    int i = (offset + k) % LOGS;
                    results.set(i, work.apply(i));
                }
                return results;
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<List<T>> all = new ArrayList<>();
        for (Future<List<T>> future : futures) {
            all.add(future.get(120, TimeUnit.SECONDS));
        }
        return all;
    }

    @Test
    void one_engine_on_eight_threads_gives_the_reports_of_a_sequential_run() throws Exception {
        List<Report> sequential = new ArrayList<>();
        for (CaseLogs.Log log : LOG_LIST) {
            sequential.add(ENGINE.evaluate(log.evidence(), log.asOf()));
        }
        assertThat(sequential).as("the logs give obligations to compare")
                .allSatisfy(report -> assertThat(report.obligations()).isNotEmpty());

        List<List<Report>> concurrent = onEveryThread(i -> ENGINE.evaluate(LOG_LIST.get(i).evidence(),
                LOG_LIST.get(i).asOf()));

        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < LOGS; i++) {
                assertThat(concurrent.get(t).get(i)).as("seed %d, thread %d, log %d", SEED, t, i)
                        .isEqualTo(sequential.get(i));
            }
        }
    }

    @Test
    void one_reader_on_eight_threads_reads_what_it_reads_alone() throws Exception {
        CaseLogReader reader = CaseLogReader.lenient();
        List<CaseLog> sequential = new ArrayList<>();
        for (int i = 0; i < LOGS; i++) {
            sequential.add(reader.read("log-" + i, new StringReader(LOG_LIST.get(i).text())));
        }

        List<List<CaseLog>> concurrent = onEveryThread(i -> reader.read("log-" + i,
                new StringReader(LOG_LIST.get(i).text())));

        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < LOGS; i++) {
                assertThat(concurrent.get(t).get(i).evidence()).as("seed %d, thread %d, log %d", SEED, t, i)
                        .isEqualTo(sequential.get(i).evidence());
            }
        }
    }

    @Test
    void one_coverage_shared_by_eight_threads_counts_every_firing() throws Exception {
        Coverage alone = new Coverage(ENGINE);
        for (CaseLogs.Log log : LOG_LIST) {
            ENGINE.evaluate(log.evidence(), log.asOf(), alone);
        }
        Coverage shared = new Coverage(ENGINE);

        onEveryThread(i -> ENGINE.evaluate(LOG_LIST.get(i).evidence(), LOG_LIST.get(i).asOf(), shared));

        Map<String, Long> expected = new LinkedHashMap<>();
        alone.firings().forEach((rule, count) -> expected.put(rule, count * THREADS));
        assertThat(shared.firings()).isEqualTo(expected);
        assertThat(shared.fired()).isEqualTo(alone.fired());
    }
}
