package org.niyam.compliance.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/performance.md keeps up with the harness: every option documented, every link resolving. */
class PerformanceDocTest {

    private static final Path PAGE = Path.of("..", "docs", "performance.md");

    @Test
    void everyOptionOfTheHarnessIsDocumented() throws IOException {
        String page = Files.readString(PAGE);
        Matcher option = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(Benchmark.USAGE);
        int options = 0;
        while (option.find()) {
            options++;
            assertThat(page).as("docs/performance.md").contains("`" + option.group(1));
        }
        assertThat(options).isGreaterThan(5);
        assertThat(page).contains("org.niyam.compliance.benchmarks.Benchmark");
    }

    @Test
    void everyOptionOfTheMonitorMeasurementIsDocumented() throws IOException {
        String page = Files.readString(PAGE);
        Matcher option = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(MonitorThroughput.USAGE);
        int options = 0;
        while (option.find()) {
            options++;
            assertThat(page).as("docs/performance.md").contains("`" + option.group(1));
        }
        assertThat(options).isEqualTo(2);
        assertThat(page).contains("org.niyam.compliance.benchmarks.MonitorThroughput");
    }

    @Test
    void everyLinkResolves() throws IOException {
        Matcher link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)").matcher(Files.readString(PAGE));
        while (link.find()) {
            String target = link.group(1);
            if (!target.startsWith("http")) {
                assertThat(PAGE.getParent().resolve(target)).as("link %s", target).exists();
            }
        }
    }
}
