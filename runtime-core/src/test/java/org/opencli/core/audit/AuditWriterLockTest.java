package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.OcliException;

/** One writer per trail: a second store waits for the first (bounded), never writes beside it. */
class AuditWriterLockTest {
    @TempDir
    Path dir;

    private DurableAuditLog open(Path file, Duration wait) {
        return new DurableAuditLog(file, AuditSettings.defaults(), "inst", Clock.systemUTC(), List.of(), wait);
    }

    @Test
    void aSecondWriterTimesOutWithAClearErrorWhileTheFirstHoldsTheTrail() {
        Path file = dir.resolve("audit.log");
        try (DurableAuditLog first = open(file, Duration.ofSeconds(5))) {
            await(first.append(record(1)));
            long started = System.nanoTime();
            assertThatThrownBy(() -> open(file, Duration.ofMillis(300)))
                    .isInstanceOf(OcliException.class)
                    .satisfies(e -> {
                        OcliException o = (OcliException) e;
                        assertThat(o.code()).isEqualTo("audit_locked");
                        assertThat(o.kind().httpStatus()).isEqualTo(503);
                    })
                    .hasMessageContaining("instance inst")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("waited 0s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            await(first.append(record(2))); // the holder is unaffected by the failed attempt
        }
        assertThat(Files.exists(dir.resolve("audit.log.lock"))).isTrue();
        assertThat(AuditVerifier.verify(file).records()).isEqualTo(2);
    }

    @Test
    void aWaitingWriterContinuesTheChainOnceTheHolderCloses() throws Exception {
        Path file = dir.resolve("audit.log");
        DurableAuditLog first = open(file, Duration.ofSeconds(5));
        await(first.append(record(1)));
        CompletableFuture<DurableAuditLog> second = CompletableFuture.supplyAsync(() -> open(file, Duration.ofSeconds(20)));
        await(first.append(record(2)));
        assertThat(second).isNotDone();
        first.close();
        try (DurableAuditLog next = second.get(20, TimeUnit.SECONDS)) {
            await(next.append(record(3)));
        }
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.verified()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(3);
    }

    @Test
    void theWaitComesFromTheEnvironmentWithinBounds() {
        assertThat(AuditWriterLock.configuredWait(null)).isEqualTo(AuditWriterLock.DEFAULT_WAIT);
        assertThat(AuditWriterLock.configuredWait("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(AuditWriterLock.configuredWait("9999")).isEqualTo(Duration.ofSeconds(3600));
        assertThat(AuditWriterLock.configuredWait("-1")).isEqualTo(AuditWriterLock.DEFAULT_WAIT);
        assertThat(AuditWriterLock.configuredWait("ten")).isEqualTo(AuditWriterLock.DEFAULT_WAIT);
    }
}
