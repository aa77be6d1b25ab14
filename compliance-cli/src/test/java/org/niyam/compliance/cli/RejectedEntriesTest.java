package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rejected entries on standard error: the first {@value RejectedEntries#LISTED} located, then one line counting the
 * rest and saying where every one is, in every command that reads leniently; the counts, reports and exit codes are
 * those of every entry.
 */
class RejectedEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LISTED = RejectedEntries.LISTED;

    @TempDir
    Path dir;

    /**
     * The valid lines of compliant.jsonl with {@code bad} rejected lines spread between them (an unknown type, or a
     * line cut short, in turn), so rejected entries come before, among and after the events.
     */
    private String log(int bad) throws IOException {
        List<String> valid = Files.readAllLines(Path.of(Cli.log("compliant.jsonl")));
        StringBuilder text = new StringBuilder();
        int written = 0;
        for (int i = 0; i < valid.size(); i++) {
            int here = i == valid.size() - 1 ? bad - written : Math.min(bad - written, bad / valid.size());
            for (int j = 0; j < here; j++, written++) {
                text.append(written % 2 == 0 ? "{\"type\":\"ComplaintEscalated\",\"id\":\"x" + written + "\"}"
                        : "{\"type\":\"ComplaintReceived\",\"id\":").append('\n');
            }
            text.append(valid.get(i)).append('\n');
        }
        Path file = dir.resolve("bad-" + bad + ".jsonl");
        Files.writeString(file, text);
        return file.toString();
    }

    private static List<String> located(String err, String file) {
        return err.lines().filter(l -> l.startsWith(file + ":")).toList();
    }

    /** The line numbers of the JSON report's rejected entries, in order. */
    private static List<Integer> rejectedLines(String json) throws IOException {
        List<Integer> lines = new ArrayList<>();
        JSON.readTree(json).get("rejected").forEach(r -> lines.add(r.get("line").asInt()));
        return lines;
    }

    private static int lineOf(String located, String file) {
        String rest = located.substring(file.length() + 1);
        return Integer.parseInt(rest.substring(0, rest.indexOf(':')));
    }

    @Test
    void anAuditWithMoreThanTheCapListsTheFirstThenCountsTheRestAndTheReportsHoldEveryOne() throws IOException {
        int bad = LISTED + 7;
        String file = log(bad);

        Cli.Result text = Cli.run("audit", file);
        Cli.Result json = Cli.run("audit", file, "--format", "json");

        List<String> err = text.err().lines().toList();
        assertThat(err).hasSize(LISTED + 2);
        assertThat(located(text.err(), file)).hasSize(LISTED).isEqualTo(err.subList(0, LISTED));
        assertThat(err.get(LISTED)).isEqualTo("niyam audit: 7 more entries rejected, not listed here: the same "
                + "command with --format jsonl (or --format json) lists every one");
        assertThat(err.get(LISTED + 1)).isEqualTo("niyam audit: " + bad + " entries rejected (the first " + LISTED
                + " listed above) and left out of the report; fix them, or run with --strict to stop at the first");
        assertThat(text.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(text.out()).contains("; " + bad + " rejected\n")
                .contains("Rejected: " + bad + " entries, left out; the first " + LISTED + " are listed on standard "
                        + "error, every one with --format jsonl (or --format json).");

        // The JSON report lists every one; standard error lists the first of them, in the same order.
        List<Integer> all = rejectedLines(json.out());
        assertThat(all).hasSize(bad);
        assertThat(JSON.readTree(json.out()).at("/input/rejected").asInt()).isEqualTo(bad);
        assertThat(located(json.err(), file)).extracting(l -> lineOf(l, file)).isEqualTo(all.subList(0, LISTED));
        assertThat(json.err()).contains("niyam audit: 7 more entries rejected, not listed here: the report lists "
                + "every one\n");
        assertThat(json.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(Cli.run("audit", file, "--format", "jsonl").err()).isEqualTo(json.err());

        // docs/cli.md shows these two lines as they are printed.
        String docs = Files.readString(Path.of("../docs/cli.md"));
        assertThat(docs).contains("\n" + err.get(LISTED) + "\n", "\n" + err.get(LISTED + 1)
                + "\n", "that line ends `the report lists every one`");
    }

    @Test
    void theDocsStateTheCap() throws IOException {
        String docs = Files.readString(Path.of("../docs/cli.md"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(docs).contains("errors, rejected lines (the first " + LISTED + ":")
                .contains("Standard error lists the **first " + LISTED + "** rejected entries")
                .contains("Past " + LISTED + ", the others are counted")
                .contains("HTML page lists the first " + StreamedReports.HTML_REJECTED_CAP + ".")
                .contains("the first " + LISTED + ", and how many more when the watch stops")
                .contains("told at the 100th, the 1,000th and each tenfold count after");
        assertThat(readme).contains("`FILE:LINE: FIELD: MESSAGE` (the first " + LISTED + "; then how many more");
        assertThat(CommandsForTests.named("audit").help()).contains("(the first " + LISTED + ", then how many more");
    }

    @Test
    void atTheCapEveryOneIsListedAsBeforeAndOneMoreIsCountedInTheSingular() throws IOException {
        String atCap = log(LISTED);
        Cli.Result listed = Cli.run("audit", atCap);

        assertThat(listed.err().lines()).hasSize(LISTED + 1);
        assertThat(located(listed.err(), atCap)).hasSize(LISTED);
        assertThat(listed.err()).doesNotContain("more entr")
                .endsWith("niyam audit: " + LISTED + " entries rejected (listed above) and left out of the report; "
                        + "fix them, or run with --strict to stop at the first\n");
        assertThat(listed.out()).contains("Rejected: " + LISTED + " entries, listed on standard error and left out.");

        String overCap = log(LISTED + 1);
        Cli.Result counted = Cli.run("audit", overCap, "--format", "html");
        assertThat(located(counted.err(), overCap)).hasSize(LISTED);
        assertThat(counted.err()).contains("niyam audit: 1 more entry rejected, not listed here: the same command "
                + "with --format jsonl (or --format json) lists every one\n");
        assertThat(counted.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    @Test
    void theCountsReportsAndExitCodeAreThoseOfEveryEntryWhateverIsListed() throws IOException {
        // Under the cap and over it, the reports differ only in how many rejected entries they count.
        Cli.Result under = Cli.run("audit", log(3), "--format", "json");
        Cli.Result over = Cli.run("audit", log(LISTED * 3), "--format", "json");

        JsonNode a = JSON.readTree(under.out());
        JsonNode b = JSON.readTree(over.out());
        assertThat(b.get("rejected")).hasSize(LISTED * 3);
        assertThat(b.at("/summary")).isEqualTo(a.at("/summary"));
        assertThat(b.at("/report")).isEqualTo(a.at("/report"));
        assertThat(b.at("/input/events")).isEqualTo(a.at("/input/events"));
        assertThat(over.exit()).isEqualTo(under.exit()).isEqualTo(Exit.BAD_INPUT);
    }

    @Test
    void theHtmlPageSaysWhereEveryOneIsWhenItListsTheFirst200() throws IOException {
        String file = log(StreamedReports.HTML_REJECTED_CAP + 1);

        Cli.Result result = Cli.run("audit", file, "--format", "html");

        assertThat(result.out()).contains(StreamedReports.HTML_REJECTED_CAP + 1 + " entries; the first "
                + StreamedReports.HTML_REJECTED_CAP + " are listed below, and every one by niyam audit " + file
                + " --format jsonl (or --format json)");
        assertThat(located(result.err(), file)).hasSize(LISTED);
    }

    @Test
    void theMonthlyReportListsTheFirstToo() throws IOException {
        int bad = LISTED + 5;
        String file = log(bad);

        Cli.Result text = Cli.run("monthly-report", "--month", "2026-03", file);
        Cli.Result json = Cli.run("monthly-report", "--month", "2026-03", file, "--format", "json");

        List<String> err = text.err().lines().toList();
        assertThat(err).hasSize(LISTED + 2);
        assertThat(located(text.err(), file)).isEqualTo(err.subList(0, LISTED));
        assertThat(err.get(LISTED)).isEqualTo("niyam monthly-report: 5 more entries rejected, not listed here: the "
                + "same command with --format json (or --format html) lists every one");
        assertThat(err.get(LISTED + 1)).isEqualTo("niyam monthly-report: " + bad + " entries rejected (the first "
                + LISTED + " listed above) and left out of the figures");
        assertThat(text.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(rejectedLines(json.out())).hasSize(bad);
        assertThat(json.err()).contains("5 more entries rejected, not listed here: the report lists every one\n");

        Cli.Result under = Cli.run("monthly-report", "--month", "2026-03", log(2));
        assertThat(under.err().lines()).hasSize(3);
        assertThat(under.err()).endsWith("niyam monthly-report: 2 entries rejected (listed above) and left out of "
                + "the figures\n");
    }

    @Test
    void theWatchListsTheFirstAndSaysAtTheEndHowManyMore() throws IOException {
        int bad = LISTED + 4;
        String file = log(bad);

        Cli.Result result = Cli.run("watch", "--replay", file);

        List<String> err = result.err().lines().toList();
        assertThat(err).hasSize(LISTED + 2);
        assertThat(located(result.err(), file)).isEqualTo(err.subList(0, LISTED));
        assertThat(err.get(LISTED)).isEqualTo("niyam watch: 4 more entries rejected, not listed here: niyam audit "
                + file + " --format jsonl lists every one");
        // Why the exit code is 2, as the audit says it: after a long watch the lines listed have scrolled away.
        assertThat(err.get(LISTED + 1)).isEqualTo("niyam watch: " + bad + " entries rejected (the first " + LISTED
                + " listed above) and not taken: exit code 2; fix them, or run with --strict to stop at the first");
        assertThat(result.out()).contains("Stopped at");
        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);

        List<String> few = Cli.run("watch", "--replay", log(3)).err().lines().toList();
        assertThat(few).hasSize(4).last().isEqualTo("niyam watch: 3 entries rejected (listed above) and not taken: "
                + "exit code 2; fix them, or run with --strict to stop at the first");
    }

    /** A watch runs until stopped: rejections that go on past the first 20 are told at the 100th, the 1,000th... */
    @Test
    void theWatchTellsOfRejectionsThatGoOnAtEachTenfoldCount() throws IOException {
        int bad = 1_005;
        String file = log(bad);

        Cli.Result result = Cli.run("watch", "--replay", file);

        List<String> err = result.err().lines().toList();
        List<String> located = located(result.err(), file);
        assertThat(located).hasSize(LISTED).isEqualTo(err.subList(0, LISTED));
        List<String> soFar = err.stream().filter(l -> l.contains("entries rejected so far")).toList();
        assertThat(soFar).hasSize(2);
        assertThat(soFar.get(0)).startsWith("niyam watch: 100 entries rejected so far, the first " + LISTED
                + " listed; the latest: " + file + ":");
        assertThat(soFar.get(1)).startsWith("niyam watch: 1000 entries rejected so far, the first " + LISTED
                + " listed; the latest: " + file + ":");
        assertThat(lineOf(soFar.get(0).substring(soFar.get(0).indexOf("the latest: ") + 12), file))
                .isLessThan(lineOf(soFar.get(1).substring(soFar.get(1).indexOf("the latest: ") + 12), file));
        assertThat(err.get(err.size() - 2)).isEqualTo("niyam watch: " + (bad - LISTED)
                + " more entries rejected, not listed here: niyam audit " + file + " --format jsonl lists every one");
        assertThat(err.get(err.size() - 1)).startsWith("niyam watch: " + bad + " entries rejected");
        assertThat(err).hasSize(LISTED + 4);
    }
}
