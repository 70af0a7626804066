package org.opencli.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.EngineObservers;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;

/** The observer driven as the engine drives it: steps tagged and ended, read back from the registry. */
class EngineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EngineMetrics metrics = new EngineMetrics(registry, 3);

    private void execute(EngineObserver observer, String tool, String decision, String reason, String statusClass) {
        ObservedStep exec = observer.start(StepKind.EXECUTION, null).tag("tool", tool).tag("source", "petstore");
        observer.start(StepKind.POLICY_DECISION, exec).tag("decision", decision).end("ok");
        if (statusClass != null) {
            ObservedStep call = observer.start(StepKind.UPSTREAM_CALL, exec);
            call.tag("status_class", statusClass).end("ok");
            exec.tag("status_class", statusClass);
        }
        exec.tag("reason", reason).end(decision);
    }

    @Test
    void executionsAreCountedByToolDecisionReasonAndStatusClass() {
        execute(metrics, "pets:list", "allow", "ok", "2xx");
        execute(metrics, "pets:list", "allow", "ok", "2xx");
        execute(metrics, "pets:list", "allow", "upstream_error", "5xx");
        execute(metrics, "pets:delete", "deny", "policy_deny", null);

        assertThat(count("pets:list", "allow", "ok", "2xx")).isEqualTo(2);
        assertThat(count("pets:list", "allow", "upstream_error", "5xx")).isEqualTo(1);
        assertThat(count("pets:delete", "deny", "policy_deny", "none")).isEqualTo(1);
        assertThat(registry.get("ocli.execution.duration").tag("decision", "allow").timer().count()).isEqualTo(3);
        // the upstream call inherits the execution's tool, whose service it is tagged with; one observation per attempt
        Timer upstream = registry.get("ocli.upstream.duration").tags("service", "pets", "status_class", "2xx").timer();
        assertThat(upstream.count()).isEqualTo(2);
        CountAtBucket[] buckets = upstream.takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(EngineMetrics.EXECUTION_BUCKETS.length);
        assertThat(buckets[buckets.length - 1].count()).isEqualTo(2);
    }

    @Test
    void theSameMetersServeEveryCallOfATagTuple() {
        execute(metrics, "pets.list", "allow", "ok", "2xx");
        int meters = registry.getMeters().size();
        for (int i = 0; i < 100; i++) execute(metrics, "pets.list", "allow", "ok", "2xx");
        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(count("pets.list", "allow", "ok", "2xx")).isEqualTo(101);
    }

    @Test
    void toolsBeyondTheCapAreCountedAsOther() {
        for (String tool : new String[] {"a", "b", "c", "d", "e", "a"}) execute(metrics, tool, "allow", "ok", "2xx");
        assertThat(count("a", "allow", "ok", "2xx")).isEqualTo(2);
        assertThat(count("c", "allow", "ok", "2xx")).isEqualTo(1);
        assertThat(count(ToolTags.OTHER, "allow", "ok", "2xx")).isEqualTo(2);
        assertThat(registry.find("ocli.executions").tag("tool", "d").counter()).isNull();
    }

    @Test
    void catalogBuildsAndDocumentFetchesAreCountedByOutcome() {
        ObservedStep build = metrics.start(StepKind.CATALOG_BUILD, null);
        metrics.start(StepKind.DOCUMENT_FETCH, build).end("miss");
        metrics.start(StepKind.DOCUMENT_FETCH, build).end("fresh_hit");
        metrics.start(StepKind.DOCUMENT_FETCH, build).tag("cache", "fresh_hit").end("fresh_hit");
        build.end("ok");
        metrics.start(StepKind.CATALOG_BUILD, null).end("error");

        assertThat(registry.get("ocli.catalog.build.duration").tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("ocli.catalog.build.duration").tag("outcome", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("ocli.document.fetches").tags("cache", "miss").counter().count()).isEqualTo(1);
        assertThat(registry.get("ocli.document.fetches").tags("cache", "fresh_hit").counter().count())
                .isEqualTo(2);
    }

    @Test
    void mcpCallsAreTimedBySourceAndOutcome() {
        ObservedStep exec = metrics.start(StepKind.EXECUTION, null).tag("tool", "files.read").tag("source", "files");
        metrics.start(StepKind.MCP_CALL, exec).tag("transport", "stdio").end("error");
        exec.tag("reason", "mcp_tool_error").end("allow");
        assertThat(registry.get("ocli.mcp.call.duration").tags("source", "files", "outcome", "error").timer().count()).isEqualTo(1);
    }

    @Test
    void besideAnotherObserverEachStepIsEndedOnceAndAFailureNeverReachesTheEngine() {
        EngineObserver both = EngineObservers.of(java.util.List.of(metrics, new EngineObserver() {
            @Override
            public ObservedStep start(StepKind kind, ObservedStep parent) {
                return ObservedStep.NONE;
            }
        }));
        execute(both, "pets.list", "allow", "ok", "2xx");
        ObservedStep exec = both.start(StepKind.EXECUTION, null).tag("tool", "pets.list");
        exec.end("allow");
        exec.end("allow"); // a second end is ignored
        assertThat(count("pets.list", "allow", "ok", "2xx")).isEqualTo(1);
        assertThat(count("pets.list", "allow", "none", "none")).isEqualTo(1);

        registry.close(); // a closed registry hands out no-op meters; ending must still not throw
        execute(metrics, "x", "allow", "ok", "2xx");
    }

    private double count(String tool, String decision, String reason, String statusClass) {
        return registry.get("ocli.executions").tags("tool", tool, "decision", decision, "reason", reason, "status_class", statusClass)
                .counter().count();
    }
}
