package org.niyam.compliance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quickstart is the code of {@link Quickstart}, and prints what the README says it prints. */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path QUICKSTART =
            Path.of("src", "main", "java", "org", "niyam", "compliance", "examples", "Quickstart.java");

    @Test
    void quickstartCodeIsTheReadmeCode() throws IOException {
        String source = Files.readString(QUICKSTART);
        Matcher block = Pattern.compile("// README:start\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL).matcher(source);
        assertThat(block.find()).as("README markers in Quickstart.java").isTrue();

        assertThat(fence(readme(), "java")).isEqualTo(block.group(1).stripIndent().strip());
    }

    @Test
    void quickstartPrintsWhatTheReadmeShows() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).strip()).isEqualTo(fence(readme(), "text"));
    }

    @Test
    void firstScreenHasExactlyTwoSetUpCommands() throws IOException {
        String commands = fence(readme(), "sh");
        assertThat(commands.lines()).hasSize(2);
        assertThat(commands).contains("./niyam demo").contains("mvn verify");
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("mvn").contains("verify");
    }

    private static String readme() throws IOException {
        return Files.readString(README);
    }

    /** The first fenced block of the language. */
    private static String fence(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)\\n```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a ```%s block in README.md", language).isTrue();
        return m.group(1).strip();
    }
}
