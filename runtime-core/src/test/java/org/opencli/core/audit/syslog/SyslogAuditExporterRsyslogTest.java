package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.json.Json;

/**
 * The syslog exporter against Debian's real rsyslogd, started by each test with its own config
 * (imtcp on an ephemeral port, TLS via gtls with a certificate made here) and stopped in finally.
 */
class SyslogAuditExporterRsyslogTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TIMESTAMP = "2026-11-29T08:50:27.123Z";

    @TempDir
    Path tmp;

    @Test
    void deliversRfc5424MessagesInOrderAndFlushesOnClose() throws Exception {
        try (Rsyslogd rsyslog = Rsyslogd.plain(Files.createDirectories(tmp.resolve("rsyslog"))).start()) {
            SyslogSettings settings = settings(rsyslog.port()).withAppName("oclird-test");
            List<AuditRecord> records;
            try (SyslogAuditExporter exporter = new SyslogAuditExporter(settings)) {
                awaitConnected(exporter);
                records = LongStream.rangeClosed(1, 30)
                        .mapToObj(i -> record(i, List.of("allow", "deny", "error").get((int) (i % 3)),
                                "tool-\"q]\\b-café-" + i))
                        .toList();
                records.forEach(r -> exporter.export(r, Json.write(r)));
            } // close() ships what is still queued within its bound

            List<String> lines = rsyslog.awaitCount(30, WAIT);
            assertThat(lines).hasSize(30);
            for (int i = 0; i < 30; i++) {
                AuditRecord r = records.get(i);
                ReceivedMessage m = ReceivedMessage.parse(lines.get(i));
                int severity = r.decision().equals("allow") ? 6 : 4;
                assertThat(m.pri()).isEqualTo(13 * 8 + severity);
                assertThat(m.version()).isEqualTo("1");
                assertThat(m.timestamp()).isEqualTo("2026-11-29T08:50:27.123000Z");
                assertThat(m.hostname()).isNotBlank();
                assertThat(m.appName()).isEqualTo("oclird-test");
                assertThat(m.procId()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
                assertThat(m.msgId()).isEqualTo("tool_execution");
                assertThat(m.structuredData()).isEqualTo("[ocli@32473 seq=\"" + (i + 1) + "\" decision=\""
                        + r.decision() + "\" toolId=\"tool-\\\"q\\]\\\\b-café-" + (i + 1) + "\"]");
                assertThat(m.params()).containsEntry("toolId", r.toolId()).doesNotContainKey("dropped");
                assertThat(m.msg()).isEqualTo(Json.write(r));
            }
        }
    }

    @Test
    void receiverDownRecordsGoToBacklogWithoutBlockingAndArriveInOrderAfterRestart() throws Exception {
        try (Rsyslogd rsyslog = Rsyslogd.plain(Files.createDirectories(tmp.resolve("rsyslog"))).start();
             SyslogAuditExporter exporter = new SyslogAuditExporter(settings(rsyslog.port()))) {
            awaitConnected(exporter);
            exportRange(exporter, 1, 5);
            rsyslog.awaitCount(5, WAIT);

            rsyslog.stop();
            Polling.await(() -> !exporter.status().connected(), WAIT, "the exporter to notice rsyslog stopped");
            long start = System.nanoTime();
            long slowest = 0;
            for (long seq = 6; seq <= 10_005; seq++) {
                long t0 = System.nanoTime();
                AuditRecord r = record(seq, "allow", "t");
                exporter.export(r, Json.write(r));
                slowest = Math.max(slowest, System.nanoTime() - t0);
            }
            long total = System.nanoTime() - start;
            // generous bounds (CI shares its cores); the point is that no export waits on the network:
            // the slowest one is a caller spilling the full queue to disk
            assertThat(Duration.ofNanos(total)).as("10,000 exports while the receiver is down")
                    .isLessThan(Duration.ofSeconds(15));
            assertThat(Duration.ofNanos(slowest)).as("slowest single export").isLessThan(Duration.ofSeconds(2));
            Polling.await(() -> exporter.status().queued() == 0 && exporter.status().backlogRecords() == 10_000,
                    WAIT, "all 10,000 records in the on-disk backlog");
            assertThat(segmentFiles(tmp.resolve("backlog"))).isNotEmpty();

            rsyslog.start(); // same port
            List<String> lines = rsyslog.awaitCount(10_005, WAIT);
            assertThat(lines.stream().map(ReceivedMessage::parse).map(ReceivedMessage::seq))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 10_005).boxed().toList());
            Polling.await(() -> exporter.status().backlogRecords() == 0, WAIT, "the backlog to be emptied");
        }
    }

    @Test
    void backlogBoundDropsOldestAndReportsDroppedCountInNextMessage() throws Exception {
        Rsyslogd rsyslog = Rsyslogd.plain(Files.createDirectories(tmp.resolve("rsyslog"))); // not started yet
        long maxBytes = 32 * 1024;
        Path backlogDir = tmp.resolve("backlog");
        try (rsyslog;
             SyslogAuditExporter exporter = new SyslogAuditExporter(
                     settings(rsyslog.port()).withBacklogMaxBytes(maxBytes).withQueueCapacity(8))) {
            exportRange(exporter, 1, 1000);
            Polling.await(() -> exporter.status().queued() == 0, WAIT, "the queue to spill to disk");
            SyslogAuditExporter.Status status = exporter.status();
            assertThat(status.unreportedDropped()).isPositive();
            assertThat(status.backlogRecords() + status.unreportedDropped()).isEqualTo(1000);
            assertThat(status.backlogBytes()).isLessThanOrEqualTo(maxBytes);
            long onDisk = 0;
            for (Path segment : segmentFiles(backlogDir)) onDisk += Files.size(segment);
            assertThat(onDisk).isEqualTo(status.backlogBytes()).isLessThanOrEqualTo(maxBytes);

            rsyslog.start();
            long kept = status.backlogRecords();
            List<ReceivedMessage> received = rsyslog.awaitCount((int) kept, WAIT).stream()
                    .map(ReceivedMessage::parse).toList();
            // the newest records survive, in order; the first message tells how many were dropped
            assertThat(received.stream().map(ReceivedMessage::seq))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1000 - kept + 1, 1000).boxed().toList());
            assertThat(received.get(0).params()).containsEntry("dropped", Long.toString(1000 - kept));
            assertThat(received.subList(1, received.size())).allSatisfy(m -> assertThat(m.params()).doesNotContainKey("dropped"));
            Polling.await(() -> exporter.status().unreportedDropped() == 0, WAIT, "the dropped count to be reported");
        }
    }

    @Test
    void backlogSurvivesExporterRestart() throws Exception {
        Rsyslogd rsyslog = Rsyslogd.plain(Files.createDirectories(tmp.resolve("rsyslog"))); // down at first
        try (rsyslog) {
            SyslogSettings settings = settings(rsyslog.port()).withCloseTimeout(Duration.ofMillis(500));
            SyslogAuditExporter first = new SyslogAuditExporter(settings);
            exportRange(first, 1, 100);
            long t0 = System.nanoTime();
            first.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("close() while the receiver is down")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(segmentFiles(tmp.resolve("backlog"))).isNotEmpty();

            rsyslog.start();
            try (SyslogAuditExporter second = new SyslogAuditExporter(settings)) {
                rsyslog.awaitCount(100, WAIT);
                exportRange(second, 101, 105);
                List<String> lines = rsyslog.awaitCount(105, WAIT);
                assertThat(lines.stream().map(ReceivedMessage::parse).map(ReceivedMessage::seq))
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 105).boxed().toList());
            }
        }
    }

    @Test
    void backlogDirectoryIsOwnedByOneExporter() {
        try (SyslogAuditExporter first = new SyslogAuditExporter(settings(Rsyslogd.freePort()))) {
            assertThatThrownBy(() -> new SyslogAuditExporter(settings(Rsyslogd.freePort())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another exporter");
        }
    }

    @Test
    void tlsToRsyslogWithSelfSignedCertificate() throws Exception {
        Path pki = Files.createDirectories(tmp.resolve("pki"));
        selfSignedCertificate(pki);
        Path trustStore = trustStore(pki.resolve("cert.pem"), pki.resolve("trust.p12"), "test-pass");
        try (Rsyslogd rsyslog = Rsyslogd.withTls(Files.createDirectories(tmp.resolve("rsyslog")),
                pki.resolve("cert.pem"), pki.resolve("key.pem")).start();
             SyslogAuditExporter exporter = new SyslogAuditExporter(
                     settings(rsyslog.tlsPort()).withTls(trustStore, "test-pass"))) {
            awaitConnected(exporter);
            exportRange(exporter, 1, 20);
            List<String> lines = rsyslog.awaitCount(20, WAIT);
            for (int i = 0; i < 20; i++) {
                ReceivedMessage m = ReceivedMessage.parse(lines.get(i));
                assertThat(m.seq()).isEqualTo(i + 1);
                AuditRecord r = record(i + 1, "allow", "t");
                assertThat(m.msg()).isEqualTo(Json.write(r));
            }
        }
    }

    @Test
    void tlsFailsClosedWhenTheCertificateIsNotTrusted() throws Exception {
        Path pki = Files.createDirectories(tmp.resolve("pki"));
        selfSignedCertificate(pki);
        try (Rsyslogd rsyslog = Rsyslogd.withTls(Files.createDirectories(tmp.resolve("rsyslog")),
                pki.resolve("cert.pem"), pki.resolve("key.pem")).start();
             SyslogAuditExporter exporter = new SyslogAuditExporter(
                     settings(rsyslog.tlsPort()).withTls(null, null))) { // JVM default trust store
            exportRange(exporter, 1, 5);
            Polling.await(() -> exporter.status().queued() == 0 && exporter.status().backlogRecords() == 5, WAIT,
                    "the records to wait in the backlog");
            assertThat(exporter.status().connected()).isFalse();
            assertThat(rsyslog.lines()).isEmpty();
        }
    }

    private SyslogSettings settings(int port) {
        return SyslogSettings.of("127.0.0.1", port, tmp.resolve("backlog")).withMaxBackoff(Duration.ofMillis(200));
    }

    private static AuditRecord record(long seq, String decision, String toolId) {
        return AuditRecord.event(TIMESTAMP, AuditRecord.TOOL_EXECUTION)
                .withCaller("alice", "cli", "s1", "req-" + seq)
                .withTool("default", toolId, "svc")
                .withDecision(decision, decision.equals("allow") ? "ok" : "policy_deny", null)
                .withChain(seq, "0".repeat(64));
    }

    private static void exportRange(SyslogAuditExporter exporter, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            AuditRecord r = record(seq, "allow", "t");
            exporter.export(r, Json.write(r));
        }
    }

    private static void awaitConnected(SyslogAuditExporter exporter) {
        Polling.await(() -> exporter.status().connected(), WAIT, "the exporter to connect");
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("segment-.*\\.jsonl")).toList();
        }
    }

    private static void selfSignedCertificate(Path dir) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
            assertThat(p.exitValue()).as("openssl: " + Files.readString(dir.resolve("openssl.out"))).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path trustStore(Path certPem, Path target, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certPem)) {
            store.setCertificateEntry("rsyslog", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            store.store(out, password.toCharArray());
        }
        return target;
    }
}
