package org.niyam.compliance.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Finding;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

/**
 * The merge of report parts gives what sorting all of them at once gives, with any number of parts and any fan-in
 * (intermediate files included), and report files read back exactly, however many different texts they hold and
 * however often an obligation's case, trigger event and instant repeat the previous one's.
 */
class ReportMergeTest {

    private static final long SEED = 20_261_205L;
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-05T10:00:00+05:30");

    @TempDir
    Path work;

    @Test
    void merging_sorted_parts_gives_the_report_order_of_all_of_them() {
        Random random = new Random(SEED);
        for (int round = 0; round < 60; round++) {
            int parts = random.nextInt(12);
            int fanIn = 2 + random.nextInt(4);
            List<Obligation> allObligations = new ArrayList<>();
            List<Finding> allFindings = new ArrayList<>();
            Report platform = part(random, allObligations, allFindings, true);
            List<Path> files = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                Path file = work.resolve("part-" + round + "-" + p + ".bin");
                ReportFile.write(file, part(random, allObligations, allFindings, false));
                files.add(file);
            }
            Evaluation.sortForReport(allObligations);
            Evaluation.sortFindings(allFindings);
            List<Obligation> obligations = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            ReportMerge.merge(platform, files, work, fanIn, obligations::add, findings::add);
            String where = "seed " + SEED + ", round " + round + ", " + parts + " parts, fan-in " + fanIn;
            assertThat(obligations).as(where).containsExactlyElementsOf(allObligations);
            assertThat(findings).as(where).containsExactlyElementsOf(allFindings);
            assertThat(files).as("the parts stay; intermediate files go, " + where).allMatch(Files::exists);
            assertThat(work.toFile().list((dir, name) -> name.startsWith("merged-"))).as(where).isEmpty();
        }
    }

    @Test
    void a_file_with_more_different_texts_than_it_names_by_number_reads_back_exactly() {
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < ReportFile.REMEMBERED * 2 + 10; i++) {
            Citation citation = new Citation("Act " + i % 3, "s. " + i, "v" + i, "rule-" + i);
            obligations.add(new Obligation("d@e" + i, "duty-" + i, "Do thing " + i, "case-" + i, AS_OF.minusHours(1),
                    AS_OF.plusHours(1), Status.OPEN, citation, "e" + i, null, null, "Open " + i));
            findings.add(new Finding("code-" + i, null, "message " + i, List.of("e" + i), citation));
        }
        Report report = new Report(AS_OF, obligations, findings);
        Path file = work.resolve("many.bin");
        ReportFile.write(file, report);
        assertThat(ReportFile.read(file)).isEqualTo(report);
    }

    @Test
    void cases_trigger_events_and_instants_that_repeat_read_back_exactly() {
        Random random = new Random(SEED);
        OffsetDateTime utc = AS_OF.withOffsetSameInstant(java.time.ZoneOffset.UTC); // the same instant, another offset
        String[] cases = {null, "case-1", "case-2"};
        String[] triggers = {null, "e1", "e2"};
        OffsetDateTime[] instants = {AS_OF, utc, AS_OF.plusNanos(1), AS_OF.minusDays(1)};
        Citation citation = new Citation("Act", "s. 1", "v", "r");
        for (int round = 0; round < 20; round++) {
            List<Obligation> obligations = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                obligations.add(new Obligation("d@" + i, "duty", "Do it", cases[random.nextInt(3)],
                        instants[random.nextInt(4)], AS_OF.plusHours(random.nextInt(2)), Status.OPEN, citation,
                        triggers[random.nextInt(3)], null, null, "why"));
            }
            Report report = new Report(AS_OF, obligations, List.of());
            Path file = work.resolve("repeats-" + round + ".bin");
            ReportFile.write(file, report);
            Report back = ReportFile.read(file);
            // Equal records: equal instants with their offsets (OffsetDateTime.equals compares both).
            assertThat(back).as("seed %d, round %d", SEED, round).isEqualTo(report);
        }
    }

    @Test
    void a_file_cut_short_is_an_error_naming_it() throws java.io.IOException {
        Report report = part(new Random(SEED), new ArrayList<>(), new ArrayList<>(), false);
        Path file = work.resolve("short.bin");
        ReportFile.write(file, new Report(AS_OF, report.obligations().isEmpty() ? List.of(new Obligation("d@e", "d",
                "Do it", "case-1", AS_OF, AS_OF, Status.OPEN, new Citation("Act", "s. 1", "v", "r"), "e", null, null,
                "why")) : report.obligations(), report.findings()));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFile.read(file))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("short.bin")
                .hasMessageContaining("ends early");
    }

    /** A part in report order, its items also added to the lists of everything. */
    private static Report part(Random random, List<Obligation> allObligations, List<Finding> allFindings,
                               boolean platform) {
        List<Obligation> obligations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int count = random.nextInt(platform ? 6 : 25);
        for (int i = 0; i < count; i++) {
            String caseId = platform && random.nextBoolean() ? null : "case-" + random.nextInt(40);
            OffsetDateTime trigger = AS_OF.minusMinutes(random.nextInt(random.nextBoolean() ? 5 : 5000));
            String id = "duty-" + random.nextInt(3) + "@" + caseId + "-" + random.nextInt(1_000_000);
            Citation citation = new Citation("Test Act", "s. " + random.nextInt(3), "as made", "r" + random.nextInt(3));
            String triggerEvent = random.nextInt(4) == 0 ? null : "e" + random.nextInt(3);
            obligations.add(new Obligation(id, "duty", "Do it", caseId, trigger, trigger.plusHours(2),
                    Status.values()[random.nextInt(Status.values().length)], citation, triggerEvent, null, null, "why"));
            if (random.nextInt(3) == 0) {
                findings.add(new Finding("f" + random.nextInt(3), caseId, "noted", List.of("e" + random.nextInt(5)),
                        citation));
            }
        }
        allObligations.addAll(obligations);
        allFindings.addAll(findings);
        Evaluation.sortForReport(obligations);
        Evaluation.sortFindings(findings);
        return new Report(AS_OF, obligations, findings);
    }
}
