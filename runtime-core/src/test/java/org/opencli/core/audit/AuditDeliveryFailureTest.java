package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.lines;
import static org.opencli.core.audit.AuditTesting.record;
import static org.opencli.core.audit.AuditTesting.until;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.syslog.Rsyslogd;
import org.opencli.core.audit.syslog.SyslogAuditExporter;
import org.opencli.core.audit.syslog.SyslogSettings;

/** Exporters and subscribers that fail for real: counted per source, logged at a bounded rate, the store unaffected. */
class AuditDeliveryFailureTest {
    private static final Logger LOG = Logger.getLogger(AuditDeliveryFailures.class.getName());
    private final List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        LOG.removeHandler(capture);
    }

    @Test
    void refusedExportsAreCountedPerExporterAndLoggedOnceWithinTheInterval() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        LineFileExporter refused = new LineFileExporter(notADirectory.resolve("exported.jsonl"));
        LineFileExporter working = new LineFileExporter(dir.resolve("exported.jsonl"));
        SyslogAuditExporter closed = new SyslogAuditExporter(
                SyslogSettings.of("127.0.0.1", Rsyslogd.freePort(), dir.resolve("syslog-backlog")));
        closed.close(); // a closed exporter refuses every record
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "i",
                Clock.systemUTC(), List.of(refused, closed, working))) {
            for (int i = 1; i <= 20; i++) await(log.append(record(i)));
            until("every export was tried", () -> Files.exists(dir.resolve("exported.jsonl"))
                    && lines(dir.resolve("exported.jsonl")).size() == 20);
            until("both failures counted", () -> log.deliveryFailures().values().stream().mapToLong(Long::longValue).sum() == 40);

            assertThat(log.healthy()).isTrue();
            assertThat(log.deliveryFailures()).containsOnly(java.util.Map.entry("file exporter exported.jsonl", 20L),
                    java.util.Map.entry(closed.name(), 20L));
            assertThat(closed.name()).startsWith("syslog exporter 127.0.0.1:");
            assertThat(lines(dir.resolve("exported.jsonl"))).isEqualTo(lines(dir.resolve("audit.log")));
            assertThat(logged).as("the first failure of each, nothing more inside the interval").hasSize(2);
            assertThat(logged).anySatisfy(l -> assertThat(l).contains("file exporter exported.jsonl failed")
                    .contains("cannot append to"));
            assertThat(logged).anySatisfy(l -> assertThat(l).contains(closed.name() + " failed")
                    .contains("the exporter is closed"));
            assertThat(logged).noneMatch(l -> l.contains("svc:tool")); // never a record's content
        }
    }

    @Test
    void aSubscriberWhoseExecutorIsGoneIsCountedAndTheOthersStillGetTheirRecords() throws Exception {
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdown();
        ExecutorService alive = Executors.newSingleThreadExecutor();
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "i",
                Clock.systemUTC(), List.of());
             AuditSubscription dead = log.feed().subscribe(AuditFilter.all(), 0, 8, gone);
             AuditSubscription live = log.feed().subscribe(AuditFilter.all(), 0, 8, alive)) {
            var waitingDead = dead.next(); // waits: its record is handed to an executor that refuses
            var waitingLive = live.next();
            await(log.append(record(1)));
            assertThat(waitingLive.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).seq())
                    .isEqualTo(1);
            until("the subscriber's failure counted", () -> log.deliveryFailures().containsKey("feed subscriber #1"));
            assertThat(log.deliveryFailures()).containsExactly(java.util.Map.entry("feed subscriber #1", 1L));
            assertThat(waitingDead.toCompletableFuture()).isNotDone();
            assertThat(log.feed().subscriberCount()).isEqualTo(1);
            assertThat(log.healthy()).isTrue();
        } finally {
            alive.shutdown();
        }
    }
}
