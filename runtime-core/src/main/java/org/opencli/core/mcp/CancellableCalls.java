package org.opencli.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A client transport that learns the JSON-RPC id of each {@code tools/call} it sends, so a call given
 * up on (its caller went away, its time ran out) can be named to the server in
 * {@code notifications/cancelled}, as the MCP spec asks. The SDK's client (2.2.0) keeps its request
 * ids to itself and sends no such notification when a request's subscription is disposed.
 */
final class CancellableCalls implements McpClientTransport {
    static final String METHOD_CANCELLED = "notifications/cancelled";
    private static final Object KEY = CancellableCalls.class;
    private static final System.Logger LOG = System.getLogger("org.opencli.core.mcp");

    /** Where one call's request id lands once the request is sent. */
    static final class Slot {
        private volatile Object requestId;

        Object requestId() {
            return requestId;
        }
    }

    private final McpClientTransport delegate;
    private final String sourceId;

    CancellableCalls(McpClientTransport delegate, String sourceId) {
        this.delegate = delegate;
        this.sourceId = sourceId;
    }

    /** The context under which the request a {@code Mono} sends records its id in {@code slot}. */
    static Context context(Slot slot) {
        return Context.of(KEY, slot);
    }

    /**
     * Tells the server the request of {@code slot} is cancelled ({@code reason}); nothing when it was
     * never sent. A failure to send is logged: the call is given up on either way.
     */
    void cancel(Slot slot, String reason) {
        Object id = slot.requestId();
        if (id == null) return;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("requestId", id);
        params.put("reason", reason);
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, METHOD_CANCELLED, params))
                .subscribe(ok -> {
                }, e -> LOG.log(System.Logger.Level.DEBUG, "mcp source " + sourceId + ": could not send " + METHOD_CANCELLED
                        + ": " + e.getMessage()));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCRequest request) || !McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
            return delegate.sendMessage(message);
        }
        // the SDK sends under the caller's context: the call's slot is there
        return Mono.deferContextual(context -> {
            context.<Slot>getOrEmpty(KEY).ifPresent(slot -> slot.requestId = request.id());
            return delegate.sendMessage(message);
        });
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
