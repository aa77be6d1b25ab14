package org.niyam.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The HTML templates write nothing raw: every value goes through jte's escaping. A template that needed raw output
 * ({@code $unsafe}) would have to say why in a comment on the line before, and this test to name it.
 */
class HtmlTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/jte");

    @Test
    void noTemplateWritesAValueUnescaped() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.filter(f -> f.toString().endsWith(".jte")).sorted().toList();
        }

        assertThat(templates).isNotEmpty();
        for (Path template : templates) {
            assertThat(Files.readString(template)).as(template.toString()).doesNotContain("$unsafe");
        }
    }

    @Test
    void onlyTheStyleSheetIsRawTextAndItHoldsNoExpression() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            assertThat(files.filter(f -> read(f).contains("@raw")).map(f -> f.getFileName().toString()))
                    .containsExactly("style.jte");
        }
        assertThat(Files.readString(TEMPLATES.resolve("style.jte"))).doesNotContain("${", "@if", "@for", "@template");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
