package org.opencli.core.auth.client;

import java.util.List;

/**
 * Where and as whom a client asks for tokens. Any URL may be null when the flow does not need it
 * (the device URL for browser login, the revocation URL when the IdP has none). {@code clientSecret}
 * is null for public clients.
 */
public record ClientEndpoints(
        String issuer,
        String authorizationURL,
        String tokenURL,
        String deviceAuthorizationURL,
        String revocationURL,
        String clientId,
        String clientSecret,
        List<String> scopes,
        String audience) {

    public ClientEndpoints {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** These endpoints with every null URL filled from {@code other} (config first, then discovery or the runtime). */
    public ClientEndpoints orElse(ClientEndpoints other) {
        if (other == null) return this;
        return new ClientEndpoints(first(issuer, other.issuer), first(authorizationURL, other.authorizationURL),
                first(tokenURL, other.tokenURL), first(deviceAuthorizationURL, other.deviceAuthorizationURL),
                first(revocationURL, other.revocationURL), first(clientId, other.clientId),
                first(clientSecret, other.clientSecret), scopes.isEmpty() ? other.scopes : scopes,
                first(audience, other.audience));
    }

    /** The value of a required URL or id, or a clear error naming what is missing. */
    public String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new OAuthClientException("endpoint_missing", "no " + what + " configured and none found via "
                    + "issuer discovery or the runtime's /v1/auth/browser-config");
        }
        return value;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
