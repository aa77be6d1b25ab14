package org.niyam.compliance.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import org.niyam.compliance.engine.CaseLogReader;
import org.niyam.compliance.engine.CaseLogReader.CaseLog;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.RulePack;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Report;

/** The two ways of auditing a case log that the benchmark compares. */
final class Audits {

    /** The baseline lets events come this far out of time order; the generator's lines come at most 6 h late. */
    static final Duration MAX_DISORDER = Duration.ofDays(1);
    /** The engine's default. */
    static final double AT_RISK_FRACTION = 0.25;

    private Audits() {
    }

    static ComplianceEngine indiaEngine() {
        return ComplianceEngine.builder().rulePack(RulePack.classpath("org/niyam/compliance/rules/india")).build();
    }

    /** What the engine path gave, and how long reading and evaluating took. */
    record EngineRun(Report report, long events, long readNanos, long evaluateNanos) {
    }

    /**
     * The engine path as {@code niyam audit} takes it: read the log with {@link CaseLogReader}, then evaluate the
     * evidence as of its latest event.
     */
    static EngineRun engine(ComplianceEngine engine, Path log) {
        long start = System.nanoTime();
        CaseLog read = CaseLogReader.lenient().read(log);
        if (!read.rejected().isEmpty()) {
            throw new IllegalStateException(read.rejected().size() + " entries of " + log + " were rejected, the first: "
                    + read.rejected().get(0).getMessage());
        }
        Evidence evidence = read.evidence();
        OffsetDateTime asOf = evidence.events().stream().map(CaseEvent::at)
                .max(Comparator.comparing(OffsetDateTime::toInstant))
                .orElseThrow(() -> new IllegalStateException(log + " has no events"));
        long readDone = System.nanoTime();
        Report report = engine.evaluate(evidence, asOf);
        return new EngineRun(report, evidence.events().size(), readDone - start, System.nanoTime() - readDone);
    }

    /** The baseline, keeping every result. */
    static BaselineChecker.Outcome baseline(Path log) {
        try (Reader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            return new BaselineChecker(MAX_DISORDER, AT_RISK_FRACTION).check(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The baseline, counting its results by status instead of keeping them. */
    static BaselineChecker.Outcome baselineStreaming(Path log) {
        try (Reader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            return new BaselineChecker(MAX_DISORDER, AT_RISK_FRACTION).check(reader, result -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
