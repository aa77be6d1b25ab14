package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.InputException;

class LineParserTest {

    private static final String PROFILE = Jobs.PROFILE_LINE;
    private static final String ORDER = Jobs.ORDER_LINE;
    private static final String EARLIER = """
            {"type":"RemovalOrderReceived","id":"o0","caseId":"c0","at":"2026-03-01T10:00+05:30",\
            "issuer":{"kind":"COURT","authority":"High Court"}}""";

    @Test
    void lines_become_inputs_and_a_new_earliest_or_latest_instant_a_mark() {
        LineParser parser = new LineParser(false);
        List<Input> out = new ArrayList<>();
        parser.parse("log.jsonl", PROFILE, out::add);
        parser.parse("log.jsonl", ORDER, out::add);
        parser.parse("log.jsonl", ORDER.replace("\"o1\"", "\"o2\""), out::add);
        parser.parse("log.jsonl", EARLIER, out::add);
        assertThat(out).extracting(i -> i.kind).containsExactly(Input.PLATFORM, Input.EVENT, Input.MARK, Input.EVENT,
                Input.EVENT, Input.MARK);
        Input mark = out.get(5);
        assertThat(mark.earliest).isEqualTo(out.get(4).at);
        assertThat(mark.at).isEqualTo(out.get(1).at);
        assertThat(out.get(1).caseId).isEqualTo("c1");
    }

    @Test
    void a_bad_line_is_left_out_and_counted_or_in_strict_mode_fails_naming_where_and_what() {
        LineParser lenient = new LineParser(false);
        List<Input> out = new ArrayList<>();
        lenient.parse("topic-0@7", "{\"type\":\"RemovalOrderReceived\",\"id\":\"o1\"}", out::add);
        lenient.parse("topic-0@8", "not json", out::add);
        lenient.parse("topic-0@9", "   ", out::add);
        assertThat(out).isEmpty();
        assertThat(lenient.rejected()).isEqualTo(2);

        assertThatThrownBy(() -> new LineParser(true).parse("topic-0@7",
                "{\"type\":\"RemovalOrderReceived\",\"id\":\"o1\",\"caseId\":\"c1\"}", i -> { }))
                .isInstanceOf(InputException.class).hasMessageStartingWith("topic-0@7: field at: ");
        // Each line is read alone: the message names the source (the record, or the file source's "input"), not
        // a line 1 that is no line of the input.
        assertThatThrownBy(() -> new LineParser(true).parse("input", "not json", i -> { }))
                .isInstanceOf(InputException.class).hasMessageStartingWith("input: 'not' is not a JSON value")
                .extracting(e -> ((InputException) e).line()).isEqualTo(0);
    }

    /**
     * docs/streaming.md, "Time": an event dated from 2200 on (year 9999, say) is left out, as every reader of a log
     * leaves it out, so no platform evaluates its way towards it.
     */
    @Test
    void an_event_dated_from_2200_on_is_left_out() {
        String line = "{\"type\":\"ComplaintReceived\",\"id\":\"c9\",\"caseId\":\"c9\","
                + "\"at\":\"9999-03-02T10:00:00+05:30\",\"category\":\"GENERAL\"}";
        LineParser lenient = new LineParser(false);
        List<Input> out = new ArrayList<>();
        lenient.parse("input", line, out::add);
        assertThat(out).isEmpty();
        assertThat(lenient.rejected()).isEqualTo(1);
        assertThatThrownBy(() -> new LineParser(true).parse("input", line, i -> { }))
                .isInstanceOf(InputException.class).hasMessageContaining("9999-03-02T10:00:00+05:30 is outside the "
                        + "instants Niyam reads, from 1990-01-01T00:00Z up to (not including) 2200-01-01T00:00Z");
    }

    /**
     * docs/streaming.md: an {@code EvidencePeriod} line is not read by the job, which takes the period from
     * {@code --since}: it gives no input, is not counted as a bad line, and a warning says what to give instead.
     */
    @Test
    void an_evidence_period_line_is_not_read_and_a_warning_says_to_give_since() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LineParser.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            LineParser parser = new LineParser(true);
            List<Input> out = new ArrayList<>();
            parser.parse("cases-1@0", "{\"type\":\"EvidencePeriod\",\"since\":\"2026-04-01T00:00:00+05:30\"}",
                    out::add);
            assertThat(out).isEmpty();
            assertThat(parser.rejected()).isZero();
            assertThat(captured.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .containsExactly("cases-1@0: an EvidencePeriod entry (since 2026-04-01T00:00+05:30) is not read "
                            + "by the job: give --since 2026-04-01T00:00+05:30 instead");
        } finally {
            logger.detachAppender(captured);
        }
    }

    /** A pack of one's own lists no events: alone, the India pack's lines are of unknown types; beside it, read. */
    @Test
    void a_pack_of_ones_own_reads_the_india_packs_events_only_beside_it(@TempDir Path work) throws Exception {
        Path policy = Files.createDirectories(work.resolve("policy"));
        Files.writeString(policy.resolve("acknowledgement.drl"), """
                package org.example.policy;
                import org.niyam.compliance.india.ComplaintReceived;
                import org.niyam.compliance.model.Duty;
                rule "policy.acknowledge-opens"
                    @citation("Section 2.1")
                when
                    $complaint : ComplaintReceived()
                then
                    insert(new Duty("policy.acknowledge", "Acknowledge within 12 hours", "policy.acknowledge", $complaint));
                end
                """);
        String complaint = "{\"type\":\"ComplaintReceived\",\"id\":\"g1\",\"caseId\":\"g1\","
                + "\"at\":\"2026-03-02T10:00+05:30\",\"category\":\"GENERAL\"}";
        List<Input> out = new ArrayList<>();
        LineParser alone = new LineParser(false, List.of(policy.toString()));
        alone.parse("input", complaint, out::add);
        assertThat(out).isEmpty();
        assertThat(alone.rejected()).isEqualTo(1);

        LineParser beside = new LineParser(false, List.of(JobOptions.INDIA, policy.toString()));
        beside.parse("input", complaint, out::add);
        assertThat(out).extracting(i -> i.kind).containsExactly(Input.EVENT, Input.MARK);
        assertThat(beside.rejected()).isZero();
    }

    @Test
    void options_are_read_and_a_bad_one_is_named() {
        JobOptions options = JobOptions.parse("--input-topic", "cases", "--bootstrap", "k:9092", "--bounded",
                "--output-topic", "transitions", "--out-of-order", "PT2H", "--offset", "+05:30");
        assertThat(options.bounded()).isTrue();
        assertThat(options.outOfOrder()).hasHours(2);
        assertThat(options.rules()).containsExactly(JobOptions.INDIA);
        assertThatThrownBy(() -> JobOptions.parse("--input", "a.jsonl", "--output", "out", "--out-of-order", "2h"))
                .hasMessage("Invalid value for option '--out-of-order': '2h' is not an ISO-8601 duration such as PT30M "
                        + "or P7D");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a.jsonl", "--output", "out", "--offset", "IST"))
                .hasMessage("Invalid value for option '--offset': 'IST' is not an offset such as +05:30 or Z");
        assertThat(JobOptions.parse("--input", "a.jsonl", "--output", "out", "--since", "2026-04-01T00:00+05:30")
                .since()).isEqualTo(OffsetDateTime.parse("2026-04-01T00:00+05:30"));
        assertThat(options.since()).isNull();
        assertThatThrownBy(() -> JobOptions.parse("--input", "a.jsonl", "--output", "out", "--since", "2026-04-01"))
                .hasMessage("Invalid value for option '--since': '2026-04-01' is not an ISO-8601 instant with an "
                        + "offset such as 2026-04-01T00:00+05:30");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a.jsonl", "--output", "out", "--since",
                "1970-01-01T00:00Z"))
                .hasMessage("--since 1970-01-01T00:00Z is outside the instants a log may hold, from 1990-01-01T00:00Z "
                        + "up to (not including) 2200-01-01T00:00Z");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a.jsonl")).hasMessageContaining("--output");
        assertThatThrownBy(() -> JobOptions.parse("--input-topic", "t", "--output", "o"))
                .hasMessageContaining("--bootstrap");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a", "--output", "o", "--frobnicate", "x"))
                .hasMessageContaining("'--frobnicate'");
    }

    @Test
    void a_value_the_engine_or_flink_would_refuse_is_named_with_its_option() {
        assertThatThrownBy(() -> JobOptions.parse("--input", "a", "--output", "o", "--at-risk-margin", "-PT1H"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--at-risk-margin cannot be negative: PT-1H");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a", "--output", "o", "--checkpoint", "PT0S"))
                .hasMessage("--checkpoint must be at least PT0.01S (Flink checkpoints no more often): PT0S");
        assertThatThrownBy(() -> JobOptions.parse("--input", "a", "--output", "o", "--checkpoint", "PT0.001S"))
                .hasMessageStartingWith("--checkpoint must be at least");
        assertThat(JobOptions.parse("--input", "a", "--output", "o", "--checkpoint", "PT0.01S",
                "--at-risk-margin", "PT0S").checkpoint()).hasMillis(10);
    }

    @Test
    void a_pack_reading_the_platform_s_profile_gets_its_line_and_an_unknown_type_is_named_with_what_is_read() {
        // packs/profile-reader lists ComplaintReceived only, and its rule reads the profile, as the audit gives it.
        LineParser parser = new LineParser(false, List.of("classpath:packs/profile-reader"));
        List<Input> out = new ArrayList<>();
        parser.parse("input", Jobs.PROFILE_LINE, out::add);
        assertThat(out).extracting(i -> i.kind).containsExactly(Input.PLATFORM);
        assertThat(parser.rejected()).isZero();

        String acknowledged = "{\"type\":\"ComplaintAcknowledged\",\"id\":\"a1\",\"caseId\":\"g1\","
                + "\"at\":\"2026-03-02T10:00+05:30\"}";
        assertThatThrownBy(() -> new LineParser(true, List.of("classpath:packs/profile-reader"))
                .parse("input", acknowledged, out::add))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown type 'ComplaintAcknowledged'")
                .hasMessageContaining("The types the job reads are ")
                .hasMessageContaining("PlatformProfile").hasMessageContaining("ComplaintReceived")
                .message().doesNotContain("EvidencePeriod");
    }
}
