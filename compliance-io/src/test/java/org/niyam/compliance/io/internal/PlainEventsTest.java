package org.niyam.compliance.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;

/**
 * The plain reader gives an event only where Jackson gives an equal one: over generated lines of every kind of
 * component, well and badly written, it either gives up or agrees with Jackson.
 */
public class PlainEventsTest {

    /** An enum with a constant Jackson reads by another name. */
    public enum Colour { RED, GREEN, @JsonProperty("blue") BLUE }

    /** A record inside an event. */
    public record Inner(Colour colour, Boolean flag, String note, List<String> tags) {
    }

    /** An event with every kind of component the plain reader reads. */
    public record Sample(String id, String caseId, OffsetDateTime at, Colour colour, Boolean flag, Integer count,
            int small, long big, Inner inner, List<String> tags, java.util.Map<String, String> attributes,
            String jurisdiction) implements CaseEvent {

        /** Refuses what events refuse: a missing id, case or instant. */
        public Sample {
            if (id == null || id.isBlank() || caseId == null || at == null) {
                throw new IllegalArgumentException("id, caseId and at are required");
            }
        }
    }

    /** The common event: text and an instant. */
    public record Simple(String id, String caseId, OffsetDateTime at, String jurisdiction) implements CaseEvent {
    }

    /** A component Jackson reads by another name: left to Jackson. */
    public record Renamed(@JsonProperty("ident") String id, String caseId, OffsetDateTime at, String jurisdiction)
            implements CaseEvent {
    }

    /** A record that refuses the values the check against Jackson gives: left to Jackson. */
    public record Picky(String id, String caseId, OffsetDateTime at, String jurisdiction) implements CaseEvent {

        /** Refuses ids that do not start with "e". */
        public Picky {
            if (!id.startsWith("e")) {
                throw new IllegalArgumentException("id");
            }
        }
    }

    private static final EventTypes TYPES = EventTypes.standard().with(Sample.class, "test")
            .with(Simple.class, "test").with(Renamed.class, "test").with(Picky.class, "test");
    private static final ObjectMapper MAPPER = ComplianceJson.mapper(TYPES);
    private static final ObjectReader JACKSON = MAPPER.readerFor(CaseEvent.class);
    private static final PlainEvents PLAIN = PlainEvents.of(MAPPER, TYPES);

    @Test
    void readsTheTypesJacksonReadsAlikeAndLeavesTheOthers() throws Exception {
        // CustomEvent, the model's own, with its attributes
        assertThat(PLAIN.read("{\"type\":\"CustomEvent\",\"id\":\"e1\",\"caseId\":\"c1\","
                + "\"at\":\"2026-02-20T10:15:00+05:30\",\"kind\":\"k\",\"attributes\":{\"a\":\"x\",\"b\":\"\"}}"))
                .isEqualTo(new org.niyam.compliance.model.CustomEvent("e1", "c1", OffsetDateTime.of(2026, 2, 20, 10, 15,
                        0, 0, ZoneOffset.ofHoursMinutes(5, 30)), "k", java.util.Map.of("a", "x", "b", "")));
        // Picky refuses the line the check against Jackson reads: though Jackson reads this one, it is left to it.
        String picky = "{\"type\":\"Picky\",\"id\":\"e1\",\"caseId\":\"c1\",\"at\":\"2026-02-20T10:15:00+05:30\"}";
        assertThat((Object) JACKSON.readValue(picky)).isInstanceOf(Picky.class);
        assertThat(PLAIN.read(picky)).isNull();
        assertThat(PLAIN.read("{\"type\":\"Simple\",\"id\":\"e1\",\"caseId\":\"c1\",\"at\":\"2026-02-20T10:15:00+05:30\"}"))
                .isEqualTo(new Simple("e1", "c1", OffsetDateTime.of(2026, 2, 20, 10, 15, 0, 0,
                        ZoneOffset.ofHoursMinutes(5, 30)), null));
        assertThat(PLAIN.read("{\"type\":\"Renamed\",\"ident\":\"e1\",\"caseId\":\"c1\","
                + "\"at\":\"2026-02-20T10:15:00+05:30\"}")).isNull();
        // Given twice, unknown, the type not first, escaped: Jackson decides.
        assertThat(PLAIN.read("{\"type\":\"Simple\",\"id\":\"e1\",\"id\":\"e1\",\"caseId\":\"c1\","
                + "\"at\":\"2026-02-20T10:15:00+05:30\"}")).isNull();
        assertThat(PLAIN.read("{\"type\":\"Simple\",\"id\":\"e1\",\"caseId\":\"c1\",\"at\":\"2026-02-20T10:15:00+05:30\","
                + "\"colour\":\"RED\"}")).isNull();
        assertThat(PLAIN.read("{\"id\":\"e1\",\"type\":\"Simple\",\"caseId\":\"c1\",\"at\":\"2026-02-20T10:15:00+05:30\"}"))
                .isNull();
        assertThat(PLAIN.read("{\"type\":\"Simple\",\"id\":\"e\\u0031\",\"caseId\":\"c1\","
                + "\"at\":\"2026-02-20T10:15:00+05:30\"}")).isNull();
    }

    @Test
    void generatedLinesAreReadAsJacksonReadsThemOrLeftToIt() {
        long seed = Long.getLong("niyam.seed", 20260220L);
        System.out.println("PlainEventsTest seed=" + seed + " (replay with -Dniyam.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        int plain = 0;
        int jackson = 0;
        int lines = 200_000;
        for (int i = 0; i < lines; i++) {
            String line = line(random);
            CaseEvent read = PLAIN.read(line);
            CaseEvent expected;
            try {
                expected = JACKSON.readValue(line);
            } catch (Exception e) {
                expected = null;
            }
            if (expected != null) {
                jackson++;
            }
            if (read != null) {
                plain++;
                assertThat(read).as("seed %d, line %s", seed, line).isEqualTo(expected);
                assertThat(read.getClass()).as(line).isEqualTo(expected.getClass());
            }
        }
        System.out.printf("PlainEventsTest: %d lines, %d read by Jackson, %d of them plainly%n", lines, jackson, plain);
        // Most lines Jackson reads are plain; the rest, and every bad line, are left to it.
        assertThat(plain).as("read plainly, of %d read by Jackson", jackson).isGreaterThan(jackson / 2)
                .isGreaterThan(lines / 10);
        assertThat(jackson - plain).as("left to Jackson though valid").isGreaterThan(lines / 50);
    }

    // ---- Generated lines: mostly well written, now and then with a fault or an unusual form

    /** One in how many values is badly or unusually written, for the line being made: rarely in half the lines. */
    private int oddOneIn;

    private String line(SplittableRandom random) {
        oddOneIn = random.nextBoolean() ? 200 : 6;
        String type = switch (random.nextInt(9)) {
            case 0 -> "Renamed";
            case 8 -> "CustomEvent";
            case 1, 2, 3 -> "Simple";
            default -> "Sample";
        };
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", text(random)});
        fields.add(new String[] {"caseId", text(random)});
        fields.add(new String[] {"at", instant(random)});
        fields.add(new String[] {"jurisdiction", text(random)});
        if (type.equals("CustomEvent")) {
            fields.add(new String[] {"kind", text(random)});
            fields.add(new String[] {"attributes", textMap(random)});
        }
        if (type.equals("Renamed")) {
            fields.add(new String[] {"ident", text(random)});
        }
        if (type.equals("Sample")) {
            fields.add(new String[] {"colour", colour(random)});
            fields.add(new String[] {"flag", flag(random)});
            fields.add(new String[] {"count", number(random, false)});
            fields.add(new String[] {"small", number(random, false)});
            fields.add(new String[] {"big", number(random, true)});
            fields.add(new String[] {"inner", inner(random)});
            fields.add(new String[] {"tags", texts(random)});
            fields.add(new String[] {"attributes", textMap(random)});
        }
        List<String[]> given = new ArrayList<>();
        for (String[] field : fields) {
            if (random.nextInt(oddOneIn == 6 ? 8 : 50) != 0 || field[0].equals("id") && random.nextBoolean()) {
                given.add(field);
            }
        }
        if (random.nextInt(30) == 0 && !given.isEmpty()) {
            given.add(given.get(random.nextInt(given.size()))); // a key twice
        }
        if (random.nextInt(30) == 0) {
            given.add(new String[] {random.nextBoolean() ? "unknown" : "Id", "\"x\""});
        }
        if (random.nextInt(20) == 0) {
            java.util.Collections.shuffle(given, new java.util.Random(random.nextLong()));
        }
        String[] typeField = {"type", random.nextInt(40) == 0 ? "\"simple\"" : '"' + type + '"'};
        given.add(random.nextInt(30) == 0 ? random.nextInt(given.size() + 1) : 0, typeField);
        StringBuilder line = new StringBuilder(space(random)).append('{');
        for (int i = 0; i < given.size(); i++) {
            if (i > 0) {
                line.append(space(random)).append(',');
            }
            line.append(space(random)).append('"').append(given.get(i)[0]).append('"').append(space(random))
                    .append(':').append(space(random)).append(given.get(i)[1]);
        }
        line.append(space(random)).append('}').append(space(random));
        if (random.nextInt(50) == 0) {
            line.append(pick(random, "x", "}", ",", "{}", "\u0000"));
        }
        return line.toString();
    }

    private String space(SplittableRandom random) {
        if (random.nextInt(10) != 0) {
            return "";
        }
        return random.nextInt(oddOneIn) != 0 ? pick(random, " ", "\t", "\r\n", "  ", "\n")
                : pick(random, "\u00a0", "\f", "\u2028");
    }

    private String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private String text(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            return pick(random, "\"e1\"", "\"GRV-000000001\"", "\"IN\"", "\"é ü\"", "\"a b\"", "\"\"", "\" \"",
                    "\"\uD83D\uDE00\"", "\"\u007f\"");
        }
        return pick(random, "\"a\\\"b\"", "\"\\u0041\"", "\"\\ud800\"", "\"\uD800\"", "\"\uDC00x\"", "\"a\u0001b\"",
                "\"a\tb\"", "12", "-0", "0", "1e2", "1.5", "true", "null", "[]", "{}", "\"unterminated", "'e1'", "e1");
    }

    private String instant(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            return '"' + String.format("%04d-%02d-%02dT%02d:%02d:%02d", 2020 + random.nextInt(7),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60)) + pick(random, "+05:30", "+05:30", "Z", "-03:00", ".5+05:30",
                    ".123456789Z", "+00:00", "-00:00", "+14:00") + '"';
        }
        return pick(random, "\"1989-12-31T23:59:59Z\"", "\"1990-01-01T00:00:00Z\"", "\"1990-01-01T05:29:59+05:30\"",
                "\"2199-12-31T23:59:59Z\"", "\"2200-01-01T00:00:00Z\"", "\"2199-12-31T23:59:59-05:00\"",
                "\"2025-02-29T10:00:00+05:30\"", "\"2025-08-01T10:00:00\"", "\"2025-08-01t10:00:00+05:30\"",
                "\"2025-08-01T10:00+05:30\"", "\"2025-08-01T10:00:00+0530\"", "\"2025-08-01T10:00:00+05:30[Asia/Kolkata]\"",
                "\"2025-08-01T24:00:00+05:30\"", "\"2025-08-01T10:00:00+19:00\"", "\"2025-08-01T10:00:00.1234567891Z\"",
                "\"2025-08-01T10:00:00\\u002B05:30\"", "1754022600", "null", "\"\"", "\" 2025-08-01T10:00:00Z\"");
    }

    private String colour(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            return pick(random, "\"RED\"", "\"GREEN\"");
        }
        return pick(random, "\"RED\"", "\"GREEN\"", "\"BLUE\"", "\"blue\"", "\"red\"", "0", "\"0\"", "null", "\"\"",
                "\"RED \"", "\"R\\u0045D\"");
    }

    private String flag(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            return pick(random, "true", "false");
        }
        return pick(random, "\"true\"", "1", "0", "null", "tru", "True", "truex",
                "false1");
    }

    private String number(SplittableRandom random, boolean wide) {
        if (random.nextInt(oddOneIn) != 0) {
            return String.valueOf(wide ? random.nextLong() >> random.nextInt(64) : random.nextInt() >> random.nextInt(32));
        }
        return pick(random, "0", "7", "-3", "123456789", "1234567890", "2147483647", "2147483648", "-2147483648",
                "-2147483649", "999999999999999999", "9223372036854775807", "9223372036854775808", "007", "-0", "-",
                "1.0", "1e3", "1E3", "\"5\"", "null", "+1", "99999999999999999999", "0x10", "1 2");
    }

    private String inner(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            return "{" + space(random) + "\"colour\":" + colour(random) + ",\"flag\":" + flag(random) + ","
                    + space(random) + "\"note\":" + text(random) + ",\"tags\":" + texts(random) + space(random) + "}";
        }
        return pick(random, "{}", "{ }", "null", "[]", "{\"colour\":\"RED\",\"colour\":\"RED\"}",
                "{\"colour\":\"RED\",\"other\":1}", "{\"note\":\"x\"", "{\"note\":\"x\",}", "{,\"note\":\"x\"}",
                "{\"type\":\"Inner\"}", "\"x\"");
    }

    private String textMap(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            StringBuilder map = new StringBuilder("{");
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                map.append(i > 0 ? "," : "").append(space(random)).append(pick(random, "\"a\"", "\"b\"", "\"\"",
                        "\"k k\"", "\"é\"")).append(space(random)).append(':').append(space(random))
                        .append(text(random)).append(space(random));
            }
            return map.append('}').toString();
        }
        return pick(random, "{}", "{ }", "{\"a\":\"x\",}", "{,\"a\":\"x\"}", "{\"a\":null}", "{\"a\":1}",
                "{\"a\":\"x\",\"a\":\"y\"}", "{\"a\":\"x\",\"a\":\"x\"}", "{\"a\" \"x\"}", "{\"a\":\"x\"",
                "{\"a\":[\"x\"]}", "{\"\\u0061\":\"x\"}", "{\"\uD800\":\"x\"}", "[]", "\"a\"", "null");
    }

    private String texts(SplittableRandom random) {
        if (random.nextInt(oddOneIn) != 0) {
            StringBuilder list = new StringBuilder("[");
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                list.append(i > 0 ? "," : "").append(space(random)).append(text(random)).append(space(random));
            }
            return list.append(']').toString();
        }
        return pick(random, "[]", "[ ]", "[\"a\",]", "[,\"a\"]", "[null]", "[1]", "\"a\"", "null", "[\"a\"",
                "[\"a\" \"b\"]", "[[\"a\"]]", "{}");
    }
}
