package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code runtime.remote.oauth}: how ocli gets a bearer token for a remote runtime. Modes:
 * providedToken (tokenRef {@code env:NAME} | {@code file:PATH}), oauthClient (client credentials,
 * {@code client}), browserLogin (authorization code + PKCE, {@code browserLogin}), deviceCode
 * (RFC 8628, ours, {@code deviceCode}), delegation (RFC 8693 token exchange by an agent holding a
 * user's token, {@code delegation}). {@code issuer} enables OIDC discovery; endpoints missing
 * from both come from the runtime's {@code /v1/auth/browser-config}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RemoteOAuthConfig(
        String mode,
        String tokenRef,
        RemoteOAuthClient client,
        BrowserLoginConfig browserLogin,
        DeviceCodeConfig deviceCode,
        String issuer,
        String audience,
        List<String> scopes,
        DelegationConfig delegation) {

    /** Without {@code delegation}. */
    public RemoteOAuthConfig(String mode, String tokenRef, RemoteOAuthClient client, BrowserLoginConfig browserLogin,
                             DeviceCodeConfig deviceCode, String issuer, String audience, List<String> scopes) {
        this(mode, tokenRef, client, browserLogin, deviceCode, issuer, audience, scopes, null);
    }

    /**
     * Mode {@code delegation} (RFC 8693): the agent's client ({@code clientId}, {@code clientSecret}
     * references; no secret = a public client) exchanges the user's token read from
     * {@code subjectTokenRef} ({@code env:NAME} | {@code file:PATH}, read on every call), plus its own
     * token from {@code actorTokenRef} when given, at {@code tokenURL} (else discovery) for a token
     * for the runtime, with {@code audience} and {@code scopes} (else the oauth block's).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DelegationConfig(String tokenURL, SecretConfig clientId, SecretConfig clientSecret,
            String subjectTokenRef, String actorTokenRef, String audience, List<String> scopes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RemoteOAuthClient(String tokenURL, SecretConfig clientId, SecretConfig clientSecret) {
    }

    /** {@code callbackPort} 0 or absent: an ephemeral loopback port. {@code clientId} is a public client's id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrowserLoginConfig(Integer callbackPort, String authorizationURL, String tokenURL, String clientId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceCodeConfig(String deviceAuthorizationURL, String tokenURL, String clientId) {
    }
}
