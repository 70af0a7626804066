package org.opencli.service.security;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * What handles a security failure once the request's caller is proven (a policy's denial, a refusal
 * inside Quarkus REST): the failure goes to the route's failure handlers ({@link RefusalResponder}
 * first), unwrapped, with no challenge of its own, as Quarkus REST's own replacement handler does.
 * Installed by {@link BearerMechanism} when authentication succeeds, because Quarkus REST swaps in its
 * handler only where it finds Quarkus' default one, and first works out the request's resource path
 * template for the metrics and tracing extensions by building the whole resource-class matcher anew,
 * on every request: about 3.5 KB and 5% of the execute path's CPU ({@code make bench-execute}). Our
 * server span takes the template from Quarkus REST's own per-endpoint handler instead
 * ({@code observe.ServerSpans}); Quarkus' HTTP metrics and tracing are off.
 */
final class AuthorizedFailureHandler implements BiConsumer<RoutingContext, Throwable> {
    private static final AuthorizedFailureHandler INSTANCE = new AuthorizedFailureHandler();

    private AuthorizedFailureHandler() {
    }

    /** From now on, this request's security failures are handled here. */
    static void install(RoutingContext rc) {
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, INSTANCE);
    }

    @Override
    public void accept(RoutingContext rc, Throwable failure) {
        DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(rc, failure);
        if (!rc.failed()) rc.fail(DefaultAuthFailureHandler.extractRootCause(failure));
    }
}
