package org.opencli.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    @Test
    void aValidTraceparentIsContinuedAndAnythingElseStartsANewSampledTrace() {
        TraceContext.Trace continued = TraceContext.fromEnvironment("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertThat(continued).isEqualTo(new TraceContext.Trace("4bf92f3577b34da6a3ce929d0e0e4736", "00"));
        for (String bad : new String[] {null, "", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            TraceContext.Trace fresh = TraceContext.fromEnvironment(bad);
            assertThat(fresh.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(fresh.flags()).isEqualTo("01");
        }
    }

    @Test
    void eachTraceparentOfATraceHasItsOwnSpanId() {
        TraceContext.Trace trace = TraceContext.fromEnvironment(null);
        Set<String> spans = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String tp = trace.nextTraceparent();
            assertThat(tp).matches("00-" + trace.traceId() + "-[0-9a-f]{16}-01");
            spans.add(tp.substring(36, 52));
        }
        assertThat(spans).hasSize(1000);
    }

    @Test
    void theLightObserverPropagatesOnlyOnUpstreamCalls() {
        TraceparentObserver observer = new TraceparentObserver(new TraceContext.Trace("4bf92f3577b34da6a3ce929d0e0e4736", "01"));
        assertThat(observer.start(StepKind.EXECUTION, null)).isSameAs(ObservedStep.NONE);
        assertThat(observer.start(StepKind.UPSTREAM_CALL, null).propagationHeaders().get("traceparent"))
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
    }
}
