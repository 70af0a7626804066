package org.opencli.service.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.mcp.McpSourceHealth;

/**
 * MCP source health per source id: {@code ocli_mcp_source_up} and {@code ocli_mcp_source_restarts_total}.
 * Sources start on first need, so new ones are looked for once a second (a walk over the few
 * connections, off the request path) and get their meters then; the meters read the engine at scrape.
 */
@ApplicationScoped
public class McpMetrics {
    static final long LOOK_EVERY_MS = 1000;

    @Inject
    MeterRegistry registry;

    @Inject
    RuntimeEngine engine;

    @Inject
    Vertx vertx;

    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent started) {
        vertx.setPeriodic(LOOK_EVERY_MS, id -> bindNew());
    }

    void bindNew() {
        for (McpSourceHealth h : engine.mcpSourceHealth()) {
            String source = h.sourceId();
            if (!bound.add(source)) continue;
            Gauge.builder("ocli.mcp.source.up", engine, e -> current(e, source).map(s -> s.up() ? 1 : 0).orElse(0))
                    .description("1 while the mcp source's server is connected and initialized").tag("source", source)
                    .register(registry);
            FunctionCounter.builder("ocli.mcp.source.restarts", engine, e -> current(e, source).map(McpSourceHealth::restarts).orElse(0L))
                    .description("MCP servers started again after the first (died, or the connection failed)")
                    .tag("source", source).register(registry);
        }
    }

    private static java.util.Optional<McpSourceHealth> current(RuntimeEngine engine, String source) {
        for (McpSourceHealth h : engine.mcpSourceHealth()) if (h.sourceId().equals(source)) return java.util.Optional.of(h);
        return java.util.Optional.empty();
    }
}
