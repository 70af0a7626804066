package org.opencli.core.config;

import java.util.Map;
import java.util.Set;

/**
 * What each source type needs and forbids: {@code uri} for openapi / serviceRoot / apiCatalog and
 * never for mcp; {@code transport}, {@code disabledTools}, {@code oauth} for mcp only; transport
 * fields per transport type; {@code oauth} only on streamable-http, client credentials only.
 */
final class SourceRules {
    private SourceRules() {
    }

    /** {@code fromMcpServers}: sources created from mcpServers, whose transport was checked there. */
    static void check(CliConfig config, Set<String> fromMcpServers, Problems problems) {
        for (Map.Entry<String, SourceConfig> e : config.sources().entrySet()) {
            String id = e.getKey();
            SourceConfig source = e.getValue();
            String path = JsonPaths.of("sources", id);
            if (source == null || source.type() == null) continue;
            if (source.type().equals("mcp")) {
                checkMcp(source, path, !fromMcpServers.contains(id), problems);
            } else {
                checkDocumentSource(source, path, problems);
            }
        }
    }

    private static void checkDocumentSource(SourceConfig source, String path, Problems problems) {
        String type = source.type();
        if (SecretRules.isBlank(source.uri())) {
            problems.add(JsonPaths.child(path, "uri"), Wording.a(type) + " source needs 'uri'",
                    "a URL or a file path (relative to the config directory)");
        }
        forbid(source.transport() != null, path, "transport", type, problems);
        forbid(source.disabledTools() != null, path, "disabledTools", type, problems);
        forbid(source.oauth() != null, path, "oauth", type, problems);
    }

    private static void forbid(boolean present, String path, String field, String type, Problems problems) {
        if (present) {
            problems.add(JsonPaths.child(path, field), "'" + field + "' applies to mcp sources only",
                    "no " + field + " on " + Wording.a(type) + " source");
        }
    }

    private static void checkMcp(SourceConfig source, String path, boolean checkTransport, Problems problems) {
        if (source.uri() != null) {
            problems.add(JsonPaths.child(path, "uri"), "'uri' is not allowed on an mcp source",
                    "no uri: an mcp source is reached through 'transport'");
        }
        McpTransportConfig transport = source.transport();
        String transportPath = JsonPaths.child(path, "transport");
        if (transport == null) {
            problems.add(transportPath, "an mcp source needs 'transport'",
                    "an object with type stdio, sse or streamable-http");
        } else if (checkTransport) {
            TransportRules.check(transport, transportPath, problems);
        }
        if (source.oauth() != null) {
            OAuthRules.checkSourceOAuth(source.oauth(), transport, path, problems);
        }
    }
}
