package org.opencli.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One audit line (CONTRACT.md §8, plus our fields). {@code decision} is allow, deny or error;
 * {@code reasonCode} a stable code (ok, dry_run, managed_deny, policy_deny, curated_deny,
 * approval_required, insufficient_scope, credentials_unresolved, unknown_tool, expired, ...).
 * {@code path} is the tool's path template, never the filled-in path; no secrets, tokens or bodies
 * are ever recorded. {@code seq} and {@code prevHash} are assigned by the store when the record is
 * written (null before); {@code code} is the stable error code when the attempt failed;
 * {@code detail} a short non-secret explanation (e.g. what crash recovery cut off); {@code actors} the
 * agents acting for the principal (RFC 8693 {@code act} chain, current actor first), absent when none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"timestamp", "eventType", "principal", "clientId", "actors", "sessionId", "requestId", "instanceId",
        "subjectId", "tenantId", "agentProfile", "toolId", "serviceId", "targetBaseUrl", "decision", "reasonCode", "code", "method", "path",
        "authScheme", "requestSize", "statusCode", "latencyMs", "retryCount", "detail", "seq", "prevHash"})
public record AuditRecord(
        Long seq,
        String timestamp,
        String eventType,
        String principal,
        String clientId,
        String sessionId,
        String requestId,
        String instanceId,
        String agentProfile,
        String toolId,
        String serviceId,
        String targetBaseUrl,
        String decision,
        String reasonCode,
        String code,
        String method,
        String path,
        String authScheme,
        Long requestSize,
        Integer statusCode,
        Long latencyMs,
        Integer retryCount,
        String detail,
        String prevHash,
        List<String> actors,
        String subjectId,
        String tenantId) {

    public static final String TOOL_EXECUTION = "tool_execution";
    public static final String AUTHZ_DENIAL = "authz_denial";
    public static final String CATALOG_FILTERED = "catalog_filtered";
    public static final String AUTHENTICATED_CONNECT = "authenticated_connect";
    public static final String AUTHN_FAILURE = "authn_failure";
    public static final String TOKEN_REFRESH = "token_refresh";
    public static final String SESSION_CLOSE = "session_close";
    public static final String SESSION_EXPIRY = "session_expiry";
    public static final String AUDIT_RECOVERED = "audit_recovered";
    public static final String RUNTIME_STOP = "runtime_stop";
    /** Ours: an explicit refresh ({@code /v1/refresh}, {@code ocli refresh}) revalidated sources. */
    public static final String CATALOG_REFRESH = "catalog_refresh";

    /** A record of {@code eventType} at {@code timestamp}; fill the rest with the {@code with…} methods. */
    public static AuditRecord event(String timestamp, String eventType) {
        return new AuditRecord(null, timestamp, eventType, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public AuditRecord withCaller(String principal, String clientId, String sessionId, String requestId) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, prevHash, actors, subjectId, tenantId);
    }

    /** The agents acting for the principal (RFC 8693 {@code act}), current actor first; null when none. */
    public AuditRecord withActors(List<String> value) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, prevHash, value == null || value.isEmpty() ? null : List.copyOf(value), subjectId, tenantId);
    }

    /**
     * Who the token says the caller is beyond the principal: the immutable id ({@code oid}, else
     * {@code sub}) and the tenant ({@code tid}); both null without a token.
     */
    public AuditRecord withIdentity(String subjectIdValue, String tenantIdValue) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, prevHash, actors, subjectIdValue, tenantIdValue);
    }

    public AuditRecord withInstanceId(String value) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, value,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, prevHash, actors, subjectId, tenantId);
    }

    public AuditRecord withTool(String agentProfileValue, String toolIdValue, String serviceIdValue) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfileValue, toolIdValue, serviceIdValue, targetBaseUrl, decision, reasonCode, code, method, path,
                authScheme, requestSize, statusCode, latencyMs, retryCount, detail, prevHash, actors, subjectId, tenantId);
    }

    public AuditRecord withDecision(String decisionValue, String reasonCodeValue, String codeValue) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decisionValue, reasonCodeValue, codeValue, method, path,
                authScheme, requestSize, statusCode, latencyMs, retryCount, detail, prevHash, actors, subjectId, tenantId);
    }

    public AuditRecord withDetail(String value) {
        return new AuditRecord(seq, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, value, prevHash, actors, subjectId, tenantId);
    }

    /** Stamped by the store: position in the chain and SHA-256 (hex) of the previous line. */
    public AuditRecord withChain(long seqValue, String prevHashValue) {
        return new AuditRecord(seqValue, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, prevHashValue, actors, subjectId, tenantId);
    }

    /** This record without {@code seq} and {@code prevHash}: the part an appender renders before the store stamps the chain. */
    AuditRecord withoutChain() {
        return new AuditRecord(null, timestamp, eventType, principal, clientId, sessionId, requestId, instanceId,
                agentProfile, toolId, serviceId, targetBaseUrl, decision, reasonCode, code, method, path, authScheme,
                requestSize, statusCode, latencyMs, retryCount, detail, null, actors, subjectId, tenantId);
    }
}
