package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;

/** What both MCP servers (HTTP and stdio) say about themselves, and the SDK pieces they share. */
final class McpServerSetup {
    /** The SDK's own mapper settings: a plain Jackson 2 mapper (the engine's is stricter). */
    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    /** Oldest last: an initialize naming one of these gets it back, any other the newest. */
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25, ProtocolVersions.MCP_2025_06_18,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2024_11_05);
    static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder().tools(false).build();
    static final String INSTRUCTIONS = "The governed tools of an open-cli runtime: policy, scopes, approval and audit apply "
            + "to every call. A tool that requires approval is called again with \"" + McpToolBinding.APPROVE
            + "\": true once a person approved that call.";

    private McpServerSetup() {
    }

    /** The version an initialize gets: the client's when supported, else the newest. */
    static String negotiate(String requested) {
        return PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.get(0);
    }
}
