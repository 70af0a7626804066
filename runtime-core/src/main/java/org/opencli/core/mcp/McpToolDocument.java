package org.opencli.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencli.core.catalog.Backend;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/**
 * An MCP server's {@code tools/list} → a synthetic OpenAPI 3.1 document, one {@code POST
 * /tools/<name>} operation per tool (operationId = the tool's name, group {@code tools}), so the
 * indexer, overlays, names, skills, views and policy treat MCP tools as any other. Annotations
 * become {@code x-cli-safety}; scalar top-level input properties become query parameters (typed
 * flags), the rest of the input a JSON request body. {@code x-mcp-tool} keeps the name to call.
 * Every listed tool is in it: the catalog builder removes {@code disabledTools} and checks what
 * still refers to them. Bounded: tool count, name, text and
 * schema size and depth; a tool beyond a bound fails the build naming the source and the tool.
 */
public final class McpToolDocument {
    private static final String TOOL_EXTENSION = Backend.MCP_TOOL_EXTENSION;
    private static final String INPUT_EXTENSION = "x-mcp-input-schema";
    static final int MAX_TOOLS = 2000;
    static final int MAX_TEXT = 8192;
    static final int MAX_SCHEMA_BYTES = 256 * 1024;
    static final int MAX_SCHEMA_DEPTH = 32;
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private McpToolDocument() {
    }

    public static ObjectNode of(String sourceId, String title, Collection<McpSchema.Tool> tools) {
        if (tools.size() > MAX_TOOLS) {
            throw invalid(sourceId, "lists " + tools.size() + " tools (at most " + MAX_TOOLS + ")");
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", McpText.bounded(title == null ? sourceId : title, 200)).put("version", "mcp");
        ObjectNode paths = doc.putObject("paths");
        for (McpSchema.Tool tool : tools) {
            if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
                throw invalid(sourceId, "lists a tool whose name is not 1-128 of A-Z a-z 0-9 _ . -");
            }
            if (paths.has("/tools/" + tool.name())) throw invalid(sourceId, "lists the tool " + tool.name() + " twice");
            paths.putObject("/tools/" + tool.name()).set("post", operation(sourceId, tool));
        }
        return doc;
    }

    private static ObjectNode operation(String sourceId, McpSchema.Tool tool) {
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.put("operationId", tool.name());
        op.put("x-cli-group", "tools");
        String summary = tool.title() != null ? tool.title()
                : tool.annotations() != null && tool.annotations().title() != null ? tool.annotations().title() : null;
        if (summary != null) op.put("summary", McpText.bounded(summary, 200));
        if (tool.description() != null) op.put("description", McpText.bounded(tool.description(), MAX_TEXT));
        op.set("x-cli-safety", safety(tool.annotations()));
        op.put(TOOL_EXTENSION, tool.name());
        ObjectNode input = inputSchema(sourceId, tool);
        if (hasLocalRef(input)) {
            // "#/..." in an input schema means the schema's own root: kept whole under the operation, refs re-rooted there
            op.set(INPUT_EXTENSION, input.deepCopy());
            reroot(input, "#/paths/~1tools~1" + tool.name() + "/post/" + INPUT_EXTENSION);
        }
        List<String> required = new ArrayList<>();
        input.path("required").forEach(r -> required.add(r.asText()));
        ArrayNode parameters = Json.MAPPER.createArrayNode();
        ObjectNode rest = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            if (isScalar(property.getValue())) {
                ObjectNode p = parameters.addObject().put("name", property.getKey()).put("in", "query");
                if (required.contains(property.getKey())) p.put("required", true);
                JsonNode description = property.getValue().get("description");
                if (description != null && description.isTextual()) {
                    p.put("description", McpText.bounded(description.asText(), MAX_TEXT));
                }
                p.set("schema", property.getValue());
            } else {
                rest.set(property.getKey(), property.getValue());
            }
        }
        if (!parameters.isEmpty()) op.set("parameters", parameters);
        if (!rest.isEmpty() || input.path("additionalProperties").isObject()) {
            ObjectNode body = input.deepCopy();
            body.set("properties", rest);
            ArrayNode bodyRequired = Json.MAPPER.createArrayNode();
            required.stream().filter(rest::has).forEach(bodyRequired::add);
            body.remove("required");
            if (!bodyRequired.isEmpty()) body.set("required", bodyRequired);
            ObjectNode requestBody = op.putObject("requestBody");
            if (!bodyRequired.isEmpty()) requestBody.put("required", true);
            requestBody.putObject("content").putObject("application/json").set("schema", body);
        }
        op.putObject("responses").putObject("200").put("description", "the tool's result");
        return op;
    }

    /** MCP's defaults: not read-only, destructive unless read-only, not idempotent. */
    private static ObjectNode safety(McpSchema.ToolAnnotations a) {
        boolean readOnly = a != null && Boolean.TRUE.equals(a.readOnlyHint());
        boolean destructive = !readOnly && (a == null || a.destructiveHint() == null || a.destructiveHint());
        boolean idempotent = readOnly || a != null && Boolean.TRUE.equals(a.idempotentHint());
        return Json.MAPPER.createObjectNode().put("readOnly", readOnly).put("destructive", destructive)
                .put("idempotent", idempotent);
    }

    private static ObjectNode inputSchema(String sourceId, McpSchema.Tool tool) {
        JsonNode schema = tool.inputSchema() == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(tool.inputSchema());
        if (!schema.isObject()) throw invalid(sourceId, "tool " + tool.name() + " has an inputSchema that is no object");
        int size = Json.writeBytes(schema).length;
        if (size > MAX_SCHEMA_BYTES) {
            throw invalid(sourceId, "tool " + tool.name() + " has an inputSchema of " + size + " bytes (at most " + MAX_SCHEMA_BYTES + ")");
        }
        if (depth(schema, 0) > MAX_SCHEMA_DEPTH) {
            throw invalid(sourceId, "tool " + tool.name() + " has an inputSchema nested deeper than " + MAX_SCHEMA_DEPTH);
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.remove("$schema"); // the dialect is the document's (3.1: JSON Schema 2020-12)
        return copy;
    }

    private static boolean hasLocalRef(JsonNode node) {
        if (node.isObject() && node.path("$ref").asText("").startsWith("#")) return true;
        for (JsonNode child : node) {
            if (child.isContainerNode() && hasLocalRef(child)) return true;
        }
        return false;
    }

    private static void reroot(JsonNode node, String root) {
        if (node instanceof ObjectNode object && object.path("$ref").asText("").startsWith("#")) {
            object.put("$ref", root + object.get("$ref").asText().substring(1));
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) reroot(child, root);
        }
    }

    private static boolean isScalar(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type != null && type.isTextual() && SCALARS.contains(type.asText());
    }

    private static int depth(JsonNode node, int level) {
        if (level > MAX_SCHEMA_DEPTH) return level;
        int max = level;
        for (JsonNode child : node) {
            if (child.isContainerNode()) max = Math.max(max, depth(child, level + 1));
        }
        return max;
    }

    private static OcliException invalid(String sourceId, String what) {
        return new OcliException(ErrorKind.CONFIG, "invalid_mcp_tools", "MCP tools unusable",
                "sources." + sourceId + ": the MCP server " + what);
    }
}
