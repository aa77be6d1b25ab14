package org.niyam.compliance.rules.india;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.io.internal.PlainEvents;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;

/**
 * The India pack's events, as generated logs write them and as their mutations damage them: the reader's plain
 * binding gives each line's event exactly as Jackson binds it, or leaves the line to Jackson.
 */
class PlainLinesTest {

    private static final long SEED = Long.getLong("niyam.seed", 20260222L);

    @Test
    void everyLineIsReadAsJacksonReadsItOrLeftToIt() {
        System.out.println("PlainLinesTest seed=" + SEED + " (replay with -Dniyam.seed=" + SEED + ")");
        Random random = new Random(SEED);
        EventTypes types = EventTypes.onClasspath();
        ObjectMapper mapper = ComplianceJson.mapper(types);
        PlainEvents plain = PlainEvents.of(mapper, types);
        ObjectReader jackson = mapper.readerFor(CaseEvent.class);
        Set<String> readPlainly = new TreeSet<>();
        Set<String> events = new TreeSet<>();
        int lines = 0;
        int plainLines = 0;
        for (int n = 0; n < 60; n++) {
            CaseLogs.Log log = CaseLogs.generate(random, 5 + random.nextInt(20));
            List<String> texts = new ArrayList<>(log.lines().stream().map(CaseLogs.Line::json).toList());
            for (int m = 0; m < 3; m++) {
                CaseLogs.mutate(log, random).lines().forEach(line -> texts.add(line.json()));
            }
            for (String text : texts) {
                lines++;
                CaseEvent expected;
                try {
                    expected = jackson.readValue(text);
                } catch (Exception e) {
                    expected = null;
                }
                if (expected != null) {
                    events.add(expected.getClass().getSimpleName());
                }
                CaseEvent read = plain.read(text);
                if (read != null) {
                    plainLines++;
                    assertThat(read).as("seed %d, log %d: %s", SEED, n, text).isEqualTo(expected);
                    assertThat(read.getClass()).isEqualTo(expected.getClass());
                    readPlainly.add(read.getClass().getSimpleName());
                }
            }
        }
        System.out.printf("PlainLinesTest: %d lines, %d read plainly; types read plainly %s%n", lines, plainLines,
                readPlainly);
        // Every type the logs hold is read plainly, but ComplianceReportPublished (its month is a YearMonth).
        events.remove("ComplianceReportPublished");
        assertThat(readPlainly).isEqualTo(events).hasSizeGreaterThan(8);
    }
}
