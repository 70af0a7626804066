package org.opencli.core.engine;

import java.time.Clock;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.auth.Caller;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.text.CallerText;
import org.opencli.core.text.Strings;

/**
 * Facts about one execution gathered as it progresses (tool, target, auth scheme, size, status),
 * turned into exactly one {@link AuditRecord} at the end. Only non-secret facts are kept.
 */
final class AuditTrail {
    private final ExecuteRequest request;
    private final Caller caller;
    private final Clock clock;
    private final long startNanos = System.nanoTime();
    String serviceId;
    String targetBaseUrl;
    String method;
    String path;
    String authScheme;
    Long requestSize;
    Integer statusCode;
    int retryCount;
    /** The execution's {@code EXECUTION} step: the parent of its policy, catalog, upstream and MCP steps. */
    ObservedStep step = ObservedStep.NONE;
    // what the record said, for the step's end (written by whoever wrote the record, read after its answer)
    volatile String decision;
    volatile String reason;

    AuditTrail(ExecuteRequest request, Caller caller, Clock clock) {
        this.request = request;
        this.caller = caller;
        this.clock = clock;
    }

    AuditRecord record(Throwable error, boolean dryRun) {
        String decision;
        String reason;
        String code = null;
        if (error == null) {
            decision = "allow";
            reason = dryRun ? "dry_run" : "ok";
        } else if (error instanceof OcliException e) {
            decision = e.kind() == ErrorKind.FORBIDDEN || e.code().equals("credentials_unresolved") ? "deny" : "error";
            reason = e.code();
            code = e.code();
        } else {
            decision = "error";
            reason = "execution_error";
            code = "execution_error";
        }
        this.decision = decision;
        this.reason = reason;
        // a tool that was found is a catalog id; otherwise the id (and an unknown profile) is the caller's unchecked text
        String toolId = serviceId != null ? request.toolId() : CallerText.bounded(request.toolId());
        String profile = Strings.blankToNull(request.agentProfile());
        if ("unknown_profile".equals(code)) profile = CallerText.bounded(profile);
        return new AuditRecord(null, clock.instant().toString(), AuditRecord.TOOL_EXECUTION, caller.principal(),
                caller.clientId(), caller.sessionId(), caller.requestId(), null, profile, toolId, serviceId, targetBaseUrl, decision, reason, code, method, path, authScheme, requestSize,
                statusCode, (System.nanoTime() - startNanos) / 1_000_000, retryCount, null, null, caller.actors(), caller.subjectId(), caller.tenantId());
    }
}
