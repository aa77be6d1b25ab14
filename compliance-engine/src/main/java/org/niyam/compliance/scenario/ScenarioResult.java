package org.niyam.compliance.scenario;

import java.util.List;
import java.util.Objects;
import org.niyam.compliance.model.Report;

/**
 * What running one {@link Scenario} gave: the report, and every difference from what the scenario expected, field
 * by field. A scenario passes when there is no difference.
 *
 * @param scenario   the scenario
 * @param report     the report the engine gave
 * @param mismatches the differences, in the order the scenario lists its expectations
 */
public record ScenarioResult(Scenario scenario, Report report, List<Mismatch> mismatches) {

    /**
     * Checks the result and copies the differences.
     *
     * @param scenario   the scenario, required
     * @param report     the report, required
     * @param mismatches the differences, none {@code null}; copied
     * @throws NullPointerException if a part is missing, or a difference is {@code null}
     */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(report, "report");
        mismatches = List.copyOf(mismatches);
    }

    /**
     * One difference between the scenario and the report.
     *
     * @param subject  what it is about, e.g. {@code obligation removal.on-order@order-1}
     * @param field    the field that differs, e.g. {@code status} or {@code citation.version}; {@code null} when the
     *                 whole subject is missing or unexpected
     * @param expected what the scenario says
     * @param actual   what the report says
     */
    public record Mismatch(String subject, String field, String expected, String actual) {

        @Override
        public String toString() {
            return field == null
                    ? subject + ": expected " + expected + ", but " + actual
                    : subject + ": " + field + " expected " + expected + ", actual " + actual;
        }
    }

    /** {@return whether the report holds everything the scenario expects, and nothing it rules out} */
    public boolean passed() {
        return mismatches.isEmpty();
    }

    /**
     * The outcome for a person: the scenario's name and source, then each difference grouped by obligation or
     * finding, one field a line.
     *
     * @return {@code Scenario '...' (...) passed.}, or the differences, in lines without a final line break
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("Scenario '").append(scenario.name()).append("' (").append(scenario.source()).append(") ");
        if (passed()) {
            return text.append("passed.").toString();
        }
        text.append("failed: ").append(mismatches.size()).append(mismatches.size() == 1 ? " difference" : " differences")
                .append(", as of ").append(scenario.asOf()).append('\n');
        String subject = null;
        int width = mismatches.stream().filter(m -> m.field() != null).mapToInt(m -> m.field().length()).max().orElse(0);
        for (Mismatch m : mismatches) {
            if (m.field() == null) {
                text.append("  ").append(m.subject()).append(": expected ").append(m.expected()).append(", but ")
                        .append(m.actual()).append('\n');
                subject = null;
                continue;
            }
            if (!m.subject().equals(subject)) {
                text.append("  ").append(m.subject()).append('\n');
                subject = m.subject();
            }
            text.append("    ").append(String.format("%-" + width + "s", m.field()))
                    .append("  expected ").append(m.expected()).append('\n')
                    .append("    ").append(" ".repeat(width)).append("  actual   ").append(m.actual()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /**
     * {@return the expected side of each difference, one a line, for a test framework's side-by-side view} Empty when
     * the scenario passed.
     */
    public String expectedText() {
        StringBuilder text = new StringBuilder();
        mismatches.forEach(m -> text.append(m.subject()).append(m.field() == null ? "" : " " + m.field())
                .append(": ").append(m.expected()).append('\n'));
        return text.toString();
    }

    /** {@return the actual side of each difference, one a line, matching {@link #expectedText()} line by line} */
    public String actualText() {
        StringBuilder text = new StringBuilder();
        mismatches.forEach(m -> text.append(m.subject()).append(m.field() == null ? "" : " " + m.field())
                .append(": ").append(m.actual()).append('\n'));
        return text.toString();
    }
}
