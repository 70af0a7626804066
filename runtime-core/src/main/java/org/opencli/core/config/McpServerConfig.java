package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code mcpServers.<name>} in the {@code .mcp.json} style. The loader normalizes each entry into
 * {@code sources.<name>} (type mcp) plus {@code services.<name>} when no such service exists, so the
 * rest of the engine never reads this record.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record McpServerConfig(
        String type,
        String command,
        List<String> args,
        Map<String, String> env,
        String url,
        Map<String, String> headers,
        Map<String, String> headerSecrets,
        List<String> disabledTools,
        Boolean enabled) {
}
