package org.opencli.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.syslog.SyslogAuditExporter;
import org.opencli.core.audit.syslog.SyslogSettings;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;

/**
 * The readiness check's data counts exporter failures per exporter while the check stays UP (the
 * local record is unaffected): a real engine and store with a syslog exporter that refuses records.
 */
class AuditReadinessFailuresTest {
    @TempDir
    Path dir;

    @Test
    void exporterFailuresAreCountedInTheDataOfAnUpCheck() throws Exception {
        SyslogAuditExporter refusing = new SyslogAuditExporter(
                SyslogSettings.of("127.0.0.1", freePort(), dir.resolve("syslog-backlog")));
        refusing.close(); // closed: it refuses every record it is handed
        EngineSettings settings = new EngineSettings(null, false, "ready", dir.resolve("state"), dir.resolve("cache"),
                dir.resolve("audit.log"), "local", Clock.systemUTC());
        try (RuntimeEngine engine = RuntimeEngines.create(settings,
                ExecutionSetup.defaults().withAuditExporters(config -> List.of(refusing)))) {
            AuditReadinessCheck check = new AuditReadinessCheck();
            check.engine = engine;
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.audit().healthy());
            assertThat(check.call().getData()).isEmpty();

            for (int i = 0; i < 3; i++) {
                engine.audit().append(AuditRecord.event("2026-01-01T00:00:00Z", AuditRecord.TOOL_EXECUTION)
                        .withCaller("alice", null, null, "req-" + i)).toCompletableFuture().get();
            }
            String key = AuditReadinessCheck.FAILURES + refusing.name();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> check.call().getData().map(d -> d.get(key)).orElse(null), v -> Long.valueOf(3).equals(v));

            HealthCheckResponse response = check.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            Map<String, Object> data = response.getData().orElseThrow();
            assertThat(data).containsOnlyKeys(key);
            assertThat(key).startsWith("failures: syslog exporter 127.0.0.1:");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again: nothing listens there
        }
    }
}
