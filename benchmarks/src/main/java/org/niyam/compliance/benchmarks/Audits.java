package org.niyam.compliance.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.engine.CaseLogAudit;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.InputException;
import org.niyam.compliance.engine.RulePack;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
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

    /** What the engine path gave: the report when it was kept, or only its counts. */
    record EngineRun(Report report, long obligations, long events) {
    }

    /**
     * The engine path for a log of any size: {@link CaseLogAudit} as of the latest event, keeping its obligations and
     * findings in a report (to compare them with the baseline's), or only counting them (to time it as the streaming
     * baseline is timed).
     */
    static EngineRun engine(ComplianceEngine engine, Path log, boolean keep) {
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        long[] rejected = {0};
        CaseLogAudit.Summary summary = CaseLogAudit.builder(engine).build().run(List.of(log), new CaseLogAudit.Sink() {
            @Override
            public void obligation(Obligation obligation) {
                if (keep) {
                    obligations.add(obligation);
                }
            }

            @Override
            public void finding(Finding finding) {
                if (keep) {
                    findings.add(finding);
                }
            }

            @Override
            public void rejected(InputException error) {
                if (rejected[0]++ == 0) {
                    throw new IllegalStateException("an entry of " + log + " was rejected: " + error.getMessage());
                }
            }
        });
        return new EngineRun(keep ? new Report(summary.asOf(), obligations, findings) : null,
                summary.obligationCount(), summary.events());
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
