package org.opencli.service.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jboss.logging.MDC;

/**
 * Ties a request's id to its trace and its log lines: the id becomes an attribute of the request's
 * server span and the {@code requestId} MDC entry. Called on the request's own Vert.x context, whose
 * MDC (Quarkus' Vert.x-backed one) lives and dies with the request and follows it to worker threads,
 * beside the {@code traceId}/{@code spanId} entries Quarkus' OpenTelemetry keeps there.
 */
public final class RequestCorrelation {
    /** The span attribute; the value is the {@code X-Request-Id} echoed and written to the audit record. */
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("ocli.request_id");
    /** The MDC key (JSON logs: {@code mdc.requestId}; the text format prints it). */
    public static final String MDC_REQUEST_ID = "requestId";

    private RequestCorrelation() {
    }

    public static void mark(String requestId) {
        MDC.put(MDC_REQUEST_ID, requestId);
        Span.current().setAttribute(REQUEST_ID, requestId);
    }
}
