package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.record;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live subscriptions: resume from a seq (files, then live), and a gap instead of backpressure. */
class AuditFeedTest {
    @TempDir
    Path dir;
    final ExecutorService deliver = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        deliver.shutdownNow();
    }

    private static AuditFeedEvent next(AuditSubscription s) throws Exception {
        return s.next().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void resumesFromASeqThroughTheFilesThenLive() throws Exception {
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"),
                AuditSettings.defaults().withRotation(1024, 0, false), "i", Clock.systemUTC())) {
            for (int i = 1; i <= 20; i++) await(log.append(record(i)));
            try (AuditSubscription s = log.feed().subscribe(AuditFilter.all(), 15, 100, deliver)) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 5; i++) seqs.add(next(s).seq());
                assertThat(seqs).containsExactly(16L, 17L, 18L, 19L, 20L);
                CompletableFuture<AuditFeedEvent> waiting = s.next().toCompletableFuture();
                assertThat(waiting).isNotDone();
                await(log.append(record(21)));
                assertThat(waiting.get(10, TimeUnit.SECONDS).record().seq()).isEqualTo(21L);
            }
            assertThat(log.feed().subscriberCount()).isZero();
            assertThat(log.feed().subscriptionsOpened()).as("opened subscriptions are counted, closed ones too").isEqualTo(1);
        }
    }

    @Test
    void aStalledSubscriberGetsOneGapWhileAppendsContinueUnblocked() throws Exception {
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "i",
                Clock.systemUTC())) {
            AuditFilter denies = new AuditFilter(null, null, null, "deny", null, null, null);
            try (AuditSubscription stalled = log.feed().subscribe(denies, 0, 5, deliver)) {
                // 200 appends complete while the subscriber reads nothing
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int i = 1; i <= 200; i++) stages.add(log.append(record(i)).toCompletableFuture());
                CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

                List<AuditFeedEvent> events = new ArrayList<>();
                for (int i = 0; i < 6; i++) events.add(next(stalled));
                assertThat(events.subList(0, 5)).extracting(e -> e.record().seq()).containsExactly(1L, 3L, 5L, 7L, 9L);
                AuditFeedEvent gap = events.get(5);
                assertThat(gap.isGap()).isTrue();
                assertThat(gap.fromSeq()).isEqualTo(11L);
                assertThat(gap.toSeq()).isEqualTo(199L);

                await(log.append(record(201)));
                assertThat(next(stalled).record().seq()).isEqualTo(201L);
            }
        }
    }
}
