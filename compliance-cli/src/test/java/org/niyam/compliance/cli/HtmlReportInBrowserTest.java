package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real headless browser (Debian's chromium) and reads back the DOM it built. Where
 * /usr/bin/chromium (or {@code -Dniyam.chromium=PATH}) is missing, each test reports itself skipped with the reason,
 * so a build without it still passes and says what it did not check; .ci/run installs it.
 *
 * <p>{@code -Dniyam.screenshot=../docs/images/audit-report.png} also saves the screenshot the README shows.
 */
class HtmlReportInBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("niyam.chromium", "/usr/bin/chromium"));

    // Before each test, not once before all: an assumption failing in @BeforeAll makes Surefire count no test at all,
    // where this way every test is counted as skipped, with the reason.
    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium): browser test skipped");
    }

    @Test
    void rendersItsFindingsTimelinesAndFigures(@TempDir Path folder) throws Exception {
        Path html = folder.resolve("audit.html");
        Cli.Result result = Cli.run("audit", "../examples/logs/defective-intimation.jsonl", "--format", "html", "--out",
                html.toString());
        assertThat(result.exit()).isEqualTo(Exit.FINDINGS);

        String dom = browse(folder, html, "--dump-dom");

        assertThat(dom).contains("<h1>Compliance report: Khabar</h1>")
                .contains("<code>4(8).prior-notice@own-12-done</code>")
                .contains("<span class=\"badge breached\">BREACHED</span>")
                .contains("<span class=\"badge finding\">FINDING</span> <code>defective-intimation</code> in case "
                        + "POL-2026-31")
                .contains("below Deputy Inspector General")
                .contains("<h3>Rule 4(8)</h3>", "<h3>Rule 3(1)(g)</h3>", "<h3>Rule 3(1)(d)</h3>")
                .contains("<h2>By clause and month</h2>", "<th>2026-04</th>");
        // One timeline for each listed obligation with a due instant: 1 breached and 5 open.
        assertThat(count(dom, "<svg class=\"timeline\"")).isEqualTo(6);
        assertThat(dom).contains("<title>due 2026-04-25T09:00+05:30</title>", "<title>triggered 2026-04-25T09:00+05:30</title>");
    }

    @Test
    void textFromTheLogStaysTextAndNothingRuns(@TempDir Path folder) throws Exception {
        Path html = folder.resolve("nasty.html");
        Cli.run("audit", Cli.log("nasty-ids.jsonl"), "--format", "html", "--all", "--out", html.toString());

        String dom = browse(folder, html, "--dump-dom");

        assertThat(dom).doesNotContain("<script", "<img", "<b>Bold", "<i>court")
                .contains("Case &lt;img src=x onerror=alert(2)&gt;")
                .contains("removal.on-order@\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Compliance report: &lt;b&gt;Bold&lt;/b&gt; &amp; \"Co\"");
    }

    @Test
    void screenshotForTheReadme(@TempDir Path folder) throws Exception {
        String target = System.getProperty("niyam.screenshot");
        assumeTrue(target != null, "set -Dniyam.screenshot=PATH to save the README screenshot");
        Path html = folder.resolve("audit.html");
        Cli.run("audit", "../examples/logs/defective-intimation.jsonl", "--format", "html", "--out", html.toString());
        Path png = Path.of(target).toAbsolutePath();
        Files.createDirectories(png.getParent());

        browse(folder, html, "--screenshot=" + png, "--window-size=1000,1700", "--hide-scrollbars");

        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** Runs chromium headless on the page with a fresh profile; returns what it writes on standard output. */
    private static String browse(Path folder, Path page, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(folder, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(folder, "chromium", ".out");
        Path log = Files.createTempFile(folder, "chromium", ".log");
        Process browser = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!browser.waitFor(120, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s; its log:\n" + Files.readString(log));
        }
        assertThat(browser.exitValue()).as("chromium's exit code; its log:%n%s", Files.readString(log)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
