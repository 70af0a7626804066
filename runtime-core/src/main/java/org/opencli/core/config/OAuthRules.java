package org.opencli.core.config;

import java.util.Map;

/**
 * MCP source {@code oauth}: streamable-http transports only, client credentials only (tokenURL,
 * clientId, clientSecret), and it owns the Authorization header, so the transport may not set one.
 */
final class OAuthRules {
    static final String CLIENT_CREDENTIALS = "clientCredentials";

    private OAuthRules() {
    }

    static void checkSourceOAuth(OAuthClientConfig oauth, McpTransportConfig transport, String sourcePath,
                                 Problems problems) {
        String path = JsonPaths.child(sourcePath, "oauth");
        String transportPath = JsonPaths.child(sourcePath, "transport");
        if (transport != null && transport.type() != null && !transport.type().equals("streamable-http")) {
            problems.add(path, "'oauth' is not supported on " + Wording.a(transport.type()) + " transport",
                    "oauth only with transport type streamable-http");
        }
        if (oauth.mode() != null && !oauth.mode().equals(CLIENT_CREDENTIALS)) {
            problems.add(JsonPaths.child(path, "mode"), "unsupported MCP oauth mode '" + oauth.mode() + "'",
                    CLIENT_CREDENTIALS);
        }
        if (SecretRules.isBlank(oauth.tokenURL())) {
            problems.add(JsonPaths.child(path, "tokenURL"), "client credentials need 'tokenURL'", "the token endpoint URL");
        }
        requireRef(oauth.clientId(), path, "clientId", problems);
        requireRef(oauth.clientSecret(), path, "clientSecret", problems);
        if (transport != null) {
            if (hasAuthorization(transport.headers())) {
                problems.add(JsonPaths.child(transportPath, "headers"),
                        "'Authorization' header conflicts with 'oauth', which sets it", "no Authorization header when oauth is set");
            }
            if (hasAuthorization(transport.headerSecrets())) {
                problems.add(JsonPaths.child(transportPath, "headerSecrets"),
                        "'Authorization' header conflicts with 'oauth', which sets it", "no Authorization header when oauth is set");
            }
        }
    }

    /** A secret reference that must be present ({@code path.field}) and well-formed. */
    static void requireRef(SecretConfig ref, String path, String field, Problems problems) {
        String refPath = JsonPaths.child(path, field);
        if (ref == null) {
            problems.add(refPath, "missing '" + field + "'", "a secret reference such as {\"type\": \"env\", \"value\": \"NAME\"}");
        } else {
            SecretRules.checkRef(ref, refPath, problems);
        }
    }

    private static boolean hasAuthorization(Map<String, String> headers) {
        return headers != null && headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
    }
}
