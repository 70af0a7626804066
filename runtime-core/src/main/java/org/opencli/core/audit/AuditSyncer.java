package org.opencli.core.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The second half of the writer's pipeline: while the writer stamps, hashes and writes the next
 * group, this thread forces the file for the groups already written ({@code batch}; {@code none}
 * skips the force) and only then commits them: feed, appenders' stages (in seq order),
 * exporters. Groups that queued up while it was busy share one force (a force covers every byte
 * written before it). After a failed force every group handed over fails until the writer
 * has reopened the file ({@link #reset}). Feed and exporter failures are counted and logged at a
 * bounded rate ({@link AuditDeliveryFailures}), never passed on.
 */
final class AuditSyncer implements Runnable {
    private static final int IN_FLIGHT = 4;

    private final BlockingQueue<AuditGroup> handoff = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final boolean force;
    private final AuditHealth health;
    private final AuditFeed feed;
    private final List<AuditExporter> exporters;
    private final AuditDeliveryFailures failures;
    private final String live;
    private long handed; // writer thread only
    private long done; // guarded by this
    private boolean failed; // guarded by this
    private volatile boolean stopping;
    /** Observability for tests and benches: how often the file was forced, and the newest seq a force covered. */
    private volatile long forces;
    private volatile long forcedThroughSeq;
    private volatile LongConsumer forceObserver;
    /** For metrics: each force's duration in nanoseconds. */
    private volatile LongConsumer forceLatency;
    /** Records committed (durable per the mode) since the store opened. */
    private final java.util.concurrent.atomic.LongAdder committed = new java.util.concurrent.atomic.LongAdder();

    AuditSyncer(boolean force, AuditHealth health, AuditFeed feed, List<AuditExporter> exporters,
                AuditDeliveryFailures failures, String live) {
        this.force = force;
        this.health = health;
        this.feed = feed;
        this.exporters = exporters;
        this.failures = failures;
        this.live = live;
    }

    /** Writer thread: hands a written group over; blocks while {@value #IN_FLIGHT} groups wait (backpressure). */
    void submit(AuditGroup group) throws InterruptedException {
        handed++;
        handoff.put(group);
    }

    /** Writer thread: waits until every group handed over is committed or failed (before rotating, closing, reopening). */
    synchronized void awaitIdle() throws InterruptedException {
        while (done < handed) wait(100);
    }

    /** Writer thread, after a successful reopen: groups are forced again. */
    synchronized void reset() {
        failed = false;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<AuditGroup> groups = new ArrayList<>();
        try {
            while (true) {
                AuditGroup first = handoff.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) break;
                    continue;
                }
                groups.clear();
                groups.add(first);
                handoff.drainTo(groups);
                sync(groups);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            groups.clear();
            handoff.drainTo(groups);
            for (AuditGroup g : groups) fail(g, null);
            finished(groups.size());
        }
    }

    private void sync(List<AuditGroup> groups) {
        boolean refused;
        synchronized (this) {
            refused = failed;
        }
        Exception cause = null;
        if (!refused) {
            try {
                if (force) {
                    long began = System.nanoTime();
                    FileChannel forced = null;
                    for (AuditGroup g : groups) { // one channel unless the writer rotated in between (it waits for us first)
                        if (g.channel != forced) {
                            forced = g.channel;
                            forced.force(false);
                        }
                    }
                    forced(groups.get(groups.size() - 1).lastSeq(), System.nanoTime() - began);
                }
            } catch (IOException | RuntimeException e) {
                health.down("cannot write " + live + ": " + e);
                synchronized (this) {
                    failed = true;
                }
                refused = true;
                cause = e;
            }
        }
        for (AuditGroup g : groups) {
            if (refused) fail(g, cause);
            else commit(g);
        }
        finished(groups.size());
    }

    private synchronized void finished(int count) {
        done += count;
        notifyAll();
    }

    void forced(long throughSeq, long nanos) {
        forces++;
        LongConsumer latency = forceLatency;
        if (latency != null) latency.accept(nanos);
        forcedThroughSeq = throughSeq;
        LongConsumer observer = forceObserver;
        if (observer != null) observer.accept(throughSeq);
    }

    /** For benches: told the seq each force covered through, right after the force. */
    void observeForces(LongConsumer observer) {
        forceObserver = observer;
    }

    /** For metrics: told each force's duration in nanoseconds, right after it. */
    void observeForceLatency(LongConsumer nanos) {
        forceLatency = nanos;
    }

    long committedRecords() {
        return committed.sum();
    }

    long forces() {
        return forces;
    }

    long forcedThroughSeq() {
        return forcedThroughSeq;
    }

    /** The group is durable (per the mode): feed first (a caller that saw its stage can query its record), stages, exporters. */
    void commit(AuditGroup g) {
        try {
            feed.publish(g.lastSeq(), g::records);
        } catch (RuntimeException e) {
            failures.record("feed", e); // a subscriber's failure never affects the local record
        }
        committed.add(g.pending.size());
        for (AuditWriter.Pending p : g.pending) p.done().complete(null);
        if (exporters.isEmpty()) return;
        List<AuditRecord> records = g.records();
        for (int i = 0; i < records.size(); i++) {
            String line = g.line(i);
            for (AuditExporter exporter : exporters) {
                try {
                    exporter.export(records.get(i), line);
                } catch (RuntimeException e) {
                    failures.record(exporter.name(), e); // never affects the local record
                }
            }
        }
    }

    void fail(AuditGroup g, Exception cause) {
        AuditWriter.fail(g.pending, live, health, cause);
    }
}
