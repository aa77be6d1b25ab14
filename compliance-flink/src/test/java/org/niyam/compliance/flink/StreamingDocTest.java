package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/streaming.md shows the job's options as the job prints them, and its operators' uids. */
class StreamingDocTest {

    private static final Path DOC = Path.of("..", "docs", "streaming.md");

    @Test
    void the_options_are_the_jobs() throws IOException {
        Matcher text = Pattern.compile("```text\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(text.find()).as("a ```text block in docs/streaming.md").isTrue();
        assertThat(text.group(1)).isEqualTo(JobOptions.usage());
    }

    @Test
    void the_uids_are_the_jobs() throws IOException {
        String doc = Files.readString(DOC);
        String job = Files.readString(Path.of("src", "main", "java", "org", "niyam", "compliance", "flink",
                "ComplianceJob.java"));
        Matcher uid = Pattern.compile("\\.uid\\(\"([a-z-]+)\"\\)").matcher(job);
        int found = 0;
        while (uid.find()) {
            assertThat(doc).as("docs/streaming.md names uid %s", uid.group(1)).contains("`" + uid.group(1) + "`");
            found++;
        }
        assertThat(found).isEqualTo(10);
    }
}
