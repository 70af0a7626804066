package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.json.Json;

/**
 * Rewrites {@code mcpServers.<name>} ({@code .mcp.json} style) into {@code sources.<name>} (type
 * mcp with a transport) plus {@code services.<name>} when no such service exists, then empties
 * {@code mcpServers}: the rest of the engine reads sources and services only. Transport problems
 * are reported at the {@code mcpServers} path the user wrote.
 */
final class McpServersNormalizer {
    private static final List<String> STDIO_ONLY = List.of("command", "args", "env");
    private static final List<String> HTTP_ONLY = List.of("url", "headers", "headerSecrets");

    private McpServersNormalizer() {
    }

    /** Normalizes in place; returns the names of the sources it created (already checked here). */
    static Set<String> normalize(ObjectNode config, Provenance provenance, Problems problems) {
        Set<String> created = new LinkedHashSet<>();
        if (!(config.get("mcpServers") instanceof ObjectNode servers)) return created;
        ObjectNode sources = objectAt(config, "sources");
        ObjectNode services = objectAt(config, "services");
        for (Map.Entry<String, JsonNode> entry : iterable(servers)) {
            String name = entry.getKey();
            ObjectNode server = (ObjectNode) entry.getValue();
            String path = JsonPaths.of("mcpServers", name);
            if (sources.has(name)) {
                problems.add(path, "an MCP server and a source share the name '" + name + "'",
                        "a name not already used in sources");
                continue;
            }
            String type = transportType(server, path, problems);
            if (type == null) continue;
            checkFields(server, type, path, problems);
            sources.set(name, toSource(server, type));
            provenance.record(JsonPaths.of("sources", name), provenance.fileFor(path));
            created.add(name);
            if (!services.has(name)) {
                ObjectNode service = Json.MAPPER.createObjectNode().put("source", name);
                services.set(name, service);
                provenance.record(JsonPaths.of("services", name), provenance.fileFor(path));
            }
        }
        config.remove("mcpServers");
        return created;
    }

    /** Explicit type ("http" means streamable-http), else inferred from command / url. */
    private static String transportType(ObjectNode server, String path, Problems problems) {
        String type = server.path("type").asText(null);
        if ("http".equals(type)) return "streamable-http";
        if (type != null) return type;
        if (server.has("command")) return "stdio";
        if (server.has("url")) return "streamable-http";
        problems.add(JsonPaths.child(path, "type"), "cannot tell the transport: no type, command or url",
                "type stdio (with command) or sse / streamable-http / http (with url)");
        return null;
    }

    private static void checkFields(ObjectNode server, String type, String path, Problems problems) {
        boolean stdio = type.equals("stdio");
        String needed = stdio ? "command" : "url";
        if (!server.hasNonNull(needed) || server.get(needed).asText().isEmpty()) {
            problems.add(JsonPaths.child(path, needed), Wording.a(type) + " MCP server needs '" + needed + "'",
                    "a non-empty string");
        }
        for (String field : stdio ? HTTP_ONLY : STDIO_ONLY) {
            if (server.has(field)) {
                problems.add(JsonPaths.child(path, field), "'" + field + "' does not apply to " + Wording.a(type) + " MCP server",
                        stdio ? "only command, args, env for stdio" : "only url, headers, headerSecrets for " + type);
            }
        }
    }

    private static ObjectNode toSource(ObjectNode server, String type) {
        ObjectNode transport = Json.MAPPER.createObjectNode().put("type", type);
        for (String field : type.equals("stdio") ? STDIO_ONLY : HTTP_ONLY) {
            if (server.has(field)) transport.set(field, server.get(field).deepCopy());
        }
        ObjectNode source = Json.MAPPER.createObjectNode().put("type", "mcp");
        if (server.has("enabled")) source.set("enabled", server.get("enabled"));
        source.set("transport", transport);
        if (server.has("disabledTools")) source.set("disabledTools", server.get("disabledTools").deepCopy());
        return source;
    }

    private static ObjectNode objectAt(ObjectNode config, String key) {
        if (config.get(key) instanceof ObjectNode existing) return existing;
        ObjectNode created = Json.MAPPER.createObjectNode();
        config.set(key, created);
        return created;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
        return node::fields;
    }
}
