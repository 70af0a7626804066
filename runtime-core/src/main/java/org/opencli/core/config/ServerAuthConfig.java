package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code runtime.server.auth}. validationProfile {@code oidc_jwks} (issuer, jwksURL, audience) or
 * {@code oauth2_introspection} (audience, introspectionURL, client for RFC 7662). Legacy
 * {@code mode: "oauth2Introspection"} is normalized by the loader to the latter. The browser
 * metadata (authorizationURL, tokenURL, browserClientId, deviceAuthorizationURL, revocationURL) is
 * only published to clients by {@code GET /v1/auth/browser-config}; the runtime never calls it.
 * {@code failureAudit} (ours) bounds how many authentication failures per source get a record each.
 * {@code delegation} bounds what agents acting for users (RFC 8693 {@code act}) may be granted.
 * {@code grantMap} maps IdP permission names to runtime grants; {@code allowedTenants} lists the
 * tenants a {@code {tenantid}} issuer template admits; {@code principalClaim} names the caller.
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
        String browserClientId,
        String deviceAuthorizationURL,
        String revocationURL,
        Integer clockSkewSeconds,
        Integer introspectionCacheSeconds,
        RevocationCheckConfig revocationCheck,
        List<String> scopeClaims,
        FailureAuditConfig failureAudit,
        DelegationConfig delegation,
        Map<String, List<String>> grantMap,
        List<String> allowedTenants,
        String principalClaim) {

    /** Without {@code delegation} (the form before agents could act for users). */
    public ServerAuthConfig(String validationProfile, String mode, String issuer, String jwksURL, String audience,
                            String introspectionURL, SecretConfig clientId, SecretConfig clientSecret,
                            String authorizationURL, String tokenURL, String browserClientId,
                            String deviceAuthorizationURL, String revocationURL, Integer clockSkewSeconds,
                            Integer introspectionCacheSeconds, RevocationCheckConfig revocationCheck,
                            List<String> scopeClaims, FailureAuditConfig failureAudit, Map<String, List<String>> grantMap,
                            List<String> allowedTenants, String principalClaim) {
        this(validationProfile, mode, issuer, jwksURL, audience, introspectionURL, clientId, clientSecret,
                authorizationURL, tokenURL, browserClientId, deviceAuthorizationURL, revocationURL, clockSkewSeconds,
                introspectionCacheSeconds, revocationCheck, scopeClaims, failureAudit, null, grantMap, allowedTenants,
                principalClaim);
    }

    /** Without the identity keys ({@code grantMap}, {@code allowedTenants}, {@code principalClaim}). */
    public ServerAuthConfig(String validationProfile, String mode, String issuer, String jwksURL, String audience,
                            String introspectionURL, SecretConfig clientId, SecretConfig clientSecret,
                            String authorizationURL, String tokenURL, String browserClientId,
                            String deviceAuthorizationURL, String revocationURL, Integer clockSkewSeconds,
                            Integer introspectionCacheSeconds, RevocationCheckConfig revocationCheck,
                            List<String> scopeClaims, FailureAuditConfig failureAudit, DelegationConfig delegation) {
        this(validationProfile, mode, issuer, jwksURL, audience, introspectionURL, clientId, clientSecret,
                authorizationURL, tokenURL, browserClientId, deviceAuthorizationURL, revocationURL, clockSkewSeconds,
                introspectionCacheSeconds, revocationCheck, scopeClaims, failureAudit, delegation, null, null, null);
    }

    public static final String OIDC_JWKS = "oidc_jwks";
    public static final String OAUTH2_INTROSPECTION = "oauth2_introspection";
    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;
    public static final int DEFAULT_INTROSPECTION_CACHE_SECONDS = 30;
    public static final int DEFAULT_FAILURE_AUDIT_PER_SOURCE = 60;
    public static final int DEFAULT_FAILURE_AUDIT_WINDOW_SECONDS = 60;
    /** The claims {@code principalClaim} may name. */
    public static final List<String> PRINCIPAL_CLAIMS = List.of("preferred_username", "upn", "email", "oid", "sub");
    public static final int MAX_GRANT_MAP_ENTRIES = 256;
    public static final int MAX_GRANTS_PER_NAME = 64;
    public static final int MAX_IDP_NAME_LENGTH = 256;
    public static final int MAX_ALLOWED_TENANTS = 256;

    /** Without delegation and the identity keys. */
    public ServerAuthConfig(String validationProfile, String mode, String issuer, String jwksURL, String audience,
                            String introspectionURL, SecretConfig clientId, SecretConfig clientSecret, String authorizationURL,
                            String tokenURL, String browserClientId, String deviceAuthorizationURL, String revocationURL,
                            Integer clockSkewSeconds, Integer introspectionCacheSeconds, RevocationCheckConfig revocationCheck,
                            List<String> scopeClaims, FailureAuditConfig failureAudit) {
        this(validationProfile, mode, issuer, jwksURL, audience, introspectionURL, clientId, clientSecret, authorizationURL,
                tokenURL, browserClientId, deviceAuthorizationURL, revocationURL, clockSkewSeconds, introspectionCacheSeconds,
                revocationCheck, scopeClaims, failureAudit, null, null, null, null);
    }

    public int clockSkew() {
        return clockSkewSeconds == null ? DEFAULT_CLOCK_SKEW_SECONDS : clockSkewSeconds;
    }

    public int introspectionCache() {
        return introspectionCacheSeconds == null ? DEFAULT_INTROSPECTION_CACHE_SECONDS : introspectionCacheSeconds;
    }

    /**
     * {@code revocationCheck}: an RFC 7662 introspection made after a JWT passed its signature
     * checks, so a token revoked at the IdP is refused; {@code cacheSeconds} 0 = every request.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RevocationCheckConfig(
            String introspectionURL,
            SecretConfig clientId,
            SecretConfig clientSecret,
            Integer cacheSeconds) {

        public int cache() {
            return cacheSeconds == null ? 0 : cacheSeconds;
        }
    }

    /**
     * {@code failureAudit} (ours): per source address and window of {@code windowSeconds}, the first
     * {@code perSource} authentication failures get an {@code authn_failure} record each and the rest
     * one summary record; {@code perSource} 0 records every failure.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailureAuditConfig(Integer perSource, Integer windowSeconds) {
    }

    /**
     * {@code delegation} (RFC 8693 agents acting for users): {@code actors} maps an actor id (the
     * {@code sub}, else {@code client_id}, of an {@code act} entry) to the most that actor may be
     * granted; a caller's grants are the intersection of its own and every actor's, and an actor not
     * named here is granted nothing. {@code azpAsActor}: a token without {@code act} whose client
     * ({@code azp}, else {@code client_id}) is named in {@code actors} counts as that client acting
     * (for IdPs whose exchange names the requesting client only in {@code azp}). Absent: a token
     * with an {@code act} claim is refused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DelegationConfig(Map<String, List<String>> actors, Boolean azpAsActor) {

        public boolean clientActs() {
            return Boolean.TRUE.equals(azpAsActor);
        }
    }

    public int failureAuditPerSource() {
        return failureAudit == null || failureAudit.perSource() == null ? DEFAULT_FAILURE_AUDIT_PER_SOURCE
                : failureAudit.perSource();
    }

    public int failureAuditWindowSeconds() {
        return failureAudit == null || failureAudit.windowSeconds() == null ? DEFAULT_FAILURE_AUDIT_WINDOW_SECONDS
                : failureAudit.windowSeconds();
    }
}
