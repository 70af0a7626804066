package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code runtime.server.auth.mode: "oauth2Introspection"} is the older spelling of
 * {@code validationProfile: "oauth2_introspection"}. The loader rewrites it so consumers read one
 * field; the legacy key is dropped. A contradicting validationProfile is an error.
 */
final class LegacyAuthNormalizer {
    static final String LEGACY_MODE = "oauth2Introspection";
    static final String PROFILE = "oauth2_introspection";

    private LegacyAuthNormalizer() {
    }

    static void normalize(ObjectNode config, Problems problems) {
        JsonNode auth = config.path("runtime").path("server").path("auth");
        if (!(auth instanceof ObjectNode authNode) || !authNode.has("mode")) return;
        String profile = authNode.path("validationProfile").asText(null);
        if (profile != null && !profile.equals(PROFILE)) {
            problems.add(JsonPaths.of("runtime", "server", "auth", "mode"),
                    "legacy mode '" + LEGACY_MODE + "' contradicts validationProfile '" + profile + "'",
                    "either validationProfile or the legacy mode, not both");
            return;
        }
        authNode.put("validationProfile", PROFILE);
        authNode.remove("mode");
    }
}
