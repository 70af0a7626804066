package org.opencli.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opencli.core.json.Json;

/**
 * The single thread that owns the live file. It drains the queue in groups, stamps each record with
 * its seq, {@code prevHash} and instance id, writes the lines, forces per the fsync mode and only
 * then completes the appenders' stages, publishes to the feed and hands lines to exporters. On an
 * I/O failure it fails the group, marks the store unhealthy and retries opening periodically.
 */
final class AuditWriter implements Runnable {
    /** A queued record and the stage its appender waits on. */
    record Pending(AuditRecord record, CompletableFuture<Void> done, long queuedNanos) {
    }

    private record Written(Pending pending, AuditRecord record, String line) {
    }

    private final Path live;
    private final AuditSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final BlockingQueue<Pending> queue;
    private final AuditHealth health;
    private final AuditFeed feed;
    private final List<AuditExporter> exporters;
    private final AuditRotation rotation;

    private FileChannel channel;
    private long lastSeq;
    private String lastHash;
    private long liveFirstSeq;
    private Instant liveFirstTime;
    private long liveBytes;
    private long lastOpenAttempt;
    private volatile boolean stopping;
    /** Observability for tests and benches: how often the file was forced, and the newest seq a force covered. */
    private volatile long forces;
    private volatile long forcedThroughSeq;

    AuditWriter(Path live, AuditSettings settings, Clock clock, String instanceId, BlockingQueue<Pending> queue,
                AuditHealth health, AuditFeed feed, List<AuditExporter> exporters, AuditRotation rotation) {
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
        this.queue = queue;
        this.health = health;
        this.feed = feed;
        this.exporters = exporters;
        this.rotation = rotation;
    }

    void stop() {
        stopping = true;
    }

    /** Opens (or reopens) the live file: recovery, then an {@code audit_recovered} record if a torn tail was cut. */
    boolean open() {
        lastOpenAttempt = System.nanoTime();
        try {
            Path dir = live.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            channel = FileChannel.open(live, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            AuditRecovery.State state = AuditRecovery.recover(live, channel);
            lastSeq = state.lastSeq();
            lastHash = state.lastHash();
            liveFirstSeq = state.liveFirstSeq();
            liveFirstTime = state.liveFirstTime();
            liveBytes = state.liveBytes();
            channel.position(liveBytes);
            feed.committed(lastSeq);
            health.up();
            if (state.cutBytes() > 0) {
                AuditRecord recovered = AuditRecord.event(clock.instant().toString(), AuditRecord.AUDIT_RECOVERED)
                        .withDecision(null, "torn_tail_cut", null)
                        .withDetail("cut " + state.cutBytes() + " bytes of a torn last line at offset " + state.liveBytes()
                                + " of " + live.getFileName() + "; the chain continues from seq " + lastSeq);
                write(List.of(new Pending(recovered, new CompletableFuture<>(), System.nanoTime())));
            }
            return health.healthy();
        } catch (IOException | RuntimeException e) {
            down(e);
            closeChannel();
            return false;
        }
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>(settings.batchMaxRecords());
        try {
            while (true) {
                if (!health.healthy()) {
                    Pending refused = queue.poll(Math.max(1, settings.retryIntervalMs()), TimeUnit.MILLISECONDS);
                    if (refused != null) fail(List.of(refused), null);
                    if (stopping && queue.isEmpty()) break;
                    if (System.nanoTime() - lastOpenAttempt >= TimeUnit.MILLISECONDS.toNanos(settings.retryIntervalMs())) {
                        open();
                    }
                    continue;
                }
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) break;
                    continue;
                }
                batch.clear();
                batch.add(first);
                gather(batch);
                write(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeChannel();
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            fail(left, null);
        }
    }

    /**
     * Group commit: everything already queued joins the group (up to batchMaxRecords). Under load (more
     * than one record arrived together) the writer lingers up to batchMaxDelayMs after the first
     * record was queued to let the group grow; a lone record is written at once.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        int max = Math.max(1, settings.batchMaxRecords());
        if (settings.fsync() != FsyncMode.BATCH) {
            queue.drainTo(batch, max - 1);
            return;
        }
        queue.drainTo(batch, max - batch.size());
        if (batch.size() == 1) return;
        long deadline = batch.get(0).queuedNanos() + TimeUnit.MILLISECONDS.toNanos(settings.batchMaxDelayMs());
        while (batch.size() < max) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) break;
            Pending more = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (more == null) break;
            batch.add(more);
            queue.drainTo(batch, max - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        List<Written> unforced = new ArrayList<>(batch.size());
        int completed = 0;
        try {
            for (Pending p : batch) {
                AuditRecord r = p.record();
                if (r.instanceId() == null && instanceId != null) r = r.withInstanceId(instanceId);
                r = r.withChain(lastSeq + 1, lastHash);
                String line = Json.write(r);
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                if (rotation.due(liveBytes, bytes.length, liveFirstTime)) rotate();
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) channel.write(buf);
                if (liveBytes == 0) {
                    liveFirstSeq = r.seq();
                    liveFirstTime = clock.instant();
                }
                liveBytes += bytes.length;
                lastSeq = r.seq();
                lastHash = AuditChain.hash(line);
                Written w = new Written(p, r, line);
                if (settings.fsync() == FsyncMode.ALWAYS) {
                    force();
                    commit(w);
                    completed++;
                } else {
                    unforced.add(w);
                }
            }
            if (settings.fsync() == FsyncMode.BATCH && !unforced.isEmpty()) force();
            for (Written w : unforced) {
                commit(w);
                completed++;
            }
        } catch (IOException | RuntimeException e) {
            down(e);
            fail(batch.subList(completed, batch.size()), e);
            closeChannel();
        }
    }

    private void force() throws IOException {
        channel.force(false);
        forces++;
        forcedThroughSeq = lastSeq;
    }

    long forces() {
        return forces;
    }

    long forcedThroughSeq() {
        return forcedThroughSeq;
    }

    private void commit(Written w) {
        try {
            feed.publish(w.record()); // first, so a caller that saw its stage complete can query its record
        } catch (RuntimeException e) {
            // a subscriber's failure never affects the local record
        }
        w.pending().done().complete(null);
        for (AuditExporter exporter : exporters) {
            try {
                exporter.export(w.record(), w.line());
            } catch (RuntimeException e) {
                // an exporter's failure never affects the local record
            }
        }
    }

    /** Closes the live file as {@code audit.log.<first>-<last>} and starts a new one. */
    private void rotate() throws IOException {
        channel.force(true);
        channel.close();
        Path target = AuditFiles.rotatedName(live, liveFirstSeq, lastSeq);
        Files.move(live, target, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        liveBytes = 0;
        liveFirstSeq = -1;
        liveFirstTime = null;
        rotation.rotated(target);
    }

    private void down(Exception e) {
        health.down("cannot write " + live + ": " + e);
    }

    private void fail(List<Pending> pending, Exception cause) {
        for (Pending p : pending) {
            p.done().completeExceptionally(AuditHealth.unavailable("the audit record could not be written to " + live
                    + (health.problem() == null ? "" : " (" + health.problem() + ")"), cause));
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // already failing or stopping
        }
        channel = null;
    }
}
