package org.niyam.compliance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model is a law-neutral vocabulary, and reading, evaluation and the streaming job go through it: no main source of
 * {@code compliance-model}, {@code compliance-io}, {@code compliance-engine} or {@code compliance-flink} names a law's
 * platform facts or the India pack's package (comments included), and only the India pack's own modules depend on
 * it at compile time. A pack's platform record and standing facts come from the pack (see docs/architecture.md,
 * "Packs bring their events and their platform").
 */
class LawNeutralModelTest {

    /** What names one law: the India pack's platform facts, its package, or the country. */
    private static final Pattern LAW = Pattern.compile(
            "India|registeredUsersInIndia|OfficerRole|PlatformProfile|OfficerAppointment|org\\.niyam\\.compliance\\.india");

    private static final List<String> NEUTRAL = List.of("compliance-model/src", "compliance-io/src/main/java",
            "compliance-engine/src/main/java", "compliance-flink/src/main/java");

    @Test
    void theModelAndTheCodeThatReadsAndEvaluatesNameNoLawsPlatform() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String root : NEUTRAL) {
            Path folder = Path.of("..").resolve(root);
            assertThat(folder).as("run from a module folder").isDirectory();
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path file : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher law = LAW.matcher(lines.get(i));
                        if (law.find()) {
                            found.add(file + ":" + (i + 1) + ": " + law.group());
                        }
                    }
                }
            }
        }
        assertThat(files).as("Java files read").isGreaterThan(80);
        assertThat(found).as("law-specific names in law-neutral modules").isEmpty();
    }

    @Test
    void theModelAndTheReaderDoNotDependOnTheIndiaPacksEvents() throws IOException {
        for (String module : List.of("compliance-model", "compliance-io")) {
            assertThat(Files.readString(Path.of("..", module, "pom.xml"))).as(module)
                    .doesNotContain("compliance-india-events").doesNotContain("compliance-rules");
            assertThat(Files.readString(Path.of("..", module, "src/main/java/module-info.java"))).as(module)
                    .doesNotContain("org.niyam.compliance.india");
        }
        String engine = Files.readString(Path.of("pom.xml"));
        Matcher india = Pattern.compile("<artifactId>compliance-india-events</artifactId>\\s*<scope>(\\w+)</scope>")
                .matcher(engine);
        assertThat(india.find()).as("the engine's tests use the India events").isTrue();
        assertThat(india.group(1)).as("the engine's main code does not").isEqualTo("test");
    }

    @Test
    void theModelsPlatformTypesAreTheOpenInterfaces() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "compliance-model/src/main/java/org/niyam/compliance/model"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).contains("Platform.java", "StandingFact.java")
                    .doesNotContain("PlatformProfile.java", "OfficerAppointment.java", "OfficerRole.java");
        }
    }
}
