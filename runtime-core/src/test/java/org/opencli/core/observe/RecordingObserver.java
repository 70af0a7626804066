package org.opencli.core.observe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An observer that keeps every step it was asked to start: kind, parent, tags, how often it was
 * ended and with what. Upstream and MCP calls get a W3C {@code traceparent} of their own, so a test can
 * see which attempt's header reached the upstream.
 */
public final class RecordingObserver implements EngineObserver {
    /** One started step. */
    public static final class Step implements ObservedStep {
        public final StepKind kind;
        public final Step parent;
        public final int id;
        public final String thread = Thread.currentThread().getName();
        public final Map<String, String> tags = new ConcurrentHashMap<>();
        public final List<String> ends = new CopyOnWriteArrayList<>();

        Step(StepKind kind, Step parent, int id) {
            this.kind = kind;
            this.parent = parent;
            this.id = id;
        }

        @Override
        public ObservedStep tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        @Override
        public Map<String, String> propagationHeaders() {
            if (kind != StepKind.UPSTREAM_CALL && kind != StepKind.MCP_CALL) return Map.of();
            return Map.of("traceparent", traceparent());
        }

        public String traceparent() {
            return "00-0af7651916cd43dd8448eb211c80319c-" + String.format("%016x", id) + "-01";
        }

        @Override
        public void end(String outcome) {
            ends.add(outcome);
        }

        /** The one outcome it was ended with; fails when it was ended never or more than once. */
        public String outcome() {
            if (ends.size() != 1) throw new AssertionError(kind + " ended " + ends.size() + " times: " + ends);
            return ends.get(0);
        }

        @Override
        public String toString() {
            return kind + "#" + id + tags + ends;
        }
    }

    public final List<Step> steps = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public ObservedStep start(StepKind kind, ObservedStep parent) {
        Step step = new Step(kind, (Step) parent, ids.incrementAndGet());
        steps.add(step);
        return step;
    }

    public List<Step> of(StepKind kind) {
        return steps.stream().filter(s -> s.kind == kind).toList();
    }

    public Step only(StepKind kind) {
        List<Step> all = of(kind);
        if (all.size() != 1) throw new AssertionError("expected one " + kind + ", got " + all);
        return all.get(0);
    }

    /** Every step was ended exactly once. */
    public boolean allEndedOnce() {
        return steps.stream().allMatch(s -> s.ends.size() == 1);
    }

    public void clear() {
        steps.clear();
    }
}
