package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Report;

/**
 * Thousands of damaged case logs through the reader and the India pack. From valid logs with many cases of every
 * kind, lines are broken, stripped of a field, given a wrong type, an instant without offset, an unknown type, a
 * negative user count, a clashing event id, an instant outside the years the law can apply to, a key given twice, a
 * number with an exponent for an id, a lone surrogate escape, padding past the maximum line length, nesting past the
 * parser's limit; others are replayed, reordered, padded with blank lines, or rewritten with every character of their
 * strings as a unicode escape (the same entry, to be kept), and appointments given again with other content (kept:
 * the last line of an id replaces the ones before). Whatever the damage: reading never throws and rejects exactly the
 * damaged lines, evaluating never throws, and every case none of whose lines was damaged has exactly the
 * obligations it had in the valid log.
 *
 * <p>The seed is printed; replay a failure with {@code -Dniyam.seed=<seed>}.
 */
class MutatedCaseLogsTest {

    private static final long SEED = Long.getLong("niyam.seed", 20_260_302L);
    private static final int VALID_LOGS = Integer.getInteger("niyam.logs", 200);
    private static final int MUTATIONS_PER_LOG = 10;

    private final ComplianceEngine engine = IndiaPack.engine();
    /** Binds an appointment line on its own, to say which of a mutated log's appointments the reader must keep. */
    private static final com.fasterxml.jackson.databind.ObjectMapper FACTS = ComplianceJson.mapper();

    @Test
    void damaged_lines_are_rejected_and_nothing_else_changes() {
        System.out.println("MutatedCaseLogsTest seed=" + SEED + " (replay with -Dniyam.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Map<String, Integer> applied = new TreeMap<>();
        int mutated = 0;
        int rejected = 0;
        int compared = 0;
        int obligations = 0;
        long start = System.nanoTime();

        for (int n = 0; n < VALID_LOGS; n++) {
            CaseLogs.Log log = CaseLogs.generate(random, 3 + random.nextInt(10));
            String where = "seed " + SEED + ", log " + n;
            CaseLog read = CaseLogReader.lenient().read("valid-" + n + ".jsonl", new StringReader(log.text()));
            assertThat(read.rejected()).as(where + ": the valid log is read without rejections").isEmpty();
            assertThat(read.evidence()).as(where + ": the valid log reads back as generated").isEqualTo(log.evidence());
            Report expected = evaluate(log.evidence(), log, where);

            for (int m = 0; m < MUTATIONS_PER_LOG; m++) {
                CaseLogs.Mutated damaged = CaseLogs.mutate(log, random);
                String here = where + ", mutation " + m + " " + damaged.applied();
                damaged.applied().forEach(a -> applied.merge(a.split(" ")[0], 1, Integer::sum));
                mutated++;

                CaseLog result = readLeniently(damaged, here);
                rejected += result.rejected().size();
                checkRead(damaged, result, here);
                checkStrict(damaged, here);

                Report report = evaluate(result.evidence(), log, here);
                if (!damaged.platformWideBroken()) {
                    for (String caseId : damaged.untouchedCases()) {
                        assertThat(report.forCase(caseId)).as("%s: obligations of %s, none of whose lines was damaged",
                                here, caseId).isEqualTo(expected.forCase(caseId));
                        compared++;
                        obligations += expected.forCase(caseId).size();
                    }
                    if (damaged.broken().isEmpty()) {
                        assertThat(report).as("%s: only replays, reordering and rejected extra lines", here)
                                .isEqualTo(expected);
                    }
                }
            }
        }

        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("MutatedCaseLogsTest: " + mutated + " damaged logs, " + rejected + " lines rejected, "
                + compared + " untouched cases (" + obligations + " obligations) compared, mutations " + applied + ", " + millis + " ms");
        assertThat(mutated).isGreaterThanOrEqualTo(2_000);
        assertThat(obligations).as("untouched cases had obligations to compare").isGreaterThan(compared);
        assertThat(applied.keySet()).as("every kind of mutation was applied").contains("SHUFFLE")
                .containsAll(Arrays.stream(CaseLogs.Mutation.values()).map(Enum::name).toList());
    }

    private static CaseLog readLeniently(CaseLogs.Mutated damaged, String where) {
        try {
            return CaseLogReader.lenient().read("damaged.jsonl", new StringReader(damaged.text()));
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": the lenient reader threw instead of rejecting lines:\n"
                    + damaged.text(), e);
        }
    }

    private Report evaluate(Evidence evidence, CaseLogs.Log log, String where) {
        try {
            return engine.evaluate(evidence, log.asOf());
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": evaluation threw on evidence read from a log", e);
        }
    }

    /** Rejected: exactly the damaged lines, each an InputException naming its line; kept: every other entry. */
    private static void checkRead(CaseLogs.Mutated damaged, CaseLog result, String where) {
        List<Integer> lines = new ArrayList<>();
        for (InputException e : result.rejected()) {
            assertThat(e.source()).as(where).isEqualTo("damaged.jsonl");
            assertThat(e.getMessage()).as(where).startsWith("damaged.jsonl:" + e.line() + ": ");
            lines.add(e.line());
        }
        if (!lines.equals(damaged.mustReject())) {
            fail("%s: rejected lines %s, but the damaged lines are %s. Rejections:%n%s%nLog:%n%s", where, lines,
                    damaged.mustReject(), result.rejected().stream().map(Throwable::getMessage).toList(),
                    damaged.text());
        }
        assertThat(result.entries()).as(where + ": entries").isEqualTo(damaged.entries());
        // A line after the first of an appointment's id replaces it, or is the same again: the last read is the fact.
        Map<String, Object> lastAppointments = new LinkedHashMap<>();
        int replaced = 0;
        for (CaseLogs.MutatedLine line : damaged.lines()) {
            if (!line.mustReject() && line.caseId() == null && !line.json().isBlank()) {
                StandingFact fact = appointment(line.json());
                if (fact != null) {
                    Object before = lastAppointments.put(fact.id(), fact);
                    replaced += before != null && !before.equals(fact) ? 1 : 0;
                }
            }
        }
        assertThat(result.replaced()).as(where + ": replaced").isEqualTo(replaced);
        assertThat(result.duplicates() + result.replaced()).as(where + ": duplicates and replaced")
                .isEqualTo(damaged.duplicates() + damaged.replacing());

        Evidence valid = damaged.valid().evidence();
        Set<Integer> broken = damaged.broken();
        List<CaseLogs.Line> validLines = damaged.valid().lines();
        // The valid log lists the platform first, then appointments, then events, each in generation order.
        int index = 0;
        Object expectedPlatform = null;
        if (valid.platform() != null) {
            expectedPlatform = broken.contains(index) ? null : valid.platform();
            index++;
        }
        index += valid.facts().size(); // the appointments read are the last of each id, above
        Set<Object> expectedAppointments = new HashSet<>(lastAppointments.values());
        Set<Object> expectedEvents = new HashSet<>();
        for (var event : valid.events()) {
            if (!broken.contains(index++)) {
                expectedEvents.add(event);
            }
        }
        assertThat(index).isEqualTo(validLines.size());
        assertThat(result.evidence().platform()).as(where + ": platform").isEqualTo(expectedPlatform);
        assertThat(new HashSet<Object>(result.evidence().facts())).as(where + ": appointments kept")
                .isEqualTo(expectedAppointments);
        assertThat(new HashSet<Object>(result.evidence().events())).as(where + ": events kept")
                .isEqualTo(expectedEvents);
        assertThat(result.evidence().events()).as(where + ": each event once").hasSameSizeAs(expectedEvents);
    }

    /** The appointment a valid line holds, bound on its own; {@code null} for a line of another type. */
    private static StandingFact appointment(String json) {
        try {
            return FACTS.readTree(json).path("type").asText().equals("OfficerAppointment")
                    ? FACTS.readValue(json, StandingFact.class) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The strict reader stops at the first damaged line, or reads the same evidence when none is. */
    private static void checkStrict(CaseLogs.Mutated damaged, String where) {
        List<Integer> mustReject = damaged.mustReject();
        try {
            CaseLog strict = CaseLogReader.strict().read("damaged.jsonl", new StringReader(damaged.text()));
            assertThat(mustReject).as(where + ": the strict reader accepted a damaged log").isEmpty();
            assertThat(strict.rejected()).isEmpty();
        } catch (InputException e) {
            assertThat(mustReject).as(where + ": the strict reader rejected an undamaged log: " + e.getMessage())
                    .isNotEmpty();
            assertThat(e.line()).as(where + ": the strict reader stops at the first damaged line")
                    .isEqualTo(mustReject.get(0));
        }
    }
}
