package org.opencli.core.config;

import java.util.List;

/**
 * {@code runtime}: remote mode needs a URL; each remote oauth mode its inputs; manual shutdown only
 * for a shared-group session; each server validation profile its endpoints.
 */
final class RuntimeRules {
    private RuntimeRules() {
    }

    static void check(CliConfig config, Problems problems) {
        RuntimeConfig runtime = config.runtime();
        if (runtime == null) return;
        RuntimeRemoteConfig remote = runtime.remote();
        if ("remote".equals(runtime.mode()) && (remote == null || SecretRules.isBlank(remote.url()))) {
            problems.add(JsonPaths.of("runtime", "remote", "url"), "runtime mode 'remote' needs runtime.remote.url",
                    "the URL of the remote runtime");
        }
        if (remote != null && remote.oauth() != null) checkRemoteOAuth(remote.oauth(), problems);
        if (remote != null && !SecretRules.isBlank(remote.requestConfigPath()) && !isAbsoluteAnywhere(remote.requestConfigPath())) {
            // resolved by the runtime against its own working directory, which the client cannot know
            problems.add(JsonPaths.of("runtime", "remote", "requestConfigPath"),
                    "requestConfigPath '" + remote.requestConfigPath() + "' is not an absolute path",
                    "an absolute path on the runtime's machine, e.g. /srv/runtime/.cli.json");
        }
        checkLocal(runtime.local(), problems);
        if (runtime.server() != null && runtime.server().auth() != null) checkServerAuth(runtime.server().auth(), problems);
    }

    private static void checkRemoteOAuth(RemoteOAuthConfig oauth, Problems problems) {
        String path = JsonPaths.of("runtime", "remote", "oauth");
        if ("providedToken".equals(oauth.mode()) && SecretRules.isBlank(oauth.tokenRef())) {
            problems.add(JsonPaths.child(path, "tokenRef"), "mode providedToken needs 'tokenRef'",
                    "a token reference such as env:NAME");
        }
        String ref = oauth.tokenRef();
        if (!SecretRules.isBlank(ref) && !(ref.startsWith("env:") && ref.length() > 4) && !(ref.startsWith("file:") && ref.length() > 5)) {
            problems.add(JsonPaths.child(path, "tokenRef"), "tokenRef has the wrong form (its value is not repeated: it may be a token)",
                    "env:NAME (an environment variable) or file:PATH (a file holding the token)");
        }
        checkUrl(oauth.issuer(), JsonPaths.child(path, "issuer"), problems);
        if (oauth.browserLogin() != null) {
            String browserPath = JsonPaths.child(path, "browserLogin");
            checkUrl(oauth.browserLogin().authorizationURL(), JsonPaths.child(browserPath, "authorizationURL"), problems);
            checkUrl(oauth.browserLogin().tokenURL(), JsonPaths.child(browserPath, "tokenURL"), problems);
        }
        if (oauth.deviceCode() != null) {
            String devicePath = JsonPaths.child(path, "deviceCode");
            checkUrl(oauth.deviceCode().deviceAuthorizationURL(), JsonPaths.child(devicePath, "deviceAuthorizationURL"), problems);
            checkUrl(oauth.deviceCode().tokenURL(), JsonPaths.child(devicePath, "tokenURL"), problems);
        }
        if (oauth.client() != null) checkUrl(oauth.client().tokenURL(), JsonPaths.of("runtime", "remote", "oauth", "client", "tokenURL"), problems);
        checkDelegation(oauth, path, problems);
        String clientPath = JsonPaths.child(path, "client");
        if ("oauthClient".equals(oauth.mode())) {
            RemoteOAuthConfig.RemoteOAuthClient client = oauth.client();
            if (client == null) {
                problems.add(clientPath, "mode oauthClient needs 'client'", "an object with tokenURL, clientId, clientSecret");
                return;
            }
            if (SecretRules.isBlank(client.tokenURL())) {
                problems.add(JsonPaths.child(clientPath, "tokenURL"), "mode oauthClient needs 'client.tokenURL'",
                        "the token endpoint URL");
            }
            OAuthRules.requireRef(client.clientId(), clientPath, "clientId", problems);
            OAuthRules.requireRef(client.clientSecret(), clientPath, "clientSecret", problems);
        } else if (oauth.client() != null) {
            SecretRules.checkRef(oauth.client().clientId(), JsonPaths.child(clientPath, "clientId"), problems);
            SecretRules.checkRef(oauth.client().clientSecret(), JsonPaths.child(clientPath, "clientSecret"), problems);
        }
    }

    /** Mode delegation: the agent's client id and where the user's token is read; refs in env:/file: form. */
    private static void checkDelegation(RemoteOAuthConfig oauth, String oauthPath, Problems problems) {
        String path = JsonPaths.child(oauthPath, "delegation");
        RemoteOAuthConfig.DelegationConfig d = oauth.delegation();
        if (d == null) {
            if ("delegation".equals(oauth.mode())) {
                problems.add(path, "mode delegation needs 'delegation'",
                        "an object with clientId, clientSecret and subjectTokenRef (e.g. env:USER_TOKEN)");
            }
            return;
        }
        checkUrl(d.tokenURL(), JsonPaths.child(path, "tokenURL"), problems);
        if ("delegation".equals(oauth.mode())) {
            OAuthRules.requireRef(d.clientId(), path, "clientId", problems);
            if (SecretRules.isBlank(d.subjectTokenRef())) {
                problems.add(JsonPaths.child(path, "subjectTokenRef"), "mode delegation needs 'subjectTokenRef'",
                        "where the user's token is read: env:NAME or file:PATH");
            }
        } else {
            SecretRules.checkRef(d.clientId(), JsonPaths.child(path, "clientId"), problems);
        }
        SecretRules.checkRef(d.clientSecret(), JsonPaths.child(path, "clientSecret"), problems);
        checkTokenRef(d.subjectTokenRef(), JsonPaths.child(path, "subjectTokenRef"), problems);
        checkTokenRef(d.actorTokenRef(), JsonPaths.child(path, "actorTokenRef"), problems);
    }

    private static void checkTokenRef(String ref, String path, Problems problems) {
        if (!SecretRules.isBlank(ref) && !(ref.startsWith("env:") && ref.length() > 4) && !(ref.startsWith("file:") && ref.length() > 5)) {
            problems.add(path, "token reference has the wrong form (its value is not repeated: it may be a token)",
                    "env:NAME (an environment variable) or file:PATH (a file holding the token)");
        }
    }

    /** Absolute on a POSIX or a Windows host: the path names a file on the runtime's machine, not this one. */
    private static boolean isAbsoluteAnywhere(String path) {
        return path.startsWith("/") || path.matches("^[A-Za-z]:[\\\\/].*");
    }

    /** An endpoint or issuer, when given, must be an absolute http(s) URL (a typo here would only show at sign-in). */
    static void checkUrl(String value, String path, Problems problems) {
        if (SecretRules.isBlank(value)) return;
        java.net.URI uri;
        try {
            uri = java.net.URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            problems.add(path, "'" + value + "' is not an absolute http(s) URL", "an absolute http(s) URL");
        }
    }

    private static void checkLocal(RuntimeLocalConfig local, Problems problems) {
        if (local == null) return;
        if ("manual".equals(local.shutdown()) && !"shared-group".equals(local.sessionScope())) {
            problems.add(JsonPaths.of("runtime", "local", "shutdown"),
                    "shutdown 'manual' needs sessionScope 'shared-group' (found "
                            + (local.sessionScope() == null ? "none" : "'" + local.sessionScope() + "'") + ")",
                    "when-owner-exits, or sessionScope shared-group");
        }
    }

    private static void checkServerAuth(ServerAuthConfig auth, Problems problems) {
        String path = JsonPaths.of("runtime", "server", "auth");
        String profile = auth.validationProfile();
        if (profile == null) {
            problems.add(JsonPaths.child(path, "validationProfile"), "server auth needs 'validationProfile'",
                    "one of: oidc_jwks, oauth2_introspection");
        } else if (profile.equals("oidc_jwks")) {
            require(auth.issuer(), path, "issuer", profile, problems);
            require(auth.jwksURL(), path, "jwksURL", profile, problems);
            require(auth.audience(), path, "audience", profile, problems);
        } else if (profile.equals("oauth2_introspection")) {
            require(auth.audience(), path, "audience", profile, problems);
            require(auth.introspectionURL(), path, "introspectionURL", profile, problems);
        }
        if (ServerAuthConfig.OAUTH2_INTROSPECTION.equals(profile)) {
            // RFC 7662 endpoints require client authentication
            OAuthRules.requireRef(auth.clientId(), path, "clientId", problems);
            OAuthRules.requireRef(auth.clientSecret(), path, "clientSecret", problems);
        } else {
            SecretRules.checkRef(auth.clientId(), JsonPaths.child(path, "clientId"), problems);
            SecretRules.checkRef(auth.clientSecret(), JsonPaths.child(path, "clientSecret"), problems);
        }
        ServerAuthConfig.RevocationCheckConfig revocation = auth.revocationCheck();
        if (revocation != null) {
            String rpath = JsonPaths.child(path, "revocationCheck");
            if (!ServerAuthConfig.OIDC_JWKS.equals(profile)) {
                problems.add(rpath, "revocationCheck applies only to validationProfile oidc_jwks"
                        + " (introspection already asks the IdP on every cache miss)", "no revocationCheck");
            }
            if (SecretRules.isBlank(revocation.introspectionURL())) {
                problems.add(JsonPaths.child(rpath, "introspectionURL"), "revocationCheck needs 'introspectionURL'",
                        "the RFC 7662 introspection endpoint URL");
            }
            OAuthRules.requireRef(revocation.clientId(), rpath, "clientId", problems);
            OAuthRules.requireRef(revocation.clientSecret(), rpath, "clientSecret", problems);
        }
        if (auth.delegation() != null) DelegationRules.check(auth.delegation(), path, problems);
        if (auth.scopeClaims() != null) {
            for (int i = 0; i < auth.scopeClaims().size(); i++) {
                String claim = auth.scopeClaims().get(i);
                if (claim == null || claim.isBlank() || claim.startsWith(".") || claim.endsWith(".") || claim.contains("..")) {
                    problems.add(JsonPaths.index(JsonPaths.child(path, "scopeClaims"), i),
                            "scope claim path '" + claim + "' is not a dotted claim path",
                            "a claim name or dotted path such as realm_access.roles");
                }
            }
        }
        checkGrantMap(auth, path, problems);
        checkTenants(auth, path, problems);
        if (auth.principalClaim() != null && !ServerAuthConfig.PRINCIPAL_CLAIMS.contains(auth.principalClaim())) {
            problems.add(JsonPaths.child(path, "principalClaim"), "principalClaim '" + auth.principalClaim() + "' is not supported",
                    "one of: " + String.join(", ", ServerAuthConfig.PRINCIPAL_CLAIMS));
        }
    }

    /** Every target a runtime grant, every name a bounded token: a typo fails the load instead of granting nothing silently. */
    private static void checkGrantMap(ServerAuthConfig auth, String path, Problems problems) {
        if (auth.grantMap() == null) return;
        String mapPath = JsonPaths.child(path, "grantMap");
        if (auth.grantMap().size() > ServerAuthConfig.MAX_GRANT_MAP_ENTRIES) {
            problems.add(mapPath, "grantMap has " + auth.grantMap().size() + " names", "at most " + ServerAuthConfig.MAX_GRANT_MAP_ENTRIES);
            return;
        }
        for (var entry : auth.grantMap().entrySet()) {
            String name = entry.getKey();
            String at = JsonPaths.child(mapPath, name);
            if (name.isBlank() || name.length() > ServerAuthConfig.MAX_IDP_NAME_LENGTH) {
                problems.add(mapPath, "a grantMap name is blank or longer than " + ServerAuthConfig.MAX_IDP_NAME_LENGTH + " characters",
                        "the IdP's permission name, e.g. Helpdesk.ReadWrite");
                continue;
            }
            List<String> grants = entry.getValue();
            if (grants == null || grants.isEmpty() || grants.size() > ServerAuthConfig.MAX_GRANTS_PER_NAME) {
                problems.add(at, "grantMap '" + name + "' needs 1 to " + ServerAuthConfig.MAX_GRANTS_PER_NAME + " runtime grants",
                        "a list such as [\"bundle:helpdesk\"]");
                continue;
            }
            for (int i = 0; i < grants.size(); i++) {
                if (!RuntimeGrants.isGrant(grants.get(i))) {
                    problems.add(JsonPaths.index(at, i), "'" + grants.get(i) + "' is not a runtime grant",
                            "bundle:<serviceId>, profile:<name>, tool:<toolId>, audit:read, runtime:refresh, runtime:admin or runtime:metrics");
                }
            }
        }
    }

    /** A {tenantid} issuer needs its tenants; tenants need the template; there is no "any tenant". */
    private static void checkTenants(ServerAuthConfig auth, String path, Problems problems) {
        String placeholder = "{tenantid}";
        boolean templated = auth.issuer() != null && auth.issuer().contains(placeholder);
        List<String> tenants = auth.allowedTenants();
        String tenantsPath = JsonPaths.child(path, "allowedTenants");
        if (templated) {
            if (auth.issuer().indexOf(placeholder) != auth.issuer().lastIndexOf(placeholder)) {
                problems.add(JsonPaths.child(path, "issuer"), "issuer names {tenantid} more than once", "one {tenantid}");
            }
            if (!ServerAuthConfig.OIDC_JWKS.equals(auth.validationProfile())) {
                problems.add(JsonPaths.child(path, "issuer"), "an issuer with {tenantid} needs validationProfile oidc_jwks", "oidc_jwks");
            }
            if (tenants == null || tenants.isEmpty()) {
                problems.add(tenantsPath, "issuer " + auth.issuer() + " admits tokens of many tenants, but allowedTenants names none",
                        "the tenant ids (tid) to accept; there is no 'any tenant'");
            }
        } else if (tenants != null) {
            problems.add(tenantsPath, "allowedTenants applies only to an issuer with the {tenantid} template",
                    "an issuer such as https://login.microsoftonline.com/{tenantid}/v2.0, or no allowedTenants");
        }
        if (tenants == null) return;
        if (tenants.size() > ServerAuthConfig.MAX_ALLOWED_TENANTS) {
            problems.add(tenantsPath, "allowedTenants has " + tenants.size() + " entries", "at most " + ServerAuthConfig.MAX_ALLOWED_TENANTS);
            return;
        }
        for (int i = 0; i < tenants.size(); i++) {
            String tenant = tenants.get(i);
            if (tenant == null || !tenant.matches("[A-Za-z0-9._-]{1,128}")) {
                problems.add(JsonPaths.index(tenantsPath, i), "'" + tenant + "' is not a tenant id", "a tenant id such as a GUID");
            }
        }
    }

    private static void require(String value, String path, String field, String profile, Problems problems) {
        if (SecretRules.isBlank(value)) {
            problems.add(JsonPaths.child(path, field), "validationProfile " + profile + " needs '" + field + "'",
                    "a non-empty string");
        }
    }
}
