package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which tool calls may be sent to the runtime twice (docs/cli.md, "Retries"): a dry run (nothing
 * reaches the upstream), or a tool whose catalog safety hints say {@code readOnly} or
 * {@code idempotent} (GET, PUT and DELETE by default; {@code x-cli-safety} may say otherwise).
 * A tool without safety hints counts as not idempotent.
 */
public final class IdempotentCalls {
    private IdempotentCalls() {
    }

    public static boolean tool(JsonNode tool, boolean dryRun) {
        if (dryRun) return true;
        JsonNode safety = tool == null ? null : tool.path("safety");
        return safety != null && (safety.path("readOnly").asBoolean(false) || safety.path("idempotent").asBoolean(false));
    }
}
