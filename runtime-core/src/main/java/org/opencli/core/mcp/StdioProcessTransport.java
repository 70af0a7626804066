package org.opencli.core.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The stdio transport of one MCP server process, ours rather than the SDK's so the engine owns the
 * {@link Process}: its pid (recorded for stale-instance cleanup), its exit (the connection is marked
 * dead at once, pending calls fail, the next call restarts it) and its stderr, each line logged with
 * the source id and bounded in length. Messages are one JSON line each, at most {@link #MAX_LINE}.
 */
final class StdioProcessTransport implements McpClientTransport {
    static final int MAX_LINE = 8 * 1024 * 1024;
    static final int MAX_STDERR_LINE = 2000;
    private static final System.Logger LOG = System.getLogger("org.opencli.core.mcp");

    private final String sourceId;
    private final List<String> command;
    private final Map<String, String> env;
    private final java.nio.file.Path workingDir;
    private final McpJsonMapper json;
    private final Runnable onExit;
    // writes to the server's stdin happen here: a full pipe must never stall the caller (an event loop)
    private final java.util.concurrent.ExecutorService writer;
    private volatile Process process;
    private volatile boolean closing;

    /** {@code workingDir}: the config's directory, so relative paths in args mean what the config's author meant. */
    StdioProcessTransport(String sourceId, List<String> command, Map<String, String> env, java.nio.file.Path workingDir,
                          McpJsonMapper json, Runnable onExit) {
        this.sourceId = sourceId;
        this.command = command;
        this.env = env;
        this.workingDir = workingDir;
        this.writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ocli-mcp-" + sourceId + "-stdin");
            t.setDaemon(true);
            return t;
        });
        this.json = json;
        this.onExit = onExit;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (env != null) builder.environment().putAll(env);
            if (workingDir != null && java.nio.file.Files.isDirectory(workingDir)) builder.directory(workingDir.toFile());
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
            }
            thread("stdout", () -> readMessages(handler));
            thread("stderr", this::logStderr);
            process.onExit().thenRun(() -> {
                if (!closing)
                    LOG.log(System.Logger.Level.WARNING, "mcp source " + sourceId + ": server process "
                            + process.pid() + " exited with " + process.exitValue());
                onExit.run();
            });
        });
    }

    /** The running server's pid, or -1 before start. */
    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    private void readMessages(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = BoundedLines.read(in, MAX_LINE)) != null) {
                if (line.isBlank()) continue;
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | IllegalArgumentException notJsonRpc) {
                    LOG.log(System.Logger.Level.WARNING, "mcp source " + sourceId + ": ignored a stdout line that is no JSON-RPC message");
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(null, e -> LOG.log(System.Logger.Level.DEBUG,
                        "mcp source " + sourceId + ": " + e.getMessage()));
            }
        } catch (IOException | BoundedLines.TooLong e) {
            if (!closing) LOG.log(System.Logger.Level.WARNING, "mcp source " + sourceId + ": " + e.getMessage() + "; stopping the server");
        }
        destroy();
    }

    private void logStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            // found by probing: readLine held a stderr line without end (a flooding server) until the heap ran out
            while ((line = BoundedLines.readCut(err, MAX_STDERR_LINE)) != null) {
                LOG.log(System.Logger.Level.INFO, "mcp source " + sourceId + ": " + McpText.bounded(line, MAX_STDERR_LINE));
            }
        } catch (IOException ignored) {
            // the process is gone; its exit is logged by onExit
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            Process p = process;
            if (p == null || !p.isAlive()) throw new IllegalStateException("the MCP server process of " + sourceId + " is not running");
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                OutputStream out = p.getOutputStream();
                synchronized (this) {
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot write to the MCP server of " + sourceId + ": " + e.getMessage(), e);
            }
        }).subscribeOn(reactor.core.scheduler.Schedulers.fromExecutor(writer)).then();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            Process p = process;
            if (p == null) return;
            try {
                p.getOutputStream().close(); // a stdio server ends when its input ends
                if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) destroy();
            } catch (IOException e) {
                destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
            }
        });
    }

    static final Duration GRACE = Duration.ofSeconds(2);

    /** Ends the server and anything it started (npx, shells), forcibly after the grace. */
    void destroy() {
        closing = true;
        writer.shutdown();
        Process p = process;
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, "ocli-mcp-" + sourceId + "-" + name);
        t.setDaemon(true);
        t.start();
    }
}
