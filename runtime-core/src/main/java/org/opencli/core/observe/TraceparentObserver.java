package org.opencli.core.observe;

import java.util.Map;

/**
 * The lightest observer that still propagates: every upstream call carries a {@code traceparent}
 * of one trace with a span id of its own; nothing is recorded. Embedded ocli uses it, so upstreams
 * see a trace without any tracing library in the process.
 */
public final class TraceparentObserver implements EngineObserver {
    private final TraceContext.Trace trace;

    public TraceparentObserver(TraceContext.Trace trace) {
        this.trace = trace;
    }

    @Override
    public ObservedStep start(StepKind kind, ObservedStep parent) {
        if (kind != StepKind.UPSTREAM_CALL && kind != StepKind.MCP_CALL) return ObservedStep.NONE;
        Map<String, String> headers = Map.of("traceparent", trace.nextTraceparent());
        return new ObservedStep() {
            @Override
            public Map<String, String> propagationHeaders() {
                return headers;
            }
        };
    }
}
