package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.json.Json;

/**
 * A receiver that accepts the connection and then never reads (a hung SIEM collector): the
 * sender's writes block once the socket buffers are full, yet exports stay fast and close() still
 * returns within its bound, persisting everything not written to the socket.
 */
class SyslogAuditExporterStuckReceiverTest {
    private static final int RECORDS = 20_000;

    @TempDir
    Path tmp;

    @Test
    void exportsStayFastAndCloseIsBoundedWhenTheReceiverStopsReading() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> acceptor = CompletableFuture.runAsync(() -> {
                try {
                    while (!server.isClosed()) {
                        Socket s = server.accept(); // kept open, never read
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException e) {
                    // server closed at the end of the test
                }
            });
            SyslogSettings settings = SyslogSettings.of("127.0.0.1", server.getLocalPort(), tmp.resolve("backlog"))
                    .withCloseTimeout(Duration.ofMillis(500));
            SyslogAuditExporter exporter = new SyslogAuditExporter(settings);
            try {
                Polling.await(() -> exporter.status().connected(), Duration.ofSeconds(30), "a connection");
                long start = System.nanoTime();
                for (long seq = 1; seq <= RECORDS; seq++) {
                    AuditRecord r = AuditRecord.event("2026-11-29T08:50:27.123Z", AuditRecord.TOOL_EXECUTION)
                            .withTool("default", "tickets.create", "svc").withDecision("allow", "ok", null)
                            .withDetail("x".repeat(1000)).withChain(seq, "0".repeat(64));
                    exporter.export(r, Json.write(r));
                }
                // a blocking exporter would hang here for good once the socket buffers are full
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(RECORDS + " exports to a stuck receiver")
                        .isLessThan(Duration.ofSeconds(30));
                // the socket buffers hold a few MB at most: the sender is blocked writing and the rest spilled
                Polling.await(() -> exporter.status().backlogRecords() > 0, Duration.ofSeconds(30),
                        "records to spill to the backlog");
            } finally {
                long t0 = System.nanoTime();
                exporter.close();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("close() with a stuck receiver")
                        .isLessThan(Duration.ofSeconds(5));
                server.close();
                synchronized (accepted) {
                    for (Socket s : accepted) s.close();
                }
                acceptor.join();
            }
            // every record was either handed to the socket or is on disk for the next start
            SyslogAuditExporter.Status status = exporter.status();
            assertThat(status.sent() + status.backlogRecords() + status.queued()).isEqualTo(RECORDS);
            assertThat(status.queued()).isZero();
            assertThat(status.unreportedDropped()).isZero();
        }
    }
}
