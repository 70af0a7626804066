package org.opencli.service.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.opencli.service.auth.DaemonAccess;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.auth.OperationalScopes;
import org.opencli.service.engine.AuditAppends;
import org.opencli.service.http.RequestIds;
import org.opencli.service.metrics.AuthMetrics;

/**
 * The auth boundary's audit records, from Quarkus Security's events (fired synchronously, on the
 * request's event loop, before the request goes on): {@code authn_failure} (a 401 under its reason;
 * a 502 {@code auth_unavailable}, the IdP unreachable, under that code and with a log line; throttled: beyond
 * {@code failureAudit.perSource} per source and window, refusals are counted into one summary record
 * per window), {@code authenticated_connect} and {@code token_refresh} ({@link TokenSightings}),
 * {@code authz_denial}. A refusal is a decision: the stage of its record is left on the request for
 * {@link RefusalResponder}, which answers once the record is durable. No record holds the token.
 */
@ApplicationScoped
public class AuthAudit {
    private static final Logger LOG = Logger.getLogger(AuthAudit.class);
    private static final String PENDING_RECORD = "ocli.pendingAuthRecord";
    /** A refusal's detail in the log: what failed and where, cut short so no answer can flood a line. */
    private static final int MAX_LOGGED_DETAIL = 300;

    @Inject
    DaemonAuth auth;

    @Inject
    DaemonAccess access;

    @Inject
    RuntimeEngine engine;

    @Inject
    Vertx vertx;

    @Inject
    AuthMetrics metrics;

    private final Clock clock = Clock.systemUTC();
    private final TokenSightings sightings = new TokenSightings(clock);
    /** Set when credentials are asked for: which authentication failures get a record each. */
    private volatile AuthnFailureThrottle failures;

    void start(@Observes StartupEvent started) {
        if (!auth.enabled() && !access.requiresOwnerKey()) return;
        failures = auth.enabled()
                ? new AuthnFailureThrottle(auth.config().failureAuditPerSource(), auth.config().failureAuditWindowSeconds(),
                        AuthnFailureThrottle.DEFAULT_MAX_SOURCES)
                : new AuthnFailureThrottle(ServerAuthConfig.DEFAULT_FAILURE_AUDIT_PER_SOURCE,
                        ServerAuthConfig.DEFAULT_FAILURE_AUDIT_WINDOW_SECONDS, AuthnFailureThrottle.DEFAULT_MAX_SOURCES);
        // summaries of windows that are over, also when the flood has stopped
        vertx.setPeriodic(1000, id -> appendAll(failures.due(clock.instant())));
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

    void authenticationFailed(@Observes AuthenticationFailureEvent event) {
        RoutingContext rc = routingContext(event.getEventProperties());
        AuthnFailureThrottle throttle = failures;
        OcliException refusal = AuthFailures.refusal(event.getAuthenticationFailure());
        // a token refused counts under its reason, a request refused for an unreachable IdP under that code
        metrics.authenticationFailed(refusal instanceof TokenRejected r ? r.reason() : refusal == null ? null : refusal.code());
        if (rc == null || throttle == null || refusal == null) {
            return;
        }
        // a token refused (401) is recorded under its reason; a request refused because the token
        // could not be checked (502 auth_unavailable: the IdP unreachable) under the refusal's code
        String reason = refusal instanceof TokenRejected rejected ? rejected.reason() : refusal.code();
        String code = refusal instanceof TokenRejected ? TokenRejected.CODE : refusal.code();
        String source = source(rc);
        if (!throttle.admit(source, reason, clock.instant())) return; // counted for the window's summary record
        String request = rc.request().method().name() + " " + rc.normalizedPath();
        if (!(refusal instanceof TokenRejected)) {
            // not the caller's doing: the operator needs to see it in the log too (the detail names the
            // IdP endpoint and what failed, never the token)
            LOG.warnf("request %s refused with %s: %s", RequestIds.of(rc), code, bounded(refusal.detail()));
        }
        rc.put(PENDING_RECORD, audit(AuditRecord.event(now(), AuditRecord.AUTHN_FAILURE), Caller.unauthenticated(RequestIds.of(rc)),
                "deny", reason, code, request + " from " + (source == null ? "an unknown address" : source)));
    }

    private static String bounded(String detail) {
        if (detail == null) return "";
        return detail.length() <= MAX_LOGGED_DETAIL ? detail : detail.substring(0, MAX_LOGGED_DETAIL) + "…";
    }

    void authorizationFailed(@Observes AuthorizationFailureEvent event) {
        RoutingContext rc = routingContext(event.getEventProperties());
        Caller caller = CallerIdentities.caller(event.getSecurityIdentity());
        if (rc == null || caller == null) return;
        String path = rc.normalizedPath();
        String required = OperationalScopes.required(path);
        metrics.authorizationDenied(required);
        rc.put(PENDING_RECORD, audit(AuditRecord.event(now(), AuditRecord.AUTHZ_DENIAL), caller, "deny", "insufficient_scope",
                "insufficient_scope", rc.request().method().name() + " " + path + " requires " + required));
    }

    /**
     * A token's first sighting is an {@code authenticated_connect}; a new one beside a still valid one
     * also a {@code token_refresh}. Called by {@link RuntimeTokenIdentityProvider} once a token is
     * valid, not from {@code AuthenticationSuccessEvent}: Quarkus fires an observed security event on
     * every request, synchronously and asynchronously, which cost the execute hot path about a sixth
     * of its throughput ({@code make bench-execute}); failures are rare and stay on the events.
     */
    void authenticated(SecurityIdentity identity) {
        ValidatedToken valid = CallerIdentities.token(identity);
        if (valid == null) return;
        String hash = identity.getAttribute(CallerIdentities.TOKEN_HASH);
        TokenSightings.Kind kind = sightings.sighted(hash, valid);
        if (kind == null) return;
        Caller caller = CallerIdentities.caller(identity);
        String fingerprint = "token sha256:" + hash.substring(0, 16);
        audit(AuditRecord.event(now(), AuditRecord.AUTHENTICATED_CONNECT), caller, "allow", "ok", null, fingerprint);
        if (kind == TokenSightings.Kind.REFRESH) {
            audit(AuditRecord.event(now(), AuditRecord.TOKEN_REFRESH), caller, "allow", "ok", null, fingerprint);
        }
    }

    /** Quarkus' HTTP security puts the request under the class' name into its events' properties. */
    private static RoutingContext routingContext(Map<String, Object> properties) {
        return properties.get(RoutingContext.class.getName()) instanceof RoutingContext rc ? rc
                : HttpSecurityUtils.getRoutingContextAttribute(properties);
    }

    /** The record a refusal of this request waits for, or null. */
    static CompletionStage<Void> pendingRecord(RoutingContext rc) {
        return rc.get(PENDING_RECORD);
    }

    /**
     * The peer's address, or the forwarded client's when quarkus.http.proxy.proxy-address-forwarding
     * is on (behind an ingress); null when unknown.
     */
    private static String source(RoutingContext rc) {
        var address = rc.request().remoteAddress();
        return address == null ? null : address.hostAddress() != null ? address.hostAddress() : address.host();
    }

    private List<CompletableFuture<Void>> appendAll(List<AuditRecord> records) {
        List<CompletableFuture<Void>> appended = new ArrayList<>(records.size());
        for (AuditRecord r : records) appended.add(append(r).toCompletableFuture());
        return appended;
    }

    private CompletionStage<Void> audit(AuditRecord record, Caller caller, String decision, String reason, String code,
                                        String detail) {
        return append(record.withCaller(caller.principal(), caller.clientId(), caller.sessionId(), caller.requestId())
                .withActors(caller.actors())
                .withIdentity(caller.subjectId(), caller.tenantId())
                .withDecision(decision, reason, code).withDetail(detail));
    }

    private CompletionStage<Void> append(AuditRecord record) {
        return AuditAppends.append(engine, record);
    }

    private String now() {
        return clock.instant().toString();
    }
}
