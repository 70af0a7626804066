package org.opencli.service.lifecycle;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.opencli.core.auth.Caller;
import org.opencli.service.security.CurrentCaller;

/**
 * A request carrying {@code X-Ocli-Session} of a known lease renews it: a session that is busy
 * calling the daemon keeps its lease without extra heartbeats. Runs after Quarkus Security's
 * authentication, and only a request that presented the owner key or a valid token counts: an open
 * endpoint ({@code GET /v1/runtime/info}, health) lets anyone through, and anyone must not keep a
 * session's daemon alive. Renewing is an in-memory update, fine on the event loop.
 */
@ApplicationScoped
public class SessionRenewal {
    @Inject
    LocalLifecycle lifecycle;

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Caller verified = CurrentCaller.verified(rc);
        String session = verified == null ? null : verified.sessionId(); // the header, when it is a safe token
        if (session != null) lifecycle.leases().renew(session);
        rc.next();
    }
}
