package org.opencli.core.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One mcp source's client in one engine: started on first need, and started again on the next need
 * after its server died or its connection failed — at once the first time, then after a backoff
 * that doubles per quick failure (up to {@link #MAX_BACKOFF}); within a backoff a call fails at once
 * with {@code mcp_server_restarting} (no retry loop). A connection that lived {@link #STABLE} resets it.
 */
final class McpConnection {
    static final Duration INITIALIZE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofSeconds(30);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final int MAX_PAGES = 100;
    /** All pages of one tools/list together: 2000 tools of 16 KB each, far beyond any real server. */
    static final long MAX_LIST_CHARS = 32L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger("org.opencli.core.mcp");

    private final String sourceId;
    private final SourceConfig source;
    private final Path baseDir;
    private final McpJsonMapper json;
    private final Clock clock;
    private final Runnable onToolsChanged;
    private final Runnable onServerChanged;
    private volatile McpAsyncClient client;
    private McpClientTransport transport;
    private volatile CancellableCalls cancellable;
    private volatile boolean dead = true;
    private Instant startedAt;
    private Instant nextStartAt = Instant.MIN;
    private int quickFailures;
    private boolean closed;
    /** Servers started (or connections opened) so far; all but the first are restarts. */
    private volatile long starts;
    /** The start whose failure {@link #backOff} counted: each start's failure counts once. */
    private long backedOffStart = -1;

    /** {@code onServerChanged}: a stdio server started or ended (the instance registry records their pids). */
    McpConnection(String sourceId, SourceConfig source, Path baseDir, McpJsonMapper json, Clock clock, Runnable onToolsChanged,
                  Runnable onServerChanged) {
        this.onServerChanged = onServerChanged;
        this.sourceId = sourceId;
        this.source = source;
        this.baseDir = baseDir;
        this.json = json;
        this.clock = clock;
        this.onToolsChanged = onToolsChanged;
    }

    /** Every tool the server lists (all pages), starting it if needed. Blocks: call it off any event loop. */
    List<McpSchema.Tool> tools(McpSecrets secrets) {
        McpAsyncClient c = client(secrets);
        List<McpSchema.Tool> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        long chars = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            McpSchema.ListToolsResult result = await(c.listTools(cursor), LIST_TIMEOUT, "tools/list");
            if (result.tools() != null) tools.addAll(result.tools());
            if (tools.size() > McpToolDocument.MAX_TOOLS) break; // the document names the bound
            // found by probing: pages of few, fat tools were all held (100 pages of 8 MB lines) before any bound applied
            chars += listedChars(result);
            if (chars > MAX_LIST_CHARS) {
                throw new OcliException(ErrorKind.CONFIG, "invalid_mcp_tools", "MCP tools unusable", "sources." + sourceId
                        + ": the MCP server lists more than " + MAX_LIST_CHARS + " characters of tool definitions");
            }
            cursor = result.nextCursor();
            if (cursor == null || cursor.isEmpty() || !cursors.add(cursor)) return tools;
        }
        return tools;
    }

    private long listedChars(McpSchema.ListToolsResult page) {
        try {
            return json.writeValueAsString(page).length();
        } catch (java.io.IOException e) {
            throw failed("tools/list", e);
        }
    }

    /**
     * {@code tools/call}, on a running client at once, else after starting one on {@code workers}.
     * Cancelling the returned future (its caller went away) or running out of {@code timeout} gives
     * the call up and tells the server with {@code notifications/cancelled}.
     */
    CompletableFuture<McpSchema.CallToolResult> call(String tool, Map<String, Object> arguments, Duration timeout,
                                                     McpSecrets secrets, Executor workers, Map<String, String> traceHeaders) {
        McpAsyncClient running = runningClient();
        Mono<McpAsyncClient> ready = running != null ? Mono.just(running)
                : Mono.fromCallable(() -> client(secrets)).subscribeOn(Schedulers.fromExecutor(workers));
        String[] reason = {"the client's time for the call (" + timeout.toMillis() + " ms) ran out"};
        return ready.flatMap(c -> {
            CancellableCalls calls = cancellable;
            CancellableCalls.Slot slot = new CancellableCalls.Slot();
            return c.callTool(new McpSchema.CallToolRequest(tool, arguments)).contextWrite(CancellableCalls.context(slot))
                    .contextWrite(McpTransports.traced(traceHeaders))
                    .doOnCancel(() -> {
                        if (calls != null) calls.cancel(slot, reason[0]);
                    });
        }).timeout(timeout, Mono.error(() -> timedOut(tool, timeout)))
                .onErrorMap(e -> !(e instanceof OcliException), e -> failed("tools/call " + tool, e))
                // runs before the cancel reaches the call above, so the server hears why
                .doOnCancel(() -> reason[0] = CALLER_GONE)
                .toFuture();
    }

    static final String CALLER_GONE = "the caller went away";

    /** Not synchronized: a caller on an event loop must not wait while another thread starts the server. */
    private McpAsyncClient runningClient() {
        return dead || closed ? null : client;
    }

    private synchronized McpAsyncClient client(McpSecrets secrets) {
        if (closed) throw unavailable("the runtime is stopping");
        if (!dead && client != null) return client;
        Instant now = clock.instant();
        if (now.isBefore(nextStartAt)) {
            throw new OcliException(ErrorKind.UNAVAILABLE, "mcp_server_restarting", "MCP server restarting",
                    "sources." + sourceId + ": the MCP server failed " + quickFailures + " time(s) in a row; it is started again after "
                            + nextStartAt + " (backoff)");
        }
        stopCurrent();
        startedAt = now;
        starts++;
        try {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            McpClientTransport t = McpTransports.create(sourceId, source, baseDir, secrets, json, () -> died(ended));
            CancellableCalls calls = new CancellableCalls(t, sourceId);
            McpAsyncClient c = McpClient.async(calls).requestTimeout(MAX_BACKOFF.multipliedBy(10)).initializationTimeout(INITIALIZE_TIMEOUT)
                    .clientInfo(new McpSchema.Implementation("ocli", "open-cli for Java", "1"))
                    .jsonSchemaValidator(NO_OUTPUT_VALIDATION)
                    .toolsChangeConsumer(tools -> Mono.fromRunnable(onToolsChanged)).build();
            transport = t;
            cancellable = calls;
            client = c;
            dead = false;
            // a server that ends before it answers fails the start now, not at the initialize timeout
            await(c.initialize().or(Mono.fromFuture(ended).then(Mono.error(() -> new IllegalStateException(
                    "the server ended before it answered initialize")))), INITIALIZE_TIMEOUT, "initialize");
            // found by a test: told before initialize, the process had not been started yet and no pid was recorded
            if (t instanceof StdioProcessTransport) onServerChanged.run();
            return c;
        } catch (RuntimeException e) {
            dead = true;
            backOff(now);
            stopCurrent();
            throw e instanceof OcliException o ? o : failed("connecting", e);
        }
    }

    /**
     * The server process exited or the stream broke. {@code ended} is signalled first, without the
     * lock: a start waiting for this server's {@code initialize} holds it.
     */
    private void died(CompletableFuture<Void> ended) {
        ended.complete(null);
        died();
    }

    /** The next need starts a new server. */
    private synchronized void died() {
        if (dead || closed) return;
        dead = true;
        backOff(clock.instant());
        McpAsyncClient c = client;
        // calls waiting on the dead server fail now rather than at their deadline
        if (c != null) CompletableFuture.runAsync(c::close);
        if (transport instanceof StdioProcessTransport) CompletableFuture.runAsync(onServerChanged);
    }

    private void backOff(Instant now) {
        // found by a test: a failed start was counted twice (await's died() and the start's own catch),
        // so a server failing its first start waited a backoff before its first restart
        if (backedOffStart == starts) return;
        backedOffStart = starts;
        boolean quick = startedAt != null && Duration.between(startedAt, now).compareTo(STABLE) < 0;
        quickFailures = quick ? quickFailures + 1 : 0;
        if (quickFailures <= 1) {
            nextStartAt = Instant.MIN; // the first failure restarts at once
            return;
        }
        long millis = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(quickFailures - 2, 16));
        nextStartAt = now.plusMillis(millis);
        LOG.log(System.Logger.Level.WARNING, "mcp source " + sourceId + ": failed " + quickFailures
                + " times in a row; next start in " + millis + " ms");
    }

    /** Up: connected and initialized, not known to have died; restarts: starts after the first. */
    McpSourceHealth health() {
        return new McpSourceHealth(sourceId, runningClient() != null, Math.max(0, starts - 1));
    }

    /** The running server's pid (stdio), -1 otherwise. */
    synchronized long pid() {
        return !dead && transport instanceof StdioProcessTransport stdio ? stdio.pid() : -1;
    }

    synchronized void close() {
        closed = true;
        stopCurrent();
    }

    private void stopCurrent() {
        McpAsyncClient c = client;
        McpClientTransport t = transport;
        client = null;
        transport = null;
        cancellable = null;
        dead = true;
        if (c != null) {
            try {
                c.closeGracefully().block(StdioProcessTransport.GRACE.multipliedBy(2));
            } catch (RuntimeException e) {
                c.close();
            }
        }
        if (t instanceof StdioProcessTransport stdio) stdio.destroy();
        else if (t != null) t.close();
    }

    private <T> T await(Mono<T> mono, Duration timeout, String what) {
        try {
            return mono.timeout(timeout).block();
        } catch (RuntimeException e) {
            died();
            throw failed(what, e);
        }
    }

    private OcliException timedOut(String tool, Duration timeout) {
        return new OcliException(ErrorKind.UPSTREAM, "upstream_timeout", "Upstream timeout",
                "sources." + sourceId + ": tools/call " + tool + " gave no answer within " + timeout.toMillis() + " ms");
    }

    private OcliException failed(String what, Throwable e) {
        Throwable cause = e;
        // our own refusal (reauthorization required, a header secret unresolved) wrapped by the SDK keeps its code
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OcliException own) return own;
        }
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        if (e instanceof java.util.concurrent.TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new OcliException(ErrorKind.UPSTREAM, "upstream_timeout", "Upstream timeout",
                    "sources." + sourceId + ": " + what + " gave no answer in time");
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new OcliException(ErrorKind.UPSTREAM, "upstream_unreachable", "MCP server failed",
                "sources." + sourceId + ": " + what + " failed: " + McpText.bounded(message, 500));
    }

    private OcliException unavailable(String why) {
        return new OcliException(ErrorKind.UNAVAILABLE, "shutting_down", "Shutting down", "sources." + sourceId + ": " + why);
    }

    /** Structured output is passed on as the server sent it; inputs are checked by the engine before sending. */
    private static final JsonSchemaValidator NO_OUTPUT_VALIDATION = (schema, content) -> JsonSchemaValidator.ValidationResponse
            .asValid(null);
}
