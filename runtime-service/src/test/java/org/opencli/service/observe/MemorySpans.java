package org.opencli.service.observe;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;

/** The spans the daemon finished, in memory: an exporter beside the daemon's own (enabled by {@link TracingProfile} only). */
@Alternative
@Singleton
public class MemorySpans implements SpanExporter {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    public List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        return spans.export(batch);
    }

    @Override
    public CompletableResultCode flush() {
        return spans.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess(); // kept readable until the JVM ends
    }
}
