package org.opencli.service.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.auth.Caller;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.engine.AuditAppends;

/**
 * The audit records of the daemon's lifecycle, through the engine's audit store (same chain as every
 * other record): {@code session_close}, {@code session_expiry}, {@code runtime_stop}.
 */
@ApplicationScoped
public class LifecycleAudit {

    @Inject
    RuntimeEngine engine;

    private final Clock clock = Clock.systemUTC();

    /** A session asked to end its lease; {@code sessionId} is the closed session, the caller's own ids beside it. */
    public CompletionStage<Void> sessionClose(Caller caller, String sessionId, boolean closed) {
        return append(AuditRecord.event(now(), AuditRecord.SESSION_CLOSE)
                .withCaller(caller.principal(), caller.clientId(), sessionId, caller.requestId())
                .withActors(caller.actors())
                .withIdentity(caller.subjectId(), caller.tenantId())
                .withDecision("allow", closed ? "ok" : "no_lease", null)
                .withDetail(closed ? "lease closed" : "no lease was held by this session"));
    }

    /** A lease ended without a close: its owner went away or its heartbeats stopped. */
    public CompletionStage<Void> sessionExpiry(LeaseTable.Ended ended) {
        return append(AuditRecord.event(now(), AuditRecord.SESSION_EXPIRY)
                .withCaller(null, null, ended.sessionId(), null)
                .withDecision("allow", ended.reason(), null)
                .withDetail(ended.detail()));
    }

    /** {@code POST /v1/runtime/stop}: who asked. */
    public CompletionStage<Void> runtimeStop(Caller caller) {
        String who = caller.principal() != null ? "principal " + caller.principal() : "the daemon's owner (client key)";
        return append(AuditRecord.event(now(), AuditRecord.RUNTIME_STOP)
                .withCaller(caller.principal(), caller.clientId(), caller.sessionId(), caller.requestId())
                .withActors(caller.actors())
                .withIdentity(caller.subjectId(), caller.tenantId())
                .withDecision("allow", "ok", null)
                .withDetail("stop requested by " + who));
    }

    /** A managed daemon stopping by itself: {@code reason} {@code idle} (its last lease ended) or {@code no_first_lease}. */
    public CompletionStage<Void> runtimeStopBySelf(String reason, String detail) {
        return append(AuditRecord.event(now(), AuditRecord.RUNTIME_STOP)
                .withCaller(null, null, null, null)
                .withDecision("allow", reason, null)
                .withDetail(detail));
    }

    private CompletionStage<Void> append(AuditRecord record) {
        return AuditAppends.append(engine, record);
    }

    private String now() {
        return clock.instant().toString();
    }
}
