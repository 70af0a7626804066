package org.opencli.service.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.opencli.service.auth.OperationalScopes;

/**
 * The runtime's own operations need their scope on top of a verified caller, by path prefix
 * ({@link OperationalScopes}): {@code audit:read}, {@code runtime:refresh}, {@code runtime:metrics},
 * {@code runtime:admin}.
 * A global {@link HttpSecurityPolicy} (no name: Quarkus runs it on every request, before any
 * endpoint) rather than {@code @PermissionsAllowed} on resource methods, because the rule is by path:
 * it covers endpoints added later under these paths and paths no resource serves (today
 * {@code POST /v1/refresh} answers 403 without the scope, not 404), and its denial happens on the
 * routing level where {@link AuthAudit} records it before {@link RefusalResponder} answers. The
 * check itself is the identity's permission check, as {@code @PermissionsAllowed("audit:read")} asks it.
 */
// a singleton, not application-scoped: asked on every request, so no client proxy's lookup in between
@Singleton
public class OperationalScopePolicy implements HttpSecurityPolicy {
    /** Most requests need no scope: one completed answer for all of them, not a new one per request. */
    private static final Uni<CheckResult> PERMIT = CheckResult.permit();

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext rc, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        String required = OperationalScopes.required(rc.normalizedPath());
        if (required == null) return PERMIT;
        return identity.flatMap(caller -> caller.isAnonymous() ? CheckResult.deny()
                : caller.checkPermission(CallerIdentities.permission(required))
                        .map(granted -> granted ? CheckResult.PERMIT : CheckResult.DENY));
    }
}
