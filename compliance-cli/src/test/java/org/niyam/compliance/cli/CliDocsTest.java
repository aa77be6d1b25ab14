package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** docs/cli.md and the README keep up with the commands: every option is documented, every link resolves. */
class CliDocsTest {

    private static final Path ROOT = Path.of("..");

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit", "check", "scenarios", "monthly-report", "demo", "completion"})
    void everyOptionOfEveryCommandIsInItsHelpAndInTheDocs(String name) throws IOException {
        Command command = CommandsForTests.named(name);
        Set<String> options = new HashSet<>();
        command.options().forEach(o -> options.add(o.name()));
        String docs = read("docs/cli.md");

        assertThat(docs).contains("## `niyam " + name);
        for (String option : options) {
            assertThat(command.help()).as("niyam %s --help", name).contains(option);
            assertThat(docs).as("docs/cli.md").contains(option);
        }
    }

    @Test
    void theReadmeLinksTheCommandLinePageAndShowsTheScreenshot() throws IOException {
        String readme = read("README.md");

        assertThat(readme).containsPattern("(?m)^More: .*\\[the command line\\]\\(docs/cli.md\\)")
                .contains("(docs/images/audit-report.png)");
        assertThat(ROOT.resolve("docs/images/audit-report.png")).isNotEmptyFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/cli.md", "docs/json.md", "examples/logs/README.md",
            "examples/embedding/README.md"})
    void relativeLinksResolve(String file) throws IOException {
        Path page = ROOT.resolve(file);
        Matcher link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)").matcher(Files.readString(page));
        while (link.find()) {
            String target = link.group(1);
            if (!target.startsWith("http")) {
                assertThat(page.getParent().resolve(target)).as("link %s in %s", target, file).exists();
            }
        }
    }
}
