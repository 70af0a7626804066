package org.opencli.service.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.opencli.core.config.ServerAuthConfig;

/**
 * RFC 9728 OAuth 2.0 protected resource metadata: how an MCP client (or any OAuth client) learns which
 * authorization server issues this runtime's tokens and which scopes it knows. Served at
 * {@value #PATH} (open) and named by the {@code resource_metadata} of {@code /mcp}'s 401 challenge.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"resource", "authorization_servers", "scopes_supported", "bearer_methods_supported", "resource_name"})
public record ProtectedResourceMetadata(
        @JsonProperty("resource") String resource,
        @JsonProperty("authorization_servers") List<String> authorizationServers,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
        @JsonProperty("resource_name") String resourceName) {

    public static final String PATH = "/.well-known/oauth-protected-resource";

    /** The document for {@code resource} (the URL it describes) under {@code auth}, knowing {@code scopes}. */
    public static ProtectedResourceMetadata of(ServerAuthConfig auth, String resource, List<String> scopes) {
        List<String> issuers = auth.issuer() == null ? List.of() : List.of(auth.issuer());
        return new ProtectedResourceMetadata(resource, issuers, scopes, List.of("header"), "open-cli runtime (oclird)");
    }

    /** A 401 challenge with {@code resource_metadata} pointing at {@code base}'s document (RFC 9728 §5.1). */
    public static String challenge(String challenge, String base) {
        return challenge + ", resource_metadata=\"" + base + PATH + "\"";
    }
}
