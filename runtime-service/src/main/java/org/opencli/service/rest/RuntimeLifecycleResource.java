package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.auth.Caller;
import org.opencli.core.config.ConfigException;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.instance.ProcessIdentity;
import org.opencli.service.lifecycle.LeaseTable;
import org.opencli.service.lifecycle.LifecycleAudit;
import org.opencli.service.lifecycle.LocalLifecycle;
import org.opencli.service.lifecycle.LocalSettings;
import org.opencli.service.lifecycle.StopAfterAnswer;
import org.opencli.service.security.CurrentCaller;

/**
 * The daemon's lifecycle as sessions see it (docs/runtime-api.md#leases): {@code POST
 * /v1/runtime/heartbeat} takes or renews a session's lease, {@code POST /v1/runtime/session-close}
 * ends it, {@code POST /v1/runtime/stop} stops the daemon as SIGTERM does. With runtime auth each
 * needs {@code runtime:admin} ({@code security.OperationalScopePolicy}); without it, the owner key.
 */
@Path("/v1/runtime")
public class RuntimeLifecycleResource {
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{1,128}");
    static final int MAX_SHARE_KEY = 1024;
    static final int MAX_INSTANT = 64;

    public record HeartbeatRequest(String sessionId, String configFingerprint, Long ownerPid, String ownerStartedAt,
            String shareKey) {
    }

    public record HeartbeatAnswer(String sessionId, int activeSessions, int heartbeatSeconds, int missedHeartbeatLimit,
            String leaseExpiresAt) {
    }

    public record SessionCloseRequest(String sessionId) {
    }

    public record SessionCloseAnswer(boolean closed, int activeSessions) {
    }

    /** {@code POST /v1/runtime/stop} takes no members: an empty body or {@code {}}. */
    public record StopRequest() {
    }

    public record StopAnswer(boolean stopped) {
    }

    @Inject
    LocalLifecycle lifecycle;

    @Inject
    LifecycleAudit audit;

    @Inject
    StopAfterAnswer stopAfterAnswer;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Path("heartbeat")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // comparing fingerprints reads the config's files
    @Operation(summary = "Take or renew a session's lease")
    @APIResponses({@APIResponse(responseCode = "200", description = "the lease", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "409",
            ref = "Conflict"), @APIResponse(responseCode = "503", ref = "Unavailable")})
    public Response heartbeat(byte[] body) {
        HeartbeatRequest request = RequestJson.read(body, HeartbeatRequest.class);
        String sessionId = sessionId(request.sessionId());
        ProcessIdentity owner = owner(request);
        if (request.configFingerprint() != null && !FINGERPRINT.matcher(request.configFingerprint()).matches()) {
            throw RequestJson.invalid("not a config fingerprint", "$.configFingerprint", "hexadecimal digits, at most 128");
        }
        if (request.shareKey() != null && (request.shareKey().isEmpty() || request.shareKey().length() > MAX_SHARE_KEY)) {
            throw RequestJson.invalid("the share key is empty or too long", "$.shareKey",
                    "a non-empty string of at most " + MAX_SHARE_KEY + " characters");
        }
        String daemonFingerprint = daemonFingerprint(request.configFingerprint() != null);
        LocalSettings settings = lifecycle.settings();
        checkShare(settings, request.shareKey());
        if (request.configFingerprint() != null && daemonFingerprint != null
                && !request.configFingerprint().equalsIgnoreCase(daemonFingerprint)) {
            throw mismatch("this daemon serves " + lifecycle.configPath() + ", whose files (managed, user, project,"
                    + " local) differ from the caller's: fingerprint " + daemonFingerprint + " here");
        }
        LeaseTable.Lease lease;
        try {
            lease = lifecycle.leases().heartbeat(sessionId, owner);
        } catch (LeaseTable.Full full) {
            throw new OcliException(ErrorKind.UNAVAILABLE, "too_many_sessions", "Too many sessions",
                    "this daemon already holds " + LeaseTable.MAX_LEASES + " leases; close sessions (ocli runtime"
                            + " session-close) or wait for idle ones to lapse");
        }
        return JsonBodies.ok(new HeartbeatAnswer(sessionId, lifecycle.leases().active(), settings.heartbeatSeconds(),
                settings.missedHeartbeatLimit(), lease.expiresAt(settings.leaseWindow()).toString()));
    }

    @POST
    @Path("session-close")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory; the answer waits for the audit record
    @Operation(summary = "End a session's lease")
    @APIResponses({@APIResponse(responseCode = "200", description = "{closed, activeSessions}", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400", ref = "BadRequest")})
    public CompletionStage<Response> sessionClose(byte[] body) {
        String sessionId = sessionId(RequestJson.read(body, SessionCloseRequest.class).sessionId());
        // No session-scoped credentials are held by the daemon today: the lease is all there is to clear.
        boolean closed = lifecycle.leases().close(sessionId);
        int active = lifecycle.leases().active();
        return audit.sessionClose(currentCaller.get(), sessionId, closed)
                .thenApply(recorded -> JsonBodies.ok(new SessionCloseAnswer(closed, active)));
    }

    @POST
    @Path("stop")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory; the answer waits for the audit record, the stop for the answer
    @Operation(summary = "Stop the daemon as on SIGTERM")
    @APIResponses({@APIResponse(responseCode = "200", description = "{stopped: true}", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400", ref = "BadRequest")})
    public CompletionStage<Response> stop(byte[] body) {
        if (body != null && body.length > 0) RequestJson.read(body, StopRequest.class);
        Caller caller = currentCaller.get();
        stopAfterAnswer.arm("POST /v1/runtime/stop (request " + caller.requestId() + ")");
        return audit.runtimeStop(caller).thenApply(recorded -> Response.fromResponse(JsonBodies.ok(new StopAnswer(true)))
                .header("Connection", "close").build());
    }

    private static String sessionId(String value) {
        if (value == null) throw RequestJson.invalid("sessionId is missing", "$.sessionId", "a session id");
        if (!SESSION_ID.matcher(value).matches()) {
            throw RequestJson.invalid("not a session id", "$.sessionId",
                    "1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    private static ProcessIdentity owner(HeartbeatRequest request) {
        if (request.ownerPid() == null) {
            if (request.ownerStartedAt() != null) {
                throw RequestJson.invalid("ownerStartedAt without ownerPid", "$.ownerStartedAt", "ownerPid beside it");
            }
            return null;
        }
        if (request.ownerPid() <= 0) throw RequestJson.invalid("not a process id", "$.ownerPid", "a positive integer");
        String startedAt = request.ownerStartedAt();
        if (startedAt != null) {
            try {
                if (startedAt.length() > MAX_INSTANT) throw new DateTimeParseException("too long", "", 0);
                Instant.parse(startedAt);
            } catch (DateTimeParseException e) {
                throw RequestJson.invalid("not an instant", "$.ownerStartedAt", "an ISO-8601 instant such as 2026-01-02T03:04:05.678Z");
            }
        }
        // without its start instant a pid could be anyone's, pid 1 included, and would hold the lease
        // for good: such a lease is held by its heartbeats alone
        return startedAt == null ? null : new ProcessIdentity(request.ownerPid(), startedAt);
    }

    /** The daemon's config fingerprint now; a config that cannot be read now matches nothing. */
    private String daemonFingerprint(boolean asked) {
        try {
            return lifecycle.fingerprintNow();
        } catch (ConfigException unreadable) {
            if (!asked) return null;
            throw mismatch("this daemon's config " + lifecycle.configPath() + " cannot be read now: "
                    + unreadable.getMessage());
        }
    }

    /** A group-shared daemon needs its share key (compared in constant time); an exclusive one takes none. */
    private static void checkShare(LocalSettings settings, String presented) {
        if (settings.sharedByGroup()) {
            if (presented == null || settings.shareKey() == null || !sameKey(presented, settings.shareKey())) {
                throw conflict("this daemon is shared by a group (runtime.local.share: group) and the request's shareKey is "
                        + (presented == null ? "missing" : "not its runtime.local.shareKey"));
            }
        } else if (presented != null) {
            throw conflict("this daemon is exclusive (runtime.local.share: " + settings.share()
                    + ") and takes no shareKey; the caller's config says share: group");
        }
    }

    private static boolean sameKey(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] da = sha.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] db = sha.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(da, db);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OcliException conflict(String detail) {
        return new OcliException(ErrorKind.CONFLICT, "runtime_attach_conflict", "Runtime attach conflict", detail);
    }

    private static OcliException mismatch(String detail) {
        return new OcliException(ErrorKind.CONFLICT, "runtime_attach_mismatch", "Runtime attach mismatch", detail);
    }
}
