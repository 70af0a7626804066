package org.opencli.cli.init;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.opencli.core.json.Json;

/** The {@code .cli.json} that {@code ocli init} writes: one OpenAPI or MCP source and one service over it. */
public final class StarterConfig {
    private StarterConfig() {
    }

    public static ObjectNode of(String serviceId, String sourceUri) {
        ObjectNode config = withService(serviceId);
        ((ObjectNode) config.path("sources")).putObject(serviceId).put("type", "openapi").put("uri", sourceUri);
        return config;
    }

    /** An {@code mcp} source reached through {@code transport} (no uri), and one service over it. */
    public static ObjectNode mcp(String serviceId, ObjectNode transport) {
        ObjectNode config = withService(serviceId);
        ((ObjectNode) config.path("sources")).putObject(serviceId).put("type", "mcp").set("transport", transport);
        return config;
    }

    /** {@code cli}, {@code mode.default: discover}, an empty {@code sources} (filled by the caller) and the service, in that order. */
    private static ObjectNode withService(String serviceId) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("cli", "1.0.0");
        config.putObject("mode").put("default", "discover");
        config.putObject("sources");
        config.putObject("services").putObject(serviceId).put("source", serviceId).put("alias", serviceId);
        return config;
    }

    /** Lower-case letters, digits and single dashes; null when nothing usable is left. */
    public static String slug(String text) {
        if (text == null) return null;
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? null : s;
    }
}
