package org.opencli.fleet.oidcprovider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code fleet-tests/fixtures/oidc-provider/provider.mjs} serves, as the JSON it reads: the
 * issuers (each mounted under its own path, shape {@code entra} or {@code authentik}), the one
 * resource server (its indicator, the {@code aud} its access tokens carry, the scopes clients may
 * ask for), the clients and the users. Built by {@link EntraShaped} and {@link AuthentikShaped}.
 */
public final class ProviderSetup {
    /** Where every issuer's signing keys are published together, as Entra's common keys endpoint. */
    public static final String KEYS_PATH = "/common/discovery/v2.0/keys";
    /** The grant type of RFC 8693 token exchange, which every issuer of the fixture answers. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();

    public ProviderSetup(String resourceIndicator, String audience, List<String> scopes) {
        root.put("keysPath", KEYS_PATH);
        ObjectNode resource = root.putObject("resource");
        resource.put("indicator", resourceIndicator);
        resource.put("audience", audience);
        scopes.forEach(resource.putArray("scopes")::add);
        root.putArray("issuers");
        root.putArray("clients");
        root.putArray("users");
    }

    /** An Entra-shaped tenant issuer at {@code /<tenantId>/v2.0}. */
    public ProviderSetup entraTenant(String tenantId) {
        ((ArrayNode) root.get("issuers")).addObject().put("mount", "/" + tenantId + "/v2.0").put("shape", "entra").put("tenant", tenantId);
        return this;
    }

    /** An Authentik-shaped issuer at {@code /application/o/<slug>/}. */
    public ProviderSetup authentikApplication(String slug) {
        ((ArrayNode) root.get("issuers")).addObject().put("mount", "/application/o/" + slug).put("shape", "authentik")
                .put("trailingSlash", true);
        return this;
    }

    /** A confidential client for client credentials; {@code roles} are its app roles, {@code oid} its service principal's object id. */
    public ProviderSetup confidentialClient(String clientId, String secret, List<String> roles, String oid) {
        ObjectNode c = ((ArrayNode) root.get("clients")).addObject();
        c.put("client_id", clientId).put("client_secret", secret).put("oid", oid);
        c.putArray("grant_types").add("client_credentials");
        c.putArray("redirect_uris");
        c.putArray("response_types");
        roles.forEach(c.putArray("roles")::add);
        return this;
    }

    /** An agent's confidential client (client_secret_basic) allowed only the RFC 8693 token exchange. */
    public ProviderSetup agentClient(String clientId, String secret) {
        ObjectNode c = ((ArrayNode) root.get("clients")).addObject();
        c.put("client_id", clientId).put("client_secret", secret);
        c.putArray("grant_types").add(TOKEN_EXCHANGE);
        c.putArray("redirect_uris");
        c.putArray("response_types");
        return this;
    }

    /** A public client for people: device code and authorization code + PKCE to any loopback port, with refresh tokens. */
    public ProviderSetup publicClient(String clientId) {
        ObjectNode c = ((ArrayNode) root.get("clients")).addObject();
        c.put("client_id", clientId).put("token_endpoint_auth_method", "none").put("application_type", "native");
        c.putArray("grant_types").add("urn:ietf:params:oauth:grant-type:device_code").add("authorization_code").add("refresh_token");
        c.putArray("redirect_uris").add("http://127.0.0.1/callback");
        c.putArray("response_types").add("code");
        return this;
    }

    /**
     * A person. {@code tenant} (Entra shape) is the only tenant whose issuer lets them sign in, null
     * for any; {@code groups} feed the Authentik shape's {@code groups} claim.
     */
    public ProviderSetup user(String login, String password, String tenant, String oid, String upn, String email, List<String> groups) {
        ObjectNode u = ((ArrayNode) root.get("users")).addObject();
        u.put("login", login).put("password", password).put("oid", oid).put("upn", upn).put("email", email).put("name", login);
        if (tenant != null) u.put("tenant", tenant);
        groups.forEach(u.putArray("groups")::add);
        return this;
    }

    String json() {
        return root.toPrettyString();
    }
}
