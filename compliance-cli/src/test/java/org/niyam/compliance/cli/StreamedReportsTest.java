package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.Citation;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Status;

/**
 * The JSON reports write each obligation through the generator's own calls ({@link StreamedReports#writeObligation}):
 * the text must be exactly what the mapper writes, indented and not, for every status, absent field, instant form
 * and hostile text. A field added to {@link Obligation} shows up here as a difference.
 */
class StreamedReportsTest {

    private static final long SEED = 20261205L;
    private static final String[] TEXTS = {"plain", "quote \" and \\ backslash", "line\nbreak\ttab\u0001",
        "devanagari शिकायत", "emoji \uD83D\uDE00", "bidi \u202E override", "lone \uD800 surrogate", "</script>&<"};
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
        ZoneOffset.ofHoursMinutesSeconds(-3, -30, -15)};

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anObligationIsWrittenAsTheMapperWritesIt(boolean indented) throws IOException {
        System.out.println("StreamedReportsTest seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        List<Obligation> obligations = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            obligations.add(obligation(random, Status.values()[i % Status.values().length]));
        }
        ObjectMapper mapper = ComplianceJson.mapper();
        ObjectWriter writer = indented ? mapper.writer().with(SerializationFeature.INDENT_OUTPUT)
                : mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
        String expected = writer.writeValueAsString(obligations);

        StringWriter text = new StringWriter();
        try (JsonGenerator g = mapper.getFactory().createGenerator(text)) {
            if (indented) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartArray();
            for (Obligation o : obligations) {
                StreamedReports.writeObligation(g, o);
            }
            g.writeEndArray();
        }

        assertThat(text.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void instantsAreWrittenAsTheFormatterWritesThem(long seed) {
        System.out.println("StreamedReportsTest instants seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime instant = i % 100 == 0
                    ? OffsetDateTime.of(random.nextInt(-20_000, 20_000), 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    : instant(random).plusNanos(random.nextInt(3) == 0 ? random.nextLong(1_000_000_000L) : 0)
                            .withOffsetSameLocal(ZoneOffset.ofTotalSeconds(random.nextInt(-64_800, 64_801)));
            assertThat(StreamedReports.isoOffsetDateTime(instant)).as(instant.toString())
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant));
        }
    }

    private static Obligation obligation(SplittableRandom random, Status status) {
        OffsetDateTime triggered = instant(random);
        boolean discharged = status == Status.MET || status == Status.MET_LATE || random.nextInt(4) == 0;
        OffsetDateTime due = status == Status.MET_LATE || random.nextBoolean() ? triggered.plusHours(24) : null;
        OffsetDateTime done = discharged ? (status == Status.MET_LATE ? due.plusSeconds(1 + random.nextInt(900_000))
                : triggered.plusNanos(random.nextLong(1_000_000_000_000L))) : null;
        return new Obligation(text(random) + "@" + random.nextInt(1000), text(random), text(random),
                random.nextBoolean() ? text(random) : null, triggered, due, status,
                new Citation(text(random), "Rule 3(2)(" + text(random) + ")", text(random), text(random)),
                random.nextBoolean() ? text(random) : null, done == null ? null : text(random), done, text(random));
    }

    private static OffsetDateTime instant(SplittableRandom random) {
        return OffsetDateTime.of(1990 + random.nextInt(200), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(60),
                random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0, OFFSETS[random.nextInt(OFFSETS.length)]);
    }

    private static String text(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}
