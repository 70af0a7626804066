package org.opencli.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.opencli.core.catalog.McpToolSource;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/**
 * The MCP clients of one engine (one runtime instance): one {@link McpConnection} per mcp source as
 * configured (a source whose transport, oauth or config directory changes gets a new one), created
 * on first need and closed with the engine, which ends every stdio server it started.
 */
public final class McpConnections implements McpToolSource, AutoCloseable {
    private final Function<LoadedConfig, McpSecrets> secrets;
    private final Executor workers;
    private final Clock clock;
    private final Runnable onToolsChanged;
    private final Runnable onServersChanged;
    private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    private final Map<String, McpConnection> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * {@code onToolsChanged}: a server said its tools changed (the engine drops its built catalogs);
     * {@code onServersChanged}: a stdio server started or ended ({@link #pids} changed).
     */
    public McpConnections(Function<LoadedConfig, McpSecrets> secrets, Executor workers, Clock clock, Runnable onToolsChanged,
                          Runnable onServersChanged) {
        this.onServersChanged = onServersChanged;
        this.secrets = secrets;
        this.workers = workers;
        this.clock = clock;
        this.onToolsChanged = onToolsChanged;
    }

    @Override
    public JsonNode document(String sourceId, SourceConfig source, LoadedConfig config) {
        McpConnection connection = connection(sourceId, source, config);
        var tools = connection.tools(secrets.apply(config));
        return McpToolDocument.of(sourceId, sourceId, tools);
    }

    /**
     * {@code tools/call} of {@code tool} with {@code arguments}, within {@code timeout}; never blocks the caller.
     * Cancelling the answer gives the call up and tells the server ({@code notifications/cancelled}).
     */
    public CompletableFuture<ExecuteResult> call(String sourceId, SourceConfig source, LoadedConfig config, String tool,
                                                 Map<String, Object> arguments, Duration timeout) {
        return call(sourceId, source, config, tool, arguments, timeout, Map.of());
    }

    /** As above; {@code traceHeaders} (W3C {@code traceparent}) go with the call's HTTP request to an http server. */
    public CompletableFuture<ExecuteResult> call(String sourceId, SourceConfig source, LoadedConfig config, String tool,
                                                 Map<String, Object> arguments, Duration timeout, Map<String, String> traceHeaders) {
        McpConnection connection = connection(sourceId, source, config);
        return org.opencli.core.execution.Cancellation.thenApply(
                connection.call(tool, arguments, timeout, secrets.apply(config), workers, traceHeaders), McpResults::of);
    }

    /** The pids of the stdio servers running now (for the instance registry). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (McpConnection c : connections.values()) {
            long pid = c.pid();
            if (pid > 0) pids.add(pid);
        }
        return pids;
    }

    /** Each started mcp source's health now (for metrics); a source not needed yet is absent. */
    public List<McpSourceHealth> health() {
        List<McpSourceHealth> all = new ArrayList<>();
        for (McpConnection c : connections.values()) all.add(c.health());
        return all;
    }

    private McpConnection connection(String sourceId, SourceConfig source, LoadedConfig config) {
        if (closed)
            throw new org.opencli.core.error.OcliException(org.opencli.core.error.ErrorKind.UNAVAILABLE,
                    "shutting_down", "Shutting down", "the runtime is stopping");
        // the source as configured (references only, never secret values) and where relative paths point
        String place = sourceId + "|" + config.baseDir() + "|";
        String key = place + Json.write(source.transport()) + "|" + Json.write(source.oauth());
        McpConnection current = connections.get(key);
        if (current != null) return current;
        // found by probing: each edit of a source's transport left the previous server running until the runtime stopped
        connections.entrySet().removeIf(old -> {
            if (!old.getKey().startsWith(place) || old.getKey().equals(key)) return false;
            CompletableFuture.runAsync(() -> { // closing waits for the process: never on the caller
                old.getValue().close();
                onServersChanged.run(); // its server no longer runs: the registry drops its pid
            }, workers);
            return true;
        });
        return connections.computeIfAbsent(key, k -> new McpConnection(sourceId, source, config.baseDir(), json, clock, onToolsChanged,
                onServersChanged));
    }

    @Override
    public void close() {
        closed = true;
        connections.values().parallelStream().forEach(McpConnection::close);
        connections.clear();
    }
}
