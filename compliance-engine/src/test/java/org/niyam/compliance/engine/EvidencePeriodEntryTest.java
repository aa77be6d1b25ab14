package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.InputException;

/** The log entry {@code {"type": "EvidencePeriod", "since": ...}}: the period a case log covers. */
class EvidencePeriodEntryTest {

    private static final String SOURCE = "cases.jsonl";
    private static final String PERIOD = "{\"type\": \"EvidencePeriod\", \"since\": \"2025-12-01T00:00:00+05:30\"}";

    private static CaseLog lenient(String... lines) {
        return CaseLogReader.lenient().read(SOURCE, new StringReader(String.join("\n", lines)));
    }

    @Test
    void sinceBecomesTheEvidencePeriodStart() {
        CaseLog log = lenient(CaseLogReaderTest.PLATFORM, PERIOD, CaseLogReaderTest.COMPLAINT);

        assertThat(log.rejected()).isEmpty();
        assertThat(log.entries()).isEqualTo(3);
        assertThat(log.evidence().since()).isEqualTo(OffsetDateTime.parse("2025-12-01T00:00:00+05:30"));
        assertThat(log.evidence().periodStart(OffsetDateTime.parse("2026-03-03T00:00:00+05:30")))
                .isEqualTo(OffsetDateTime.parse("2025-12-01T00:00:00+05:30"));
    }

    @Test
    void withoutItThePeriodStartsAtTheEarliestEvent() {
        CaseLog log = lenient(CaseLogReaderTest.PLATFORM, CaseLogReaderTest.OFFICER, CaseLogReaderTest.COMPLAINT);

        assertThat(log.evidence().since()).isNull();
        assertThat(log.evidence().periodStart(OffsetDateTime.parse("2026-03-03T00:00:00+05:30")))
                .as("the earliest event, not the earliest appointment")
                .isEqualTo(OffsetDateTime.parse("2026-03-02T10:00:00+05:30"));
    }

    @Test
    void logsReadAsOneCoverTheUnionOfTheirPeriods() {
        CaseLog log = lenient(PERIOD, PERIOD,
                "{\"type\": \"EvidencePeriod\", \"since\": \"2025-11-01T00:00:00+05:30\"}");

        assertThat(log.evidence().since()).isEqualTo(OffsetDateTime.parse("2025-11-01T00:00:00+05:30"));
        assertThat(log.duplicates()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"EvidencePeriod\"} | since | missing",
            "{\"type\": \"EvidencePeriod\", \"since\": \"2025-12-01T00:00:00\"} | since | with its offset",
            "{\"type\": \"EvidencePeriod\", \"since\": 1764527400} | since | with its offset",
            "{\"type\": \"EvidencePeriod\", \"since\": \"2025-12-01T00:00:00+05:30\", \"until\": \"x\"} | until | "
                    + "unknown field of an EvidencePeriod"})
    void aBadEntryIsRejectedNamingItsField(String line, String field, String message) {
        CaseLog log = lenient(CaseLogReaderTest.COMPLAINT, line);

        assertThat(log.rejected()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(log.evidence().since()).isNull();
        InputException strict = catchThrowableOfType(InputException.class, () -> CaseLogReader.strict()
                .read(SOURCE, new StringReader(String.join("\n", List.of(CaseLogReaderTest.COMPLAINT, line)))));
        assertThat(strict).isNotNull();
    }

    @Test
    void itIsNotAnEvent() {
        InputException e = catchThrowableOfType(InputException.class, () -> CaseLogReader.event(PERIOD));

        assertThat(e).hasMessageContaining("not an entry of type EvidencePeriod");
    }
}
