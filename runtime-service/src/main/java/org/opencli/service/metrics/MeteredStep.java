package org.opencli.service.metrics;

import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;

/**
 * One step as {@link EngineMetrics} measures it: the tags it cares about, kept as fields (a child
 * step inherits its parent's tool and source), and its start. Tagged on one thread and ended on
 * another at most once; the engine's futures order the two.
 */
final class MeteredStep implements ObservedStep {
    final StepKind kind;
    private final EngineMetrics metrics;
    private final long startNanos;
    String tool;
    String source;
    String decision;
    String reason;
    String statusClass;
    String cache;
    private boolean ended;

    MeteredStep(EngineMetrics metrics, StepKind kind, MeteredStep parent, long startNanos) {
        this.metrics = metrics;
        this.kind = kind;
        this.startNanos = startNanos;
        if (parent != null) {
            tool = parent.tool;
            source = parent.source;
        }
    }

    @Override
    public ObservedStep tag(String key, String value) {
        if (key == null) return this;
        switch (key) {
            case "tool" -> tool = value;
            case "source" -> source = value;
            case "decision" -> decision = value;
            case "reason" -> reason = value;
            case "status_class" -> statusClass = value;
            case "cache" -> cache = value;
            default -> {
                // other tags (transport, outcome) are for traces
            }
        }
        return this;
    }

    @Override
    public void end(String outcome) {
        if (ended) return;
        ended = true;
        try {
            metrics.ended(this, outcome, System.nanoTime() - startNanos);
        } catch (RuntimeException e) {
            // a metrics failure never reaches the engine
        }
    }
}
