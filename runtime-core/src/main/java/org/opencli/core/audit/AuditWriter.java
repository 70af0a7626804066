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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The thread that owns the live file. It drains the queue in groups, splices each record's seq and
 * {@code prevHash} into the bytes its appender already rendered and hashes the lines, then hands the
 * group to the {@link AuditSyncer}, which writes it with one write, forces it and only then completes
 * the appenders' stages, publishes to the feed and hands lines to exporters; meanwhile this thread
 * prepares the next group. It alone opens, rotates and closes the file, while the syncer is idle. {@code always} forces and commits each record here. On an I/O failure it
 * fails the group, marks the store unhealthy and retries opening periodically.
 */
final class AuditWriter implements Runnable {
    /** A queued record (instance id stamped, chain fields not), its rendered body and the stage its appender waits on. */
    record Pending(AuditRecord record, byte[] body, CompletableFuture<Void> done, long queuedNanos) {
        /** Renders on the caller's thread: the writer only splices the chain fields in. */
        static Pending of(AuditRecord record, String instanceId) {
            AuditRecord r = record.instanceId() == null && instanceId != null ? record.withInstanceId(instanceId) : record;
            if (r.seq() != null || r.prevHash() != null) r = r.withoutChain();
            return new Pending(r, AuditLineCodec.body(r), new CompletableFuture<>(), System.nanoTime());
        }
    }

    private final Path live;
    private final AuditSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final AuditQueue queue;
    private final AuditHealth health;
    private final AuditFeed feed;
    private final AuditRotation rotation;
    private final AuditSyncer syncer;
    private final Thread syncThread;
    private final AuditLineCodec codec = new AuditLineCodec();

    private FileChannel channel;
    private long lastSeq;
    private byte[] lastHash;
    private long liveFirstSeq;
    private Instant liveFirstTime;
    private long liveBytes;
    private long lastOpenAttempt;
    private volatile boolean stopping;

    AuditWriter(Path live, AuditSettings settings, Clock clock, String instanceId, AuditQueue queue,
                AuditHealth health, AuditFeed feed, List<AuditExporter> exporters, AuditRotation rotation) {
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
        this.queue = queue;
        this.health = health;
        this.rotation = rotation;
        this.syncer = new AuditSyncer(settings.fsync() == FsyncMode.BATCH, health, feed, exporters, live.toString());
        this.syncThread = new Thread(syncer, "ocli-audit-sync");
        syncThread.setDaemon(true);
        syncThread.start();
        this.feed = feed;
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
            lastHash = state.lastHash().getBytes(StandardCharsets.US_ASCII);
            liveFirstSeq = state.liveFirstSeq();
            liveFirstTime = state.liveFirstTime();
            liveBytes = state.liveBytes();
            channel.position(liveBytes);
            feed.committed(lastSeq);
            syncer.reset();
            health.up();
            if (state.cutBytes() > 0) {
                AuditRecord recovered = AuditRecord.event(clock.instant().toString(), AuditRecord.AUDIT_RECOVERED)
                        .withDecision(null, "torn_tail_cut", null)
                        .withDetail("cut " + state.cutBytes() + " bytes of a torn last line at offset " + state.liveBytes()
                                + " of " + live.getFileName() + "; the chain continues from seq " + lastSeq);
                write(List.of(Pending.of(recovered, instanceId)));
            }
            return health.healthy();
        } catch (IOException | RuntimeException e) {
            down(e);
            closeChannel();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeChannel();
            return false;
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                if (!health.healthy()) {
                    if (channel != null) { // a force failed on the syncer: let it fail what it holds, then reopen
                        syncer.awaitIdle();
                        closeChannel();
                    }
                    Pending refused = queue.poll(Math.max(1, settings.retryIntervalMs()), TimeUnit.MILLISECONDS);
                    if (refused != null) fail(List.of(refused), live.toString(), health, null);
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
                List<Pending> batch = new ArrayList<>(Math.min(64, Math.max(1, settings.batchMaxRecords())));
                batch.add(first);
                gather(batch);
                write(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                syncer.awaitIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            syncer.stop();
            closeChannel();
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left, Integer.MAX_VALUE);
            fail(left, live.toString(), health, null);
        }
    }

    /**
     * Group commit: everything already queued joins the group (up to batchMaxRecords). Under load (more
     * than one record arrived together) the writer lingers up to batchMaxDelayMs after the first
     * record was queued to let the group grow; a lone record is written at once.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        int max = Math.max(1, settings.batchMaxRecords());
        queue.drainTo(batch, max);
        if (settings.fsync() != FsyncMode.BATCH || batch.size() == 1) return;
        // one wake-up when the group is full or the delay is over, not one per arriving record
        queue.drainTo(batch, max, batch.get(0).queuedNanos() + TimeUnit.MILLISECONDS.toNanos(settings.batchMaxDelayMs()));
    }

    /**
     * Stamps the group's lines and hands them to the syncer, which writes and forces them
     * ({@code batch}, {@code none}); in {@code always} each line is written, forced and committed here
     * before the next one. A rotation due inside the group splits it: the part for the old file is
     * handed over and synced before the file is rotated.
     */
    private void write(List<Pending> batch) throws InterruptedException {
        boolean always = settings.fsync() == FsyncMode.ALWAYS;
        int from = 0; // first record not yet handed over or committed
        long firstSeq = lastSeq + 1;
        byte[][] lines = new byte[batch.size()][];
        byte[][] prevHashes = new byte[batch.size()][];
        try {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                long seq = lastSeq + 1;
                byte[] line = codec.line(p.body(), seq, lastHash);
                int size = line.length + 1;
                if (rotation.due(liveBytes, size, liveFirstTime)) {
                    if (i > from) {
                        syncer.submit(group(batch, from, i, firstSeq, lines, prevHashes));
                        from = i;
                        firstSeq = seq;
                    }
                    syncer.awaitIdle(); // nothing in flight on the old file; its rotation force covers what was written
                    if (!health.healthy()) throw new IOException("the audit file failed before rotation: " + health.problem());
                    rotate();
                }
                if (liveBytes == 0) {
                    liveFirstSeq = seq;
                    liveFirstTime = clock.instant();
                }
                liveBytes += size;
                lines[i] = line;
                prevHashes[i] = lastHash;
                lastSeq = seq;
                lastHash = codec.hash(line);
                if (always) {
                    AuditGroup one = group(batch, i, i + 1, seq, lines, prevHashes);
                    while (one.bytes.hasRemaining()) channel.write(one.bytes);
                    channel.force(false);
                    syncer.forced(seq);
                    syncer.commit(one);
                    from = i + 1;
                    firstSeq = seq + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            down(e);
            fail(batch.subList(from, batch.size()), live.toString(), health, e);
            syncer.awaitIdle(); // groups already handed over: the syncer writes, forces and commits (or fails) them
            closeChannel();
            return;
        }
        if (from < batch.size()) syncer.submit(group(batch, from, batch.size(), firstSeq, lines, prevHashes));
    }

    /** Records {@code from..to} of the batch with their lines joined (newline-terminated) for one write. */
    private AuditGroup group(List<Pending> batch, int from, int to, long firstSeq, byte[][] lines, byte[][] prevHashes) {
        int size = 0;
        for (int i = from; i < to; i++) size += lines[i].length + 1;
        byte[] bytes = new byte[size];
        int p = 0;
        for (int i = from; i < to; i++) {
            System.arraycopy(lines[i], 0, bytes, p, lines[i].length);
            p += lines[i].length;
            bytes[p++] = '\n';
        }
        return new AuditGroup(batch.subList(from, to), firstSeq, Arrays.copyOfRange(lines, from, to),
                Arrays.copyOfRange(prevHashes, from, to), ByteBuffer.wrap(bytes), channel);
    }

    long forces() {
        return syncer.forces();
    }

    long forcedThroughSeq() {
        return syncer.forcedThroughSeq();
    }

    void observeForces(LongConsumer observer) {
        syncer.observeForces(observer);
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

    static void fail(List<Pending> pending, String live, AuditHealth health, Exception cause) {
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
