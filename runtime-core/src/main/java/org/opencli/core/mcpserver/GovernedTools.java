package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.opencli.core.error.Problem;
import org.opencli.core.text.CallerText;
import reactor.core.publisher.Mono;

/**
 * {@code tools/list} and {@code tools/call} over a {@link GovernedRuntime}: the list is the caller's
 * effective view (the view's tools, the same answer {@code GET /v1/catalog/effective} gives), a call
 * is looked up in that list by name and sent as one execute request.
 */
public final class GovernedTools {
    private final GovernedRuntime runtime;

    public GovernedTools(GovernedRuntime runtime) {
        this.runtime = runtime;
    }

    public Mono<McpSchema.ListToolsResult> list(McpTransportContext context) {
        return bindings(context).map(b -> new McpSchema.ListToolsResult(
                b.values().stream().map(McpToolBinding::tool).toList(), null));
    }

    public Mono<McpSchema.CallToolResult> call(McpTransportContext context, McpSchema.CallToolRequest request) {
        return bindings(context).flatMap(bindings -> {
            McpToolBinding binding = bindings.get(request.name());
            if (binding == null) {
                String detail = "Unknown tool: " + bounded(request.name()) + " (tools/list names the tools this caller may use)";
                // recorded as the execute path records an unknown tool: a call outside the caller's view is a refusal
                return recorded(context, bounded(request.name()), Problem.of("unknown_tool", "Unknown tool", 404, detail))
                        .then(Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(detail).build()));
            }
            McpCall call;
            try {
                call = McpCallArguments.read(binding, request.arguments());
            } catch (McpCallArguments.InvalidArguments e) {
                McpSchema.CallToolResult refused = McpCallResults.invalidArguments(binding.toolId(), e.getMessage());
                return recorded(context, binding.toolId(), Problem.of("invalid_arguments", "Invalid arguments", 400, e.getMessage()))
                        .thenReturn(refused);
            }
            return Mono.fromCompletionStage(() -> runtime.execute(context, call))
                    .map(McpCallResults::of)
                    .onErrorResume(failure -> refusal(failure).map(p -> Mono.just(McpCallResults.refusal(p, binding.toolId())))
                            .orElseGet(() -> Mono.error(internal(failure))));
        });
    }

    /** The refusal's audit record; a record that could not be written is logged, the call stays refused. */
    private Mono<Void> recorded(McpTransportContext context, String toolId, Problem refusal) {
        return Mono.fromCompletionStage(() -> runtime.recordRefusal(context, toolId, refusal)).onErrorResume(e -> {
            System.getLogger(GovernedTools.class.getName()).log(System.Logger.Level.ERROR, "the audit record of a refused MCP call "
                    + "could not be written", e);
            return Mono.empty();
        });
    }

    /** Name → binding for the caller's view; a refused catalog (scope, config) is a JSON-RPC error. */
    private Mono<Map<String, McpToolBinding>> bindings(McpTransportContext context) {
        return Mono.fromCompletionStage(() -> runtime.effectiveCatalog(context))
                .map(GovernedTools::bindingsOf)
                .onErrorMap(failure -> !(failure instanceof McpError), failure -> refusal(failure)
                        .map(p -> (Throwable) McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                                .message(p.title() + " (" + p.code() + "): " + p.detail()).data(p).build())
                        .orElseGet(() -> internal(failure)));
    }

    static Map<String, McpToolBinding> bindingsOf(JsonNode answer) {
        List<JsonNode> tools = new ArrayList<>();
        answer.path("view").path("tools").forEach(tools::add);
        Map<String, String> names = McpToolNames.assign(tools.stream().map(t -> t.path("id").asText()).toList());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        tools.forEach(t -> byId.put(t.path("id").asText(), t));
        Map<String, McpToolBinding> bindings = new LinkedHashMap<>();
        names.forEach((name, id) -> bindings.put(name, McpToolBinding.of(name, byId.get(id))));
        return bindings;
    }

    private java.util.Optional<Problem> refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return java.util.Optional.ofNullable(runtime.problemOf(cause));
    }

    private static McpError internal(Throwable failure) {
        System.getLogger(GovernedTools.class.getName()).log(System.Logger.Level.ERROR, "MCP request failed unexpectedly", failure);
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("the runtime failed unexpectedly; see its log").build();
    }

    private static String bounded(String name) {
        return name == null ? "(none)" : CallerText.bounded(name);
    }
}
