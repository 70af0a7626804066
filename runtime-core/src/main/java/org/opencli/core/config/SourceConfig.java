package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code sources.<id>}. {@code uri} is kept exactly as written (relative refs are resolved against
 * {@link LoadedConfig#baseDir()} when fetched). {@code transport}, {@code disabledTools} and
 * {@code oauth} apply to {@code mcp} sources only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceConfig(
        String type,
        String uri,
        Boolean enabled,
        RefreshConfig refresh,
        McpTransportConfig transport,
        List<String> disabledTools,
        OAuthClientConfig oauth) {

    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
