package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every file of the repository that the help of {@code niyam} or of a command names exists: an example a user copies
 * from the help runs from the repository's root.
 */
class HelpPathsTest {

    /** The repository's root: tests run in the compliance-cli module. */
    private static final Path ROOT = Path.of("..");

    /** A path of two or more parts, such as {@code examples/logs/amendment-2026.jsonl}. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w./-])([A-Za-z][\\w.-]*)/([\\w./-]*[\\w-])");

    @Test
    void every_repository_file_a_help_names_exists() {
        List<String> helps = new ArrayList<>();
        helps.add(Cli.run("--help").out());
        for (Command command : NiyamCli.COMMANDS) {
            helps.add(command.help());
        }

        List<String> named = new ArrayList<>();
        for (String help : helps) {
            Matcher path = PATH.matcher(help);
            while (path.find()) {
                // Only paths in the repository: the first part is one of its folders (not /var/log/..., my-policies/).
                if (Files.isDirectory(ROOT.resolve(path.group(1)))) {
                    named.add(path.group());
                }
            }
        }

        assertThat(named).as("the help names files of the repository").contains("examples/logs/amendment-2026.jsonl");
        assertThat(named).allSatisfy(path -> assertThat(ROOT.resolve(path)).as(path).exists());
    }
}
