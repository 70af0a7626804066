package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns schema fragments into the human "expected" text of a problem ("one of: discover, curated",
 * "a non-empty string", "an integer >= 0"), and JSON values into the word for what was found.
 */
final class SchemaText {
    private final JsonNode root;

    SchemaText(JsonNode root) {
        this.root = root;
    }

    /** The schema that governs the value at {@code segments} (keys and array indexes), or null. */
    JsonNode schemaAt(List<Object> segments) {
        JsonNode node = resolve(root);
        for (Object segment : segments) {
            if (node == null) return null;
            if (segment instanceof Integer) {
                node = resolve(node.get("items"));
            } else {
                JsonNode declared = node.path("properties").get(segment.toString());
                JsonNode extra = node.get("additionalProperties");
                node = resolve(declared != null ? declared : extra != null && extra.isObject() ? extra : null);
            }
        }
        return node;
    }

    /** Follows a local {@code #/$defs/name} reference. */
    JsonNode resolve(JsonNode schema) {
        while (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = root.at(ref.substring(1));
            if (schema.isMissingNode()) return null;
        }
        return schema;
    }

    /** What a value matching {@code schema} looks like, in words. */
    String describe(JsonNode schema) {
        schema = resolve(schema);
        if (schema == null) return "a known key";
        if (schema.has("enum")) return "one of: " + join(schema.get("enum"));
        String type = schema.path("type").asText("");
        return switch (type) {
            case "string" -> schema.has("pattern") && schema.has("description") ? schema.get("description").asText()
                    : schema.has("minLength") ? "a non-empty string" : "a string";
            case "integer" -> "an integer" + range(schema);
            case "boolean" -> "true or false";
            case "array" -> "an array of " + plural(describe(schema.get("items")));
            case "object" -> schema.path("additionalProperties").isObject()
                    ? "an object whose values are " + plural(describe(schema.get("additionalProperties")))
                    : "an object";
            default -> "a valid value";
        };
    }

    /** The keys an object schema allows, for "unknown key" problems. */
    String allowedKeys(JsonNode schema) {
        schema = resolve(schema);
        if (schema == null || !schema.has("properties")) return "no other keys";
        List<String> names = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(names::add);
        names.remove("$schema");
        return "one of the keys: " + String.join(", ", names);
    }

    static String kindOf(JsonNode value) {
        if (value == null || value.isNull()) return "null";
        if (value.isObject()) return "an object";
        if (value.isArray()) return "an array";
        if (value.isTextual()) return "a string";
        if (value.isBoolean()) return "a boolean";
        if (value.isIntegralNumber()) return "an integer";
        if (value.isNumber()) return "a number";
        return value.getNodeType().name().toLowerCase();
    }

    private static String range(JsonNode schema) {
        boolean min = schema.has("minimum");
        boolean max = schema.has("maximum");
        if (min && max) return " between " + schema.get("minimum").asText() + " and " + schema.get("maximum").asText();
        if (min) return " >= " + schema.get("minimum").asText();
        return "";
    }

    private static String plural(String description) {
        // "a string" -> "strings", "an object ..." -> "objects ..."; good enough for messages
        return description.replaceFirst("^an? (non-empty )?(\\w+)", "$1$2s").replace("one of: ", "values from: ");
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(", ", parts);
    }
}
