package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The merged, validated {@code .cli.json} (CONTRACT.md §2). Maps keep declaration order. Absent
 * sections are empty maps / default records, never null, once {@link ConfigLoader} returns it —
 * except {@code audit}, which is null when no scope sets it (all audit defaults apply).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CliConfig(
        String cli,
        ModeConfig mode,
        RuntimeConfig runtime,
        Map<String, SourceConfig> sources,
        Map<String, McpServerConfig> mcpServers,
        Map<String, ServiceConfig> services,
        CurationConfig curation,
        AgentsConfig agents,
        PolicyConfig policy,
        Map<String, SecretConfig> secrets,
        AuditConfig audit) {
}
