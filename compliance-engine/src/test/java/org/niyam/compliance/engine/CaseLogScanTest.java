package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.niyam.compliance.engine.TestPacks.at;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader.EntryHandler;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Platform;

/**
 * {@link CaseLogReader#scan}: every entry handed on in input order with its source and line, nothing kept, bad
 * entries rejected as {@link CaseLogReader#read} rejects them, and an event's text read back to the same event.
 */
@DisplayName("CaseLogReader.scan: entries in input order, nothing kept, the same errors as read")
class CaseLogScanTest {

    private static final String SOURCE = "cases.jsonl";

    private static final String PLATFORM = CaseLogReaderTest.PLATFORM;
    private static final String OFFICER = CaseLogReaderTest.OFFICER;
    private static final String COMPLAINT = CaseLogReaderTest.COMPLAINT;
    private static final String ACKNOWLEDGED = CaseLogReaderTest.ACKNOWLEDGED;
    private static final String RESOLVED = """
            {"at": "2026-03-02T11:30:00.250Z", "caseId": "case-1", "id": "e3", "type": "ComplaintResolved"}""";

    /** What a handler was told, one line per call: {@code kind source:line detail}. */
    private static class Recorder implements EntryHandler {

        final List<String> calls = new ArrayList<>();
        final List<CaseEvent> events = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        final List<InputException> rejected = new ArrayList<>();

        @Override
        public void platform(String source, int line, Platform profile) {
            calls.add("platform " + source + ":" + line + " " + profile.name());
        }

        @Override
        public void fact(String source, int line, StandingFact appointment) {
            calls.add("appointment " + source + ":" + line + " " + appointment.id());
        }

        @Override
        public void event(String source, int line, CaseEvent event, String text) {
            calls.add("event " + source + ":" + line + " " + event.id());
            events.add(event);
            texts.add(text);
        }

        @Override
        public void rejected(InputException error) {
            calls.add("rejected " + error.source() + ":" + error.line());
            rejected.add(error);
        }
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    private static Recorder scan(CaseLogReader reader, String text) {
        Recorder recorder = new Recorder();
        reader.scan(SOURCE, new StringReader(text), recorder);
        return recorder;
    }

    @Nested
    @DisplayName("JSON Lines")
    class JsonLines {

        @Test
        void every_entry_is_handed_on_in_input_order_with_its_line_and_blank_lines_are_not_counted() {
            Recorder recorder = new Recorder();

            long entries = CaseLogReader.lenient().scan(SOURCE,
                    new StringReader(lines(PLATFORM, "", COMPLAINT, OFFICER, "  ", ACKNOWLEDGED, RESOLVED)), recorder);

            assertThat(recorder.calls).containsExactly("platform cases.jsonl:1 Samvad", "event cases.jsonl:3 e1",
                    "appointment cases.jsonl:4 appt-1", "event cases.jsonl:6 e2", "event cases.jsonl:7 e3");
            assertThat(entries).isEqualTo(5);
            assertThat(recorder.events.get(0)).isEqualTo(
                    new ComplaintReceived("e1", "case-1", at("2026-03-02T10:00:00+05:30"), ComplaintCategory.GENERAL));
        }

        @Test
        void an_event_text_is_its_line_and_reads_back_to_the_same_event() {
            Recorder recorder = scan(CaseLogReader.lenient(), lines(COMPLAINT, ACKNOWLEDGED, RESOLVED));

            assertThat(recorder.texts).containsExactly(COMPLAINT, ACKNOWLEDGED, RESOLVED);
            assertThat(recorder.texts.stream().map(CaseLogReader::event).toList()).isEqualTo(recorder.events);
        }

        @Test
        void the_entries_are_those_read_keeps_when_nothing_is_given_twice() {
            String log = lines(PLATFORM, OFFICER, COMPLAINT, ACKNOWLEDGED, RESOLVED);
            Recorder recorder = scan(CaseLogReader.lenient(), log);

            CaseLog read = CaseLogReader.lenient().read(SOURCE, new StringReader(log));

            assertThat(recorder.events).isEqualTo(read.evidence().events());
        }

        @Test
        void bad_lines_are_rejected_with_their_line_and_reading_goes_on() {
            Recorder recorder = new Recorder();

            long entries = CaseLogReader.lenient().scan(SOURCE,
                    new StringReader(lines(PLATFORM, "{", COMPLAINT, "null", ACKNOWLEDGED.replace("+05:30", ""), RESOLVED)),
                    recorder);

            assertThat(recorder.calls).containsExactly("platform cases.jsonl:1 Samvad", "rejected cases.jsonl:2",
                    "event cases.jsonl:3 e1", "rejected cases.jsonl:4", "rejected cases.jsonl:5", "event cases.jsonl:6 e3");
            assertThat(recorder.rejected.get(2).field()).isEqualTo("at");
            assertThat(entries).as("entries read, valid or not").isEqualTo(6);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.niyam.compliance.engine.CaseLogReaderTest#badLines")
        void a_bad_line_gives_the_error_read_gives(String what, String bad, String field, List<String> words) {
            String log = lines(PLATFORM, COMPLAINT, bad, ACKNOWLEDGED);

            Recorder recorder = scan(CaseLogReader.lenient(), log);

            List<String> expected = CaseLogReader.lenient().read(SOURCE, new StringReader(log)).rejected().stream()
                    .map(InputException::getMessage).toList();
            assertThat(recorder.rejected).as(what).extracting(InputException::getMessage).isEqualTo(expected);
            assertThat(recorder.rejected).singleElement().extracting(InputException::field).isEqualTo(field);
        }

        @Test
        void ids_are_not_checked_the_handler_sees_every_copy_and_every_clash() {
            String clash = COMPLAINT.replace("\"GENERAL\"", "\"INTIMATE_IMAGERY\"");

            Recorder recorder = scan(CaseLogReader.strict(), lines(COMPLAINT, COMPLAINT, clash, PLATFORM,
                    PLATFORM.replace("12000000", "3")));

            assertThat(recorder.calls).containsExactly("event cases.jsonl:1 e1", "event cases.jsonl:2 e1",
                    "event cases.jsonl:3 e1", "platform cases.jsonl:4 Samvad", "platform cases.jsonl:5 Samvad");
        }
    }

    @Nested
    @DisplayName("strict")
    class Strict {

        @Test
        void throws_at_the_first_bad_entry_without_calling_rejected_after_handing_on_the_entries_before_it() {
            String log = lines(PLATFORM, COMPLAINT, "{\"type\": \"ComplaintEscalated\"}", ACKNOWLEDGED, "{");
            Recorder recorder = new Recorder();

            InputException e = catchThrowableOfType(InputException.class,
                    () -> CaseLogReader.strict().scan(SOURCE, new StringReader(log), recorder));

            assertThat(e).isNotNull();
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("type");
            assertThat(e.getMessage()).isEqualTo(catchThrowableOfType(InputException.class,
                    () -> CaseLogReader.strict().read(SOURCE, new StringReader(log))).getMessage());
            assertThat(recorder.calls).containsExactly("platform cases.jsonl:1 Samvad", "event cases.jsonl:2 e1");
        }

        @Test
        void an_exception_of_the_handler_ends_the_scan() {
            EntryHandler failing = new Recorder() {
                @Override
                public void fact(String source, int line, StandingFact appointment) {
                    throw new IllegalStateException("full");
                }
            };

            Throwable e = catchThrowableOfType(IllegalStateException.class, () -> CaseLogReader.lenient()
                    .scan(SOURCE, new StringReader(lines(COMPLAINT, OFFICER, ACKNOWLEDGED)), failing));

            assertThat(e).hasMessage("full");
            assertThat(((Recorder) failing).calls).containsExactly("event cases.jsonl:1 e1");
        }
    }

    @Nested
    @DisplayName("a JSON array of entries")
    class JsonArrays {

        @Test
        void is_scanned_like_json_lines_and_each_event_text_reads_back_to_the_same_event() {
            String array = "[\n" + String.join(",\n", PLATFORM, COMPLAINT, "null", OFFICER, RESOLVED) + "\n] {}\n";

            Recorder recorder = scan(CaseLogReader.lenient(), array);

            assertThat(recorder.calls).containsExactly("platform cases.jsonl:2 Samvad", "event cases.jsonl:3 e1",
                    "rejected cases.jsonl:4", "appointment cases.jsonl:5 appt-1", "event cases.jsonl:6 e3",
                    "rejected cases.jsonl:7");
            assertThat(recorder.rejected.get(1).getMessage()).contains("text after the array's closing ']'");
            assertThat(recorder.texts.stream().map(CaseLogReader::event).toList()).isEqualTo(recorder.events);
        }
    }

    @Nested
    @DisplayName("a file")
    class AFile {

        @TempDir
        Path folder;

        @Test
        void a_byte_order_mark_is_skipped_and_a_line_that_is_not_utf8_is_rejected() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(("\uFEFF" + COMPLAINT + "\n").getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes((ACKNOWLEDGED.replace("case-1", "café") + "\n").getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes((RESOLVED + "\n").getBytes(StandardCharsets.UTF_8));
            Path file = Files.write(folder.resolve("latin1.jsonl"), bytes.toByteArray());
            Recorder recorder = new Recorder();

            long entries = CaseLogReader.lenient().scan(file, recorder);

            assertThat(entries).isEqualTo(3);
            assertThat(recorder.calls).containsExactly("event " + file + ":1 e1", "rejected " + file + ":2",
                    "event " + file + ":3 e3");
            assertThat(recorder.rejected.get(0).problem()).isEqualTo("the line is not valid UTF-8");
            assertThat(recorder.texts.get(0)).as("without the byte-order mark").isEqualTo(COMPLAINT);
        }

        @Test
        void progress_is_told_as_by_read() throws IOException {
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < 2 * CaseLogReader.PROGRESS_EVERY + 10; i++) {
                log.append(i == 5 ? "{broken\n" : ACKNOWLEDGED.replace("\"e2\"", "\"e" + i + "\"") + "\n");
            }
            Path file = Files.writeString(folder.resolve("long.jsonl"), log);
            List<String> scanned = new ArrayList<>();
            List<String> read = new ArrayList<>();

            CaseLogReader.lenient().withProgress((entries, rejected) -> scanned.add(entries + "/" + rejected))
                    .scan(file, new Recorder());
            CaseLogReader.lenient().withProgress((entries, rejected) -> read.add(entries + "/" + rejected)).read(file);

            assertThat(scanned).containsExactly(CaseLogReader.PROGRESS_EVERY + "/1",
                    2 * CaseLogReader.PROGRESS_EVERY + "/1").isEqualTo(read);
        }
    }

    @Nested
    @DisplayName("CaseLogReader.event: one event's text")
    class EventText {

        @Test
        void binds_an_event_wherever_its_type_is() {
            assertThat(CaseLogReader.event(RESOLVED).at()).isEqualTo(at("2026-03-02T11:30:00.250Z"));
            assertThat(CaseLogReader.event(RESOLVED)).isEqualTo(CaseLogReader.event(RESOLVED.replace(" ", "")));
        }

        @Test
        void names_the_field_at_fault() {
            InputException e = catchThrowableOfType(InputException.class,
                    () -> CaseLogReader.event(SOURCE, 7, COMPLAINT.replace(", \"category\": \"GENERAL\"", "")));

            assertThat(e.source()).isEqualTo(SOURCE);
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.field()).isEqualTo("category");
        }

        @Test
        void rejects_an_entry_that_is_not_an_event() {
            InputException platform = catchThrowableOfType(InputException.class, () -> CaseLogReader.event(PLATFORM));
            InputException broken = catchThrowableOfType(InputException.class, () -> CaseLogReader.event("{"));

            assertThat(platform.field()).isEqualTo("type");
            assertThat(platform.problem()).isEqualTo("expected an event, not an entry of type PlatformProfile");
            assertThat(broken).isNotNull();
            assertThat(catchThrowableOfType(InputException.class, () -> CaseLogReader.event(OFFICER)).problem())
                    .isEqualTo("expected an event, not an entry of type OfficerAppointment");
        }
    }

    /** {@link CaseLogReader#checkingRecords}: the platform's records and standing facts checked as read checks them. */
    @Nested
    class CheckingRecords {

        /**
         * Profiles that do not fit the history are rejected with read's errors; a standing fact given again with other
         * content is handed on, as it replaces the one before in read; the same record again is not handed on.
         */
        @Test
        void profiles_that_read_rejects_are_rejected_facts_that_replace_handed_on_and_the_same_again_not() {
            String otherProfile = PLATFORM.replace("12000000", "900000");
            String later = PLATFORM.replace("}", ", \"until\": \"2026-06-01T00:00:00+05:30\", "
                    + "\"from\": \"2026-03-01T00:00:00+05:30\"}");
            String evenLater = PLATFORM.replace("12000000", "13000000")
                    .replace("}", ", \"from\": \"2026-04-01T00:00:00+05:30\"}");
            String otherOfficer = OFFICER.replace("\"contactPublished\": true", "\"contactPublished\": false");
            String log = lines(PLATFORM, OFFICER, PLATFORM, otherProfile, OFFICER, otherOfficer, later, evenLater,
                    COMPLAINT);
            Recorder recorder = new Recorder();

            CaseLogReader.lenient().scan(SOURCE, new StringReader(log), CaseLogReader.checkingRecords(recorder));
            CaseLog read = CaseLogReader.lenient().read(SOURCE, new StringReader(log));

            assertThat(recorder.calls).containsExactly("platform cases.jsonl:1 Samvad",
                    "appointment cases.jsonl:2 appt-1", "rejected cases.jsonl:4", "appointment cases.jsonl:6 appt-1",
                    "platform cases.jsonl:7 Samvad", "rejected cases.jsonl:8", "event cases.jsonl:9 e1");
            assertThat(recorder.rejected).extracting(InputException::getMessage)
                    .isEqualTo(read.rejected().stream().map(InputException::getMessage).toList());
            assertThat(read.replaced()).isEqualTo(1);
            assertThat(read.evidence().facts()).singleElement().extracting("contactPublished").isEqualTo(false);
        }
    }

    /** {@link CaseLogReader#checkingEvents}: events checked as read checks them, in the order of the log. */
    @Nested
    class CheckingEvents {

        /**
         * An id used again for other content is rejected with read's error, though its line's instant comes first;
         * the same event again is not handed on; an event stating another jurisdiction than its case's first to state
         * one is rejected with read's error. What is handed on is what read keeps, in the log's order.
         */
        @Test
        void events_that_read_rejects_are_rejected_and_the_same_again_is_not_handed_on() {
            String earlierReuse = COMPLAINT.replace("\"id\": \"e1\"", "\"id\": \"e2\"")
                    .replace("2026-03-02T10", "2026-02-01T10");
            String inIndia = RESOLVED.replace("}", ", \"jurisdiction\": \"IN\"}");
            String inGermany = RESOLVED.replace("\"e3\"", "\"e4\"").replace("}", ", \"jurisdiction\": \"DE\"}");
            String log = lines(COMPLAINT, ACKNOWLEDGED, earlierReuse, ACKNOWLEDGED, inIndia, inGermany);
            Recorder recorder = new Recorder();

            CaseLogReader.lenient().scan(SOURCE, new StringReader(log), CaseLogReader.checkingEvents(recorder));
            CaseLog read = CaseLogReader.lenient().read(SOURCE, new StringReader(log));

            assertThat(recorder.calls).containsExactly("event cases.jsonl:1 e1", "event cases.jsonl:2 e2",
                    "rejected cases.jsonl:3", "event cases.jsonl:5 e3", "rejected cases.jsonl:6");
            assertThat(recorder.rejected).extracting(InputException::getMessage)
                    .isEqualTo(read.rejected().stream().map(InputException::getMessage).toList());
            assertThat(recorder.events).isEqualTo(read.evidence().events());
        }
    }
}
