package org.niyam.compliance.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.pack.RulePack;

/** The two ways of auditing a case log that the benchmark compares. */
final class Audits {

    /** The baseline lets events come this far out of time order; the generator's lines come at most 6 h late. */
    static final Duration MAX_DISORDER = Duration.ofDays(1);
    /** The engine's default. */
    static final double AT_RISK_FRACTION = 0.25;

    private Audits() {
    }

    static ComplianceEngine indiaEngine() {
        return indiaEngine(Runtime.getRuntime().availableProcessors());
    }

    /** The India pack engine evaluating on {@code threads} threads. */
    static ComplianceEngine indiaEngine(int threads) {
        return ComplianceEngine.builder().rulePack(RulePack.classpath("org/niyam/compliance/rules/india"))
                .threads(threads).build();
    }

    /** What the engine path gave: counts, and the instant it judged at. */
    record EngineRun(OffsetDateTime asOf, long obligations, long events) {
    }

    /** The engine path in report order. */
    static EngineRun engine(ComplianceEngine engine, Path log, Consumer<Obligation> obligations) {
        return engine(engine, log, obligations, Order.REPORT);
    }

    /** How the engine path delivers its obligations. */
    enum Order {
        /** Report order, as {@code evaluate} gives them: bucket results written, sorted and merged. */
        REPORT("report order"),
        /** {@link CaseLogAudit.Builder#unordered()}: as each group of cases is done, in no order, as the baseline does. */
        ANY("any order");

        final String label;

        Order(String label) {
            this.label = label;
        }
    }

    /**
     * The engine path for a log of any size: {@link CaseLogAudit} as of the latest event, giving each obligation to
     * {@code obligations} as it is delivered (to compare it with the baseline's, or to do nothing, as the streaming
     * baseline does when it is timed). A rejected entry fails the run; so does an unordered audit that would have to
     * start over (the India pack's conclusions never cross cases).
     */
    static EngineRun engine(ComplianceEngine engine, Path log, Consumer<Obligation> obligations, Order order) {
        CaseLogAudit.Builder builder = CaseLogAudit.builder(engine);
        if (order == Order.ANY) {
            builder.unordered();
        }
        CaseLogAudit.Summary summary = builder.build().run(List.of(log), new CaseLogAudit.Sink() {
            @Override
            public void obligation(Obligation obligation) {
                obligations.accept(obligation);
            }

            @Override
            public void finding(Finding finding) {
            }

            @Override
            public void rejected(InputException error) {
                throw new IllegalStateException("an entry of " + log + " was rejected: " + error.getMessage());
            }
        });
        return new EngineRun(summary.asOf(), summary.obligationCount(), summary.events());
    }

    /** The baseline on {@code threads} threads, its work partitioned by case, keeping every result. */
    static BaselineChecker.Outcome baseline(Path log, int threads) {
        try {
            return new BaselineChecker(MAX_DISORDER, AT_RISK_FRACTION).check(log, threads, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The baseline on {@code threads} threads, counting its results by status instead of keeping them. */
    static BaselineChecker.Outcome baselineStreaming(Path log, int threads) {
        try {
            return new BaselineChecker(MAX_DISORDER, AT_RISK_FRACTION).check(log, threads, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
