package org.niyam.compliance.scenario;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.niyam.compliance.io.internal.Suggestions;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.scenario.ScenarioResult.Mismatch;

/** Compares a report with what a scenario expects, field by field. Not API. */
final class ScenarioComparison {

    private ScenarioComparison() {
    }

    public static List<Mismatch> compare(Scenario.Expected expected, Report report) {
        List<Mismatch> mismatches = new ArrayList<>();
        // By identity: two equal findings in a report are two findings, each to be matched once.
        Set<Obligation> matchedObligations = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Finding> matchedFindings = Collections.newSetFromMap(new IdentityHashMap<>());

        for (Scenario.ExpectedObligation want : expected.obligations()) {
            String subject = "obligation " + want.id();
            Obligation got = report.obligations().stream().filter(o -> o.id().equals(want.id())).findFirst().orElse(null);
            if (got == null) {
                List<String> ids = report.obligations().stream().map(Obligation::id).toList();
                String closest = Suggestions.closest(want.id(), ids);
                mismatches.add(new Mismatch(subject, null, "in the report",
                        "the report has no obligation with this id" + (closest == null ? ""
                                : " (did you mean '" + closest + "'?)") + "; it has " + ids(report)));
                continue;
            }
            matchedObligations.add(got);
            compareObligation(subject, want, got, mismatches);
        }

        for (Scenario.ExpectedFinding want : expected.findings()) {
            String subject = "finding " + want.code() + (want.caseId() == null ? "" : " in case " + want.caseId());
            List<Finding> candidates = report.findings().stream()
                    .filter(f -> f.code().equals(want.code()))
                    .filter(f -> want.caseId() == null || want.caseId().equals(f.caseId()))
                    .filter(f -> !matchedFindings.contains(f))
                    .toList();
            if (candidates.isEmpty()) {
                String closest = Suggestions.closest(want.code(), report.findings().stream().map(Finding::code)
                        .filter(code -> !code.equals(want.code())).distinct().toList());
                mismatches.add(new Mismatch(subject, null, "in the report", "the report has no such finding"
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; it has " + codes(report)));
                continue;
            }
            // Several findings may share a code: the expectation is met by any of them; otherwise the first is shown.
            List<Mismatch> best = null;
            Finding bestFinding = null;
            for (Finding candidate : candidates) {
                List<Mismatch> differences = new ArrayList<>();
                compareFinding(subject, want, candidate, differences);
                if (best == null || differences.size() < best.size()) {
                    best = differences;
                    bestFinding = candidate;
                }
            }
            matchedFindings.add(bestFinding);
            mismatches.addAll(best);
        }

        for (String id : expected.absent()) {
            report.obligations().stream().filter(o -> o.id().equals(id)).findFirst().ifPresent(o -> mismatches.add(
                    new Mismatch("obligation " + id, null, "no such obligation (listed under absent)",
                            "it arose: " + o.status() + ", cited " + o.citation())));
        }
        for (String code : expected.absentFindings()) {
            report.findings().stream().filter(f -> f.code().equals(code)).forEach(f -> mismatches.add(
                    new Mismatch("finding " + code + (f.caseId() == null ? "" : " in case " + f.caseId()), null,
                            "no such finding (listed under absentFindings)", "it was raised: " + f.message())));
        }
        if (expected.exhaustive()) {
            for (Obligation o : report.obligations()) {
                if (!matchedObligations.contains(o)) {
                    mismatches.add(new Mismatch("obligation " + o.id(), null, "nothing beyond the obligations listed "
                            + "(exhaustive)", "the report also has it: " + o.status() + ", cited " + o.citation()));
                }
            }
            for (Finding f : report.findings()) {
                if (!matchedFindings.contains(f)) {
                    mismatches.add(new Mismatch("finding " + f.code() + (f.caseId() == null ? "" : " in case " + f.caseId()),
                            null, "nothing beyond the findings listed (exhaustive)",
                            "the report also has it: " + f.message()));
                }
            }
        }
        return mismatches;
    }

    private static void compareObligation(String subject, Scenario.ExpectedObligation want, Obligation got,
                                          List<Mismatch> out) {
        field(subject, "duty", want.duty(), got.duty(), out);
        field(subject, "what", want.what(), got.what(), out);
        field(subject, "caseId", want.caseId(), got.caseId(), out);
        instant(subject, "triggeredAt", want.triggeredAt(), got.triggeredAt(), out);
        instant(subject, "dueAt", want.dueAt(), got.dueAt(), out);
        field(subject, "status", want.status(), got.status(), out);
        citation(subject, want.citation(), got.citation(), out);
        field(subject, "triggerEventId", want.triggerEventId(), got.triggerEventId(), out);
        field(subject, "dischargeEventId", want.dischargeEventId(), got.dischargeEventId(), out);
        instant(subject, "dischargedAt", want.dischargedAt(), got.dischargedAt(), out);
        field(subject, "lateness", want.lateness(), got.lateness(), out);
        contains(subject, "explanation", want.explanationContains(), got.explanation(), out);
    }

    private static void compareFinding(String subject, Scenario.ExpectedFinding want, Finding got, List<Mismatch> out) {
        field(subject, "message", want.message(), got.message(), out);
        contains(subject, "message", want.messageContains(), got.message(), out);
        if (want.evidence() != null && !new TreeSet<>(want.evidence()).equals(new TreeSet<>(got.evidence()))) {
            out.add(new Mismatch(subject, "evidence", String.valueOf(want.evidence()), String.valueOf(got.evidence())));
        }
        citation(subject, want.citation(), got.citation(), out);
    }

    private static void citation(String subject, Scenario.ExpectedCitation want, Citation got, List<Mismatch> out) {
        if (want == null) {
            return;
        }
        field(subject, "citation.instrument", want.instrument(), got == null ? null : got.instrument(), out);
        field(subject, "citation.clause", want.clause(), got == null ? null : got.clause(), out);
        field(subject, "citation.version", want.version(), got == null ? null : got.version(), out);
        field(subject, "citation.ruleId", want.ruleId(), got == null ? null : got.ruleId(), out);
    }

    private static void field(String subject, String field, Object want, Object got, List<Mismatch> out) {
        if (want != null && !Objects.equals(want, got)) {
            out.add(new Mismatch(subject, field, String.valueOf(want), got == null ? "(none)" : String.valueOf(got)));
        }
    }

    private static void instant(String subject, String field, OffsetDateTime want, OffsetDateTime got,
                                List<Mismatch> out) {
        if (want != null && (got == null || !want.isEqual(got))) {
            out.add(new Mismatch(subject, field, want.toString(), got == null ? "(none)" : got.toString()));
        }
    }

    private static void contains(String subject, String field, String part, String got, List<Mismatch> out) {
        if (part != null && (got == null || !got.contains(part))) {
            out.add(new Mismatch(subject, field, "to contain \"" + part + "\"", got == null ? "(none)" : "\"" + got + "\""));
        }
    }

    private static String ids(Report report) {
        return report.obligations().isEmpty() ? "none"
                : report.obligations().stream().map(Obligation::id).collect(Collectors.joining(", "));
    }

    private static String codes(Report report) {
        return report.findings().isEmpty() ? "none"
                : report.findings().stream().map(f -> f.code() + (f.caseId() == null ? "" : " in case " + f.caseId()))
                .collect(Collectors.joining(", "));
    }
}
