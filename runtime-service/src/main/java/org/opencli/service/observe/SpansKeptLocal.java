package org.opencli.service.observe;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Export is off until an OTLP endpoint is configured. Quarkus would otherwise send spans to its
 * default {@code http://localhost:4317/}; while this exporter can be looked up, Quarkus installs no
 * OTLP exporter and the spans end here. The SDK still runs, so {@code traceparent} carries real trace
 * and span ids. Setting {@code quarkus.otel.exporter.otlp.traces.endpoint} (or the
 * {@code ...otlp.endpoint} it falls back to) to anything but that default hides it.
 */
@Singleton
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = SpansKeptLocal.QUARKUS_DEFAULT,
        lookupIfMissing = true)
public class SpansKeptLocal implements SpanExporter {
    /** Quarkus' default endpoint (OtlpExporterConfig.DEFAULT_GRPC_BASE_URI): what "nothing configured" resolves to. */
    static final String QUARKUS_DEFAULT = "http://localhost:4317/";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
