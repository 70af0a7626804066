package org.opencli.service.security;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import java.security.Permission;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.ValidatedToken;

/**
 * The {@link SecurityIdentity} of a verified caller: its attributes carry the engine's {@link Caller}
 * (and, with runtime auth, the {@link ValidatedToken} and the SHA-256 of the token, never the token);
 * its permissions are the caller's grants. A scope {@code name:action} is asked for as
 * {@code @PermissionsAllowed("name:action")} parses it, a {@link StringPermission} {@code (name, action)}.
 * Without runtime auth (owner key, {@code --allow-unauthenticated-remote}) a verified caller holds
 * every operational scope, as before.
 */
final class CallerIdentities {
    static final String CALLER = "ocli.caller";
    static final String TOKEN = "ocli.validatedToken";
    static final String TOKEN_HASH = "ocli.tokenHash";
    /** The principal name of a caller verified without a token (the owner key, or an open daemon). */
    static final String DAEMON_CALLER = "daemon-caller";

    /**
     * The one identity of every caller verified without a token: it carries a {@link Caller} without
     * request or session id, which {@link CurrentCaller} fills in from the request.
     */
    static final SecurityIdentity DAEMON = of(new Caller(null, null, null, null, null), null, null);

    private CallerIdentities() {
    }

    static SecurityIdentity of(Caller caller, ValidatedToken token, String tokenHash) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.principal() != null ? caller.principal() : DAEMON_CALLER))
                .addAttribute(CALLER, caller)
                .addPermissionChecker(permission -> Uni.createFrom().item(holds(caller, permission)));
        if (token != null) identity.addAttribute(TOKEN, token).addAttribute(TOKEN_HASH, tokenHash);
        return identity.build();
    }

    /** The caller a verified identity carries; null for an anonymous one. */
    static Caller caller(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(CALLER);
    }

    static ValidatedToken token(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(TOKEN);
    }

    /** {@code audit:read} as the permission {@code ("audit", "read")}. */
    static Permission permission(String scope) {
        int colon = scope.indexOf(':');
        return colon < 0 ? new StringPermission(scope) : new StringPermission(scope.substring(0, colon), scope.substring(colon + 1));
    }

    private static boolean holds(Caller caller, Permission permission) {
        if (!caller.authEnforced()) return true;
        if (!(permission instanceof StringPermission asked)) return false;
        String actions = asked.getActions();
        String scope = actions == null || actions.isEmpty() ? asked.getName() : asked.getName() + ":" + actions;
        return caller.holds(scope);
    }
}
