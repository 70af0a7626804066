package org.opencli.service.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Map;
import org.opencli.core.observe.ObservedStep;

/**
 * One engine step as a span. Tags become {@code ocli.*} attributes; {@code end("error")} (and a
 * document fetch's {@code failed}) marks the span failed (a refusal is a decision, not an error). An upstream call's step propagates its own
 * span as a W3C {@code traceparent}, written here directly instead of through a carrier map. A span
 * that is not recording (export off: {@link TracingObserver}) takes no tags and no outcome.
 */
final class TracedStep implements ObservedStep {
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ocli.outcome");

    private final Span span;
    private final boolean propagates;
    private final boolean recording;

    TracedStep(Span span, boolean propagates) {
        this.span = span;
        this.propagates = propagates;
        this.recording = span.isRecording();
    }

    Span span() {
        return span;
    }

    @Override
    public ObservedStep tag(String key, String value) {
        if (recording && value != null) span.setAttribute(attribute(key), value);
        return this;
    }

    @Override
    public Map<String, String> propagationHeaders() {
        if (!propagates) return Map.of();
        SpanContext sc = span.getSpanContext();
        if (!sc.isValid()) return Map.of();
        String traceparent = "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex();
        String state = sc.getTraceState().isEmpty() ? null : traceState(sc);
        return state == null ? Map.of("traceparent", traceparent) : Map.of("traceparent", traceparent, "tracestate", state);
    }

    @Override
    public void end(String outcome) {
        if (!recording) return;
        span.setAttribute(OUTCOME, outcome);
        if ("error".equals(outcome) || "failed".equals(outcome)) span.setStatus(StatusCode.ERROR);
        span.end();
    }

    private static String traceState(SpanContext sc) {
        StringBuilder out = new StringBuilder();
        sc.getTraceState().forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }

    /** The agreed tag keys as constants (no key object per call); any other key gets the same prefix. */
    private static AttributeKey<String> attribute(String key) {
        return switch (key) {
            case "tool" -> Attributes.TOOL;
            case "source" -> Attributes.SOURCE;
            case "decision" -> Attributes.DECISION;
            case "reason" -> Attributes.REASON;
            case "status_class" -> Attributes.STATUS_CLASS;
            case "cache" -> Attributes.CACHE;
            case "transport" -> Attributes.TRANSPORT;
            default -> AttributeKey.stringKey("ocli." + key);
        };
    }

    private static final class Attributes {
        static final AttributeKey<String> TOOL = AttributeKey.stringKey("ocli.tool");
        static final AttributeKey<String> SOURCE = AttributeKey.stringKey("ocli.source");
        static final AttributeKey<String> DECISION = AttributeKey.stringKey("ocli.decision");
        static final AttributeKey<String> REASON = AttributeKey.stringKey("ocli.reason");
        static final AttributeKey<String> STATUS_CLASS = AttributeKey.stringKey("ocli.status_class");
        static final AttributeKey<String> CACHE = AttributeKey.stringKey("ocli.cache");
        static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("ocli.transport");
    }
}
