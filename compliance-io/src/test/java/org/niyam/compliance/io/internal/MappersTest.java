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

    @Test
    void aFormWithinLongerTextIsReadAsOnItsOwnWhateverOffsetCameBefore() {
        long seed = Long.getLong("niyam.seed", 20260221L);
        System.out.println("MappersTest seed=" + seed + " (replay with -Dniyam.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            int minutes = random.nextInt(4) == 0 ? random.nextInt(18 * 60 * 2 + 1) - 18 * 60
                    : (random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15;
            String offset = minutes == 0 && random.nextBoolean() ? "Z" : String.format("%s%02d:%02d",
                    minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1990 + random.nextInt(300),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60)) + offset;
            String around = "\"at\":\"" + text + "\"}";
            OffsetDateTime within = Mappers.commonInstant(around, 6, 6 + text.length());
            assertThat(within).as(text).isEqualTo(iso(text)).isEqualTo(Mappers.commonInstant(text));
            assertThat(within.getOffset()).as(text).isEqualTo(iso(text).getOffset());
        }
    }

    @Test
    void theRangeIsTheSameAtEveryOffsetNearItsEnds() {
        for (int year : new int[] {1989, 1990, 1991, 2198, 2199, 2200}) {
            for (int hours = -18; hours <= 18; hours++) {
                for (String time : new String[] {"-01-01T00:00:00", "-01-01T17:59:59", "-12-31T23:59:59",
                    "-12-31T06:00:00", "-06-15T12:00:00"}) {
                    OffsetDateTime instant = iso(String.format("%04d%s%s", year, time,
                            hours == 0 ? "Z" : String.format("%+03d:00", hours)));
                    boolean expected = !instant.toInstant().isBefore(Mappers.EARLIEST.toInstant())
                            && instant.toInstant().isBefore(Mappers.LATEST.toInstant());
                    assertThat(Mappers.inRange(instant)).as(instant.toString()).isEqualTo(expected);
                }
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
