package org.opencli.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineObserversTest {
    /** Records what it saw; its steps name their parent's label. */
    private static final class Recording implements EngineObserver {
        final String name;
        final List<String> seen = new ArrayList<>();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public ObservedStep start(StepKind kind, ObservedStep parent) {
            String label = name + ":" + kind + (parent instanceof Labelled l ? "<" + l.label : "");
            seen.add("start " + label);
            return new Labelled(label, seen, name.equals("traces") ? Map.of("traceparent", "00-x") : Map.of());
        }
    }

    private record Labelled(String label, List<String> seen, Map<String, String> headers) implements ObservedStep {
        @Override
        public ObservedStep tag(String key, String value) {
            seen.add("tag " + label + " " + key + "=" + value);
            return this;
        }

        @Override
        public Map<String, String> propagationHeaders() {
            return headers;
        }

        @Override
        public void end(String outcome) {
            seen.add("end " + label + " " + outcome);
        }
    }

    @Test
    void everyObserverSeesItsOwnStepsWithItsOwnParents() {
        Recording metrics = new Recording("metrics");
        Recording traces = new Recording("traces");
        EngineObserver both = EngineObservers.of(List.of(metrics, traces));

        ObservedStep execution = both.start(StepKind.EXECUTION, null);
        ObservedStep upstream = both.start(StepKind.UPSTREAM_CALL, execution).tag("status_class", "2xx");
        assertThat(upstream.propagationHeaders()).containsEntry("traceparent", "00-x");
        upstream.end("ok");
        execution.end("allow");

        assertThat(metrics.seen).containsExactly("start metrics:EXECUTION", "start metrics:UPSTREAM_CALL<metrics:EXECUTION",
                "tag metrics:UPSTREAM_CALL<metrics:EXECUTION status_class=2xx", "end metrics:UPSTREAM_CALL<metrics:EXECUTION ok",
                "end metrics:EXECUTION allow");
        assertThat(traces.seen).contains("start traces:UPSTREAM_CALL<traces:EXECUTION");
    }

    @Test
    void noObserversIsTheNoneObserverAndOneIsItself() {
        assertThat(EngineObservers.of(List.of())).isSameAs(EngineObserver.NONE);
        Recording only = new Recording("only");
        assertThat(EngineObservers.of(List.of(only, EngineObserver.NONE))).isSameAs(only);
        assertThat(EngineObserver.NONE.start(StepKind.EXECUTION, null).propagationHeaders()).isEmpty();
    }
}
