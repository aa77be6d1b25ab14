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
        assertThat(documentedOptions(Benchmark.USAGE, "org.niyam.compliance.benchmarks.Benchmark")).isGreaterThan(5);
    }

    @Test
    void everyOptionOfTheMonitorMeasurementIsDocumented() throws IOException {
        assertThat(documentedOptions(MonitorThroughput.USAGE, "org.niyam.compliance.benchmarks.MonitorThroughput"))
                .isEqualTo(2);
    }

    /** Asserts that the page names the class and documents each option of its usage; returns how many there are. */
    private static int documentedOptions(String usage, String mainClass) throws IOException {
        String page = Files.readString(PAGE);
        Matcher option = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(usage);
        int options = 0;
        while (option.find()) {
            options++;
            assertThat(page).as("docs/performance.md").contains("`" + option.group(1));
        }
        assertThat(page).contains(mainClass);
        return options;
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
