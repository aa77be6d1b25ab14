package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.engine.RulePack;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/** Each bundled example check gives the report its description promises. */
class ExampleChecksTest {

    private static ComplianceEngine engine;

    @BeforeAll
    static void buildEngine() {
        engine = ComplianceEngine.builder().rulePack(RulePack.classpath(NiyamCli.INDIA_PACK)).build();
    }

    private static Report evaluate(String name) {
        ExampleCheck check = ExampleChecks.load(name);
        return engine.evaluate(check.evidence(), check.asOf());
    }

    @Test
    void acrossTheAmendmentOldClocksKeepTheirLength() {
        Report report = evaluate("amendment-2026.json");

        assertThat(report.obligations()).filteredOn(o -> o.caseId() != null)
                .extracting(Obligation::id, Obligation::status)
                .containsExactly(
                        tuple("complaint.acknowledge@grv-0420-in", Status.MET),
                        tuple("complaint.resolve@grv-0420-in", Status.MET),
                        tuple("complaint.acknowledge@grv-0511-in", Status.MET_LATE),
                        tuple("complaint.resolve@grv-0511-in", Status.MET_LATE),
                        tuple("removal.on-order@ord-0141-in", Status.MET),
                        tuple("removal.on-order@ord-0187-in", Status.MET_LATE));
        Obligation oldClock = report.forCase("ORD-2026-0141").get(0);
        assertThat(oldClock.dueAt()).hasToString("2026-02-21T08:00+05:30");
        assertThat(oldClock.explanation()).contains("keeps its 36 h");
        assertThat(report.forCase("ORD-2026-0187").get(0).lateness()).isEqualTo(Duration.ofMinutes(70));
        assertThat(report.obligations()).filteredOn(o -> o.caseId() == null)
                .extracting(Obligation::status).containsOnly(Status.MET);
    }

    @Test
    void officerGapAndDoubleHattedNodalContactAreBreaches() {
        Report report = evaluate("ssmi-officer-gap.json");

        assertThat(report.obligations()).extracting(Obligation::id, Obligation::status).containsExactly(
                tuple("3(2)(a).grievance-officer", Status.MET),
                tuple("4(1)(a).chief-compliance-officer", Status.MET),
                tuple("4(1)(b).nodal-contact-person", Status.BREACHED),
                tuple("4(1)(c).resident-grievance-officer", Status.BREACHED));
    }

    @Test
    void lateRemovalSlowAnswerAndAnOpenRequest() {
        Report report = evaluate("late-actions.json");

        assertThat(report.obligations()).filteredOn(o -> o.caseId() != null)
                .extracting(Obligation::id, Obligation::status)
                .containsExactly(
                        tuple("complaint.acknowledge@img-88-in", Status.MET),
                        tuple("complaint.intimate-imagery@img-88-in", Status.MET_LATE),
                        tuple("complaint.resolve@img-88-in", Status.MET),
                        tuple("information.request@lea-07-in", Status.MET_LATE),
                        tuple("information.request@lea-09-in", Status.OPEN));
        assertThat(report.forCase("LEA-2026-07").get(0).lateness()).isEqualTo(Duration.ofHours(8));
        assertThat(report.forCase("IMG-88")).filteredOn(o -> o.duty().equals("complaint.intimate-imagery"))
                .singleElement().satisfies(o -> assertThat(o.lateness()).isEqualTo(Duration.ofMinutes(85)));
        assertThat(report.obligations()).filteredOn(o -> o.id().startsWith("4(1)"))
                .extracting(Obligation::status).containsOnly(Status.NOT_APPLICABLE);
    }

    @Test
    void demoPrintsEveryCheckWithStatusesDueInstantsAndCitations() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = NiyamCli.run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        ExampleChecks.all().forEach(check -> assertThat(text).contains(check.title()));
        assertThat(text).contains("MET LATE", "BREACHED", "NOT APPLICABLE", "OPEN")
                .contains("due       2026-02-23T14:00+05:30")
                .contains("cite      Rule 3(1)(d)")
                .contains("version   as amended by G.S.R. 120(E), 2026");
    }

    @Test
    void unknownCommandIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = NiyamCli.run(new String[] {"frobnicate"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("demo");
    }
}
