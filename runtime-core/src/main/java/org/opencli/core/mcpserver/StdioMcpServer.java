package org.opencli.core.mcpserver;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Mono;

/**
 * The MCP server on standard input and output ({@code ocli mcp serve}): the SDK's stdio transport with
 * one session whose {@code tools/list} and {@code tools/call} are {@link GovernedTools}' (a call the client
 * cancels, or one still running when standard input ends, is cancelled: {@link CancellableSession}). Standard
 * output carries only JSON-RPC; {@link #awaitEnd()} returns once standard input ended.
 */
public final class StdioMcpServer implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private final StdioServerTransportProvider transport;
    private final CountDownLatch inputEnded = new CountDownLatch(1);
    private volatile CancellableSession session;

    private StdioMcpServer(GovernedRuntime runtime, McpSchema.Implementation serverInfo, InputStream in, OutputStream out) {
        GovernedTools tools = new GovernedTools(runtime);
        this.transport = new StdioServerTransportProvider(McpServerSetup.JSON, new EndSignalling(new JsonRpcLines(in), inputEnded), out);
        McpRequestHandler<Object> ping = (exchange, params) -> Mono.just(Map.of());
        McpRequestHandler<McpSchema.ListToolsResult> list = (exchange, params) -> tools.list(McpTransportContext.EMPTY);
        McpRequestHandler<McpSchema.CallToolResult> call = (exchange, params) -> Mono.defer(() -> tools.call(
                McpTransportContext.EMPTY, StatelessMcpHandler.callOf(new McpSchema.JSONRPCRequest(McpSchema.METHOD_TOOLS_CALL, "", params))));
        Map<String, McpRequestHandler<?>> handlers = Map.of(McpSchema.METHOD_PING, ping, McpSchema.METHOD_TOOLS_LIST, list,
                McpSchema.METHOD_TOOLS_CALL, call);
        transport.setSessionFactory(session -> {
            CancellableSession s = new CancellableSession(UUID.randomUUID().toString(), REQUEST_TIMEOUT, session,
                    init -> Mono.just(new McpSchema.InitializeResult(McpServerSetup.negotiate(init.protocolVersion()),
                            McpServerSetup.CAPABILITIES, serverInfo, McpServerSetup.INSTRUCTIONS)),
                    handlers);
            this.session = s;
            return s;
        });
    }

    /** Starts serving {@code in}/{@code out} at once, as server {@code name} {@code version}. */
    public static StdioMcpServer start(GovernedRuntime runtime, String name, String version, InputStream in,
                                       OutputStream out) {
        return new StdioMcpServer(runtime, new McpSchema.Implementation(name, version), in, out);
    }

    /** Blocks until standard input ended (the client went away). */
    public void awaitEnd() throws InterruptedException {
        inputEnded.await();
    }

    /** Cancels the calls still running (their client went away), then closes the transport. */
    @Override
    public void close() {
        CancellableSession s = session;
        if (s != null) s.cancelAll();
        transport.closeGracefully().block(Duration.ofSeconds(5));
    }

    /** Counts down once the stream ended or failed: the transport itself has no such signal. */
    private static final class EndSignalling extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignalling(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return signal(() -> super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return signal(() -> super.read(b, off, len));
        }

        private int signal(IoRead read) throws IOException {
            try {
                int n = read.get();
                if (n < 0) ended.countDown();
                return n;
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        private interface IoRead {
            int get() throws IOException;
        }
    }
}
