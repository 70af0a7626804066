package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;

/**
 * Validates config trees against {@code cli.schema.json}, the one source of truth for the shape.
 * <ul>
 *   <li>{@link #strict()} uses the schema as written: for the merged result.</li>
 *   <li>{@link #lenient()} drops the presence keywords ({@code required}, {@code minProperties},
 *       {@code minLength}): for each single file, since any scope may supply only part of a
 *       config. Types, enums, ranges and unknown keys are still checked.</li>
 * </ul>
 */
final class ConfigSchema {
    static final String RESOURCE = "/org/opencli/core/config/cli.schema.json";
    private static final Set<String> PRESENCE_KEYWORDS = Set.of("required", "minProperties", "minLength");

    private static final JsonNode SCHEMA_NODE = loadResource();
    private static final ConfigSchema STRICT = new ConfigSchema(SCHEMA_NODE);
    private static final ConfigSchema LENIENT = new ConfigSchema(withoutPresenceKeywords(SCHEMA_NODE.deepCopy()));

    private final JsonSchema schema;
    private final SchemaText text;

    private ConfigSchema(JsonNode schemaNode) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
        this.text = new SchemaText(schemaNode);
    }

    static ConfigSchema strict() {
        return STRICT;
    }

    static ConfigSchema lenient() {
        return LENIENT;
    }

    /** Problems (file unset) for every schema violation in {@code config}, in document order. */
    List<ProblemItem> validate(JsonNode config) {
        Set<ProblemItem> problems = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(config)) problems.add(toProblem(message, config));
        return new ArrayList<>(problems);
    }

    private ProblemItem toProblem(ValidationMessage m, JsonNode config) {
        List<Object> segments = segments(m.getInstanceLocation());
        String path = pathOf(segments);
        JsonNode value = m.getInstanceNode();
        String type = m.getType();
        if ("required".equals(type) || "additionalProperties".equals(type)) {
            String key = m.getProperty();
            List<Object> keyed = new ArrayList<>(segments);
            keyed.add(key);
            return "required".equals(type)
                    ? new ProblemItem(null, JsonPaths.child(path, key), "missing required key '" + key + "'",
                            text.describe(text.schemaAt(keyed)))
                    : new ProblemItem(null, JsonPaths.child(path, key), "unknown key '" + key + "'",
                            text.allowedKeys(text.schemaAt(segments)));
        }
        String expected = text.describe(text.schemaAt(segments));
        return switch (type) {
            case "type" -> new ProblemItem(null, path, "wrong type: found " + SchemaText.kindOf(value), expected);
            case "enum" -> new ProblemItem(null, path, "value " + value + " is not allowed", expected);
            case "minimum", "maximum" -> new ProblemItem(null, path, "value " + value + " is out of range", expected);
            case "minLength" -> new ProblemItem(null, path, "must not be empty", expected);
            case "pattern" -> new ProblemItem(null, path, "value " + value + " has the wrong form", expected);
            case "minProperties" -> new ProblemItem(null, path, "must have at least one entry",
                    "an object with at least one entry");
            default -> new ProblemItem(null, path, m.getMessage(), expected);
        };
    }

    private static List<Object> segments(JsonNodePath location) {
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) segments.add(location.getElement(i));
        return segments;
    }

    private static String pathOf(List<Object> segments) {
        String path = JsonPaths.ROOT;
        for (Object s : segments) {
            path = s instanceof Integer i ? JsonPaths.index(path, i) : JsonPaths.child(path, s.toString());
        }
        return path;
    }

    /** Why: per-file validation must accept partial configs; presence is a property of the merge. */
    private static JsonNode withoutPresenceKeywords(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PRESENCE_KEYWORDS);
            object.forEach(ConfigSchema::withoutPresenceKeywords);
        } else if (node.isArray()) {
            node.forEach(ConfigSchema::withoutPresenceKeywords);
        }
        return node;
    }

    private static JsonNode loadResource() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
