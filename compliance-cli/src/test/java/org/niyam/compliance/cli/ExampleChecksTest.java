package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;
import org.niyam.compliance.pack.RulePack;

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
                        tuple("3(1)(g).preserve@ord-0141-done", Status.OPEN),
                        tuple("4(8).prior-notice@ord-0141-done", Status.NOT_APPLICABLE),
                        tuple("removal.on-order@ord-0187-in", Status.MET_LATE),
                        tuple("3(1)(g).preserve@ord-0187-done", Status.OPEN),
                        tuple("4(8).prior-notice@ord-0187-done", Status.NOT_APPLICABLE),
                        tuple("4(1)(d).monthly-report@month-end:2026-01", Status.MET),
                        tuple("4(1)(d).monthly-report@month-end:2026-02", Status.OPEN),
                        tuple("3(1)(c).inform-users@notice-2025-12", Status.OPEN));
        Obligation oldClock = report.forCase("ORD-2026-0141").get(0);
        assertThat(oldClock.dueAt()).hasToString("2026-02-21T08:00+05:30");
        assertThat(oldClock.explanation()).contains("keeps its 36 h");
        assertThat(report.forCase("ORD-2026-0187").get(0).lateness()).isEqualTo(Duration.ofMinutes(70));
        Obligation notice = report.forCase("user-notices").get(0);
        assertThat(notice.dueAt()).as("the 12 calendar months in force at the notice, across 20 Feb 2026")
                .hasToString("2026-12-01T00:00+05:30");
        assertThat(notice.explanation()).contains("keeps its 12 months; the 3 months in force from "
                + "2026-02-20T00:00+05:30 applies only to clocks that start from then", "The next notice starts a "
                + "clock of 3 months.");
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
                tuple("4(1)(c).resident-grievance-officer", Status.BREACHED),
                tuple("4(5).address-in-india", Status.BREACHED),
                tuple("3(1)(c).inform-users@notice-2026-01", Status.OPEN));
        assertThat(report.obligations().get(3).explanation())
                .contains("Vacant since 2026-01-31T00:00+05:30, when appointment appt-rgo-1 ended")
                .contains("Appointment appt-rgo-2 starts 2026-03-16T00:00+05:30");
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
                        tuple("3(1)(g).preserve@img-88-done", Status.OPEN),
                        tuple("4(8).prior-notice@img-88-done", Status.NOT_APPLICABLE),
                        tuple("information.request@lea-07-in", Status.MET_LATE),
                        tuple("information.request@lea-09-in", Status.OPEN),
                        tuple("4(1)(d).monthly-report@month-end:2026-03", Status.NOT_APPLICABLE),
                        tuple("3(1)(c).inform-users@notice-2026-03", Status.OPEN));
        assertThat(report.forCase("LEA-2026-07").get(0).lateness()).isEqualTo(Duration.ofHours(8));
        assertThat(report.forCase("IMG-88")).filteredOn(o -> o.duty().equals("complaint.intimate-imagery"))
                .singleElement().satisfies(o -> assertThat(o.lateness()).isEqualTo(Duration.ofMinutes(85)));
        assertThat(report.obligations()).filteredOn(o -> o.id().startsWith("4("))
                .extracting(Obligation::status).containsOnly(Status.NOT_APPLICABLE);
    }

    @Test
    void aDefectivePoliceIntimationIsAFindingNotAClock() {
        Report report = evaluate("defective-intimation.json");

        assertThat(report.forCase("POL-2026-31")).as("no removal clock for the defective intimation")
                .extracting(Obligation::id, Obligation::status, Obligation::dueAt)
                .containsExactly(tuple("removal.on-order@pol-31-in", Status.NOT_APPLICABLE, null));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("defective-intimation");
            assertThat(f.caseId()).isEqualTo("POL-2026-31");
            assertThat(f.message()).contains("below Deputy Inspector General", "specifically authorised",
                    "no specific URL or identifier");
            assertThat(f.citation().clause()).isEqualTo("Rule 3(1)(d)");
        });
        assertThat(report.forCase("CRT-2026-07")).extracting(Obligation::duty, Obligation::status).containsExactly(
                tuple("removal.on-order", Status.MET), tuple("3(1)(g).preserve", Status.OPEN),
                tuple("4(8).prior-notice", Status.NOT_APPLICABLE));
        assertThat(report.forCase("OWN-2026-12")).extracting(Obligation::duty, Obligation::status)
                .containsExactlyInAnyOrder(tuple("3(1)(g).preserve", Status.OPEN),
                        tuple("4(8).prior-notice", Status.BREACHED));
    }

    @Test
    void demoPrintsEveryCheckWithStatusesDueInstantsAndCitations() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = NiyamCli.run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        ExampleChecks.all().forEach(check -> assertThat(text).contains(check.title()));
        assertThat(text).contains("MET LATE", "BREACHED", "NOT APPLICABLE", "OPEN", "FINDING")
                .contains("due       2026-02-23T14:00+05:30")
                .contains("cite      Rule 3(1)(d)")
                .contains("version   as amended by G.S.R. 120(E), 2026");
        // Each check's report lists the most urgent first, as the audit does.
        for (String report : text.split("\n(?==+\n)")) {
            List<Integer> ranks = report.lines().filter(l -> l.matches("^[A-Z][A-Z ]{15}\\S.*"))
                    .map(l -> l.substring(0, 16).trim()).filter(l -> !l.equals("FINDING"))
                    .map(l -> Status.MOST_URGENT_FIRST.indexOf(Status.valueOf(l.replace(' ', '_')))).toList();
            assertThat(ranks).as("statuses in %s", report).isSorted();
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = NiyamCli.run(new String[] {"frobnicate"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("demo");
    }
}
