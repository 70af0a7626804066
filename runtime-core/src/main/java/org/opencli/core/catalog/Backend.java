package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What executes a tool: {@code type} {@code openapi} (an HTTP operation of {@code sourceId}) or
 * {@code mcp} (the MCP tool {@code toolName} of the mcp source {@code sourceId}, reached over
 * {@code transport}: stdio, sse or streamable-http).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "sourceId", "toolName", "transport"})
public record Backend(String type, String sourceId, String toolName, String transport) {

    /** The operation extension of a synthetic MCP document naming the tool to call. */
    public static final String MCP_TOOL_EXTENSION = "x-mcp-tool";

    public Backend(String type, String sourceId) {
        this(type, sourceId, null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isMcp() {
        return "mcp".equals(type);
    }
}
