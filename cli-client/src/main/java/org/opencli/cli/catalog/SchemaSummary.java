package org.opencli.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.core.json.ValueLists;

/**
 * Schemas in words for {@code explain} and the tool commands' help: a type ({@code string},
 * {@code array of integer}, {@code string or null}), allowed values, and a request body's fields
 * — name, type, required, allowed values — with object fields one level further down. Bounded: at
 * most {@link #MAX_FIELDS} field lines and {@link #MAX_VALUES} values each. The catalog keeps
 * schemas as written: a {@code $ref} is named (its last segment), not followed, since the
 * document it points into is not part of the catalog.
 */
public final class SchemaSummary {
    static final int MAX_FIELDS = 40;
    static final int MAX_VALUES = 12;
    private static final int MAX_DEPTH = 2;
    private static final String MORE = "(more fields: see 'ocli tool schema')";

    private SchemaSummary() {
    }

    /** {@code string}, {@code integer or null}, {@code array of string}, {@code Ticket} (a {@code $ref}'s name); empty when unknown. */
    public static String type(JsonNode schema) {
        if (schema == null || !schema.isObject()) return "";
        if (schema.has("$ref")) return refName(schema);
        JsonNode type = schema.get("type");
        String text;
        if (type != null && type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            text = String.join(" or ", names);
        } else if (type != null && type.isTextual()) {
            text = type.asText();
        } else if (schema.has("properties")) {
            text = "object";
        } else {
            return "";
        }
        if (text.equals("array") && schema.has("items")) {
            String item = type(schema.get("items"));
            if (!item.isEmpty()) text = "array of " + item;
        }
        if (schema.path("nullable").asBoolean(false)) text += " or null";
        return text;
    }

    /** {@code one of: a, b, c}; null when the schema lists no values. */
    public static String allowedValues(JsonNode schema) {
        JsonNode values = schema == null ? null : schema.get("enum");
        if (values == null || !values.isArray() || values.isEmpty()) {
            JsonNode items = schema == null ? null : schema.get("items");
            return items != null && items.has("enum") ? allowedValues(items) : null;
        }
        return "one of: " + ValueLists.join(values, MAX_VALUES);
    }

    /** A parameter's schema in words: {@code string, one of: open, closed}; empty when nothing is known. */
    public static String parameter(JsonNode schema) {
        String type = type(schema);
        String values = allowedValues(schema);
        if (values == null) return type;
        return type.isEmpty() ? values : type + ", " + values;
    }

    /**
     * One line per body field ({@code "  title (string), required"}, nested fields indented two
     * more), for the body's JSON media type (else its first); empty when its schema lists no fields.
     */
    public static List<String> bodyFields(JsonNode tool) {
        JsonNode schema = bodySchema(tool.path("requestBody"));
        List<String> lines = new ArrayList<>();
        if (schema == null) return lines;
        if (schema.has("$ref")) {
            lines.add("  (schema " + refName(schema) + ": see 'ocli tool schema " + tool.path("id").asText() + "')");
            return lines;
        }
        fields(schema, "  ", 1, lines);
        return lines;
    }

    private static void fields(JsonNode schema, String indent, int depth, List<String> lines) {
        List<String> required = new ArrayList<>();
        List<java.util.Map.Entry<String, JsonNode>> properties = new ArrayList<>();
        collect(schema, required, properties);
        for (var property : properties) {
            if (lines.size() >= MAX_FIELDS) {
                if (!lines.get(lines.size() - 1).endsWith(MORE)) lines.add("  … " + MORE);
                return;
            }
            JsonNode field = property.getValue();
            StringBuilder line = new StringBuilder(indent).append(property.getKey());
            String type = type(field);
            if (!type.isEmpty()) line.append(" (").append(type).append(')');
            if (required.contains(property.getKey())) line.append(", required");
            String values = allowedValues(field);
            if (values != null) line.append(", ").append(values);
            lines.add(line.toString());
            if (depth < MAX_DEPTH && field.isObject() && !field.has("$ref")) {
                JsonNode nested = field.has("properties") ? field : field.path("items");
                if (nested.isObject() && !nested.has("$ref")) fields(nested, indent + "  ", depth + 1, lines);
            }
        }
    }

    /** Properties and required names of an object schema, inline {@code allOf} branches merged. */
    private static void collect(JsonNode schema, List<String> required, List<java.util.Map.Entry<String, JsonNode>> properties) {
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(properties::add);
        for (JsonNode branch : schema.path("allOf")) {
            if (branch.isObject() && !branch.has("$ref")) collect(branch, required, properties);
        }
    }

    private static JsonNode bodySchema(JsonNode body) {
        JsonNode first = null;
        for (JsonNode content : body.path("contentTypes")) {
            String media = content.path("mediaType").asText("").toLowerCase(java.util.Locale.ROOT);
            JsonNode schema = content.get("schema");
            if (schema == null || !schema.isObject()) continue;
            if (media.startsWith("application/json") || media.contains("+json")) return schema;
            if (first == null) first = schema;
        }
        return first;
    }

    private static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
