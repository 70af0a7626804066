package org.opencli.service.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request's server span, ahead of every other route: the caller's {@code traceparent} continued,
 * else a new trace; current on the request's Vert.x context (Quarkus' context storage then writes its
 * {@code traceId}/{@code spanId} into the request's MDC), named by the route once Quarkus REST has
 * matched it ({@code POST /v1/tools/execute}), ended when the response is. Quarkus' own Vert.x HTTP
 * instrumentation is off ({@code quarkus.otel.instrument.vertx-http=false}): it parsed the URI twice
 * and recorded a dozen attributes per request (client address, user agent, full path with its
 * arguments) that this daemon's traces do not need (docs/operations.md#what-tracing-costs). While
 * export is off the span is only an identity, as the engine's steps are ({@link TracingObserver}).
 * Quarkus' non-application endpoints ({@code /q/...}: health probes, metrics scrapes) get none.
 */
@ApplicationScoped
public class ServerSpans {
    /** Before RequestIds (whose id goes on this span) and Quarkus Security's filters. */
    static final int ORDER = -SecurityHandlerPriorities.CORS - 200;
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    /** Where Quarkus REST leaves the matched resource's path template on the request's context. */
    private static final String PATH_TEMPLATE = "UrlPathTemplate";
    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return List.copyOf(request.headers().names());
        }

        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    void register(@Observes Router router, OpenTelemetry openTelemetry, @Any Instance<SpanExporter> exporters,
                  @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        if (disabled) return; // no spans, no trace ids: nothing to do per request
        Tracer tracer = openTelemetry.getTracer(TracingObserver.SCOPE);
        TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
        boolean recording = TracingObserver.exported(exporters);
        router.route().order(ORDER).handler(rc -> start(rc, tracer, propagator, recording));
    }

    private static void start(RoutingContext rc, Tracer tracer, TextMapPropagator propagator, boolean recording) {
        HttpServerRequest request = rc.request();
        if (request.path() == null || request.path().startsWith("/q/")) {
            rc.next();
            return;
        }
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        Span span;
        if (recording) {
            String method = request.method().name();
            span = tracer.spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER).setAttribute(METHOD, method).startSpan();
            io.vertx.core.Context requestContext = Vertx.currentContext();
            rc.addEndHandler(done -> end(span, method, rc.response().getStatusCode(), requestContext));
        } else {
            span = TracingObserver.identity(Span.fromContext(parent).getSpanContext());
        }
        // Not closed: the request's own (duplicated) Vert.x context holds it and ends with the request.
        // Never on any other context: there it would be a thread-local, and outlive the request.
        if (Vertx.currentContext() instanceof ContextInternal own && own.isDuplicate()) parent.with(span).makeCurrent();
        rc.next();
    }

    private static void end(Span span, String method, int status, io.vertx.core.Context requestContext) {
        Object template = requestContext == null ? null : requestContext.getLocal(PATH_TEMPLATE);
        if (template instanceof String route && !route.isEmpty()) {
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
        }
        span.setAttribute(STATUS, status);
        if (status >= 500) span.setStatus(StatusCode.ERROR);
        span.end();
    }
}
