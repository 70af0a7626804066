package org.opencli.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.ValidatedToken;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.http.RequestIds;

/**
 * Who is calling, for resources: the {@link Caller} the request's {@link SecurityIdentity} carries
 * (authentication is proactive, so it is settled before any endpoint runs). Never null: a request
 * that proved nothing (an open endpoint) is anonymous, with its request id when runtime auth is off.
 */
// a singleton, not application-scoped: asked on every request, so no client proxy's lookup in between
@Singleton
public class CurrentCaller {
    @Inject
    CurrentVertxRequest request;

    @Inject
    DaemonAuth auth;

    public Caller get() {
        RoutingContext rc = request.getCurrent();
        Caller verified = verified(rc);
        if (verified != null) return verified;
        return auth.enabled() || rc == null ? Caller.anonymous() : Caller.unauthenticated(RequestIds.of(rc));
    }

    /** The validated runtime token of this request, or null (none, or auth off). */
    public ValidatedToken token() {
        return CallerIdentities.token(identity(request.getCurrent()));
    }

    /**
     * The caller of a request that proved it may use the daemon (owner key, valid token, or any caller
     * of a daemon open to its network, outside the open endpoints); null otherwise.
     */
    public static Caller verified(RoutingContext rc) {
        SecurityIdentity identity = identity(rc);
        if (identity == CallerIdentities.DAEMON) return new Caller(null, null, RequestIds.sessionOf(rc), RequestIds.of(rc), null);
        return CallerIdentities.caller(identity);
    }

    private static SecurityIdentity identity(RoutingContext rc) {
        return rc != null && rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }
}
