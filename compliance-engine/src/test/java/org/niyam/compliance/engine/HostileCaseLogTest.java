package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;

/**
 * Case logs written to break the reader or the reports built from it: instants outside the years the law can apply
 * to, keys given twice, numbers for text, lone surrogates, control characters, lines of gigabytes, deep nesting,
 * devices. Each is refused as bad input naming its line and field (lenient and strict, JSON Lines and arrays), or
 * kept and printed safely; valid lines around it are never lost. The promises of {@code docs/robustness.md}.
 */
@DisplayName("CaseLogReader against hostile logs")
class HostileCaseLogTest {

    private static final String SOURCE = "hostile.jsonl";
    private static final String PLATFORM = CaseLogReaderTest.PLATFORM;
    private static final String COMPLAINT = CaseLogReaderTest.COMPLAINT;
    private static final String ACKNOWLEDGED = CaseLogReaderTest.ACKNOWLEDGED;

    private static CaseLog lenient(String... lines) {
        return CaseLogReader.lenient().read(SOURCE, new StringReader(String.join("\n", lines)));
    }

    private static InputException strictError(String... lines) {
        InputException e = catchThrowableOfType(InputException.class,
                () -> CaseLogReader.strict().read(SOURCE, new StringReader(String.join("\n", lines))));
        assertThat(e).as("the strict reader throws an InputException").isNotNull();
        return e;
    }

    private static List<String> eventIds(CaseLog log) {
        return log.evidence().events().stream().map(CaseEvent::id).toList();
    }

    /** {@code bad} between valid lines: rejected at line 3 naming {@code field}, lenient and strict; the rest kept. */
    private static InputException rejectedAtLine3(String bad, String field) {
        CaseLog log = lenient(PLATFORM, COMPLAINT, bad, ACKNOWLEDGED);
        assertThat(log.rejected()).as("rejected").hasSize(1);
        InputException e = log.rejected().get(0);
        assertThat(e.source()).isEqualTo(SOURCE);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(3);
        assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        assertThat(eventIds(log)).as("every valid line kept").containsExactly("e1", "e2");
        assertThat(log.evidence().platform()).isNotNull();

        InputException strict = strictError(PLATFORM, COMPLAINT, bad, ACKNOWLEDGED);
        assertThat(strict.line()).isEqualTo(3);
        assertThat(strict.field()).isEqualTo(field);
        assertThat(strict.problem()).isEqualTo(e.problem());

        // The same entry inside a JSON array, one entry per line: the same error, at the same line.
        CaseLog array = CaseLogReader.lenient().read("hostile.json", new StringReader(
                "[" + PLATFORM + ",\n" + COMPLAINT + ",\n" + bad + ",\n" + ACKNOWLEDGED + "]"));
        assertThat(array.rejected()).as("in an array").hasSize(1);
        assertThat(array.rejected().get(0).line()).isEqualTo(3);
        assertThat(array.rejected().get(0).field()).isEqualTo(field);
        assertThat(eventIds(array)).containsExactly("e1", "e2");
        return e;
    }

    private static String complaintAt(String instant) {
        return """
                {"type": "ComplaintReceived", "id": "e9", "caseId": "case-9", "at": "%s", "category": "GENERAL"}"""
                .formatted(instant);
    }

    @Nested
    @DisplayName("instants outside the years the law can apply to: from 1990-01-01T00:00Z, before 2200-01-01T00:00Z")
    class InstantRange {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"+999999999-12-31T23:59:59+05:30", "-999999999-01-01T00:00:00+05:30",
                "1970-01-01T00:00:00+05:30", "1989-12-31T23:59:59.999999999Z", "1990-01-01T05:29:59+05:30",
                "2200-01-01T00:00:00Z", "2199-12-31T23:59:59-01:00", "9999-12-31T23:59:59Z"})
        @DisplayName("are rejected as bad input naming the line and the field, not a DateTimeException")
        void outside(String instant) {
            InputException e = rejectedAtLine3(complaintAt(instant), "at");

            assertThat(e.problem()).isEqualTo(instant + " is outside the instants Niyam reads, from "
                    + "1990-01-01T00:00Z up to (not including) 2200-01-01T00:00Z: the years the law can apply to");
            assertThat(e.getMessage()).startsWith(SOURCE + ":3: field at: " + instant);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1990-01-01T00:00:00Z", "1990-01-01T05:30:00+05:30", "2199-12-31T23:59:59.999999999Z",
                "2200-01-01T05:29:59+05:30"})
        @DisplayName("the first and the last instants of the range are read")
        void atTheEdges(String instant) {
            CaseLog log = lenient(complaintAt(instant));

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().events().get(0).at()).isEqualTo(OffsetDateTime.parse(instant));
        }

        @Test
        @DisplayName("the range is the reader's documented constants")
        void constants() {
            assertThat(CaseLogReader.EARLIEST_INSTANT).isEqualTo(OffsetDateTime.parse("1990-01-01T00:00:00Z"));
            assertThat(CaseLogReader.LATEST_INSTANT).isEqualTo(OffsetDateTime.parse("2200-01-01T00:00:00Z"));
        }

        @Test
        @DisplayName("an appointment's 'from' and 'to' are held to it too")
        void appointments() {
            String appointment = CaseLogReaderTest.OFFICER.replace("2021-05-20T00:00:00+05:30", "1969-12-31T00:00:00Z");

            assertThat(rejectedAtLine3(appointment, "from").problem()).contains("outside the instants Niyam reads");
        }
    }

    @Nested
    @DisplayName("a key given twice")
    class DuplicateKeys {

        @Test
        @DisplayName("is rejected naming the key, lenient and strict, whether the values differ or not")
        void rejected() {
            String twice = COMPLAINT.replace("\"at\": \"2026-03-02T10:00:00+05:30\"",
                    "\"at\": \"2026-03-02T10:00:00+05:30\", \"at\": \"2027-03-02T10:00:00+05:30\"").replace("e1", "e9");
            String same = ACKNOWLEDGED.replace("\"caseId\": \"case-1\"", "\"caseId\": \"case-1\", \"caseId\": \"case-1\"")
                    .replace("e2", "e9");

            assertThat(rejectedAtLine3(twice, "at").problem())
                    .isEqualTo("the key 'at' is given twice in one object: which value is meant is unknown");
            assertThat(rejectedAtLine3(same, "caseId").problem()).contains("'caseId' is given twice");
        }

        @Test
        @DisplayName("in the platform profile (where it moved 'as of' or the user count) and in a nested object")
        void profileAndNested() {
            String profile = PLATFORM.replace("\"registeredUsersInIndia\": 12000000",
                    "\"registeredUsersInIndia\": 12000000, \"registeredUsersInIndia\": 12");
            CaseLog log = lenient(profile, COMPLAINT);
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("registeredUsersInIndia");
            });
            assertThat(log.evidence().platform()).as("no profile rather than a guessed one").isNull();

            String nested = """
                    {"type": "CustomEvent", "id": "e9", "caseId": "case-9", "at": "2026-03-02T10:00:00+05:30", \
                    "kind": "note", "attributes": {"k": "a", "k": "b"}}""";
            assertThat(rejectedAtLine3(nested, "k").problem()).contains("'k' is given twice");
        }
    }

    @Nested
    @DisplayName("a number with a fraction or an exponent where text is expected")
    class NumbersForText {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1e2", "1E2", "1.50", "100.0", "-0.0", "1e400"})
        @DisplayName("is rejected, not turned into text such as \"100.0\"")
        void rejected(String number) {
            String line = ACKNOWLEDGED.replace("\"e2\"", number);

            assertThat(rejectedAtLine3(line, "id").problem()).isEqualTo("expected text, not a number with a fraction "
                    + "or an exponent (such as 1e2): it is not turned into text");
        }
    }

    @Nested
    @DisplayName("a value that is not one of its field's values (an enum)")
    class EnumValues {

        private static final String CATEGORY = "\"category\": \"GENERAL\"";

        private String complaint(String category) {
            assertThat(COMPLAINT).contains(CATEGORY);
            return COMPLAINT.replace(CATEGORY, "\"category\": " + category).replace("\"e1\"", "\"e9\"");
        }

        @Test
        @DisplayName("is named with the values the field takes and the closest one, not in the parser's words")
        void misspelt() {
            String problem = rejectedAtLine3(complaint("\"GENRAL\""), "category").problem();

            assertThat(problem).isEqualTo("unknown value 'GENRAL'; did you mean 'GENERAL'? The values are GENERAL, "
                    + "REMOVAL_REQUEST and INTIMATE_IMAGERY");
            assertThat(rejectedAtLine3(complaint("\"general\""), "category").problem())
                    .startsWith("unknown value 'general'; did you mean 'GENERAL'?");
            assertThat(rejectedAtLine3(complaint("\"DEFAMATION\""), "category").problem())
                    .isEqualTo("unknown value 'DEFAMATION'. The values are GENERAL, REMOVAL_REQUEST and INTIMATE_IMAGERY");
        }

        @Test
        @DisplayName("a number or empty text is refused, naming the values")
        void numberOrEmpty() {
            assertThat(rejectedAtLine3(complaint("1"), "category").problem()).isEqualTo("expected one of GENERAL, "
                    + "REMOVAL_REQUEST and INTIMATE_IMAGERY, written as text, not the number 1");
            assertThat(rejectedAtLine3(complaint("\"\""), "category").problem()).isEqualTo("expected one of GENERAL, "
                    + "REMOVAL_REQUEST and INTIMATE_IMAGERY, not empty text");
        }
    }

    @Nested
    @DisplayName("text that is not Unicode, and text that merely looks odd")
    class Text {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"k\\ud800", "\\udc00k", "k\\ud800\\ud800", "k\\udfff\\ud83d"})
        @DisplayName("a lone surrogate escape is rejected at read time, so every report can be written")
        void loneSurrogate(String caseId) {
            String line = ACKNOWLEDGED.replace("\"case-1\"", "\"" + caseId + "\"").replace("e2", "e9");

            assertThat(rejectedAtLine3(line, "caseId").problem()).startsWith("text holds a lone surrogate \\u");
        }

        @Test
        @DisplayName("a lone surrogate in a free-text attribute, as key or as value, is rejected too")
        void loneSurrogateInAttributes() {
            String value = """
                    {"type": "CustomEvent", "id": "e9", "caseId": "case-9", "at": "2026-03-02T10:00:00+05:30", \
                    "kind": "note", "attributes": {"k": "\\ud800"}}""";
            String key = value.replace("{\"k\": \"\\ud800\"}", "{\"\\ud800\": \"v\"}");

            assertThat(rejectedAtLine3(value, "attributes.k").problem()).startsWith("text holds a lone surrogate");
            assertThat(lenient(key).rejected()).as("the parser refuses a broken pair in a key").singleElement()
                    .satisfies(e -> assertThat(e.problem()).containsIgnoringCase("surrogate"));
        }

        @Test
        @DisplayName("a surrogate pair, U+FFFD, control characters and any script are text, kept as given")
        void validText() {
            String line = """
                    {"type": "ComplaintAcknowledged", "id": "e9", "at": "2026-03-02T10:00:00+05:30", \
                    "caseId": "\\ud83d\\ude00 \uFFFD \\u0000 \\u001b[2K \\n मामला \uD800\uDC00"}""";

            CaseLog log = lenient(line);

            assertThat(log.rejected()).isEmpty();
            assertThat(log.evidence().events().get(0).caseId())
                    .isEqualTo("\uD83D\uDE00 \uFFFD \u0000 \u001b[2K \n मामला \uD800\uDC00");
        }

        @Test
        @DisplayName("from a file: U+FFFD and U+10000 are kept; bytes that are not UTF-8 reject their line only")
        void fromFile(@TempDir Path dir) throws IOException {
            byte[] replacement = ACKNOWLEDGED.replace("case-1", "case-\uFFFD").getBytes(StandardCharsets.UTF_8);
            byte[] linearB = COMPLAINT.replace("case-1", "case-\uD800\uDC00").replace("e1", "e8")
                    .getBytes(StandardCharsets.UTF_8);
            String broken = COMPLAINT.replace("case-1", "case-\u00FF").replace("e1", "e7");
            byte[] latin1 = broken.getBytes(StandardCharsets.ISO_8859_1);
            Path file = dir.resolve("bytes.jsonl");
            Files.write(file, concat(replacement, "\n".getBytes(), linearB, "\n".getBytes(), latin1, "\n".getBytes()));

            CaseLog log = CaseLogReader.lenient().read(file);

            assertThat(eventIds(log)).containsExactly("e2", "e8");
            assertThat(log.evidence().events().get(0).caseId()).isEqualTo("case-\uFFFD");
            assertThat(log.evidence().events().get(1).caseId()).isEqualTo("case-\uD800\uDC00");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.problem()).isEqualTo("the line is not valid UTF-8");
            });

            Path array = dir.resolve("bytes.json");
            Files.write(array, concat("[".getBytes(), replacement, ",\n".getBytes(), latin1, "]".getBytes()));
            CaseLog fromArray = CaseLogReader.lenient().read(array);
            assertThat(eventIds(fromArray)).containsExactly("e2");
            assertThat(fromArray.rejected()).singleElement()
                    .satisfies(e -> assertThat(e.problem()).isEqualTo("the entry is not valid UTF-8"));
        }
    }

    @Nested
    @DisplayName("very long lines")
    class LongLines {

        private static final int MAX = CaseLogReader.MAX_LINE_LENGTH;

        @Test
        @DisplayName("a line of exactly the maximum is read; one character more is rejected unread, and reading goes on")
        void atTheMaximum() {
            String fits = pad(COMPLAINT.replace("e1", "e8"), MAX);
            String over = pad(COMPLAINT.replace("e1", "e9"), MAX + 1);

            CaseLog log = lenient(PLATFORM, fits, over, ACKNOWLEDGED);

            assertThat(eventIds(log)).containsExactly("e8", "e2");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.field()).isEmpty();
                assertThat(e.problem()).isEqualTo("the line is 1,048,577 characters long, over the maximum of "
                        + "1,048,576 (1 MiB): it is not read");
            });
            assertThat(strictError(PLATFORM, fits, over, ACKNOWLEDGED).line()).isEqualTo(3);
            assertThat(CaseLogReader.lenient().withThreads(2).read(SOURCE, new StringReader(
                    String.join("\n", PLATFORM, fits, over, ACKNOWLEDGED))).rejected()).hasSize(1);
        }

        @Test
        @Timeout(120)
        @DisplayName("a 3 GiB line is rejected with its length, in bounded memory, and the next line is read")
        void threeGibibytes() {
            long length = 3L << 30;
            Reader huge = new GeneratedLine(COMPLAINT + "\r\n" + "{\"x\": \"", length, "\"}\n" + ACKNOWLEDGED + "\r");

            CaseLog log = CaseLogReader.lenient().read(SOURCE, huge);

            assertThat(eventIds(log)).containsExactly("e1", "e2");
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.problem()).startsWith("the line is 3,221,225,481 characters long");
            });
        }

        private static String pad(String entry, int length) {
            return entry + " ".repeat(length - entry.length());
        }
    }

    @Nested
    @DisplayName("nesting, devices")
    class Structure {

        @Test
        @DisplayName("nesting too deep inside a JSON array names the line it was found at")
        void deepNestingInAnArray() {
            String deep = "{\"type\": \"CustomEvent\", \"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}";
            CaseLog log = CaseLogReader.lenient().read("deep.json",
                    new StringReader("[\n" + PLATFORM + ",\n" + COMPLAINT + ",\n" + deep + "\n]"));

            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.problem()).contains("nesting depth");
                assertThat(e.getMessage()).startsWith("deep.json:4: ");
            });
            assertThat(eventIds(log)).as("the entries before it").containsExactly("e1");
        }

        @Test
        @DisplayName("nesting too deep on a line of JSON Lines rejects that line only")
        void deepNestingOnALine() {
            String deep = "{\"type\": \"CustomEvent\", \"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}";

            CaseLog log = lenient(PLATFORM, COMPLAINT, deep, ACKNOWLEDGED);
            assertThat(log.rejected()).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.problem()).contains("nesting depth");
            });
            assertThat(eventIds(log)).containsExactly("e1", "e2");
        }

        @Test
        @DisplayName("/dev/zero is refused as not a regular file, not read without end and not 'no such file'")
        void device() {
            Path zero = Path.of("/dev/zero");
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "a system with /dev/zero");

            UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
                    () -> CaseLogReader.lenient().read(zero));

            assertThat(e.getMessage()).isEqualTo("cannot read /dev/zero: not a regular file (a device, a pipe or a "
                    + "socket), not a case log");
        }
    }

    @Test
    @DisplayName("what is kept evaluates: a valid log of hostile text gives a report JSON writes as it is")
    void keptTextIsWritable() {
        String line = """
                {"type": "ComplaintReceived", "id": "e\\u001b1", "caseId": "k1\\n\\u001b[2KSummary", \
                "at": "2026-03-02T10:00:00+05:30", "category": "GENERAL"}""";
        Evidence evidence = lenient(line).evidence();
        Report report = TestPacks.clockEngine().evaluate(evidence, OffsetDateTime.parse("2026-03-03T00:00:00+05:30"));

        assertThat(report.obligations()).isNotEmpty();
        assertThat(ComplianceJson.write(report)).contains("k1\\n\\u001B[2KSummary");
        assertThat(report.obligations()).extracting(Obligation::caseId).filteredOn(java.util.Objects::nonNull)
                .containsOnly("k1\n\u001b[2KSummary");
        assertThat(evidence.events()).singleElement().isInstanceOf(ComplaintReceived.class)
                .extracting(e -> ((ComplaintReceived) e).category()).isEqualTo(ComplaintCategory.GENERAL);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A text of {@code head}, then a line's body of {@code length} 'a's made as read, then {@code tail}. */
    private static final class GeneratedLine extends Reader {

        private final String head;
        private final String tail;
        private final long length;
        private long position;

        GeneratedLine(String head, long length, String tail) {
            this.head = head;
            this.length = length;
            this.tail = tail;
        }

        @Override
        public int read(char[] buffer, int offset, int count) {
            long total = head.length() + length + tail.length();
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(count, total - position);
            long bodyStart = head.length();
            long bodyEnd = bodyStart + length;
            if (position >= bodyStart && position + n <= bodyEnd) {
                java.util.Arrays.fill(buffer, offset, offset + n, 'a'); // the body: most of the text
            } else {
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    buffer[offset + i] = p < bodyStart ? head.charAt((int) p)
                            : p < bodyEnd ? 'a' : tail.charAt((int) (p - bodyEnd));
                }
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
