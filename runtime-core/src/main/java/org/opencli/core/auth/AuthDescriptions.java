package org.opencli.core.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.opencli.core.config.RuntimeGrants;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.engine.RuntimeInfo;

/** The public descriptions of a runtime's auth: the {@code auth} object of runtime info and browser-config. */
public final class AuthDescriptions {
    public static final String BROWSER_CONFIG_ENDPOINT = "/v1/auth/browser-config";

    private AuthDescriptions() {
    }

    /**
     * {@code auth} of {@code GET /v1/runtime/info}; {@code token} (may be null) adds the principal:
     * name, client, scopes, the runtime grants derived from them ({@code grants}), immutable id, tenant
     * and the acting agents ({@code actors}, current actor first) when the token is delegated.
     */
    public static RuntimeInfo.Auth info(ServerAuthConfig auth, ValidatedToken token) {
        if (auth == null) {
            return new RuntimeInfo.Auth(false, null, List.of(), List.of(), new RuntimeInfo.BrowserLogin(false, null),
                    null, null);
        }
        Map<String, Object> principal = null;
        if (token != null) {
            principal = new LinkedHashMap<>();
            principal.put("name", token.principal());
            principal.put("clientId", token.clientId());
            principal.put("scopes", List.copyOf(new TreeSet<>(token.scopes())));
            // what the runtime acts on: the runtime grants among the scopes, after grantMap
            principal.put("grants", token.scopes().stream().filter(RuntimeGrants::isGrant).sorted().toList());
            if (token.subjectId() != null) principal.put("subjectId", token.subjectId());
            if (token.tenantId() != null) principal.put("tenantId", token.tenantId());
            // the agents acting for the subject (its act chain), as audit records name them
            if (!token.actors().isEmpty()) principal.put("actors", token.actors());
            if (token.expiresAt() != null) principal.put("expiresAt", token.expiresAt().toString());
        }
        return new RuntimeInfo.Auth(true, auth.audience(), AuthorizationEnvelope.SCOPE_PREFIXES,
                List.of(auth.validationProfile()),
                new RuntimeInfo.BrowserLogin(browserLoginConfigured(auth), BROWSER_CONFIG_ENDPOINT),
                principal, envelope());
    }

    public static BrowserConfig browserConfig(ServerAuthConfig auth) {
        if (auth == null) {
            return new BrowserConfig(null, null, null, null, false, List.of(), List.of(), null, null, null, null);
        }
        return new BrowserConfig(auth.authorizationURL(), auth.tokenURL(), auth.browserClientId(), auth.audience(), true,
                AuthorizationEnvelope.SCOPE_PREFIXES, List.of(auth.validationProfile()), envelope(), discoverableIssuer(auth),
                auth.deviceAuthorizationURL(), auth.revocationURL());
    }

    /** A {@code {tenantid}} template names no one issuer a client could discover: clients get the endpoints only. */
    private static String discoverableIssuer(ServerAuthConfig auth) {
        return auth.issuer() == null || auth.issuer().contains(IssuerRule.TENANT_PLACEHOLDER) ? null : auth.issuer();
    }

    private static boolean browserLoginConfigured(ServerAuthConfig auth) {
        return auth.browserClientId() != null && (auth.authorizationURL() != null || auth.deviceAuthorizationURL() != null)
                && auth.tokenURL() != null;
    }

    private static RuntimeInfo.AuthorizationEnvelope envelope() {
        return new RuntimeInfo.AuthorizationEnvelope(AuthorizationEnvelope.VERSION, AuthorizationEnvelope.SCOPE_PREFIXES);
    }
}
