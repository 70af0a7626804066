package org.opencli.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.instance.ProcessIdentity;

/** Leases lapse by time (a clock the test moves), live while their owner process runs, end on close. */
class LeaseTableTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    /** The time the table sees; tests move it forward (no sleeping). */
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final LeaseTable table = new LeaseTable(() -> now);
    private Process owner;

    private void advance(Duration d) {
        now = now.plus(d);
    }

    @AfterEach
    void endOwner() throws InterruptedException {
        if (owner != null) {
            owner.destroyForcibly();
            owner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLeaseWithoutOwnerLapsesAWindowAfterItsLastHeartbeat() {
        assertThat(table.everHeld()).isFalse();
        LeaseTable.Lease lease = table.heartbeat("term-a", null);
        assertThat(lease.expiresAt(WINDOW)).isEqualTo(now.plus(WINDOW));
        assertThat(table.everHeld()).isTrue();

        advance(WINDOW.minusSeconds(1));
        assertThat(table.lapse(WINDOW)).isEmpty();
        table.heartbeat("term-a", null); // renewed
        advance(WINDOW.minusSeconds(1));
        assertThat(table.lapse(WINDOW)).isEmpty();
        assertThat(table.active()).isEqualTo(1);

        advance(Duration.ofSeconds(1));
        assertThat(table.lapse(WINDOW)).singleElement().satisfies(ended -> {
            assertThat(ended.sessionId()).isEqualTo("term-a");
            assertThat(ended.reason()).isEqualTo(LeaseTable.Ended.MISSED_HEARTBEATS);
        });
        assertThat(table.active()).isZero();
        assertThat(table.lapse(WINDOW)).as("reported once").isEmpty();
    }

    @Test
    void aRequestWithTheSessionRenewsAKnownLeaseOnly() {
        table.heartbeat("term-a", null);
        advance(WINDOW.minusSeconds(1));
        assertThat(table.renew("term-a")).isTrue();
        assertThat(table.renew("term-unknown")).isFalse();
        advance(WINDOW.minusSeconds(1));
        assertThat(table.lapse(WINDOW)).isEmpty();
        assertThat(table.active()).as("renewing never creates a lease").isEqualTo(1);
    }

    @Test
    void aLeaseLivesWhileItsOwnerProcessRunsAndEndsOnceItIsGone() throws Exception {
        owner = new ProcessBuilder("sleep", "300").start();
        table.heartbeat("term-owned", ProcessIdentity.of(owner.toHandle()));
        table.heartbeat("term-free", null);

        advance(WINDOW.multipliedBy(3));
        assertThat(table.lapse(WINDOW)).extracting(LeaseTable.Ended::sessionId).containsExactly("term-free");
        assertThat(table.active()).as("the owner still runs").isEqualTo(1);

        owner.destroy();
        assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(table.lapse(WINDOW)).singleElement().satisfies(ended -> {
            assertThat(ended.sessionId()).isEqualTo("term-owned");
            assertThat(ended.reason()).isEqualTo(LeaseTable.Ended.OWNER_EXITED);
            assertThat(ended.detail()).contains(String.valueOf(owner.pid()));
        });
        assertThat(table.active()).isZero();
    }

    @Test
    void anOwnerWhosePidNowNamesAnotherProcessHoldsNothing() throws Exception {
        owner = new ProcessBuilder("sleep", "300").start();
        String otherStart = Instant.parse(ProcessIdentity.of(owner.toHandle()).startedAt()).minusSeconds(5).toString();
        LeaseTable.Lease lease = table.heartbeat("term-a", new ProcessIdentity(owner.pid(), otherStart));
        assertThat(lease.owner()).as("not the recorded process: not kept").isNull();
        advance(WINDOW);
        assertThat(table.lapse(WINDOW)).extracting(LeaseTable.Ended::reason).containsExactly(LeaseTable.Ended.MISSED_HEARTBEATS);
    }

    @Test
    void anOwnerThatEndedRightAfterItsHeartbeatKeepsTheLeaseForTheWindow() throws Exception {
        owner = new ProcessBuilder("sleep", "300").start();
        table.heartbeat("term-a", ProcessIdentity.of(owner.toHandle()));
        owner.destroy();
        assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(table.lapse(WINDOW)).isEmpty();
        advance(WINDOW);
        assertThat(table.lapse(WINDOW)).extracting(LeaseTable.Ended::reason).containsExactly(LeaseTable.Ended.OWNER_EXITED);
    }

    @Test
    void aFullTableRefusesNewSessionsButRenewsKnownOnes() {
        LeaseTable small = new LeaseTable(() -> now, 2);
        small.heartbeat("a", null);
        small.heartbeat("b", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.heartbeat("c", null)).isInstanceOf(LeaseTable.Full.class);
        assertThat(small.heartbeat("a", null).sessionId()).isEqualTo("a");
        small.close("b");
        assertThat(small.heartbeat("c", null).sessionId()).isEqualTo("c");
    }

    @Test
    void closeEndsTheLeaseAtOnce() {
        table.heartbeat("term-a", null);
        table.heartbeat("term-b", null);
        assertThat(table.close("term-a")).isTrue();
        assertThat(table.close("term-a")).as("already closed").isFalse();
        assertThat(table.active()).isEqualTo(1);
        advance(WINDOW);
        assertThat(table.lapse(WINDOW)).extracting(LeaseTable.Ended::sessionId).containsExactly("term-b");
    }

    @Test
    void concurrentHeartbeatsAndRenewalsKeepOneLeasePerSession() throws Exception {
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int n = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    table.heartbeat("s-" + (i % 10), null);
                    table.renew("s-" + ((i + n) % 10));
                    if (i % 7 == 0) table.close("s-" + (i % 10));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) thread.join();
        int active = table.active();
        assertThat(active).isBetween(1, 10);
        advance(WINDOW);
        assertThat(table.lapse(WINDOW)).extracting(LeaseTable.Ended::sessionId).hasSize(active).doesNotHaveDuplicates();
        assertThat(table.active()).isZero();
    }
}
