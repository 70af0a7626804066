package org.opencli.service.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.audit.syslog.SyslogAuditExporter;
import org.opencli.core.engine.RuntimeEngine;

/**
 * The audit store's state as metrics: gauges and counters read the store's own figures at scrape
 * time (nothing on the append path), the force latency is timed by the store's writer thread.
 */
@ApplicationScoped
public class AuditMetrics {
    /** fsync latency: from a fast SSD's page cache to a saturated network disk. */
    static final Duration[] FORCE_BUCKETS = {Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};
    /** The store counts feed subscribers' failures under this name (core.audit.AuditSyncer). */
    static final String FEED = "feed";

    @Inject
    MeterRegistry registry;

    @Inject
    RuntimeEngine engine;

    void start(@Observes StartupEvent started) {
        DurableAuditLog log;
        try {
            log = engine.auditLog();
        } catch (RuntimeException notDurable) {
            return; // another kind of sink: nothing to read
        }
        bind(registry, log);
    }

    static void bind(MeterRegistry registry, DurableAuditLog log) {
        Gauge.builder("ocli.audit.queue.depth", log, DurableAuditLog::queueDepth)
                .description("Audit records waiting for the writer").register(registry);
        Gauge.builder("ocli.audit.healthy", log, l -> l.healthy() ? 1 : 0)
                .description("1 while the audit store can write; 0 while executions are refused").register(registry);
        FunctionCounter.builder("ocli.audit.records.written", log, DurableAuditLog::recordsWritten)
                .description("Audit records committed (written, and forced per the fsync mode) since start").register(registry);
        Timer force = Timer.builder("ocli.audit.force.duration").description("Audit file forces (fsync)")
                .serviceLevelObjectives(FORCE_BUCKETS).minimumExpectedValue(FORCE_BUCKETS[0])
                .maximumExpectedValue(FORCE_BUCKETS[FORCE_BUCKETS.length - 1]).register(registry);
        log.observeForceLatency(nanos -> force.record(nanos, TimeUnit.NANOSECONDS));
        failures(registry, log, FEED);
        for (AuditExporter exporter : log.exporters()) {
            failures(registry, log, exporter.name());
            if (exporter instanceof SyslogAuditExporter syslog) {
                Gauge.builder("ocli.audit.syslog.backlog.records", syslog, s -> s.status().backlogRecords())
                        .description("Audit records in the syslog exporter's on-disk backlog").tag("exporter", exporter.name())
                        .register(registry);
                Gauge.builder("ocli.audit.syslog.backlog.bytes", syslog, s -> s.status().backlogBytes())
                        .description("Bytes of the syslog exporter's on-disk backlog").tag("exporter", exporter.name())
                        .register(registry);
                Gauge.builder("ocli.audit.syslog.connected", syslog, s -> s.status().connected() ? 1 : 0)
                        .description("1 while the syslog exporter is connected to its receiver").tag("exporter", exporter.name())
                        .register(registry);
            }
        }
    }

    private static void failures(MeterRegistry registry, DurableAuditLog log, String name) {
        FunctionCounter.builder("ocli.audit.exporter.failures", log, l -> l.deliveryFailures().getOrDefault(name, 0L))
                .description("Deliveries past the local record that failed (exporters; feed subscribers as \"feed\")")
                .tag("exporter", name).register(registry);
    }
}
