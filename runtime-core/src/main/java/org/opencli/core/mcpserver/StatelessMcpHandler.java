package org.opencli.core.mcpserver;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/**
 * The MCP server behind a stateless HTTP endpoint ({@code oclird}'s {@code /mcp}): the SDK's stateless
 * server answers {@code initialize}, {@code ping} and unknown methods; {@code tools/list} and
 * {@code tools/call} are {@link GovernedTools}', since the tools are the caller's view, not a fixed set.
 */
public final class StatelessMcpHandler implements McpStatelessServerHandler {
    /** JSON-RPC's answer to what it cannot read: no id to answer to (the SDK's types require one). */
    private static final byte[] PARSE_ERROR = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
            + McpSchema.ErrorCodes.PARSE_ERROR + ",\"message\":\"the body must be one JSON-RPC 2.0 message (no batch)\"}}")
            .getBytes(StandardCharsets.UTF_8);
    private final McpStatelessServerHandler sdk;
    private final GovernedTools tools;

    private StatelessMcpHandler(McpStatelessServerHandler sdk, GovernedTools tools) {
        this.sdk = sdk;
        this.tools = tools;
    }

    /** A handler answering from {@code runtime}, as server {@code name} {@code version}. */
    public static StatelessMcpHandler create(GovernedRuntime runtime, String name, String version) {
        HandlerSlot slot = new HandlerSlot();
        McpServer.async(slot).serverInfo(name, version).instructions(McpServerSetup.INSTRUCTIONS)
                .capabilities(McpServerSetup.CAPABILITIES).jsonMapper(McpServerSetup.JSON)
                .jsonSchemaValidator(NoSdkSchemaValidation.INSTANCE).build();
        return new StatelessMcpHandler(slot.handler, new GovernedTools(runtime));
    }

    /** An HTTP answer to one POST: its status and JSON body (null: none). */
    public record HttpAnswer(int status, byte[] json) {
    }

    /**
     * One POST of the streamable HTTP transport: a request gets 200 and its JSON-RPC response; a
     * notification or a response 202 and no body; a body that is no JSON-RPC message (a batch too,
     * which the protocol dropped) 400 and a JSON-RPC error.
     */
    public CompletionStage<HttpAnswer> post(McpTransportContext context, byte[] body) {
        McpSchema.JSONRPCMessage message;
        try {
            if (body.length > 0 && body[0] == '[') throw new IOException("batches are not supported");
            message = McpSchema.deserializeJsonRpcMessage(McpServerSetup.JSON, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) { // found by probing: the SDK's reader fails on `null` with an NPE (was a 500)
            return CompletableFuture.completedFuture(new HttpAnswer(400, PARSE_ERROR));
        }
        if (message == null) {
            return CompletableFuture.completedFuture(new HttpAnswer(400, PARSE_ERROR));
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            return handleRequest(context, request).map(response -> new HttpAnswer(200, bytes(response))).toFuture();
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            return handleNotification(context, notification).then(Mono.just(new HttpAnswer(202, null))).toFuture();
        }
        return CompletableFuture.completedFuture(new HttpAnswer(202, null));
    }

    private static byte[] bytes(Object message) {
        try {
            return McpServerSetup.JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        return switch (request.method()) {
            // found by probing: the SDK answered a missing params with its NullPointerException's text
            case McpSchema.METHOD_INITIALIZE -> request.params() instanceof Map<?, ?> ? sdk.handleRequest(context, request)
                    : Mono.just(McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                            McpSchema.ErrorCodes.INVALID_PARAMS, "initialize needs params (protocolVersion, capabilities, clientInfo)", null)));
            case McpSchema.METHOD_TOOLS_LIST -> answer(request, tools.list(context));
            case McpSchema.METHOD_TOOLS_CALL -> answer(request, Mono.defer(() -> tools.call(context, callOf(request))));
            default -> sdk.handleRequest(context, request);
        };
    }

    @Override
    public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
        return sdk.handleNotification(context, notification);
    }

    static McpSchema.CallToolRequest callOf(McpSchema.JSONRPCRequest request) {
        McpSchema.CallToolRequest call;
        try {
            call = request.params() == null ? null
                    : McpServerSetup.JSON.convertValue(request.params(), McpSchema.CallToolRequest.class);
        } catch (IllegalArgumentException wrongShape) { // found by probing: params or arguments of the wrong type were -32603
            call = null;
        }
        if (call == null || call.name() == null) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("tools/call needs params {name: string, arguments: object}").build();
        }
        return call;
    }

    private static Mono<McpSchema.JSONRPCResponse> answer(McpSchema.JSONRPCRequest request, Mono<?> result) {
        return result.<McpSchema.JSONRPCResponse>map(r -> McpSchema.JSONRPCResponse.result(request.id(), r))
                .onErrorResume(McpError.class, e -> Mono.just(McpSchema.JSONRPCResponse.error(request.id(), e.getJsonRpcError())))
                .onErrorResume(e -> !(e instanceof McpError), e -> Mono.just(McpSchema.JSONRPCResponse.error(request.id(),
                        new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
                                "the runtime failed unexpectedly; see its log"))));
    }

    /** The SDK server hands its handler to its transport; this transport only keeps it. */
    private static final class HandlerSlot implements McpStatelessServerTransport {
        McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
            this.handler = mcpHandler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        /**
         * Oldest first: the SDK answers a version it does not know with the last one, which the MCP
         * spec's negotiation says is the newest (found by probing: it answered 2024-11-05).
         */
        @Override
        public List<String> protocolVersions() {
            List<String> oldestFirst = new java.util.ArrayList<>(McpServerSetup.PROTOCOL_VERSIONS);
            java.util.Collections.reverse(oldestFirst);
            return oldestFirst;
        }
    }
}
