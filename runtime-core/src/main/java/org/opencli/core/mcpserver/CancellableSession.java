package org.opencli.core.mcpserver;

import io.modelcontextprotocol.server.McpInitRequestHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SDK's server session (2.2.0) with what it lacks on stdio: a {@code notifications/cancelled} from
 * the client cancels the running {@code tools/call} it names (its execution is cancelled and no
 * answer is sent, as the MCP spec says), {@link #cancelAll} cancels every running call (standard
 * input ended), and an {@code initialize} without params gets {@code -32602}, not the SDK's
 * NullPointerException text.
 */
final class CancellableSession extends McpServerSession {
    static final String METHOD_CANCELLED = "notifications/cancelled";
    private static final System.Logger LOG = System.getLogger(CancellableSession.class.getName());
    private final McpServerTransport transport;
    private final Map<String, Sinks.One<Boolean>> running = new ConcurrentHashMap<>();

    CancellableSession(String id, Duration requestTimeout, McpServerTransport transport, McpInitRequestHandler init,
                       Map<String, McpRequestHandler<?>> requests) {
        super(id, requestTimeout, transport, init, requests, Map.of());
        this.transport = transport;
    }

    @Override
    public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCNotification n && METHOD_CANCELLED.equals(n.method())) {
            cancel(n.params());
            return Mono.empty();
        }
        if (!(message instanceof McpSchema.JSONRPCRequest request)) return super.handle(message);
        if (McpSchema.METHOD_INITIALIZE.equals(request.method()) && !(request.params() instanceof Map<?, ?>)) {
            return transport.sendMessage(McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INVALID_PARAMS, "initialize needs params (protocolVersion, capabilities, clientInfo)", null)));
        }
        String key = key(request.id());
        if (!McpSchema.METHOD_TOOLS_CALL.equals(request.method()) || key == null) return super.handle(message);
        Sinks.One<Boolean> cancelled = Sinks.one();
        // a second request reusing a running id is served, but only the first can be cancelled by that id
        if (running.putIfAbsent(key, cancelled) != null) return super.handle(message);
        return super.handle(message).takeUntilOther(cancelled.asMono()).doFinally(signal -> running.remove(key, cancelled));
    }

    /** Cancels every running call: the client went away. */
    void cancelAll() {
        running.values().forEach(c -> c.tryEmitValue(true));
    }

    private void cancel(Object params) {
        Object id = params instanceof Map<?, ?> p ? p.get("requestId") : null;
        String key = key(id);
        Sinks.One<Boolean> call = key == null ? null : running.get(key);
        if (call == null) return; // finished already, or never known: nothing to do (the spec allows the race)
        LOG.log(System.Logger.Level.INFO, "tools/call " + printable(id) + " cancelled by the client");
        call.tryEmitValue(true);
    }

    /** JSON-RPC ids are strings or numbers; 7 and 7.0 name the same request. */
    private static String key(Object id) {
        if (id instanceof Number n) return "n:" + new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        if (id instanceof String s) return "s:" + s;
        return null;
    }

    private static String printable(Object id) {
        String s = String.valueOf(id).replaceAll("\\p{Cntrl}", "?");
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
