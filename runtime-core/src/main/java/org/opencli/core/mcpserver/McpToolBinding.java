package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.json.Json;

/**
 * One catalog tool as an MCP tool: its input schema (path parameters, flags, the request body, and
 * {@value #APPROVE} for a tool that requires approval), its annotations from the catalog's
 * {@code safety}, and which argument is which part of the execute request.
 *
 * @param name          the MCP name ({@link McpToolNames})
 * @param toolId        the catalog tool id
 * @param pathParams    path parameter names, in the order the execute request takes them
 * @param bodyArgument  the argument holding the request body, or null when the tool takes none
 * @param bodyMediaType the body's media type, or null
 * @param tool          the MCP tool {@code tools/list} shows
 */
public record McpToolBinding(String name, String toolId, List<String> pathParams, String bodyArgument,
        String bodyMediaType, McpSchema.Tool tool) {

    /** The argument that approves a call of a tool that requires approval (docs/mcp.md). */
    public static final String APPROVE = "_approve";
    /** {@code _meta} keys of a listed tool. */
    public static final String META_TOOL_ID = "org.opencli/toolId";
    public static final String META_REQUIRES_APPROVAL = "org.opencli/requiresApproval";
    static final int MAX_DESCRIPTION = 4000;

    /** The binding of {@code tool} (one element of a view's {@code tools}) under {@code name}. */
    public static McpToolBinding of(String name, JsonNode tool) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        List<String> pathParams = new ArrayList<>();
        for (JsonNode p : tool.path("pathParams")) {
            String pname = p.path("name").asText();
            pathParams.add(pname);
            properties.set(pname, McpSchemas.parameter(p));
            required.add(pname);
        }
        for (JsonNode f : tool.path("flags")) {
            String fname = f.path("name").asText();
            properties.set(fname, McpSchemas.parameter(f));
            if (f.path("required").asBoolean(false)) required.add(fname);
        }
        String bodyArgument = null;
        String bodyMediaType = null;
        JsonNode requestBody = tool.path("requestBody");
        if (requestBody.path("contentTypes").size() > 0) {
            JsonNode content = McpSchemas.preferredContent(requestBody.path("contentTypes"));
            bodyMediaType = content.path("mediaType").asText();
            bodyArgument = properties.has("body") ? "_body" : "body";
            properties.set(bodyArgument, McpSchemas.body(requestBody, content));
            if (requestBody.path("required").asBoolean(false)) required.add(bodyArgument);
        }
        JsonNode safety = tool.path("safety");
        boolean approval = safety.path("requiresApproval").asBoolean(false);
        if (approval) {
            properties.set(APPROVE, JsonNodeFactory.instance.objectNode().put("type", "boolean").put("description",
                    "This tool requires approval: set true only once a person approved this very call."));
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.set("properties", properties);
        if (!required.isEmpty()) schema.set("required", required);
        String toolId = tool.path("id").asText();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(META_TOOL_ID, toolId);
        meta.put(META_REQUIRES_APPROVAL, approval);
        String summary = text(tool, "summary");
        McpSchema.Tool mcpTool = McpSchema.Tool.builder()
                .name(name)
                .title(summary)
                .description(description(toolId, summary, text(tool, "description"), approval))
                .inputSchema(asMap(schema))
                .annotations(new McpSchema.ToolAnnotations(summary, safety.path("readOnly").asBoolean(false),
                        safety.path("destructive").asBoolean(false), safety.path("idempotent").asBoolean(false), true, null))
                .meta(meta)
                .build();
        return new McpToolBinding(name, toolId, List.copyOf(pathParams), bodyArgument, bodyMediaType, mcpTool);
    }

    private static String description(String toolId, String summary, String description, boolean approval) {
        StringBuilder text = new StringBuilder();
        if (summary != null) text.append(summary);
        if (description != null && !description.equals(summary)) text.append(text.isEmpty() ? "" : "\n\n").append(description);
        text.append(text.isEmpty() ? "" : "\n\n").append("Tool ").append(toolId).append('.');
        if (approval) text.append(" Requires approval: pass \"").append(APPROVE).append("\": true once a person approved the call.");
        return text.length() <= MAX_DESCRIPTION ? text.toString() : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(ObjectNode node) {
        return Json.MAPPER.convertValue(node, Map.class);
    }

    private static String text(JsonNode tool, String field) {
        JsonNode value = tool.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
