package org.opencli.core.observe;

/**
 * Watches the engine's work, for the daemon's metrics and traces (docs/operations.md). The engine
 * stays free of any metrics or tracing library: oclird plugs Micrometer and OpenTelemetry in behind
 * this interface, embedded ocli keeps {@link #NONE} or a light one. Implementations are cheap,
 * non-blocking and never throw into the engine.
 */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {
    };

    /**
     * A step of the engine's work begins on the calling thread. {@code parent} is the step it is part
     * of ({@code null}: the observer decides, e.g. the caller's request span). The returned step is
     * ended exactly once.
     */
    default ObservedStep start(StepKind kind, ObservedStep parent) {
        return ObservedStep.NONE;
    }
}
