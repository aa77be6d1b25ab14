package org.niyam.compliance.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@link DroolsInternals} names Drools' implementation classes: every other main class of every module uses
 * kie's public API, kie-internal's knowledge-builder interfaces (and its executor factory), the executable model's
 * DSL or the DRL parser's syntax trees (its Javadoc says why these count as public), so that a Drools upgrade breaks
 * one class, which {@code DroolsInternalsTest} tests.
 */
class InternalsConfinedTest {

    /** A Drools or kie class named in source: imported, fully qualified, or in a string. */
    private static final Pattern NAMED = Pattern.compile("\\borg\\.(?:drools|kie)\\.[a-z][\\w.]*?\\.[A-Z]\\w*");

    /** What classes other than the adapter may name. */
    private static final Pattern PUBLIC = Pattern.compile("org\\.kie\\.api\\..*"
            + "|org\\.kie\\.internal\\.builder\\.(?:conf\\.)?[A-Z]\\w*|org\\.kie\\.internal\\.concurrent\\.[A-Z]\\w*"
            + "|org\\.drools\\.model\\.[A-Z]\\w*|org\\.drools\\.drl\\.ast\\.descr\\..*"
            + "|org\\.drools\\.mvel\\.parser\\.ast\\..*");

    private static final String ADAPTER = "org/niyam/compliance/engine/internal/drools/";

    @Test
    void only_the_adapter_names_drools_implementation_classes() throws IOException {
        Path engine = Path.of("").toAbsolutePath();
        assertThat(engine.resolve("src/main/java/" + ADAPTER + "DroolsInternals.java"))
                .as("run from the compliance-engine module's folder").exists();
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(engine.getParent())) {
            modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        assertThat(roots).contains(engine.resolve("src/main/java"));
        TreeSet<String> offences = new TreeSet<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !root.relativize(f).toString().replace('\\', '/').startsWith(ADAPTER))
                        .forEach(file -> offences.addAll(offences(engine.getParent(), file)));
            }
        }
        assertThat(offences).as("Drools implementation classes named outside DroolsInternals: move each use into "
                + "DroolsInternals, with a line in its Javadoc saying which internal it uses and why no public API "
                + "does, and a test in DroolsInternalsTest").isEmpty();
    }

    private static List<String> offences(Path repository, Path file) {
        List<String> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher named = NAMED.matcher(lines.get(i));
            while (named.find()) {
                if (!PUBLIC.matcher(named.group()).matches()) {
                    found.add(repository.relativize(file) + ":" + (i + 1) + ": " + named.group());
                }
            }
        }
        return found;
    }
}
