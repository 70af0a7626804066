package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code runtime.server.auth}. validationProfile {@code oidc_jwks} (issuer, jwksURL, audience) or
 * {@code oauth2_introspection} (audience, introspectionURL, optional client). Legacy
 * {@code mode: "oauth2Introspection"} is normalized by the loader to the latter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerAuthConfig(
        String validationProfile,
        String mode,
        String issuer,
        String jwksURL,
        String audience,
        String introspectionURL,
        SecretConfig clientId,
        SecretConfig clientSecret,
        String authorizationURL,
        String tokenURL,
        String browserClientId) {
}
