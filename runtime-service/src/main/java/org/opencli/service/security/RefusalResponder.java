package org.opencli.service.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.opencli.core.json.Json;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.auth.OperationalScopes;
import org.opencli.service.auth.ProtectedResourceMetadata;
import org.opencli.service.http.RoutedPath;
import org.opencli.service.rest.ProblemMappers;

/**
 * Writes the 401 and 403 answers of Quarkus Security's refusals on every path (endpoints, unknown
 * paths, {@code /q/*}): proactive authentication and the HTTP policies refuse on the routing level,
 * before any REST endpoint, so their failures come here, ahead of Quarkus' own failure handlers. The
 * body and {@code WWW-Authenticate} are {@link ProblemMappers#refusal}'s; the answer waits until the
 * refusal's audit record ({@link AuthAudit}) is durable, and is then written on the request's context.
 */
@ApplicationScoped
public class RefusalResponder {
    /** Ahead of every other failure handler (Quarkus' own auth failure handler is the last). */
    static final int ORDER = Integer.MIN_VALUE + 100;

    @Inject
    DaemonAuth auth;

    void register(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        while (failure instanceof CompletionException && failure.getCause() != null) failure = failure.getCause();
        if (!(failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException)) {
            rc.next();
            return;
        }
        if (rc.response().ended()) return;
        String path = rc.normalizedPath();
        ProblemMappers.Refusal refusal = withResourceMetadata(rc, path, ProblemMappers.refusal(failure,
                rc.request().method().name() + " " + path, OperationalScopes.required(path)));
        CompletionStage<Void> recorded = AuthAudit.pendingRecord(rc);
        if (recorded == null) {
            send(rc, refusal);
            return;
        }
        Context context = Vertx.currentContext();
        recorded.whenComplete((ignored, error) -> {
            if (context == null) {
                send(rc, refusal);
            } else {
                context.runOnContext(v -> send(rc, refusal));
            }
        });
    }

    /**
     * With runtime auth on, a 401 of {@code /mcp} names the RFC 9728 metadata an MCP client finds the
     * authorization server through, at the base URL the client used.
     */
    private ProblemMappers.Refusal withResourceMetadata(RoutingContext rc, String path, ProblemMappers.Refusal refusal) {
        String routed = RoutedPath.of(path);
        boolean mcp = routed != null && (routed.equals("/mcp") || routed.startsWith("/mcp/"));
        if (!mcp || !auth.enabled() || refusal.problem().status() != 401 || refusal.challenge() == null) return refusal;
        String base = baseUrl(rc);
        return base == null ? refusal
                : new ProblemMappers.Refusal(refusal.problem(), ProtectedResourceMetadata.challenge(refusal.challenge(), base));
    }

    /** {@code scheme://host[:port]} of the request as the client sent it; null when it names no valid host. */
    private static String baseUrl(RoutingContext rc) {
        try {
            String absolute = rc.request().absoluteURI();
            if (absolute == null) return null;
            URI uri = URI.create(absolute);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? null : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void send(RoutingContext rc, ProblemMappers.Refusal refusal) {
        if (rc.response().ended()) return;
        var response = rc.response().setStatusCode(refusal.problem().status())
                .putHeader("Content-Type", org.opencli.core.error.Problem.MEDIA_TYPE);
        if (refusal.challenge() != null) {
            response.putHeader("WWW-Authenticate", refusal.challenge());
        } else {
            response.headers().remove("WWW-Authenticate");
        }
        response.end(Buffer.buffer(Json.writeBytes(refusal.problem())));
    }
}
