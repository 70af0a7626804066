package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * MCP transport: {@code stdio} (command, args, env), {@code sse} or {@code streamable-http} (url,
 * headers, headerSecrets: header name → secret name).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record McpTransportConfig(
        String type,
        String command,
        List<String> args,
        Map<String, String> env,
        String url,
        Map<String, String> headers,
        Map<String, String> headerSecrets) {
}
