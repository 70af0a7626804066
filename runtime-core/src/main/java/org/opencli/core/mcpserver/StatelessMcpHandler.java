package org.opencli.core.mcpserver;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The MCP server behind a stateless HTTP endpoint ({@code oclird}'s {@code /mcp}): the SDK's stateless
 * server answers {@code initialize}, {@code ping} and unknown methods; {@code tools/list} and
 * {@code tools/call} are {@link GovernedTools}', since the tools are the caller's view, not a fixed set.
 */
public final class StatelessMcpHandler implements McpStatelessServerHandler {
    private final McpStatelessServerHandler sdk;
    private final GovernedTools tools;

    private StatelessMcpHandler(McpStatelessServerHandler sdk, GovernedTools tools) {
        this.sdk = sdk;
        this.tools = tools;
    }

    /** A handler answering as {@code serverInfo} from {@code runtime}. */
    public static StatelessMcpHandler create(GovernedRuntime runtime, McpSchema.Implementation serverInfo) {
        HandlerSlot slot = new HandlerSlot();
        McpServer.async(slot).serverInfo(serverInfo).instructions(McpServerSetup.INSTRUCTIONS)
                .capabilities(McpServerSetup.CAPABILITIES).jsonMapper(McpServerSetup.JSON)
                .jsonSchemaValidator(McpServerSetup.NO_SDK_VALIDATION).build();
        return new StatelessMcpHandler(slot.handler, new GovernedTools(runtime));
    }

    /** The JSON mapper requests and answers are read and written with. */
    public static io.modelcontextprotocol.json.McpJsonMapper json() {
        return McpServerSetup.JSON;
    }

    @Override
    public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
        return switch (request.method()) {
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
        McpSchema.CallToolRequest call = request.params() == null ? null
                : McpServerSetup.JSON.convertValue(request.params(), McpSchema.CallToolRequest.class);
        if (call == null || call.name() == null) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("tools/call needs params.name").build();
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

        @Override
        public List<String> protocolVersions() {
            return McpServerSetup.PROTOCOL_VERSIONS;
        }
    }
}
