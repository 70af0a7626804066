package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.concurrent.CompletionStage;
import org.opencli.core.error.Problem;

/**
 * The runtime an MCP server answers from, in the v1 API's JSON shapes: the daemon's engine for its
 * caller, or whatever runtime ocli resolved. {@code context} carries what the adapter put there (the
 * caller, the query) when the request arrived.
 */
public interface GovernedRuntime {

    /** {@code GET /v1/catalog/effective}'s answer for the caller: {@code {catalog, view}}. */
    CompletionStage<JsonNode> effectiveCatalog(McpTransportContext context);

    /** {@code POST /v1/tools/execute}'s answer (an {@code ExecuteResult}) for one call. */
    CompletionStage<JsonNode> execute(McpTransportContext context, McpCall call);

    /**
     * Records a call refused here before it became an execute request ({@code toolId}: the tool, or the
     * unknown name asked for), as the execute path records its own refusals. A runtime that audits
     * elsewhere (a remote daemon behind {@code ocli mcp serve}) records nothing.
     */
    default CompletionStage<Void> recordRefusal(McpTransportContext context, String toolId, Problem refusal) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * The problem a failure of {@link #effectiveCatalog} or {@link #execute} stands for (a refusal, an
     * invalid request...), or null when it is an unexpected failure.
     */
    Problem problemOf(Throwable failure);
}
