package org.opencli.service.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.auth.AuthnFailureThrottle;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.TokenRejected;
import org.opencli.core.auth.ValidatedToken;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;

/**
 * The runtime's authentication boundary, a Vert.x route handler ahead of every endpoint. With
 * {@code runtime.server.auth} set, every request needs {@code Authorization: Bearer <token>} except
 * {@code GET /v1/runtime/info}, {@code GET /v1/auth/browser-config} and {@code /q/health/**} (which
 * carry no catalog data; a valid token there still adds the principal). Validation blocks (JWKS,
 * introspection), so it runs on a worker thread and the request resumes on its event loop.
 * Operational endpoints need their own scope. The token is never logged, echoed or audited; only
 * its SHA-256 keys the connect/refresh bookkeeping. Authentication failures beyond
 * {@code failureAudit.perSource} per source and window are counted into one summary record.
 * Without runtime auth, a loopback daemon asks the same of every non-public request, with its owner
 * key as the token ({@link DaemonAccess}); refusals are audited and throttled alike.
 */
@ApplicationScoped
public class BearerAuthFilter {
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String SESSION_ID = "X-Ocli-Session";
    private static final java.util.regex.Pattern SAFE_REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Routing-context keys the resources read. */
    public static final String CALLER = "ocli.caller";
    public static final String TOKEN = "ocli.validatedToken";
    private static final String VERIFIED = "ocli.verified";

    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class);

    @Inject
    DaemonAuth auth;

    @Inject
    DaemonAccess access;

    @Inject
    RuntimeEngine engine;

    @Inject
    Vertx vertx;

    private final Clock clock = Clock.systemUTC();
    private final TokenSightings sightings = new TokenSightings(clock);
    /** Set when auth is on: which authentication failures get a record each (see {@link AuthnFailureThrottle}). */
    private volatile AuthnFailureThrottle failures;

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        if (auth.enabled() || access.requiresOwnerKey()) {
            failures = auth.enabled()
                    ? new AuthnFailureThrottle(auth.config().failureAuditPerSource(), auth.config().failureAuditWindowSeconds(),
                    AuthnFailureThrottle.DEFAULT_MAX_SOURCES)
                    : new AuthnFailureThrottle(ServerAuthConfig.DEFAULT_FAILURE_AUDIT_PER_SOURCE,
                    ServerAuthConfig.DEFAULT_FAILURE_AUDIT_WINDOW_SECONDS, AuthnFailureThrottle.DEFAULT_MAX_SOURCES);
            // summaries of windows that are over, also when the flood has stopped
            vertx.setPeriodic(1000, id -> appendAll(failures.due(clock.instant())));
        }
    }

    /** Nothing counted is lost at shutdown: the open windows' summaries are written before the store closes. */
    void flushOnShutdown(@Observes ShutdownEvent event) {
        AuthnFailureThrottle throttle = failures;
        if (throttle == null) return;
        try {
            CompletableFuture.allOf(appendAll(throttle.pending(clock.instant())).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("authentication-failure summaries could not be written at shutdown", e);
        }
    }

    private List<CompletableFuture<Void>> appendAll(List<AuditRecord> records) {
        List<CompletableFuture<Void>> appended = new ArrayList<>(records.size());
        for (AuditRecord r : records) appended.add(append(r).toCompletableFuture());
        return appended;
    }

    /** The caller the filter established for this request (auth off: no scopes, no principal). */
    public static Caller caller(RoutingContext rc) {
        Caller caller = rc == null ? null : rc.get(CALLER);
        return caller != null ? caller : Caller.anonymous();
    }

    /**
     * Whether the request proved it may use the daemon: the owner key or a valid token was presented
     * (an open endpoint such as {@code GET /v1/runtime/info} lets anyone through without either).
     */
    public static boolean verified(RoutingContext rc) {
        return rc != null && Boolean.TRUE.equals(rc.get(VERIFIED));
    }

    public static ValidatedToken token(RoutingContext rc) {
        return rc == null ? null : rc.get(TOKEN);
    }

    /**
     * The caller's {@code X-Request-Id} when it is a safe token (letters, digits, {@code . _ : -}, at
     * most 128 characters), so clients can find their records; otherwise a fresh UUID. Either way it
     * is echoed in the response's {@code X-Request-Id} and carried by the request's audit records.
     */
    /** {@code X-Ocli-Session} when it is a safe token, else none: a session id is the caller's grouping, never invented. */
    static String sessionId(String offered) {
        return offered != null && SAFE_REQUEST_ID.matcher(offered).matches() ? offered : null;
    }

    static String requestId(String offered) {
        return offered != null && SAFE_REQUEST_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private void handle(RoutingContext rc) {
        String requestId = requestId(rc.request().getHeader(REQUEST_ID));
        rc.response().putHeader(REQUEST_ID, requestId);
        if (!auth.enabled()) {
            rc.put(CALLER, new Caller(null, null, sessionId(rc.request().getHeader(SESSION_ID)), requestId, null));
            boolean open = isOpen(rc.request().method(), rc.normalizedPath());
            if (access.requiresOwnerKey()) {
                OcliException refused = ownerKeyRefusal(rc.request().getHeader("Authorization"));
                if (refused != null && !open) {
                    refuse(rc, refused, requestId);
                    return;
                }
                if (refused == null) rc.put(VERIFIED, Boolean.TRUE);
            } else if (!open) {
                rc.put(VERIFIED, Boolean.TRUE); // --allow-unauthenticated-remote: every caller is let in alike
            }
            rc.next();
            return;
        }
        String path = rc.normalizedPath();
        boolean open = isOpen(rc.request().method(), path);
        String header = rc.request().getHeader("Authorization");
        String token;
        try {
            token = BearerHeader.token(header);
        } catch (TokenRejected e) {
            if (open) {
                rc.next();
            } else {
                refuse(rc, e, requestId);
            }
            return;
        }
        if (token == null) {
            if (open) {
                rc.next();
            } else {
                refuse(rc, new TokenRejected(TokenRejected.MISSING, "this runtime requires Authorization: Bearer <token>"),
                        requestId);
            }
            return;
        }
        rc.request().pause();
        vertx.executeBlocking(() -> auth.validator().validate(token), false).onComplete(result -> {
            rc.request().resume();
            if (result.succeeded()) {
                accepted(rc, token, result.result(), open, path, requestId);
            } else if (open) {
                rc.next(); // public endpoint: an unusable token just adds no principal
            } else if (result.cause() instanceof OcliException e) {
                refuse(rc, e, requestId);
            } else {
                LOG.error("token validation failed unexpectedly", result.cause());
                send(rc, Problem.internal("token validation failed unexpectedly; see the runtime's log"), null);
            }
        });
    }

    /**
     * Null when the request carries this daemon's owner key; else why not. The key is compared in
     * constant time and never logged, echoed or audited.
     */
    private OcliException ownerKeyRefusal(String header) {
        String presented;
        try {
            presented = BearerHeader.token(header);
        } catch (TokenRejected malformed) {
            presented = null;
        }
        if (access.acceptsKey(presented)) return null;
        return new TokenRejected(presented == null ? TokenRejected.MISSING : TokenRejected.WRONG_CLIENT_KEY,
                "this local runtime serves only its owner: send Authorization: Bearer <clientKey> with the clientKey from"
                        + " its runtime.json, which only the owner can read (ocli does this itself)");
    }

    private void accepted(RoutingContext rc, String token, ValidatedToken valid, boolean open, String path,
                          String requestId) {
        Caller caller = valid.caller(sessionId(rc.request().getHeader(SESSION_ID)), requestId);
        rc.put(TOKEN, valid);
        rc.put(CALLER, caller);
        TokenSightings.Kind kind = sightings.sighted(TokenSightings.hash(token), valid);
        if (kind != null) {
            String fingerprint = "token sha256:" + TokenSightings.hash(token).substring(0, 16);
            audit(AuditRecord.event(now(), AuditRecord.AUTHENTICATED_CONNECT), caller, "allow", "ok", null, fingerprint);
            if (kind == TokenSightings.Kind.REFRESH) {
                audit(AuditRecord.event(now(), AuditRecord.TOKEN_REFRESH), caller, "allow", "ok", null, fingerprint);
            }
        }
        String required = open ? null : OperationalScopes.required(path);
        if (required != null && !valid.scopes().contains(required)) {
            var recorded = audit(AuditRecord.event(now(), AuditRecord.AUTHZ_DENIAL), caller, "deny", "insufficient_scope",
                    "insufficient_scope", rc.request().method() + " " + path + " requires " + required);
            OcliException e = new org.opencli.core.auth.InsufficientScope(required,
                    rc.request().method() + " " + path + " needs the scope " + required);
            sendAfter(recorded, rc, e.toProblem(), AuthChallenges.insufficientScope(java.util.List.of(required)));
            return;
        }
        rc.put(VERIFIED, Boolean.TRUE);
        rc.next();
    }

    private void refuse(RoutingContext rc, OcliException e, String requestId) {
        String path = rc.normalizedPath();
        if (e instanceof TokenRejected rejected) {
            String source = source(rc);
            String challenge = AuthChallenges.unauthenticated(rejected.reason());
            if (!failures.admit(source, rejected.reason(), clock.instant())) {
                send(rc, e.toProblem(), challenge); // counted for the window's summary record: nothing to wait for
                return;
            }
            Caller nobody = Caller.unauthenticated(requestId);
            var recorded = audit(AuditRecord.event(now(), AuditRecord.AUTHN_FAILURE), nobody, "deny", rejected.reason(),
                    TokenRejected.CODE, rc.request().method() + " " + path + " from " + (source == null ? "an unknown address" : source));
            sendAfter(recorded, rc, e.toProblem(), challenge);
        } else {
            send(rc, e.toProblem(), null);
        }
    }

    /**
     * The peer's address, or the forwarded client's when quarkus.http.proxy.proxy-address-forwarding
     * is on (behind an ingress); null when unknown.
     */
    private static String source(RoutingContext rc) {
        var address = rc.request().remoteAddress();
        return address == null ? null : address.hostAddress() != null ? address.hostAddress() : address.host();
    }

    private java.util.concurrent.CompletionStage<Void> audit(AuditRecord record, Caller caller, String decision,
                                                             String reason, String code, String detail) {
        return append(record.withCaller(caller.principal(), caller.clientId(), caller.sessionId(), caller.requestId())
                .withDecision(decision, reason, code).withDetail(detail));
    }

    /** Appends; a store that cannot write is logged here (the store itself refuses executions meanwhile). */
    private java.util.concurrent.CompletionStage<Void> append(AuditRecord record) {
        return engine.audit().append(record).exceptionally(error -> {
            LOG.error("audit record could not be written", error);
            return null;
        });
    }

    /**
     * A refusal is a decision: its record is durable before the caller sees the answer. The store
     * completes on its writer thread, so the response is written back on the request's context.
     */
    private static void sendAfter(java.util.concurrent.CompletionStage<Void> recorded, RoutingContext rc, Problem problem,
                                  String challenge) {
        io.vertx.core.Context context = Vertx.currentContext();
        recorded.whenComplete((ignored, error) -> {
            if (context == null) {
                send(rc, problem, challenge);
            } else {
                context.runOnContext(v -> send(rc, problem, challenge));
            }
        });
    }

    private static void send(RoutingContext rc, Problem problem, String challenge) {
        var response = rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (challenge != null) response.putHeader("WWW-Authenticate", challenge);
        response.end(Buffer.buffer(Json.writeBytes(problem)));
    }

    static boolean isOpen(HttpMethod method, String path) {
        if (path == null) return false;
        if (path.equals("/q/health") || path.startsWith("/q/health/")) return true;
        boolean get = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return get && (path.equals("/v1/runtime/info") || path.equals("/v1/auth/browser-config"));
    }

    private String now() {
        return clock.instant().toString();
    }
}
