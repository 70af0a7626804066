package org.opencli.core.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One audit line (CONTRACT.md §8). {@code decision} is allow, deny or error; {@code reasonCode} a
 * stable code (ok, dry_run, managed_deny, policy_deny, curated_deny, approval_required,
 * credentials_unresolved, unknown_tool, upstream_unreachable, ...). {@code path} is the tool's
 * path template, never the filled-in path; no secrets and no bodies are ever recorded.
 */
@JsonPropertyOrder({"timestamp", "eventType", "principal", "sessionId", "agentProfile", "toolId", "serviceId",
        "targetBaseUrl", "decision", "reasonCode", "method", "path", "authScheme", "requestSize", "statusCode",
        "latencyMs", "retryCount"})
public record AuditRecord(
        String timestamp,
        String eventType,
        String principal,
        String sessionId,
        String agentProfile,
        String toolId,
        String serviceId,
        String targetBaseUrl,
        String decision,
        String reasonCode,
        String method,
        String path,
        String authScheme,
        Long requestSize,
        Integer statusCode,
        Long latencyMs,
        Integer retryCount) {

    public static final String TOOL_EXECUTION = "tool_execution";
}
