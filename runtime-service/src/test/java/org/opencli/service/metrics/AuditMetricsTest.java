package org.opencli.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.audit.syslog.SyslogAuditExporter;
import org.opencli.core.audit.syslog.SyslogSettings;

/**
 * The audit store's figures as scraped: records written, forces timed, queue drained, an exporter's
 * failures counted under its name, and a syslog exporter whose receiver is down holding the
 * records in its backlog.
 */
class AuditMetricsTest {
    private static final int RECORDS = 5;

    @Test
    void theStoresFiguresAreReadAtScrape(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort(); // nobody listens once closed: the receiver is down
        }
        SyslogAuditExporter syslog = new SyslogAuditExporter(SyslogSettings.of("127.0.0.1", closedPort,
                Files.createDirectories(dir.resolve("backlog"))));
        AuditExporter broken = new AuditExporter() {
            @Override
            public void export(AuditRecord committed, String line) {
                throw new IllegalStateException("the SIEM is gone");
            }

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void close() {
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "metrics-test",
                Clock.systemUTC(), List.of(syslog, broken))) {
            AuditMetrics.bind(registry, log);
            for (int i = 0; i < RECORDS; i++) {
                log.append(AuditRecord.event(Clock.systemUTC().instant().toString(), "test_event")).toCompletableFuture()
                        .get();
            }

            assertThat(registry.get("ocli.audit.records.written").functionCounter().count()).isEqualTo(RECORDS);
            assertThat(registry.get("ocli.audit.force.duration").timer().count()).isBetween(1L, (long) RECORDS);
            assertThat(registry.get("ocli.audit.healthy").gauge().value()).isEqualTo(1);
            assertThat(registry.get("ocli.audit.queue.depth").gauge().value()).isZero();
            assertThat(registry.get("ocli.audit.exporter.failures").tag("exporter", "broken").functionCounter().count())
                    .isEqualTo(RECORDS);
            assertThat(registry.get("ocli.audit.exporter.failures").tag("exporter", "feed").functionCounter().count()).isZero();
            String syslogName = syslog.name();
            assertThat(registry.get("ocli.audit.syslog.connected").tag("exporter", syslogName).gauge().value()).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    registry.get("ocli.audit.syslog.backlog.records").tag("exporter", syslogName).gauge().value())
                    .isEqualTo(RECORDS));
            assertThat(registry.get("ocli.audit.syslog.backlog.bytes").tag("exporter", syslogName).gauge().value()).isPositive();
        }
    }
}
