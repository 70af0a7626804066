package org.opencli.service.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.opencli.core.auth.Caller;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import org.opencli.core.execution.Cancellation;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.json.Json;
import org.opencli.core.mcpserver.GovernedRuntime;
import org.opencli.core.mcpserver.McpCall;

/**
 * The daemon's engine as the runtime behind {@code /mcp}: the same calls {@code GET /v1/catalog/effective}
 * and {@code POST /v1/tools/execute} make, for the caller and query {@link #context} recorded.
 */
public final class EngineGovernedRuntime implements GovernedRuntime {
    private static final String CALLER = "org.opencli.caller";
    private static final String QUERY = "org.opencli.query";
    private static final String EXECUTOR = "org.opencli.executor";

    private final RuntimeEngine engine;

    public EngineGovernedRuntime(RuntimeEngine engine) {
        this.engine = engine;
    }

    /** One request's context: who calls, which view, and where its answer resumes (null: in place). */
    public static McpTransportContext context(Caller caller, CatalogQuery query, Executor resumeOn) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put(CALLER, caller);
        values.put(QUERY, query);
        if (resumeOn != null) values.put(EXECUTOR, resumeOn);
        return McpTransportContext.create(values);
    }

    @Override
    public CompletionStage<JsonNode> effectiveCatalog(McpTransportContext context) {
        try {
            // the resource runs on a worker (@Blocking): config reads and catalog builds may block here
            return CompletableFuture.completedFuture(Json.MAPPER.valueToTree(engine.effectiveCatalog(query(context), caller(context))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<JsonNode> execute(McpTransportContext context, McpCall call) {
        CatalogQuery query = query(context);
        ExecuteRequest request = new ExecuteRequest(query.configPath(), query.mode(), query.agentProfile(), call.toolId(),
                call.pathArgs(), call.flags(), call.body(), call.bodyContentType(), call.approval(), false);
        try {
            // cancelled when the MCP request's client goes away: the execution is cancelled with it
            return Cancellation.thenApply(engine.execute(request, caller(context), (Executor) context.get(EXECUTOR)),
                    result -> (JsonNode) Json.MAPPER.valueToTree(result));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> recordRefusal(McpTransportContext context, String toolId, Problem refusal) {
        CatalogQuery query = query(context);
        ExecuteRequest request = new ExecuteRequest(query.configPath(), query.mode(), query.agentProfile(), toolId, List.of(),
                Map.of(), null, null, false, false);
        OcliException refused = new OcliException(refusal.status() == 404 ? ErrorKind.NOT_FOUND : ErrorKind.BAD_REQUEST,
                refusal.code(), refusal.title(), refusal.detail());
        try {
            return engine.recordRefusal(request, caller(context), refused);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Problem problemOf(Throwable failure) {
        return failure instanceof OcliException refused ? refused.toProblem() : null;
    }

    private static Caller caller(McpTransportContext context) {
        return (Caller) context.get(CALLER);
    }

    private static CatalogQuery query(McpTransportContext context) {
        Object query = context.get(QUERY);
        return query instanceof CatalogQuery q ? q : new CatalogQuery(null, null, null);
    }
}
