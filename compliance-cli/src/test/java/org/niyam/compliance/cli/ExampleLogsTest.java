package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example case log under examples/logs/ gives the report in examples/logs/expected/: exactly, line by line,
 * explanations included, except the pack's number of rules, which a new rule changes without changing any report.
 * The expected files are what the README shows a reader, so a reworded "why" must be rewritten there too.
 *
 * <p>After a deliberate change, rewrite the expected reports with
 * {@code mvn -pl compliance-cli test -Dtest=ExampleLogsTest -Dniyam.updateExpected=true} and review the diff.
 */
class ExampleLogsTest {

    private static final Path LOGS = Path.of("../examples/logs");
    private static final Path EXPECTED = LOGS.resolve("expected");

    static List<String> logs() throws IOException {
        try (Stream<Path> files = Files.list(LOGS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().toList();
        }
    }

    @Test
    void theFiveStoriesOfTheIssueAreThere() throws IOException {
        assertThat(logs()).containsExactly("amendment-2026.jsonl", "defective-intimation.jsonl",
                "information-request-80h.jsonl", "late-intimate-imagery.jsonl", "ssmi-officer-gap.jsonl");
    }

    @ParameterizedTest
    @MethodSource("logs")
    void givesItsExpectedReport(String log) throws IOException {
        // Run from the repository root's point of view, as the README and the expected files show it.
        Cli.Result result = Cli.run("audit", "../examples/logs/" + log);
        String actual = result.out().replace("../examples/logs/", "examples/logs/");
        Path expectedFile = EXPECTED.resolve(log.replace(".jsonl", ".txt"));

        if (Boolean.getBoolean("niyam.updateExpected")) {
            Files.createDirectories(EXPECTED);
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(result.err()).isEmpty();
        assertThat(result.exit()).as("every example has something to act on").isEqualTo(Exit.FINDINGS);
        assertThat(withoutRuleCount(actual))
                .isEqualTo(withoutRuleCount(Files.readString(expectedFile, StandardCharsets.UTF_8)));
    }

    @Test
    void theLateIntimateImageryRemovalIsLateBy85Minutes() {
        String out = Cli.run("audit", "../examples/logs/late-intimate-imagery.jsonl").out();

        assertThat(block(out, "complaint.intimate-imagery@img-88-in"))
                .contains("due       2026-04-04T00:15+05:30", "done      2026-04-04T01:40+05:30 by img-88-done",
                        "1 h 25 min after the 2 h allowed", "cite      Rule 3(2)(b)");
    }

    @Test
    void theInformationRequestAnsweredAfter80HoursIsLateBy8() {
        String out = Cli.run("audit", "../examples/logs/information-request-80h.jsonl").out();

        assertThat(block(out, "information.request@lea-07-in")).startsWith("MET LATE")
                .contains("due       2026-04-04T10:00+05:30", "done      2026-04-04T18:00+05:30 by lea-07-done",
                        "8 h after the 72 h allowed", "cite      Rule 3(1)(j)");
        assertThat(block(out, "information.request@lea-08-in")).startsWith("AT RISK");
    }

    /** The block of one obligation in a text report, from its status line to the blank line after it. */
    private static String block(String text, String id) {
        int at = text.indexOf(id);
        assertThat(at).as("%s in the report", id).isPositive();
        int start = text.lastIndexOf("\n\n", at) + 2;
        int end = text.indexOf("\n\n", at);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The report with the number of rules in the pack blanked, and line ends as written on any platform. */
    private static String withoutRuleCount(String report) {
        return report.replace("\r\n", "\n").replaceAll("\\(\\d+ rules?\\)", "(N rules)");
    }
}
