package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.IndiaEvents;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RuleExecutionException;
import org.niyam.compliance.pack.RulePack;

/**
 * Shapes {@link DifferentialTest}'s generator found, each reduced to a small pack and log: a report that differed
 * from the one-session report, and where it was found.
 */
class GeneratedShapesTest {

    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-04T10:00:00+05:30");

    /** Four rules, each firing once on every complaint: four firings for one complaint. */
    private static final String FOUR_FIRINGS = """
            package org.niyam.test.generated;
            import java.util.List;
            import org.niyam.compliance.model.*;
            import org.niyam.compliance.india.*;

            rule "g.a" @citation("t") when $e : ComplaintReceived($c : caseId) then
                insert(new Finding("a", $c, "seen", List.of($e.id())));
            end
            rule "g.b" @citation("t") when $e : ComplaintReceived($c : caseId) then
                insert(new Finding("b", $c, "seen", List.of($e.id())));
            end
            rule "g.c" @citation("t") when $e : ComplaintReceived($c : caseId) then
                insert(new Finding("c", $c, "seen", List.of($e.id())));
            end
            rule "g.d" @citation("t") when $e : ComplaintReceived($c : caseId) then
                insert(new Finding("d", $c, "seen", List.of($e.id())));
            end
            """;

    /**
     * The firing limit of an audit counted the events after "as of" too, which it does not evaluate: one complaint by
     * "as of" and three after it, at one firing a fact, make {@code evaluate} fail (it stops at three firings for
     * three facts: the complaint, the law in force and the evidence period) where the audit, counting six, reports.
     * Found by
     * {@code -Dniyam.differential.seed=20261205 -Dniyam.differential.from=10 -Dniyam.differential.packs=150} at pack
     * 66 (and by seed 7122026 at pack 48), when the generator first set firing limits.
     */
    @Test
    void the_audits_firing_limit_counts_only_the_events_it_evaluates(@TempDir Path work) throws IOException {
        OffsetDateTime at = AS_OF.minusDays(1);
        List<CaseEvent> events = new ArrayList<>(List.of(TestPacks.complaint("e1", "C1", at)));
        for (int i = 2; i <= 4; i++) {
            events.add(TestPacks.complaint("e" + i, "C" + i, AS_OF.plusHours(i)));
        }
        Evidence evidence = new Evidence((Platform) null, List.of(), events);
        ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.drl("generated", FOUR_FIRINGS)).firingLimitPerFact(1).build();
        String expected = catchThrowableOfType(() -> engine.evaluate(evidence, AS_OF),
                RuleExecutionException.class).getMessage();
        assertThat(expected).contains("rules fired 3 times for 3 facts, past the firing limit");

        Path log = work.resolve("log.jsonl");
        List<String> lines = new ArrayList<>();
        for (CaseEvent event : events) {
            lines.add(line(event));
        }
        Files.write(log, lines, StandardCharsets.UTF_8);
        RuleExecutionException audited = catchThrowableOfType(() -> CaseLogAudit.builder(engine).asOf(AS_OF)
                .workDirectory(work).build().run(List.of(log), new CollectingSink()), RuleExecutionException.class);
        assertThat(audited).as("the audit of the same log, as of the same instant").isNotNull()
                .hasMessage(expected);
    }

    /** The complaints after "as of" are what make the difference: without them the audit fails as evaluate does. */
    @Test
    void the_audit_fails_alike_when_the_log_ends_by_as_of(@TempDir Path work) throws IOException {
        List<CaseEvent> events = List.of(TestPacks.complaint("e1", "C1", AS_OF.minusDays(1)));
        ComplianceEngine engine = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.drl("generated", FOUR_FIRINGS)).firingLimitPerFact(1).build();
        String expected = catchThrowableOfType(() -> engine.evaluate(new Evidence((Platform) null, List.of(),
                events), AS_OF), RuleExecutionException.class).getMessage();
        Path log = work.resolve("log.jsonl");
        Files.write(log, List.of(line(events.get(0))), StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(() -> CaseLogAudit.builder(engine).asOf(AS_OF).workDirectory(work).build()
                .run(List.of(log), new CollectingSink()), RuleExecutionException.class)).hasMessage(expected);
        Report report = ComplianceEngine.builder().eventTypes(IndiaEvents.TYPES)
                .rulePack(RulePack.drl("generated", FOUR_FIRINGS)).build()
                .evaluate(new Evidence((Platform) null, List.of(), events), AS_OF);
        assertThat(report.findings()).hasSize(4);
    }

    private static String line(Object value) {
        try {
            return ComplianceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
