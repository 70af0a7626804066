package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Input-schema parts from a catalog tool's parameters and body. The catalog keeps schemas as
 * written, {@code $ref}s into a document it does not carry included: such a ref becomes an open
 * schema naming it (the runtime validates the call against the real schema anyway). Nesting deeper
 * than {@value #MAX_DEPTH} levels is cut the same way.
 */
final class McpSchemas {
    static final int MAX_DEPTH = 32;

    private McpSchemas() {
    }

    /** A path parameter's or flag's schema, with its description. */
    static ObjectNode parameter(JsonNode parameter) {
        ObjectNode schema = copy(parameter.path("schema"), 0);
        JsonNode description = parameter.get("description");
        if (description != null && description.isTextual() && !schema.has("description")) schema.set("description", description);
        return schema;
    }

    /** The media type a call's body is sent as: the first JSON one, else the first listed. */
    static JsonNode preferredContent(JsonNode contentTypes) {
        for (JsonNode c : contentTypes) {
            if (json(c.path("mediaType").asText())) return c;
        }
        return contentTypes.get(0);
    }

    /** The body argument's schema: the JSON schema as written, or a string for any other media type. */
    static ObjectNode body(JsonNode requestBody, JsonNode content) {
        String mediaType = content.path("mediaType").asText();
        ObjectNode schema = json(mediaType) ? copy(content.path("schema"), 0)
                : JsonNodeFactory.instance.objectNode().put("type", "string");
        String description = requestBody.path("description").asText("");
        String sent = "The request body, sent as " + mediaType + ".";
        schema.put("description", description.isBlank() ? sent : description + " " + sent);
        return schema;
    }

    static boolean json(String mediaType) {
        String m = mediaType.toLowerCase(java.util.Locale.ROOT);
        int semicolon = m.indexOf(';');
        if (semicolon >= 0) m = m.substring(0, semicolon).trim();
        return m.equals("application/json") || m.endsWith("+json");
    }

    private static ObjectNode copy(JsonNode schema, int depth) {
        if (!schema.isObject()) return JsonNodeFactory.instance.objectNode();
        JsonNode ref = schema.get("$ref");
        if (ref != null || depth >= MAX_DEPTH) {
            return JsonNodeFactory.instance.objectNode().put("description",
                    ref != null ? "Schema " + ref.asText() + " (not inlined; the runtime checks it)" : "(nested too deep to show)");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            out.set(field.getKey(), child(field.getValue(), depth + 1));
        }
        return out;
    }

    private static JsonNode child(JsonNode value, int depth) {
        if (value.isObject()) return copy(value, depth);
        if (value.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> array.add(child(item, depth + 1)));
            return array;
        }
        return value;
    }
}
