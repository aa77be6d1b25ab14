package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code niyam audit} on hostile case logs, lenient and {@code --strict}: each is bad input (exit 2, one line naming
 * file, line and field, no stack trace), or is reported without letting its text forge lines of the report.
 */
class HostileAuditTest {

    private static final String PLATFORM = """
            {"type":"PlatformProfile","name":"Big","registeredUsersInIndia":80000000,"messagingService":false}""";
    private static final String COMPLAINT = """
            {"type":"ComplaintReceived","id":"c2","caseId":"k2","at":"2026-03-01T00:00:00+05:30","category":"GENERAL"}""";

    @TempDir
    Path dir;

    private String log(String... lines) throws IOException {
        Path file = dir.resolve("hostile.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }

    private static String complaint(String id, String caseId, String at) {
        return "{\"type\":\"ComplaintReceived\",\"id\":" + id + ",\"caseId\":" + caseId + ",\"at\":" + at
                + ",\"category\":\"GENERAL\"}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+999999999-12-31T23:59:59+05:30", "1970-01-01T00:00:00+05:30", "-999999999-01-01T00:00:00Z"})
    void an_instant_outside_the_law_s_years_is_bad_input_naming_file_line_and_field(String at) throws IOException {
        String file = log(PLATFORM, complaint("\"c1\"", "\"k1\"", "\"" + at + "\""), COMPLAINT);

        Cli.Result lenient = Cli.run("audit", file);
        Cli.Result strict = Cli.run("audit", file, "--strict");

        assertThat(lenient.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(lenient.err()).startsWith(file + ":2: at: " + at + " is outside the instants Niyam reads")
                .doesNotContain("Exception", "\tat ");
        assertThat(lenient.out()).as("the rest is audited").contains("complaint.acknowledge@c2");
        assertThat(strict.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(strict.err()).startsWith(file + ":2: field at: " + at + " is outside");
        assertThat(strict.out()).isEmpty();
    }

    @Test
    void an_as_of_outside_the_law_s_years_is_a_usage_error() throws IOException {
        Cli.Result result = Cli.run("audit", log(PLATFORM, COMPLAINT), "--as-of", "+999999999-12-31T23:59:59Z");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).contains("--as-of must be from 1990-01-01T00:00Z and before 2200-01-01T00:00Z");
    }

    @Test
    void a_key_given_twice_and_a_number_for_an_id_are_refused_lenient_and_strict() throws IOException {
        String file = log(PLATFORM,
                complaint("\"c1\"", "\"k1\"", "\"2026-03-01T00:00:00+05:30\",\"at\":\"2027-03-01T00:00:00+05:30\""),
                complaint("1e2", "\"k3\"", "\"2026-03-01T00:00:00+05:30\""), COMPLAINT);

        Cli.Result lenient = Cli.run("audit", file);
        Cli.Result strict = Cli.run("audit", file, "--strict");

        assertThat(lenient.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(lenient.err()).contains(file + ":2: at: the key 'at' is given twice in one object")
                .contains(file + ":3: id: expected text, not a number with a fraction or an exponent");
        assertThat(lenient.out()).as("'as of' is not moved to 2027").contains("as of     2026-03-01T00:00+05:30")
                .doesNotContain("100.0");
        assertThat(strict.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(strict.err()).startsWith(file + ":2: field at: the key 'at' is given twice");
    }

    @Test
    void a_case_id_with_a_newline_and_an_ansi_escape_cannot_forge_a_line() throws IOException {
        String file = log(PLATFORM.replace("\"Big\"", "\"Big\\n\\u001b[2KSummary: 0 obligations\""),
                complaint("\"c1\"", "\"k1\\n\\u001b[2KSummary: 0 obligations; all compliant\"",
                        "\"2026-03-01T00:00:00+05:30\""));

        Cli.Result result = Cli.run("audit", file, "--all");

        assertThat(result.exit()).isEqualTo(Exit.FINDINGS);
        assertThat(result.out().lines()).as("one Summary line, the real one").filteredOn(l -> l.contains("Summary"))
                .allMatch(l -> l.startsWith("Summary: ") && !l.contains("all compliant") || l.startsWith("  "));
        assertThat(result.out()).doesNotContain("\u001b")
                .contains("  case      k1\\n\\u001b[2KSummary: 0 obligations; all compliant\n")
                .contains("  platform  Big\\n\\u001b[2KSummary: 0 obligations, 80,000,000 registered users");
    }

    @Test
    void lone_surrogates_are_refused_and_a_valid_replacement_character_is_kept() throws IOException {
        String file = log(PLATFORM, complaint("\"c1\"", "\"k\\ud800\"", "\"2026-03-01T00:00:00+05:30\""),
                complaint("\"c3\"", "\"k\uFFFD\"", "\"2026-03-01T00:00:00+05:30\""));

        Cli.Result result = Cli.run("audit", file, "--format", "json");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).startsWith(file + ":2: caseId: text holds a lone surrogate \\uD800");
        assertThat(result.err().lines()).as("one rejected line, then the count").hasSize(2);
        assertThat(result.out()).contains("\"caseId\" : \"k\uFFFD\"");
    }

    @Test
    void a_device_is_not_a_case_log() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");

        Cli.Result result = Cli.run("audit", "/dev/zero");

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).startsWith("niyam audit: /dev/zero is not a regular file (a device, a pipe or a "
                + "socket): save the case log to a file and give that\n");
    }

    @Test
    void a_directory_is_not_a_case_log() {
        Cli.Result result = Cli.run("audit", dir.toString());

        assertThat(result.err()).startsWith("niyam audit: " + dir + " is a directory");
    }

    @Test
    void a_line_over_the_maximum_is_rejected_and_the_rest_audited() throws IOException {
        String file = log(PLATFORM, complaint("\"c1\"", "\"" + "k".repeat(1 << 20) + "\"", "\"2026-03-01T00:00:00+05:30\""),
                COMPLAINT);

        Cli.Result lenient = Cli.run("audit", file);

        assertThat(lenient.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(lenient.err()).startsWith(file + ":2: the line is 1,048,680 characters long, over the maximum of "
                + "1,048,576 (1 MiB): it is not read\n");
        assertThat(lenient.out()).contains("complaint.acknowledge@c2");
        assertThat(Cli.run("audit", file, "--strict").err()).startsWith(file + ":2: the line is 1,048,680");
    }

    @Test
    void a_line_longer_than_any_the_reader_takes_is_skipped_unkept_by_the_platform_scan() throws IOException {
        // 5 MiB naming a platform profile: the scan for the platform's lines must neither keep nor grow for it.
        String file = log(complaint("\"c1\"", "\"PlatformProfile" + "k".repeat(5 << 20) + "\"",
                "\"2026-03-01T00:00:00+05:30\""), PLATFORM, COMPLAINT);

        Cli.Result result = Cli.run("audit", file);

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.err()).startsWith(file + ":1: the line is ");
        assertThat(result.out()).contains("platform  Big, 80,000,000 registered users in India")
                .contains("complaint.acknowledge@c2");
    }

    /**
     * A case arises in one jurisdiction: the later line stating another is rejected, naming both lines, and every
     * other line is judged (the case too, without it), as for any bad line.
     */
    @Test
    void an_event_stating_another_jurisdiction_than_its_case_is_a_rejected_line_naming_both() throws IOException {
        String file = log(PLATFORM,
                complaint("\"c1\"", "\"k1\"", "\"2026-03-01T00:00:00+05:30\"").replace("}", ",\"jurisdiction\":\"IN\"}"),
                complaint("\"c3\"", "\"k1\"", "\"2026-03-01T01:00:00+05:30\"").replace("}", ",\"jurisdiction\":\"DE\"}"),
                COMPLAINT);

        for (String format : List.of("text", "json")) {
            Cli.Result result = Cli.run("audit", file, "--all", "--format", format);

            assertThat(result.exit()).as(format).isEqualTo(Exit.BAD_INPUT);
            assertThat(result.err()).as(format).contains(file + ":3: jurisdiction: event 'c3' of case 'k1' says "
                    + "it arose in DE, event 'c1' (" + file + ":2) in IN; a case arises in one jurisdiction: correct "
                    + "one of them").doesNotContain("nothing was evaluated").doesNotContain("internal error");
            assertThat(result.out()).as(format).contains("complaint.acknowledge@c1").contains("complaint.acknowledge@c2")
                    .doesNotContain("complaint.acknowledge@c3");
        }
    }

    @Test
    void nesting_too_deep_in_an_array_names_its_line() throws IOException {
        Path file = dir.resolve("deep.json");
        Files.writeString(file, "[\n" + PLATFORM + ",\n" + COMPLAINT + ",\n{\"x\":" + "[".repeat(1500)
                + "]".repeat(1500) + "}\n]\n");

        Cli.Result result = Cli.run("audit", file.toString());

        assertThat(result.err()).startsWith(file + ":4: Document nesting depth (1001) exceeds the maximum allowed");
        assertThat(result.out()).contains("complaint.acknowledge@c2");
    }
}
