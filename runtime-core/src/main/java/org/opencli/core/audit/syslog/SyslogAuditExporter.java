package org.opencli.core.audit.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.AuditRecord;

/**
 * Ships committed audit records to a syslog receiver as RFC 5424 messages over TCP (RFC 6587
 * octet counting), optionally TLS (RFC 5425). {@link #export} never blocks: it offers to a
 * bounded queue and, when that is full, spills the queue and the record to the on-disk
 * {@link SyslogBacklog}. One sender thread owns the connection: while disconnected it moves
 * queued records to the backlog and reconnects with capped exponential backoff; once connected it
 * ships records the order they were exported: first any batch whose send failed, then the
 * backlog, then the queue. Message contents are never logged.
 */
public final class SyslogAuditExporter implements AuditExporter {
    private static final System.Logger LOG = System.getLogger(SyslogAuditExporter.class.getName());
    private static final int BATCH = 256;
    private static final long INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final SyslogSettings settings;
    private final SSLSocketFactory tls;
    private final String hostname;
    private final String procId;
    private final ArrayBlockingQueue<SyslogEntry> queue;
    /** Also the lock ordering the backlog against the queue: whoever moves records between them holds it. */
    private final SyslogBacklog backlog;
    /** Taken for sending but not yet confirmed written; only the sender touches it. */
    private final ArrayDeque<SyslogEntry> pending = new ArrayDeque<>();
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closing;
    /** Only the sender touches it. */
    private long backoff = INITIAL_BACKOFF_NANOS;
    private volatile SyslogConnection connection;

    /** A snapshot for readiness checks, metrics and tests. */
    public record Status(boolean connected, int queued, long backlogRecords, long backlogBytes,
            long unreportedDropped, long sent) {
    }

    public SyslogAuditExporter(SyslogSettings settings) {
        this.settings = settings;
        this.tls = settings.tls() ? socketFactory(settings) : null;
        this.hostname = localHostname();
        this.procId = Long.toString(ProcessHandle.current().pid());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.backlog = new SyslogBacklog(settings.backlogDir(), settings.backlogMaxBytes());
        this.sender = new Thread(this::run, "ocli-audit-syslog");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public String name() {
        return "syslog exporter " + settings.host() + ":" + settings.port();
    }

    /**
     * @throws IllegalStateException when closed or the record cannot be queued: the store counts and logs
     *         that at a bounded rate (the local record is durable already)
     */
    @Override
    public void export(AuditRecord committed, String line) {
        if (closing) throw new IllegalStateException("the exporter is closed; record seq=" + committed.seq() + " is not shipped");
        try {
            SyslogEntry entry = SyslogEntry.of(committed, line);
            if (!queue.offer(entry)) {
                // Full: everything queued goes to disk ahead of this record, so order is kept.
                synchronized (backlog) {
                    List<SyslogEntry> spill = new ArrayList<>(queue.size() + 1);
                    queue.drainTo(spill);
                    spill.add(entry);
                    backlog.append(spill);
                }
            }
            LockSupport.unpark(sender);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot queue record seq=" + committed.seq() + ": " + e, e);
        }
    }

    public Status status() {
        SyslogConnection c = connection;
        synchronized (backlog) {
            return new Status(c != null && !c.peerClosed(), queue.size(), backlog.records(), backlog.bytes(),
                    backlog.unreportedDropped(), sent.get());
        }
    }

    @Override
    public void close() {
        if (closing) return;
        closing = true;
        LockSupport.unpark(sender);
        long bound = settings.closeTimeout().toMillis() + 1_000;
        try {
            sender.join(bound);
            if (sender.isAlive()) {
                // stuck writing to a receiver that stopped reading: unblock it so it can persist
                SyslogConnection c = connection;
                if (c != null) c.close();
                sender.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        try {
            while (!closing) {
                SyslogConnection c = connection;
                if (c == null || c.peerClosed()) {
                    if (c != null) {
                        LOG.log(System.Logger.Level.WARNING, "audit syslog: connection to {0}:{1} lost; records go "
                                + "to the backlog until it is back", settings.host(), Integer.toString(settings.port()));
                    }
                    disconnect();
                    spillQueue();
                    try {
                        connection = SyslogConnection.open(settings.host(), settings.port(), tls);
                        LOG.log(System.Logger.Level.INFO, "audit syslog: connected to {0}:{1}", settings.host(),
                                Integer.toString(settings.port()));
                        warned = false;
                    } catch (IOException | RuntimeException e) {
                        if (!warned) {
                            LOG.log(System.Logger.Level.WARNING, "audit syslog: cannot reach {0}:{1} ({2}); "
                                    + "records go to the backlog in {3}", settings.host(),
                                    Integer.toString(settings.port()), e.toString(), settings.backlogDir());
                            warned = true;
                        }
                        backOff();
                    }
                    continue;
                }
                try {
                    if (!shipOnce()) {
                        if (connection == null) backOff(); // the send failed
                        else LockSupport.parkNanos(IDLE_PARK_NANOS);
                    }
                } catch (RuntimeException e) {
                    // e.g. the backlog could not be read: retry later rather than stop exporting
                    LOG.log(System.Logger.Level.ERROR, "audit syslog: shipping failed; retrying", e);
                    disconnect();
                    waitBeforeReconnect(settings.maxBackoff().toNanos());
                }
            }
            flushUntil(System.nanoTime() + settings.closeTimeout().toNanos());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "audit syslog sender failed; records stay in the backlog", e);
        } finally {
            persistAndStop();
        }
    }

    /** Ships one batch; false when there was nothing to ship or the send failed. */
    private boolean shipOnce() {
        List<SyslogEntry> batch;
        SyslogBacklog.Batch fromBacklog = null;
        long dropped;
        synchronized (backlog) {
            dropped = backlog.unreportedDropped();
            if (!pending.isEmpty()) {
                batch = new ArrayList<>(pending);
            } else if (!backlog.isEmpty()) {
                fromBacklog = backlog.read(BATCH);
                batch = fromBacklog == null ? List.of() : fromBacklog.entries();
            } else {
                queue.drainTo(pending, BATCH);
                batch = new ArrayList<>(pending);
            }
        }
        if (batch.isEmpty() && fromBacklog == null) return false;
        List<byte[]> frames = new ArrayList<>(batch.size());
        try {
            for (int i = 0; i < batch.size(); i++) {
                frames.add(Rfc5424.frame(Rfc5424.message(batch.get(i), hostname, settings.appName(), procId,
                        i == 0 ? dropped : 0)));
            }
            if (!frames.isEmpty()) connection.send(frames);
        } catch (IOException | RuntimeException e) {
            // not delivered: a backlog batch stays on disk, a queue batch stays in pending
            if (fromBacklog != null) {
                synchronized (backlog) {
                    backlog.release(fromBacklog);
                }
            }
            disconnect();
            return false;
        }
        synchronized (backlog) {
            if (fromBacklog != null) backlog.commit(fromBacklog);
            else pending.clear();
            if (!frames.isEmpty()) backlog.reported(dropped);
        }
        sent.addAndGet(batch.size());
        backoff = INITIAL_BACKOFF_NANOS; // the receiver takes records again
        return true;
    }

    private void flushUntil(long deadline) {
        SyslogConnection c = connection;
        if (c == null || c.peerClosed()) return;
        while (System.nanoTime() < deadline && shipOnce()) {
            // keep going while there is something to send and time left
        }
    }

    /** Whatever was not delivered goes to disk in export order: failed batch, (backlog,) queue. */
    private void persistAndStop() {
        disconnect();
        synchronized (backlog) {
            backlog.prepend(new ArrayList<>(pending));
            pending.clear();
            List<SyslogEntry> rest = new ArrayList<>();
            queue.drainTo(rest);
            backlog.append(rest);
            backlog.close();
        }
    }

    /**
     * Capped exponential backoff between connection attempts; it only resets once a batch was
     * written, so a receiver that accepts and then drops every connection is not hammered.
     */
    private void backOff() {
        waitBeforeReconnect(backoff);
        backoff = Math.min(backoff * 2, settings.maxBackoff().toNanos());
    }

    /** Sleeps {@code nanos} (cut short by close); records exported meanwhile move to disk at once. */
    private void waitBeforeReconnect(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !closing; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            spillQueue();
        }
    }

    private void spillQueue() {
        synchronized (backlog) {
            if (queue.isEmpty()) return;
            List<SyslogEntry> spill = new ArrayList<>(queue.size());
            queue.drainTo(spill);
            backlog.append(spill);
        }
    }

    private void disconnect() {
        SyslogConnection c = connection;
        connection = null;
        if (c != null) c.close();
    }

    private static SSLSocketFactory socketFactory(SyslogSettings settings) {
        if (settings.trustStorePath() == null) {
            try {
                return SSLContext.getDefault().getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with the JVM default trust store", e);
            }
        }
        char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(settings.trustStorePath())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file, never the password
            throw new IllegalArgumentException("invalid audit.syslog.trustStorePath " + settings.trustStorePath()
                    + ": expected a readable PKCS12 or JKS trust store (with its password), got "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Rfc5424.NIL;
        }
    }
}
