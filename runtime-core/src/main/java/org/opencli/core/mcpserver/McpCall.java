package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One {@code tools/call} as the execute request's fields: the runtime adds its config, mode and agent
 * profile. {@code body} follows {@code ExecuteRequest}'s rule (a string is base64 bytes).
 */
public record McpCall(String toolId, List<String> pathArgs, Map<String, JsonNode> flags, JsonNode body,
        String bodyContentType, boolean approval) {
}
