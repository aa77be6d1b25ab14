package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MonthlyReportCommandTest {

    private static final String EDGES = Cli.log("month-edges.jsonl");

    @Test
    void countsTheMonthInIndiaStandardTimeByCategoryAndIssuer() throws IOException {
        Cli.Result result = Cli.run("monthly-report", "--month", "2026-02", EDGES, "--format", "json");
        JsonNode f = new ObjectMapper().readTree(result.out()).get("figures");

        assertThat(result.exit()).isZero();
        assertThat(f.get("from").asText()).isEqualTo("2026-02-01T00:00:00+05:30");
        assertThat(f.get("to").asText()).isEqualTo("2026-03-01T00:00:00+05:30");
        // 2026-01-31T18:29:59.999Z is 23:59:59.999 IST on 31 January; 18:30Z is midnight, 1 February.
        assertThat(f.at("/complaints/received").toString())
                .isEqualTo("{\"GENERAL\":0,\"REMOVAL_REQUEST\":0,\"INTIMATE_IMAGERY\":1}");
        // Resolved in February: C-1's January complaint counts under its category; C-9 has no complaint in the logs.
        assertThat(f.at("/complaints/actedOn").toString())
                .isEqualTo("{\"GENERAL\":1,\"REMOVAL_REQUEST\":0,\"INTIMATE_IMAGERY\":0,\"NOT_IN_LOGS\":1}");
        assertThat(f.at("/complaints/actedOnTotal").asInt()).isEqualTo(2);
        assertThat(f.at("/orders/received").toString()).isEqualTo("{\"COURT\":0,\"GOVERNMENT\":1,\"POLICE\":1}");
        // O-1's January order was carried out on 1 February; O-9's removal names an order the logs do not hold;
        // the removal in complaint case C-2 follows no order.
        assertThat(f.at("/orders/removalsThatFollowed").toString())
                .isEqualTo("{\"COURT\":1,\"GOVERNMENT\":1,\"POLICE\":0,\"NOT_IN_LOGS\":1}");
        // own-1 is 23:59:59 IST on 28 February; own-2 is midnight, 1 March.
        assertThat(f.get("proactiveRemovals").asInt()).isEqualTo(1);
    }

    @Test
    void theMonthBeforeGetsWhatFellBeforeMidnightIst() {
        Cli.Result result = Cli.run("monthly-report", "--month", "2026-01", EDGES);

        assertThat(result.out()).containsPattern("(?m)^  general +1 +0$")
                .containsPattern("(?m)^  court orders +1 +0$")
                .contains("Removed proactively, on the platform's own initiative: 0");
    }

    @Test
    void textTableOfTheExampleLog() {
        Cli.Result result = Cli.run("monthly-report", "--month", "2026-02", "../examples/logs/amendment-2026.jsonl");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .startsWith("Rule 4(1)(d) monthly figures for 2026-02, India Standard Time\n"
                        + "  counted   from 2026-02-01T00:00+05:30 (included) to 2026-03-01T00:00+05:30 (excluded)\n")
                .contains("""
                        Complaints                           received                 acted on
                          general                                   2                        1
                          removal of Rule 3(1)(b) content           1                        1
                          intimate imagery, Rule 3(2)(b)            0                        0
                          total                                     3                        2

                        Removal orders and intimations       received   removals that followed
                          court orders                              1                        1
                          government intimations                    1                        1
                          police intimations                        0                        0
                          total                                     2                        2

                        Removed proactively, on the platform's own initiative: 1
                        """);
    }

    @Test
    void htmlDrawsTheFiguresAsAChart() {
        Cli.Result result = Cli.run("monthly-report", "--month", "2026-02", "../examples/logs/amendment-2026.jsonl",
                "--format", "html");

        assertThat(result.out()).contains("<figure class=\"chart\">", "Rule 4(1)(d) figures for 2026-02")
                .contains("<title>court orders: 1</title>").doesNotContain("<script");
    }

    @Test
    void theMonthIsRequiredAndWrittenYearDashMonth() {
        Cli.Result missing = Cli.run("monthly-report", EDGES);
        Cli.Result wrong = Cli.run("monthly-report", "--month", "Feb 2026", EDGES);

        assertThat(missing.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(missing.err()).contains("--month YYYY-MM is required");
        assertThat(wrong.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(wrong.err()).contains("--month needs a month written YYYY-MM, e.g. 2026-02: Feb 2026");
    }

    @Test
    void rejectedLinesAreLeftOutAndMakeTheExitCodeTwo() {
        Cli.Result result = Cli.run("monthly-report", "--month", "2026-03", Cli.log("with-bad-lines.jsonl"));

        assertThat(result.exit()).isEqualTo(Exit.BAD_INPUT);
        assertThat(result.out()).containsPattern("(?m)^  general +1 +0$");
        assertThat(result.err()).contains("4 entries rejected (listed above) and left out of the figures");
    }
}
