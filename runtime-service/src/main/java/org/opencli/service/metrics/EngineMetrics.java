package org.opencli.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;

/**
 * The engine's steps as Prometheus metrics (docs/operations.md#metrics). Meters are looked up once
 * per tag tuple and kept: registering a meter per call costs far more than the increment. Tags are
 * bounded by the config (tool ids, capped by {@link ToolTags}; source ids) or by the engine's own
 * vocabularies (decisions, reasons, status classes, cache outcomes); never a principal, path
 * argument or URL.
 */
@ApplicationScoped
public class EngineMetrics implements EngineObserver {
    /** Execution latency buckets: from a cached local answer to a slow upstream near the default timeout. */
    static final Duration[] EXECUTION_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    /** Catalog builds fetch and normalize documents: slower than an execution. */
    static final Duration[] BUILD_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final ToolTags tools;
    private final Map<Execution, Counter> executions = new ConcurrentHashMap<>();
    private final Map<String, Timer> executionTimes = new ConcurrentHashMap<>();
    private final Map<Upstream, Timer> upstreamTimes = new ConcurrentHashMap<>();
    private final Map<Upstream, Timer> mcpTimes = new ConcurrentHashMap<>();
    private final Map<String, Timer> buildTimes = new ConcurrentHashMap<>();
    private final Map<String, Counter> fetches = new ConcurrentHashMap<>();
    /** Service prefix of a tool id → the interned tag, so the hot path does not keep the substring. */
    private final Map<String, String> services = new ConcurrentHashMap<>();

    private record Execution(String tool, String decision, String reason, String statusClass) {
    }

    private record Upstream(String source, String outcome) {
    }

    @Inject
    public EngineMetrics(MeterRegistry registry,
                         @ConfigProperty(name = "oclird.metrics.max-tools", defaultValue = "" + ToolTags.DEFAULT_MAX) int maxTools) {
        this.registry = registry;
        this.tools = new ToolTags(maxTools);
    }

    @Override
    public ObservedStep start(StepKind kind, ObservedStep parent) {
        return switch (kind) {
            case EXECUTION, UPSTREAM_CALL, MCP_CALL, CATALOG_BUILD, DOCUMENT_FETCH -> new MeteredStep(this, kind,
                    parent instanceof MeteredStep p ? p : null, System.nanoTime());
            case POLICY_DECISION -> ObservedStep.NONE; // its decision is the execution's, counted there
        };
    }

    /** The step ended: one increment and at most one histogram observation, on the caller's thread. */
    void ended(MeteredStep step, String outcome, long nanos) {
        switch (step.kind) {
            case EXECUTION -> {
                String decision = or(step.decision, outcome);
                executions.computeIfAbsent(new Execution(tools.tag(step.tool), decision, or(step.reason, NONE),
                        or(step.statusClass, NONE)), this::executionCounter).increment();
                executionTimes.computeIfAbsent(decision, this::executionTimer).record(nanos, TimeUnit.NANOSECONDS);
            }
            case UPSTREAM_CALL -> upstreamTimes.computeIfAbsent(new Upstream(service(step.tool), or(step.statusClass, NONE)),
                    u -> timer("ocli.upstream.duration", "Upstream HTTP calls (each attempt) by service and status class",
                            EXECUTION_BUCKETS, "service", u.source(), "status_class", u.outcome())).record(nanos, TimeUnit.NANOSECONDS);
            case MCP_CALL -> mcpTimes.computeIfAbsent(new Upstream(or(step.source, NONE), or(outcome, NONE)),
                    u -> timer("ocli.mcp.call.duration", "MCP tools/call by source and outcome", EXECUTION_BUCKETS,
                            "source", u.source(), "outcome", u.outcome())).record(nanos, TimeUnit.NANOSECONDS);
            case CATALOG_BUILD -> buildTimes.computeIfAbsent(or(outcome, NONE),
                    o -> timer("ocli.catalog.build.duration", "Catalog builds by outcome", BUILD_BUCKETS, "outcome", o))
                    .record(nanos, TimeUnit.NANOSECONDS);
            case DOCUMENT_FETCH -> fetches.computeIfAbsent(or(step.cache, or(outcome, NONE)),
                    c -> Counter.builder("ocli.document.fetches").description("Document fetches by cache outcome")
                            .tag("cache", c).register(registry)).increment();
            default -> {
            }
        }
    }

    private Counter executionCounter(Execution e) {
        return Counter.builder("ocli.executions").description("Executions by tool, decision, reason and upstream status class")
                .tags("tool", e.tool(), "decision", e.decision(), "reason", e.reason(), "status_class", e.statusClass())
                .register(registry);
    }

    private Timer executionTimer(String decision) {
        return timer("ocli.execution.duration", "Execution latency, request to answer, by decision", EXECUTION_BUCKETS,
                "decision", decision);
    }

    private Timer timer(String name, String description, Duration[] buckets, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                .minimumExpectedValue(buckets[0]).maximumExpectedValue(buckets[buckets.length - 1]).register(registry);
    }

    /**
     * The service a tool belongs to, its id's prefix before {@code :} ({@code upstream:echoGet} →
     * {@code upstream}); bounded by the config like the tool id, capped by the same {@link ToolTags}.
     */
    private String service(String tool) {
        if (tool == null) return NONE;
        int colon = tool.indexOf(':');
        if (colon <= 0) return NONE;
        String cached = services.get(tool);
        if (cached != null) return cached;
        if (services.size() >= ToolTags.DEFAULT_MAX * 4) return ToolTags.OTHER;
        String service = tool.substring(0, colon);
        services.put(tool, service);
        return service;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Duration[] seconds(double... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) d[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        return d;
    }
}
