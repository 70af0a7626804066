package org.opencli.core.observe;

import java.util.Map;

/** One running step of engine work, as an {@link EngineObserver} sees it. */
public interface ObservedStep {
    ObservedStep NONE = new ObservedStep() {
    };

    /** A low-cardinality attribute (tool id, source id, decision, reason, status class); never a principal or path argument. */
    default ObservedStep tag(String key, String value) {
        return this;
    }

    /** Headers that carry this step's trace to an upstream (W3C {@code traceparent}); empty when not traced. */
    default Map<String, String> propagationHeaders() {
        return Map.of();
    }

    /** Ends the step once, with its outcome ({@code ok}, {@code error}, a cache outcome, a decision). */
    default void end(String outcome) {
    }
}
