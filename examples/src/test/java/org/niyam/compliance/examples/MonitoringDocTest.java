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

/** docs/monitoring.md's example is the code of {@link LiveMonitor}, and prints what the page says it prints. */
class MonitoringDocTest {

    private static final Path PAGE = Path.of("..", "docs", "monitoring.md");
    private static final Path EXAMPLE =
            Path.of("src", "main", "java", "org", "niyam", "compliance", "examples", "LiveMonitor.java");

    @Test
    void the_page_shows_the_example_code() throws IOException {
        Matcher block = Pattern.compile("// DOC:start\\n(.*?)\\n\\s*// DOC:end", Pattern.DOTALL)
                .matcher(Files.readString(EXAMPLE));
        assertThat(block.find()).isTrue();
        assertThat(fence("java")).isEqualTo(block.group(1).stripIndent().strip());
    }

    @Test
    void the_example_prints_what_the_page_shows() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LiveMonitor.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).strip()).isEqualTo(fence("text"));
    }

    private static String fence(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        assertThat(m.find()).as("a ```%s block in docs/monitoring.md", language).isTrue();
        return m.group(1).strip();
    }
}
