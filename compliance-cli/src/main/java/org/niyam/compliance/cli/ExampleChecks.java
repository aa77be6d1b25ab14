package org.niyam.compliance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.niyam.compliance.io.ComplianceJson;

/** The example compliance checks bundled with Niyam, in {@code org/niyam/compliance/cli/checks/}. */
public final class ExampleChecks {

    private static final String FOLDER = "org/niyam/compliance/cli/checks/";

    private ExampleChecks() {
    }

    /** {@return the file names of the bundled checks, in the order the demo runs them} */
    public static List<String> names() {
        String index = resource("index.txt");
        return index.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * Loads one bundled check.
     *
     * @param name its file name, e.g. {@code late-actions.json}
     * @return the check
     * @throws IllegalArgumentException if no bundled check has that name; the message lists the names
     */
    public static ExampleCheck load(String name) {
        ClassLoader loader = ExampleChecks.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled example check named " + name + "; known: " + names());
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ComplianceJson.read("classpath:" + FOLDER + name, reader, ExampleCheck.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return every bundled check, in the order the demo runs them} */
    public static List<ExampleCheck> all() {
        List<ExampleCheck> checks = new ArrayList<>();
        names().forEach(name -> checks.add(load(name)));
        return checks;
    }

    private static String resource(String name) {
        try (InputStream in = ExampleChecks.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + FOLDER + name + " is missing from the examples jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
