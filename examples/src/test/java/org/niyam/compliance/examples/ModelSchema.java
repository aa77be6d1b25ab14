package org.niyam.compliance.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Platform;
import org.niyam.compliance.model.StandingFact;

/**
 * The JSON Schema of the input model, generated from the records (victools' generator with its Jackson module, so
 * that Jackson's names and subtypes are those of the schema), and validation against it (networknt's validator).
 *
 * <p>A field is required when the reader refuses its absence: a primitive (absent is an error, not a default), or a
 * record component whose compact constructor refuses {@code null}. That is found by calling the constructor with a
 * sample of every other component and {@code null} for this one, so the schema follows the model's own checks.
 */
final class ModelSchema {

    /** An instant as the reader takes it: ISO-8601 with its offset. */
    static final String INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$";

    private static final Map<String, Boolean> REQUIRED = new ConcurrentHashMap<>();
    private static final SchemaGenerator GENERATOR = generator();
    private static final JsonSchemaFactory VALIDATORS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ModelSchema() {
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON);
        // An event is one of the types the reader knows (those the class path announces), not only those the
        // interface's annotation lists; before Jackson's module, whose resolver would give the annotation's alone.
        // Likewise a platform record or a standing fact: the types the registry knows of those kinds.
        config.forTypesInGeneral().withSubtypeResolver((declared, context) -> {
            EventTypes types = EventTypes.onClasspath();
            Class<?> raw = declared.getErasedType();
            Map<String, ? extends Class<?>> subtypes = raw == CaseEvent.class ? types.asMap()
                    : raw == Platform.class ? types.platformTypes() : raw == StandingFact.class ? types.factTypes() : null;
            return subtypes == null ? null : subtypes.values().stream()
                    .map(type -> context.getTypeContext().resolveSubtype(declared, type)).toList();
        });
        config.with(new JacksonModule());
        config.forFields().withRequiredCheck(field -> !field.isFakeContainerItemScope()
                && required(field.getDeclaringType().getErasedType(), field.getName()));
        // An event's jurisdiction: an ISO 3166 code, as the model checks it.
        config.forFields().withStringPatternResolver(field -> field.getName().equals("jurisdiction")
                ? "^[A-Z]{2}(-[A-Z0-9]{1,3})?$" : null);
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            if (raw == OffsetDateTime.class) {
                return new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "string")
                        .put("pattern", INSTANT), CustomDefinition.DefinitionType.INLINE,
                        CustomDefinition.AttributeInclusion.NO);
            }
            if (raw == YearMonth.class) {
                return new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "string")
                        .put("pattern", "^\\d{4}-\\d{2}$"), CustomDefinition.DefinitionType.INLINE,
                        CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        });
        return new SchemaGenerator(config.build());
    }

    /** The schema of the type. */
    static ObjectNode of(Class<?> type) {
        ObjectNode schema = GENERATOR.generateSchema(type);
        if (type == Evidence.class) {
            ObjectNode properties = (ObjectNode) schema.path("properties");
            // Where the registry knows one type of the kind, its "type" may be left out (see Mappers.withEventTypes).
            typeOptional(properties.path("platform"));
            typeOptional(properties.path("facts"));
            oneOrMany(properties, "platform");
        }
        return schema;
    }

    /** Removes {@code "type"} from every {@code required} list under the node. */
    private static void typeOptional(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("required") instanceof com.fasterxml.jackson.databind.node.ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (required.get(i).asText().equals("type")) {
                    required.remove(i);
                }
            }
        }
        node.forEach(ModelSchema::typeOptional);
    }

    /**
     * A field the reader takes as one object or an array of them ({@code ACCEPT_SINGLE_VALUE_AS_ARRAY}): the
     * generator sees the array only. Written as an object-or-array whose object keywords are the items' (JSON Schema
     * applies {@code properties} to objects only and {@code items} to arrays only).
     */
    private static void oneOrMany(ObjectNode properties, String name) {
        JsonNode array = properties.get(name);
        JsonNode item = array.path("items");
        ObjectNode either = properties.objectNode();
        either.putArray("type").add("object").add("array");
        item.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("type")) {
                either.set(e.getKey(), e.getValue());
            }
        });
        either.set("items", item);
        properties.set(name, either);
    }

    /** The problems of {@code document} under {@code schema}, each naming where; empty when it conforms. */
    static List<String> problems(JsonNode schema, JsonNode document) {
        JsonSchema validator = VALIDATORS.getSchema(schema);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : validator.validate(document)) {
            problems.add(message.getInstanceLocation() + ": " + message.getMessage());
        }
        return problems;
    }

    /** The properties and required fields of an object schema, following {@code $ref} and {@code allOf}. */
    record View(Map<String, JsonNode> properties, Set<String> required) {

        /** The view of the property's schema (an object, or the items of an array). */
        View property(String name, JsonNode root) {
            JsonNode schema = properties.get(name);
            if (schema == null) {
                return null;
            }
            JsonNode resolved = resolve(schema, root);
            if (resolved.has("items")) {
                resolved = resolve(resolved.get("items"), root);
            }
            return view(resolved, root);
        }

        /** The enum values of the property, or an empty set. */
        Set<String> enumOf(String name, JsonNode root) {
            Set<String> values = new TreeSet<>();
            JsonNode resolved = resolve(properties.get(name), root);
            resolved.path("enum").forEach(v -> values.add(v.asText()));
            return values;
        }
    }

    static View view(JsonNode schema, JsonNode root) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        collect(resolve(schema, root), root, properties, required);
        return new View(properties, required);
    }

    private static void collect(JsonNode schema, JsonNode root, Map<String, JsonNode> properties, Set<String> required) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            properties.put(e.getKey(), e.getValue());
        }
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : schema.path("allOf")) {
            collect(resolve(part, root), root, properties, required);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode node = schema;
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = ref.equals("#") ? root : root.at(ref.substring(1));
        }
        return node;
    }

    // ---- which components the reader requires ----

    static boolean required(Class<?> type, String component) {
        return REQUIRED.computeIfAbsent(type.getName() + "#" + component, k -> probe(type, component));
    }

    private static boolean probe(Class<?> type, String component) {
        if (!type.isRecord()) {
            return false;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int at = -1;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = sample(types[i], i);
            if (components[i].getName().equals(component)) {
                at = i;
            }
        }
        if (at < 0) {
            return false;
        }
        if (types[at].isPrimitive()) {
            return true;
        }
        args[at] = null;
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.newInstance(args);
            return false;
        } catch (InvocationTargetException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot probe " + type.getName() + "." + component, e);
        }
    }

    /** A valid value of the type; instants grow with the component's index, so that a 'to' comes after a 'from'. */
    private static Object sample(Class<?> type, int index) {
        if (type == String.class) {
            return "IN"; // any text, and a jurisdiction too
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse("2026-01-01T00:00:00+05:30").plusDays(index);
        }
        if (type == YearMonth.class) {
            return YearMonth.of(2026, 1);
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return 5;
        }
        if (type == long.class || type == Long.class) {
            return 5L;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = sample(types[i], i);
            }
            try {
                return type.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no sample of " + type.getName(), e);
            }
        }
        return null;
    }
}
