package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.opencli.core.json.Json;

/**
 * The merged config as {@code ocli config show} prints it, with every value that could hold a
 * secret literal replaced by {@value #MASK}.
 * <p>Rule: a value is masked when it is
 * <ul>
 *   <li>a header value in an MCP transport ({@code sources.*.transport.headers.*}, and
 *       {@code mcpServers.*.headers.*} should that section be populated): headers often carry
 *       tokens inline;</li>
 *   <li>the {@code value} of a secret whose {@code type} is not {@code env}, {@code file} or
 *       {@code osKeychain} — anywhere: top-level {@code secrets.*} and nested secret references
 *       ({@code clientId}, {@code clientSecret}). Those three types hold only a variable name, a
 *       path or a keychain item name; any other type (e.g. {@code literal}, or a value set on an
 *       exec/oauth2 secret) may hold the secret itself.</li>
 * </ul>
 * Header names, {@code headerSecrets} (header → secret name) and exec {@code command}s are shown.
 */
public final class ConfigRedaction {
    public static final String MASK = "***";
    private static final Set<String> REFERENCE_TYPES = Set.of("env", "file", "osKeychain");
    private static final Set<String> SECRET_REF_KEYS = Set.of("clientId", "clientSecret");

    private ConfigRedaction() {
    }

    public static JsonNode redacted(CliConfig config) {
        ObjectNode tree = Json.MAPPER.valueToTree(config);
        tree.path("sources").forEach(source -> maskAll(source.path("transport").path("headers")));
        tree.path("mcpServers").forEach(server -> maskAll(server.path("headers")));
        tree.path("secrets").forEach(ConfigRedaction::maskSecretValue);
        maskNestedRefs(tree);
        return tree;
    }

    private static void maskAll(JsonNode headers) {
        if (headers instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.put(name, MASK));
        }
    }

    private static void maskSecretValue(JsonNode secret) {
        if (secret instanceof ObjectNode object && object.has("value")
                && !REFERENCE_TYPES.contains(object.path("type").asText())) {
            object.put("value", MASK);
        }
    }

    /** Walks the whole tree: nested secret references can appear in sources, runtime and secrets. */
    private static void maskNestedRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
                if (SECRET_REF_KEYS.contains(field.getKey())) maskSecretValue(field.getValue());
                maskNestedRefs(field.getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ConfigRedaction::maskNestedRefs);
        }
    }
}
