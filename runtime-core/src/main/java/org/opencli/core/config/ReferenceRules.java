package org.opencli.core.config;

import java.util.Map;

/** Names that must point at something: service → source, profile → tool set, default profile. */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static void check(CliConfig config, Problems problems) {
        for (Map.Entry<String, ServiceConfig> e : config.services().entrySet()) {
            String source = e.getValue() == null ? null : e.getValue().source();
            if (source != null && !config.sources().containsKey(source)) {
                problems.add(JsonPaths.of("services", e.getKey(), "source"),
                        "service '" + e.getKey() + "' refers to unknown source '" + source + "'",
                        oneOf("sources", config.sources()));
            }
        }
        Map<String, ToolSetConfig> toolSets = config.curation().toolSets();
        Map<String, AgentProfileConfig> profiles = config.agents().profiles();
        for (Map.Entry<String, AgentProfileConfig> e : profiles.entrySet()) {
            String toolSet = e.getValue() == null ? null : e.getValue().toolSet();
            if (toolSet != null && !toolSets.containsKey(toolSet)) {
                problems.add(JsonPaths.of("agents", "profiles", e.getKey(), "toolSet"),
                        "profile '" + e.getKey() + "' refers to unknown tool set '" + toolSet + "'",
                        oneOf("curation.toolSets", toolSets));
            }
        }
        String defaultProfile = config.agents().defaultProfile();
        if (defaultProfile != null && !profiles.containsKey(defaultProfile)) {
            problems.add(JsonPaths.of("agents", "defaultProfile"), "unknown profile '" + defaultProfile + "'",
                    oneOf("agents.profiles", profiles));
        }
    }

    private static String oneOf(String section, Map<String, ?> names) {
        return names.isEmpty() ? "a name defined in " + section + " (none are defined)"
                : "one of the " + section + ": " + String.join(", ", names.keySet());
    }
}
