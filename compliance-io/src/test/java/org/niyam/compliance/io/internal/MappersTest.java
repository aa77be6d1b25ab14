package org.niyam.compliance.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The instants read without the ISO-8601 parser are exactly the ones it reads, with the same value. */
class MappersTest {

    @Test
    void theCommonFormGivesTheValueOfTheIsoParser() {
        for (String text : new String[] {"2026-02-20T10:15:00+05:30", "2026-02-20T10:15:00Z", "2026-02-20T10:15:00-00:00",
            "2026-02-20T10:15:00.5+05:30", "2026-02-20T10:15:00.123456789-03:00", "2024-02-29T23:59:59+18:00",
            "0000-01-01T00:00:00-18:00", "9999-12-31T23:59:59.000000001+14:00"}) {
            assertThat(Mappers.commonInstant(text)).as(text).isNotNull().isEqualTo(iso(text));
        }
    }

    @Test
    void anyOtherTextIsLeftToTheIsoParser() {
        for (String text : new String[] {"2026-02-20T10:15+05:30", "2026-02-20t10:15:00+05:30", "2026-02-20T10:15:00z",
            "2026-02-20T10:15:00", "2026-02-20T10:15:00.+05:30", "2026-02-20T10:15:00.1234567891+05:30",
            "2026-02-20T10:15:00+05:30:00", "2026-02-20T10:15:00+0530", "2026-02-30T10:15:00+05:30",
            "2025-02-29T10:15:00+05:30", "2026-02-20T24:00:00+05:30", "2026-02-20T10:60:00+05:30",
            "2026-02-20T10:15:60+05:30", "2026-02-20T10:15:00+18:01", "2026-02-20T10:15:00+05:60",
            "+2026-02-20T10:15:00+05:30", " 2026-02-20T10:15:00+05:30", "2026-02-20T10:15:00+05:30 ",
            "2026-02-20T10:15:00+05:30[Asia/Kolkata]", "2026-13-20T10:15:00+05:30", "2026-00-20T10:15:00+05:30",
            "2026-02-00T10:15:00+05:30", "2026-02-20T1:15:00+05:30", "２026-02-20T10:15:00+05:30", ""}) {
            assertThat(Mappers.commonInstant(text)).as(text).isNull();
        }
    }

    @Test
    void randomTextsOfTheFormAreReadAsTheIsoParserReadsThem() {
        SplittableRandom random = new SplittableRandom(20260220);
        for (int i = 0; i < 200_000; i++) {
            String fraction = random.nextInt(3) == 0 ? "." + digits(random, random.nextInt(11)) : "";
            String offset = switch (random.nextInt(4)) {
                case 0 -> "Z";
                case 1 -> "+" + digits(random, 2) + ":" + digits(random, 2);
                case 2 -> "-" + twoDigits(random, 20) + ":" + twoDigits(random, 61);
                default -> "+05:30";
            };
            String text = digits(random, 4) + "-" + twoDigits(random, 14) + "-" + twoDigits(random, 33) + "T"
                    + twoDigits(random, 25) + ":" + twoDigits(random, 61) + ":" + twoDigits(random, 61) + fraction + offset;
            OffsetDateTime common = Mappers.commonInstant(text);
            OffsetDateTime iso = iso(text);
            if (common != null) {
                assertThat(common).as(text).isEqualTo(iso);
            } else if (fraction.length() != 1) {
                assertThat(iso).as(text + ": the ISO parser reads it, so must the common form").isNull();
            }
        }
    }

    private static String digits(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static String twoDigits(SplittableRandom random, int below) {
        int value = random.nextInt(below);
        return (value < 10 ? "0" : "") + value;
    }

    private static OffsetDateTime iso(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
