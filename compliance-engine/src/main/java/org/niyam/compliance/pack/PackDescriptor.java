package org.niyam.compliance.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.niyam.compliance.io.internal.InputErrors;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.io.internal.Suggestions;
import org.niyam.compliance.model.DatedValue;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.Preconditions;

/**
 * A rule pack's {@code pack.yaml}, read and checked. Not API.
 *
 * <pre>{@code
 * id: india-it-rules
 * jurisdictions: [IN]
 * instrument: Information Technology (Intermediary Guidelines and Digital Media Ethics Code) Rules, 2021
 * rules: [removal.drl, grievance.drl]
 * versions:
 *   - name: as notified (G.S.R. 139(E))
 *     from: 2021-02-25T00:00+05:30
 * parameters:
 *   removal.on-order:
 *     description: Rule 3(1)(d) clock
 *     type: duration
 *     values:
 *       - {from: 2021-02-25T00:00+05:30, value: PT36H, source: "G.S.R. 139(E), Rule 3(1)(d)"}
 * events:
 *   - org.example.events.ComplaintReceived
 *   - {class: com.example.Appeal, name: AppealLodged}
 * }</pre>
 */
record PackDescriptor(String id, String instrument, List<String> rules, List<LawVersion> versions,
                      Map<String, Parameter> parameters, List<String> jurisdictions, EventTypes events) {

    private static final ObjectMapper YAML = Mappers.configure(new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build()));

    /** SnakeYAML's limit of code points set to {@link Mappers#MAX_YAML}, as the text is checked before. */
    static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(Mappers.MAX_YAML);
        return options;
    }

    record File(String id, String instrument, List<String> jurisdictions, List<String> rules,
                List<VersionEntry> versions, LinkedHashMap<String, ParameterEntry> parameters, List<Object> events) {
    }

    record VersionEntry(String name, OffsetDateTime from) {
    }

    record ParameterEntry(String description, String type, Boolean setting, List<ValueEntry> values) {
    }

    record ValueEntry(OffsetDateTime from, Object value, String source) {
    }

    /** The descriptor of a pack without {@code pack.yaml}. */
    public static PackDescriptor adHoc(String name) {
        return new PackDescriptor(name, name, List.of(), List.of(), Map.of(), List.of(), EventTypes.standard());
    }

    /** Reads and checks a descriptor; every problem found is reported at once. */
    public static PackDescriptor parse(String origin, String text) {
        return parse(origin, text, PackDescriptor.class.getClassLoader());
    }

    /**
     * Reads and checks a descriptor, finding the event classes it lists through {@code loader} (without
     * initialising them: naming a class runs none of its code).
     */
    public static PackDescriptor parse(String origin, String text, ClassLoader loader) {
        if (text.length() > Mappers.MAX_YAML) {
            throw new RulePackException(List.of(new Problem(origin, 0, Mappers.yamlTooLong(text.length(),
                    "characters"))));
        }
        File file;
        try {
            file = YAML.readValue(text, File.class);
        } catch (JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException unknown && unknown.getPropertyName() != null) {
                // Named with the closest known key, on the key's own line.
                InputException located = InputErrors.of(origin, 0, text, e);
                String name = unknown.getPropertyName();
                String path = located.field().isEmpty() ? name : located.field();
                List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                        : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
                throw new RulePackException(new Problem(origin, located.line(), "unknown key '" + path + "'"
                        + Suggestions.didYouMean(name, known)), e);
            }
            // In words, with the field's path (versions[0].from: expected an ISO-8601 instant with offset, ...).
            InputException located = InputErrors.of(origin, 0, text, e);
            throw new RulePackException(new Problem(origin, located.line(), (located.field().isEmpty() ? ""
                    : located.field() + ": ") + located.problem()), e);
        }
        if (file == null) {
            throw new RulePackException(List.of(new Problem(origin, 0, "is empty")));
        }
        List<Problem> problems = new ArrayList<>();
        Lines lines = new Lines(text);
        if (blank(file.id())) {
            problems.add(new Problem(origin, 0, "'id' is required: a short stable name such as india-it-rules"));
        }
        if (blank(file.instrument())) {
            problems.add(new Problem(origin, 0, "'instrument' is required: the legal instrument, as citations name it"));
        }
        List<LawVersion> versions = versions(origin, file, problems, lines);
        List<String> jurisdictions = file.jurisdictions() == null ? List.of() : List.copyOf(file.jurisdictions());
        for (int i = 0; i < jurisdictions.size(); i++) {
            String jurisdiction = jurisdictions.get(i);
            if (!Preconditions.isJurisdiction(jurisdiction)) {
                problems.add(new Problem(origin, lines.of("/jurisdictions/" + i), "'jurisdictions' has '"
                        + jurisdiction + "': give ISO 3166 codes such as IN, DE or US-CA"
                        + Preconditions.notACountry(jurisdiction)));
            }
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        if (file.parameters() != null) {
            file.parameters().forEach((name, entry) -> {
                Parameter parameter = parameter(origin, name, entry, problems, lines);
                if (parameter != null) {
                    parameters.put(name, parameter);
                }
            });
        }
        EventTypes events = events(origin, file.id(), file.events(), loader, problems, lines);
        if (!problems.isEmpty()) {
            throw new RulePackException(problems);
        }
        List<String> rules = file.rules() == null ? List.of() : List.copyOf(file.rules());
        return new PackDescriptor(file.id(), file.instrument(), rules, versions, Map.copyOf(parameters),
                jurisdictions, events);
    }

    /**
     * The event types listed under {@code events}: each a class name (named in JSON by its simple name) or
     * {@code {class: ..., name: ...}}. A class must already be on the class path and be a record implementing
     * {@code CaseEvent}; it is loaded, not initialised.
     */
    private static EventTypes events(String origin, String id, List<Object> entries, ClassLoader loader,
                                     List<Problem> problems, Lines lines) {
        EventTypes types = EventTypes.standard();
        if (entries == null) {
            return types;
        }
        String source = "pack '" + id + "'";
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String where = "events[" + i + "]";
            String className;
            String name = null;
            if (entry instanceof String text) {
                className = text.strip();
            } else if (entry instanceof Map<?, ?> map) {
                List<String> unknown = map.keySet().stream().map(String::valueOf)
                        .filter(k -> !k.equals("class") && !k.equals("name")).toList();
                if (!unknown.isEmpty()) {
                    problems.add(new Problem(origin, lines.of("/events/" + i), where + ": unknown key '"
                            + unknown.get(0) + "'" + Suggestions.didYouMean(unknown.get(0), List.of("class", "name"))));
                    continue;
                }
                className = map.get("class") == null ? null : String.valueOf(map.get("class")).strip();
                name = map.get("name") == null ? null : String.valueOf(map.get("name")).strip();
            } else {
                className = null;
            }
            if (className == null || className.isEmpty()) {
                problems.add(new Problem(origin, lines.of("/events/" + i), where + " needs a class name, such as "
                        + "com.example.AppealLodged, or {class: com.example.AppealLodged, name: Appeal}"));
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(new Problem(origin, lines.of("/events/" + i), where + ": class " + className
                        + " is not on the class path; an event class is compiled with the application, a pack only "
                        + "names it"));
                continue;
            }
            try {
                types = name == null ? types.with(type, source) : types.with(name, type, source);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(origin, lines.of("/events/" + i), where + ": " + e.getMessage()));
            }
        }
        return types;
    }

    private static List<LawVersion> versions(String origin, File file, List<Problem> problems, Lines lines) {
        List<LawVersion> versions = new ArrayList<>();
        if (file.versions() == null) {
            return versions;
        }
        for (int i = 0; i < file.versions().size(); i++) {
            VersionEntry entry = file.versions().get(i);
            if (entry == null || blank(entry.name()) || entry.from() == null) {
                problems.add(new Problem(origin, lines.of("/versions/" + i), "versions[" + i
                        + "] needs a 'name' and a 'from' instant with offset"));
                continue;
            }
            if (!versions.isEmpty() && !entry.from().isAfter(versions.get(versions.size() - 1).from())) {
                problems.add(new Problem(origin, lines.of("/versions/" + i), "versions[" + i + "] '" + entry.name()
                        + "' must start after the version before it: list versions oldest first"));
            }
            versions.add(new LawVersion(entry.name(), entry.from()));
        }
        return List.copyOf(versions);
    }

    private static Parameter parameter(String origin, String name, ParameterEntry entry, List<Problem> problems,
                                       Lines lines) {
        String where = "parameter '" + name + "'";
        String path = "/parameters/" + name.replace("~", "~0").replace("/", "~1");
        if (entry == null) {
            problems.add(new Problem(origin, lines.of(path), where + " is empty"));
            return null;
        }
        Parameter.Type type;
        try {
            type = Parameter.Type.valueOf(String.valueOf(entry.type()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(origin, lines.of(path + "/type"), where
                    + ": 'type' must be one of duration, number, flag, text; found '" + entry.type() + "'"));
            return null;
        }
        if (entry.values() == null || entry.values().isEmpty()) {
            if (Boolean.TRUE.equals(entry.setting())) {
                // A setting the law leaves to the platform may have no default: duties on it are indeterminate.
                return new Parameter(name, entry.description(), type, true, List.of());
            }
            problems.add(new Problem(origin, lines.of(path), where
                    + " has no values (only a 'setting: true' may have none)"));
            return null;
        }
        List<DatedValue> values = new ArrayList<>();
        for (int i = 0; i < entry.values().size(); i++) {
            ValueEntry value = entry.values().get(i);
            String at = where + " values[" + i + "]";
            if (value == null || value.from() == null || value.value() == null) {
                problems.add(new Problem(origin, lines.of(path + "/values/" + i), at
                        + " needs 'from' (an instant with offset) and 'value'"));
                continue;
            }
            if (!values.isEmpty() && !value.from().isAfter(values.get(values.size() - 1).from())) {
                problems.add(new Problem(origin, lines.of(path + "/values/" + i), at
                        + " must start after the value before it: list values oldest first"));
            }
            Object converted = convert(type, value.value());
            if (converted == null) {
                problems.add(new Problem(origin, lines.of(path + "/values/" + i), at + ": '" + value.value()
                        + "' is not a " + type.name().toLowerCase(Locale.ROOT)
                        + (type == Parameter.Type.DURATION ? " (write ISO-8601: PT36H, P15D, or P3M for calendar months)" : "")));
                continue;
            }
            values.add(new DatedValue(value.from(), converted, value.source()));
        }
        return new Parameter(name, entry.description(), type, Boolean.TRUE.equals(entry.setting()), values);
    }

    /**
     * A value written as text (a setting given on the command line or the builder) read as the parameter's type,
     * or {@code null} when it is not one.
     */
    public static Object parseValue(Parameter.Type type, String text) {
        return switch (type) {
            case DURATION, TEXT -> convert(type, text);
            case NUMBER -> {
                try {
                    yield Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case FLAG -> "true".equalsIgnoreCase(text.strip()) ? Boolean.TRUE
                    : "false".equalsIgnoreCase(text.strip()) ? Boolean.FALSE : null;
        };
    }

    private static Object convert(Parameter.Type type, Object raw) {
        return switch (type) {
            case DURATION -> clock(String.valueOf(raw));
            case NUMBER -> raw instanceof Number n && n.doubleValue() == n.longValue() ? (Object) n.longValue() : null;
            case FLAG -> raw instanceof Boolean b ? b : null;
            case TEXT -> raw instanceof String s ? s : null;
        };
    }

    /**
     * A clock length: {@code PT36H} or {@code P15D} is an exact duration (15 x 24 hours); {@code P3M} or {@code P1Y}
     * is a calendar period, added to the trigger's date in the trigger's offset.
     */
    private static TemporalAmount clock(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() ? null : duration;
        } catch (DateTimeParseException notDuration) {
            try {
                Period period = Period.parse(text);
                return period.isNegative() || period.getDays() != 0 ? null : period;
            } catch (DateTimeParseException notPeriod) {
                return null;
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The line of each entry of a {@code pack.yaml}, by its JSON pointer ({@code /versions/1},
     * {@code /parameters/x/values/0}), read when a problem first asks for one: the checks work on the parsed records,
     * which keep no lines.
     */
    private static final class Lines {

        private final String text;
        private Map<String, Integer> lines;

        Lines(String text) {
            this.text = text;
        }

        /** The line where the entry starts, or 0 when it is not found. */
        int of(String pointer) {
            if (lines == null) {
                lines = new java.util.HashMap<>();
                try (com.fasterxml.jackson.core.JsonParser parser = YAML.getFactory().createParser(text)) {
                    for (com.fasterxml.jackson.core.JsonToken token = parser.nextToken(); token != null;
                         token = parser.nextToken()) {
                        if (token != com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                            lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                                    parser.currentTokenLocation().getLineNr());
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // The text was read once already; a problem then keeps no line rather than hiding the others.
                }
            }
            return Math.max(0, lines.getOrDefault(pointer, 0));
        }
    }
}
