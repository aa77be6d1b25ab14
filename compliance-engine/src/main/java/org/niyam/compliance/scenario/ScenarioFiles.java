package org.niyam.compliance.scenario;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.niyam.compliance.io.ComplianceJson;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.pack.RulePack;

/**
 * Reads scenario files, in YAML or JSON, with the conventions of {@link ComplianceJson}: instants with offset,
 * unknown fields rejected, errors naming the file, line and field. Not API.
 */
final class ScenarioFiles {

    /** A scenario file as written. */
    record Document(String name, String description, OffsetDateTime asOf, OffsetDateTime since,
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Platform> platform,
                    @JsonAlias("appointments") List<StandingFact> facts, List<CaseEvent> events,
                    Expect expect) {

        Document {
            if (asOf == null) {
                throw new IllegalArgumentException("Scenario.asOf is required: the instant the evaluation describes, "
                        + "with its offset, e.g. 2026-03-02T18:00:00+05:30");
            }
            if (expect == null) {
                throw new IllegalArgumentException("Scenario.expect is required: the obligations and findings the "
                        + "report must hold (or 'exhaustive: true' for none)");
            }
        }
    }

    /** The {@code expect} part as written; {@code exhaustive} may be left out. */
    record Expect(List<Scenario.ExpectedObligation> obligations, List<Scenario.ExpectedFinding> findings,
                  List<String> absent, List<String> absentFindings, Boolean exhaustive) {

        Scenario.Expected toExpected() {
            return new Scenario.Expected(obligations, findings, absent, absentFindings, Boolean.TRUE.equals(exhaustive));
        }
    }

    private static final ObjectMapper JSON = Mappers.configure(new ObjectMapper());
    private static final ObjectMapper YAML;

    static {
        // SnakeYAML's limit of code points set to the limit the text is checked against before.
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(Mappers.MAX_YAML);
        YAML = Mappers.configure(new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()));
    }
    /** The JSON and YAML mappers of each registry of event types, made once. */
    private static final Map<EventTypes, ObjectMapper[]> BY_TYPES = new ConcurrentHashMap<>();

    private static final String EMPTY = "is empty: expected a scenario with asOf, events and expect";


    private ScenarioFiles() {
    }

    public static Scenario load(Path file) {
        return load(file, EventTypes.onClasspath());
    }

    public static Scenario load(Path file, EventTypes types) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!isScenarioFile(name)) {
            throw new InputException(file.toString(), 0, "", "is not a scenario file: write scenarios in YAML (.yaml, "
                    + ".yml) or JSON (.json)", null);
        }
        String text;
        try {
            long size = Files.size(file);
            if (!name.endsWith(".json") && size > Mappers.MAX_YAML) {
                throw new InputException(file.toString(), 0, "", Mappers.yamlTooLong(size, "bytes"), null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(file.toString(), text, types);
    }

    public static Scenario read(String source, String text) {
        return read(source, text, EventTypes.onClasspath());
    }

    public static Scenario read(String source, String text, EventTypes types) {
        boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
        if (!json && text.length() > Mappers.MAX_YAML) {
            throw new InputException(source, 0, "", Mappers.yamlTooLong(text.length(), "characters"), null);
        }
        if (text.isBlank()) {
            throw new InputException(source, 0, "", EMPTY, null);
        }
        Document document;
        try {
            ObjectMapper[] mappers = BY_TYPES.computeIfAbsent(types, t -> new ObjectMapper[] {
                Mappers.withEventTypes(JSON, t), Mappers.withEventTypes(YAML, t)});
            document = mappers[json ? 0 : 1].readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw inputError(source, text, e);
        }
        if (document == null) {
            throw new InputException(source, 0, "", EMPTY, null);
        }
        String name = document.name() == null || document.name().isBlank() ? baseName(source) : document.name().strip();
        Evidence evidence;
        try {
            evidence = new Evidence(document.platform(), document.facts(), document.events(), document.since());
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 0, "", e.getMessage(), e);
        }
        Scenario.Expected expected;
        try {
            expected = document.expect().toExpected();
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 0, "expect", e.getMessage(), e);
        }
        return new Scenario(source, name, document.description(), document.asOf(), evidence, expected);
    }

    public static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no scenario folder at " + folder.toAbsolutePath()
                    + " (a relative path is resolved against " + Path.of("").toAbsolutePath() + ")");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> isScenarioFile(p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        // As a pack's DRL files: a link to a file elsewhere is not read (and quoted in errors).
        for (Path file : files) {
            if (!within(folder, file)) {
                throw new InputException(file.toString(), 0, "", OUTSIDE, null);
            }
        }
        return files;
    }

    /** Why a link in the folder to a file outside it is not read, in the words a pack's DRL file gets. */
    static final String OUTSIDE = "is a link to a file outside the pack's folder, which is not read: a pack is its "
            + "folder; copy the file into it";

    /** Whether the file, every link followed, is in the folder, every link followed. */
    private static boolean within(Path folder, Path file) {
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isScenarioFile(String lowerCaseName) {
        return !lowerCaseName.equals(RulePack.DESCRIPTOR)
                && (lowerCaseName.endsWith(".yaml") || lowerCaseName.endsWith(".yml") || lowerCaseName.endsWith(".json"));
    }

    private static String baseName(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static InputException inputError(String source, String text, JsonProcessingException e) {
        return InputErrors.of(source, 0, text, e);
    }
}
