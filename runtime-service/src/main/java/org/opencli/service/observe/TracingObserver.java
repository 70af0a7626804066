package org.opencli.service.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
 * <p>
 * While spans are exported nowhere (no OTLP endpoint: only {@link SpansKeptLocal}), a step is no
 * recorded span: an upstream call is a bare identity (a fresh span id in its parent's trace, with the
 * parent's sampling flag), so {@code traceparent} still carries real ids and the caller's decision;
 * every other step is its parent's identity. Nothing is recorded, tagged, queued or converted that
 * nobody would read (docs/operations.md#what-tracing-costs).
 */
@Singleton
@LookupUnlessProperty(name = "quarkus.otel.sdk.disabled", stringValue = "true")
public class TracingObserver implements EngineObserver {
    static final String SCOPE = "org.opencli.oclird";
    private static final String[] NAMES = names();

    private final Tracer tracer;
    private final boolean recording;
    private static final IdGenerator IDS = IdGenerator.random();

    TracingObserver(OpenTelemetry openTelemetry, @Any Instance<SpanExporter> exporters) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.recording = exported(exporters);
    }

    /** Spans leave the process unless the only exporter is the no-op one (an OTLP exporter is no bean: none at all means OTLP). */
    static boolean exported(Instance<SpanExporter> exporters) {
        return exporters.stream().anyMatch(e -> !(e instanceof SpansKeptLocal)) || exporters.isUnsatisfied();
    }

    @Override
    public ObservedStep start(StepKind kind, ObservedStep parent) {
        Span parentSpan = parent instanceof TracedStep traced ? traced.span() : Span.fromContext(Context.current());
        boolean propagates = kind == StepKind.UPSTREAM_CALL || kind == StepKind.MCP_CALL; // calls that leave the process
        // unrecorded, only a call that leaves the process shows its own span id (traceparent): every
        // other step is its parent's identity, and costs no id
        if (!recording) return new TracedStep(propagates ? identity(parentSpan.getSpanContext()) : parentSpan, propagates);
        Span span = tracer.spanBuilder(NAMES[kind.ordinal()]).setParent(Context.root().with(parentSpan))
                .setSpanKind(propagates ? SpanKind.CLIENT : SpanKind.INTERNAL).startSpan();
        return new TracedStep(span, propagates);
    }

    /** A span that is only an id: in the parent's trace with its flags, or a new sampled trace when there is no parent. */
    static Span identity(SpanContext parent) {
        if (!parent.isValid()) {
            return Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(), TraceFlags.getSampled(),
                    TraceState.getDefault()));
        }
        return Span.wrap(SpanContext.create(parent.getTraceId(), IDS.generateSpanId(), parent.getTraceFlags(),
                parent.getTraceState()));
    }

    /** {@code ocli.execution}, {@code ocli.catalog_build}, ...: one per kind, made once. */
    private static String[] names() {
        StepKind[] kinds = StepKind.values();
        String[] names = new String[kinds.length];
        for (StepKind k : kinds) names[k.ordinal()] = "ocli." + k.name().toLowerCase(Locale.ROOT);
        return names;
    }
}
