package org.opencli.service.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;

/**
 * The engine's steps as OpenTelemetry spans. An execution's span is a child of the request's server
 * span (Quarkus' own, current on the thread that calls the engine); every later step names its
 * parent explicitly, because the engine runs them on its own threads where no context is current.
 * Not looked up at all when the SDK is disabled ({@code quarkus.otel.sdk.disabled=true}): then the
 * engine has nobody to tell and sends no {@code traceparent}.
 */
@Singleton
@LookupUnlessProperty(name = "quarkus.otel.sdk.disabled", stringValue = "true")
public class TracingObserver implements EngineObserver {
    static final String SCOPE = "org.opencli.oclird";
    private static final String[] NAMES = names();

    private final Tracer tracer;

    TracingObserver(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
    }

    @Override
    public ObservedStep start(StepKind kind, ObservedStep parent) {
        Context parentContext = parent instanceof TracedStep traced ? traced.context() : Context.current();
        boolean outgoing = kind == StepKind.UPSTREAM_CALL || kind == StepKind.MCP_CALL;
        Span span = tracer.spanBuilder(NAMES[kind.ordinal()]).setParent(parentContext)
                .setSpanKind(outgoing ? SpanKind.CLIENT : SpanKind.INTERNAL).startSpan();
        return new TracedStep(span, parentContext.with(span), outgoing);
    }

    /** {@code ocli.execution}, {@code ocli.catalog_build}, ...: one per kind, made once. */
    private static String[] names() {
        StepKind[] kinds = StepKind.values();
        String[] names = new String[kinds.length];
        for (StepKind k : kinds) names[k.ordinal()] = "ocli." + k.name().toLowerCase(Locale.ROOT);
        return names;
    }
}
