package org.opencli.core.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The thread that owns the live file. It drains the queue in groups, appends each record's seq and
 * {@code prevHash} to the bytes its appender already rendered and hashed, finishes each line's hash
 * and writes the group with one write, then hands it to the {@link AuditSyncer}, which forces it and
 * only then completes the appenders' stages, publishes to the feed and hands lines to exporters;
 * meanwhile this thread prepares and writes the next group. It alone opens, rotates and closes the
 * file, while the syncer is idle. {@code always} forces and commits each record here. On an I/O
 * failure it fails the group, marks the store unhealthy and retries opening periodically.
 */
final class AuditWriter implements Runnable {
    /**
     * A queued record (chain fields not set; the store's instance id applies when it names none), its
     * rendered body (instance id included), the hash of the line so far (used once, by the writer; null:
     * hash the whole line) and the stage its appender waits on.
     */
    record Pending(AuditRecord record, String instanceId, byte[] body, MessageDigest prehash, CompletableFuture<Void> done) {
        /** Renders and hashes on the caller's thread: the writer only appends the chain fields and finishes the hash. */
        static Pending of(AuditRecord record, String instanceId) {
            AuditRecord r = record.seq() != null || record.prevHash() != null ? record.withoutChain() : record;
            byte[] body = AuditLineCodec.body(r, instanceId);
            return new Pending(r, instanceId, body, AuditLineCodec.prehash(body), new CompletableFuture<>());
        }

        /** The record as written, without its chain fields: instance id stamped (copied only when asked for). */
        AuditRecord stamped() {
            return record.instanceId() == null && instanceId != null ? record.withInstanceId(instanceId) : record;
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
    /** Takes the trail's writer lock if this store does not hold it yet; fails while another writer does. */
    private final TrailOwnership ownership;

    /** How the writer makes sure it is the trail's only writer before it touches the file. */
    @FunctionalInterface
    interface TrailOwnership {
        boolean ensure() throws IOException;
    }

    private FileChannel channel;
    private long lastSeq;
    private byte[] lastHash;
    private long liveFirstSeq;
    private Instant liveFirstTime;
    private long liveBytes;
    private long lastOpenAttempt;
    /** Bytes per line of the last group written, with some room: the next group's buffer size. */
    private int lineBytesEstimate = 640;
    private volatile boolean stopping;

    AuditWriter(Path live, AuditSettings settings, Clock clock, String instanceId, AuditQueue queue,
                AuditHealth health, AuditFeed feed, List<AuditExporter> exporters, AuditDeliveryFailures failures,
                AuditRotation rotation, TrailOwnership ownership) {
        this.ownership = ownership;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
        this.queue = queue;
        this.health = health;
        this.rotation = rotation;
        this.syncer = new AuditSyncer(settings.fsync() == FsyncMode.BATCH, health, feed, exporters, failures,
                live.toString());
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
            if (!ownership.ensure()) throw new IOException("another process writes this audit trail");
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
     * than one record arrived together) the writer lingers up to batchMaxDelayMs after it took the
     * group's first record to let the group grow; a lone record is written at once.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long lingerFrom = System.nanoTime(); // here, not per append: a clock read per record costs appenders
        int max = Math.max(1, settings.batchMaxRecords());
        queue.drainTo(batch, max);
        if (settings.fsync() != FsyncMode.BATCH || batch.size() == 1) return;
        // one wake-up when the group is full or the delay is over, not one per arriving record
        queue.drainTo(batch, max, lingerFrom + TimeUnit.MILLISECONDS.toNanos(settings.batchMaxDelayMs()));
    }

    /**
     * Stamps and writes the group's lines and hands them to the syncer, which forces them
     * ({@code batch}, {@code none}); in {@code always} each line is written, forced and committed here
     * before the next one. A rotation due inside the group splits it: the part for the old file is
     * handed over and synced before the file is rotated.
     */
    private void write(List<Pending> batch) throws InterruptedException {
        boolean always = settings.fsync() == FsyncMode.ALWAYS;
        int from = 0; // first record not yet handed over or committed
        long firstSeq = lastSeq + 1;
        // lines go straight into the group's one write buffer: no per-line array, no second copy
        GroupBytes group = new GroupBytes(batch.size(), estimate(batch.size()));
        try {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                long seq = lastSeq + 1;
                int size = AuditLineCodec.lineLength(p.body(), seq, lastHash) + 1;
                if (rotation.due(liveBytes, size, liveFirstTime)) {
                    if (i > from) {
                        handOver(group.toGroup(batch.subList(from, i), firstSeq, channel));
                        group = new GroupBytes(batch.size() - i, estimate(batch.size() - i));
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
                int start = group.size();
                group.append(codec, p.body(), seq, lastHash, size);
                lastSeq = seq;
                lastHash = p.prehash() == null ? codec.hash(group.buffer(), start, size - 1)
                        : codec.finish(p.prehash(), group.buffer(), start, size - 1, AuditLineCodec.prefixLength(p.body()));
                if (always) {
                    AuditGroup one = group.toGroup(batch.subList(i, i + 1), seq, channel);
                    while (one.bytes.hasRemaining()) channel.write(one.bytes);
                    long began = System.nanoTime();
                    channel.force(false);
                    syncer.forced(seq, System.nanoTime() - began);
                    syncer.commit(one);
                    group = new GroupBytes(1, size);
                    from = i + 1;
                    firstSeq = seq + 1;
                }
            }
            if (group.lines() > 0) lineBytesEstimate = group.size() / group.lines() + 64;
            if (from < batch.size()) {
                handOver(group.toGroup(batch.subList(from, batch.size()), firstSeq, channel));
                from = batch.size();
            }
        } catch (IOException | RuntimeException e) {
            down(e);
            fail(batch.subList(from, batch.size()), live.toString(), health, e);
            syncer.awaitIdle(); // groups already handed over: the syncer forces and commits (or fails) them
            closeChannel();
            return;
        }
    }

    /**
     * Writes the group, then hands it to the syncer to force and commit. Writing here lets the next
     * group's write overlap the previous group's force; a force covers everything written before it
     * began, so the syncer still completes no stage before the force that covers it.
     */
    private void handOver(AuditGroup group) throws IOException, InterruptedException {
        while (group.bytes.hasRemaining()) channel.write(group.bytes);
        syncer.submit(group);
    }

    /**
     * Room for {@code lines} lines at the size of the last group's lines (the buffer grows if that is
     * short): sized without reading every queued record, which the producers wrote on other cores.
     */
    private int estimate(int lines) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (long) lines * lineBytesEstimate);
    }

    int queueDepth() {
        return queue.size();
    }

    long committedRecords() {
        return syncer.committedRecords();
    }

    void observeForceLatency(LongConsumer nanos) {
        syncer.observeForceLatency(nanos);
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
