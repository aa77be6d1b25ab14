package org.niyam.compliance.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON document against a JSON Schema, for the keywords the schemas under docs/schemas/ use: type, const,
 * enum, required, properties, additionalProperties, items, minimum, pattern, minProperties, maxProperties and $ref
 * (within a file, or to a sibling file). Enough to keep the documented schemas and the command's output in step, without a dependency.
 * A keyword it does not know fails the check, so the schemas cannot quietly outgrow it.
 */
final class SchemaSubset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of("$schema", "$id", "$defs", "title", "description", "type",
            "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "pattern", "$ref",
            "minProperties", "maxProperties");

    private final Path folder;
    private final Map<String, JsonNode> files = new HashMap<>();

    SchemaSubset(Path folder) {
        this.folder = folder;
    }

    /** Every way the document departs from the schema, as "path: problem"; empty when it conforms. */
    List<String> check(String schemaFile, JsonNode document) {
        List<String> problems = new ArrayList<>();
        check(schemaFile, file(schemaFile), document, "$", problems);
        return problems;
    }

    private JsonNode file(String name) {
        return files.computeIfAbsent(name, n -> {
            try {
                return JSON.readTree(folder.resolve(n).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void check(String file, JsonNode schema, JsonNode value, String path, List<String> problems) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException(file + ": keyword '" + keyword + "' at " + path + " is not supported");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            int hash = ref.indexOf('#');
            String target = hash == 0 ? file : ref.substring(0, hash < 0 ? ref.length() : hash);
            JsonNode resolved = file(target).at(hash < 0 ? "" : ref.substring(hash + 1));
            if (resolved.isMissingNode()) {
                problems.add(path + ": $ref " + ref + " resolves to nothing");
                return;
            }
            check(target, resolved, value, path, problems);
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            problems.add(path + ": expected " + schema.get("type").asText() + ", found " + value.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": expected " + schema.get("const") + ", found " + value);
        }
        if (schema.has("enum")) {
            boolean any = false;
            for (JsonNode option : schema.get("enum")) {
                any |= option.equals(value);
            }
            if (!any) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minProperties") && value.isObject() && value.size() < schema.get("minProperties").asInt()) {
            problems.add(path + ": fewer than " + schema.get("minProperties") + " fields");
        }
        if (schema.has("maxProperties") && value.isObject() && value.size() > schema.get("maxProperties").asInt()) {
            problems.add(path + ": more than " + schema.get("maxProperties") + " fields");
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(path + ": " + value + " is below " + schema.get("minimum"));
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
        }
        if (value.isObject()) {
            if (schema.has("required")) {
                schema.get("required").forEach(r -> {
                    if (!value.has(r.asText())) {
                        problems.add(path + ": required field '" + r.asText() + "' is missing");
                    }
                });
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    check(file, properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), problems);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(path + ": field '" + field.getKey() + "' is not in the schema");
                } else if (schema.path("additionalProperties").isObject()) {
                    check(file, schema.get("additionalProperties"), field.getValue(), path + "." + field.getKey(),
                            problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(file, schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("type '" + type + "' is not supported");
        };
    }
}
