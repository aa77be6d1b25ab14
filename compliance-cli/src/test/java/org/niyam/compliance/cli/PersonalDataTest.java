package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The names of the people in a case log (officers) appear in no report: text, JSON or HTML. */
class PersonalDataTest {

    static List<String> logs() throws IOException {
        return ExampleLogsTest.logs();
    }

    @ParameterizedTest
    @MethodSource("logs")
    void noReportNamesThePeopleInTheLog(String log) throws IOException {
        List<String> people = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("../examples/logs", log))) {
            JsonNode entry = json.readTree(line);
            if (entry.has("person")) {
                people.add(entry.get("person").asText());
            }
        }
        assertThat(people).as("the log names officers").isNotEmpty();

        for (String format : List.of("text", "json", "html")) {
            String report = Cli.run("audit", "../examples/logs/" + log, "--all", "--format", format).out();
            assertThat(report).as(format).isNotBlank().doesNotContain(people);
        }
    }
}
