package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fills absent sections of the merged tree with empty values before binding, so consumers of
 * {@link CliConfig} never meet a null section, map or list where "nothing configured" is meant.
 * Runs after strict validation (defaults must not hide a missing required key).
 */
final class ConfigDefaults {
    private ConfigDefaults() {
    }

    static void apply(ObjectNode config) {
        object(config, "runtime");
        object(config, "sources");
        object(config, "mcpServers");
        object(config, "services").forEach(service -> {
            array((ObjectNode) service, "overlays");
            array((ObjectNode) service, "skills");
            array((ObjectNode) service, "workflows");
        });
        object(object(config, "curation"), "toolSets").forEach(toolSet -> {
            array((ObjectNode) toolSet, "allow");
            array((ObjectNode) toolSet, "deny");
        });
        object(object(config, "agents"), "profiles");
        ObjectNode policy = object(config, "policy");
        array(policy, "deny");
        array(policy, "approvalRequired");
        if (!policy.has("allowExecSecrets")) policy.put("allowExecSecrets", false);
        object(config, "secrets");
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        return existing instanceof ObjectNode o ? o : parent.putObject(key);
    }

    private static void array(ObjectNode parent, String key) {
        if (!parent.has(key)) parent.putArray(key);
    }
}
