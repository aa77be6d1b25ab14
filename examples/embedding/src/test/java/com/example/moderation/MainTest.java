package com.example.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.io.CaseLogReader.CaseLog;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.model.Status;

class MainTest {

    @Test
    void theRequestAboutToRunOutComesBeforeTheOneAnsweredLate() {
        CaseLog log = CaseLogReader.strict().read(Path.of("src/test/resources/cases.jsonl"));

        Report report = new Main().evaluate(log);

        assertThat(report.asOf()).hasToString("2026-04-09T10:00+05:30");
        // Our own 48 hours are over for the request the law still gives 4 hours, and were over for the one answered
        // late.
        assertThat(Main.actOn(report)).extracting(Obligation::id, Obligation::status).containsExactly(
                tuple("policy.disclose@lea-08-in", Status.BREACHED),
                tuple("information.request@lea-08-in", Status.AT_RISK),
                tuple("information.request@lea-07-in", Status.MET_LATE),
                tuple("policy.disclose@lea-07-in", Status.MET_LATE));
        // Our own three-day service level for Grievance Appellate Committee orders gives the order a due instant.
        assertThat(report.forCase("GAC-2026-3")).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Status.OPEN);
            assertThat(o.dueAt()).hasToString("2026-04-11T12:00+05:30");
        });
    }

    @Test
    void theReadmesCommandPrintsWhatTheReadmeShows(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path html = dir.resolve("report.html");

        int exit = Main.run(new String[] {"../../examples/logs/information-request-80h.jsonl", html.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        Matcher shown = Pattern.compile("The last command prints:\n\n```text\n(.*?)\n```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertThat(shown.find()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8).strip().replace(html.toString(), "report.html"))
                .isEqualTo(shown.group(1));
        assertThat(exit).as("something needs action").isEqualTo(1);
        assertThat(Files.readString(html)).contains("</html>");
    }

    @Test
    void ourPolicyPackIsLoadedFromTheCompiledModelTheBuildShipped() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            new Main();
        } finally {
            System.setErr(original);
        }

        // slf4j-simple writes the engine's INFO line, which says where each pack's model came from, on System.err.
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("packs [baatcheet-policy] from a compiled model on the class path")
                .doesNotContain("compiled now");
    }
}
