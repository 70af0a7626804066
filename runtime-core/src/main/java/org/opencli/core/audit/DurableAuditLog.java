package org.opencli.core.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The audit store: an append-only, hash-chained JSON-lines file per instance with rotation,
 * retention, crash recovery, queries, a live feed and push exporters (see docs/audit.md).
 * <p>
 * {@link #append} only queues: one writer thread owns the file, so callers (event loops included)
 * never touch the disk. The returned stage completes once the record is durable per
 * {@link FsyncMode}. While the store cannot write, every append fails fast with
 * {@code audit_unavailable} (executions are refused) and {@link #healthy()} is false; the writer
 * keeps retrying to open the file and recovers on its own.
 * <p>
 * One store writes a trail: it holds {@link AuditWriterLock} on {@code <file>.lock} from before it
 * reads the chain's end until {@link #close}; a second store for the same file, in this process or
 * another, waits for it up to a bound and then fails with {@code audit_locked}.
 */
public final class DurableAuditLog implements AuditSink {
    private final Path file;
    private final String instanceId;
    private final AuditHealth health = new AuditHealth();
    private final AuditDeliveryFailures deliveryFailures = new AuditDeliveryFailures();
    private final AuditQueue queue;
    private final AuditQuery query;
    private final AuditFeed feed;
    private final List<AuditExporter> exporters;
    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(r -> daemon(r, "ocli-audit-maintenance"));
    private final AuditWriter writer;
    private final Thread writerThread;
    /** Null while the lock file could not be opened (e.g. no directory yet): the writer takes it when it opens the file. */
    private volatile AuditWriterLock writerLock;
    private volatile boolean closed;

    public DurableAuditLog(Path file, AuditSettings settings, String instanceId, Clock clock, List<AuditExporter> exporters) {
        this(file, settings, instanceId, clock, exporters, AuditWriterLock.configuredWait(System.getenv(AuditWriterLock.ENV_WAIT)));
    }

    /**
     * @param lockWait how long to wait while another store writes this trail
     * @throws org.opencli.core.error.OcliException {@code audit_locked} when it still does after {@code lockWait}
     */
    public DurableAuditLog(Path file, AuditSettings settings, String instanceId, Clock clock, List<AuditExporter> exporters,
                           java.time.Duration lockWait) {
        this.file = file.toAbsolutePath().normalize();
        this.instanceId = instanceId;
        try {
            this.writerLock = AuditWriterLock.acquire(this.file, lockWait, instanceId);
        } catch (java.io.IOException unusableDirectory) {
            this.writerLock = null; // the store starts unhealthy below and keeps trying, lock first
        }
        this.queue = new AuditQueue(settings.queueCapacity());
        this.exporters = List.copyOf(exporters);
        this.query = new AuditQuery(this.file, this::committedSeq);
        this.feed = new AuditFeed(query, deliveryFailures);
        AuditRotation rotation = new AuditRotation(this.file, settings, clock, maintenance);
        this.writer = new AuditWriter(this.file, settings, clock, instanceId, queue, health, feed, this.exporters,
                deliveryFailures, rotation,
                this::holdsTrail);
        writer.open(); // on failure the store starts unhealthy and the writer keeps retrying
        this.writerThread = daemon(writer, "ocli-audit-writer");
        writerThread.start();
    }

    public DurableAuditLog(Path file, AuditSettings settings, String instanceId, Clock clock) {
        this(file, settings, instanceId, clock, List.of());
    }

    @Override
    public CompletionStage<Void> append(AuditRecord record) {
        if (closed) return CompletableFuture.failedFuture(AuditHealth.unavailable("the audit store is closed", null));
        if (!health.healthy()) {
            return CompletableFuture.failedFuture(AuditHealth.unavailable(
                    "the audit store cannot write (" + health.problem() + "); executions are refused until it recovers", null));
        }
        AuditWriter.Pending pending;
        try {
            pending = AuditWriter.Pending.of(record, instanceId); // rendered here, so the writer thread only stamps and writes
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(AuditHealth.unavailable("the audit record could not be serialised: " + e, e));
        }
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(AuditHealth.unavailable(
                    "the audit queue is full (" + queue.size() + " records waiting for the disk)", null));
        }
        return pending.done();
    }

    @Override
    public boolean healthy() {
        return health.healthy() && !closed;
    }

    /** Why the store cannot write (null while healthy). */
    public String problem() {
        return health.problem();
    }

    /** Exporter and feed-subscriber failures per source so far (the readiness check reports them). */
    public java.util.Map<String, Long> deliveryFailures() {
        return deliveryFailures.counts();
    }

    /** Records queued for the writer now (for metrics; bounded by the queue's capacity). */
    public int queueDepth() {
        return writer.queueDepth();
    }

    /** Records committed (written, and forced per the fsync mode) since the store opened. */
    public long recordsWritten() {
        return writer.committedRecords();
    }

    /**
     * For metrics: {@code nanos} is told each force's (fsync's) duration, on the thread that forced,
     * right after it; it must be cheap and must not throw. One observer; a later call replaces it.
     */
    public void observeForceLatency(LongConsumer nanos) {
        writer.observeForceLatency(nanos);
    }

    /** The push exporters (syslog, say), in configured order. */
    public List<AuditExporter> exporters() {
        return exporters;
    }

    /** The live file; rotated files sit next to it. */
    public Path file() {
        return file;
    }

    public AuditQuery query() {
        return query;
    }

    public AuditFeed feed() {
        return feed;
    }

    /** Walks the live file and its rotated siblings (see {@link AuditVerifier}). */
    public AuditVerification verify() {
        return AuditVerifier.verify(file);
    }

    /** How many times the live file was forced to disk (batch mode: once per group). */
    long forces() {
        return writer.forces();
    }

    /** The newest seq covered by a completed force. */
    long forcedThroughSeq() {
        return writer.forcedThroughSeq();
    }

    /** For benches: {@code observer} is told the seq each force covered through (group boundaries). */
    void observeForces(LongConsumer observer) {
        writer.observeForces(observer);
    }

    private long committedSeq() {
        return feed == null ? 0 : feed.committedSeq();
    }

    /** Writes what is queued, stops the writer and closes the exporters. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.stop();
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AuditExporter exporter : exporters) {
            try {
                exporter.close();
            } catch (RuntimeException ignored) {
                // closing: nothing more to do for it
            }
        }
        maintenance.shutdown();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AuditWriterLock lock = writerLock;
        if (lock != null && !writerThread.isAlive()) lock.close(); // a writer still running keeps the trail until its process ends
    }

    /** Whether this store holds the trail's writer lock, taking it now if it is free (never waits). */
    private synchronized boolean holdsTrail() throws java.io.IOException {
        if (writerLock == null) writerLock = AuditWriterLock.acquire(file, java.time.Duration.ZERO, instanceId);
        return true;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
