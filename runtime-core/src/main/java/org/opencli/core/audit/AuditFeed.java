package org.opencli.core.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Live subscriptions to committed records. The writer {@link #publish}es each record after it is
 * durable; every subscriber has its own bounded buffer, so a slow one loses records (and gets a
 * {@code gap} event) instead of slowing the writer.
 */
public final class AuditFeed {
    public static final int DEFAULT_BUFFER = 1024;

    private final AuditQuery query;
    private final AuditDeliveryFailures failures;
    private final List<AuditSubscription> subscribers = new CopyOnWriteArrayList<>();
    private final Object publishing = new Object();
    private volatile long committedSeq;
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();

    AuditFeed(AuditQuery query, AuditDeliveryFailures failures) {
        this.query = query;
        this.failures = failures;
    }

    /** The newest durable seq (0 before the first record). */
    public long committedSeq() {
        return committedSeq;
    }

    /**
     * Records matching {@code filter} with seq greater than {@code afterSeq}: first those already in the
     * files, then live ones. Events are handed out by {@link AuditSubscription#next()}, completed on
     * {@code deliverOn} (never on the writer thread).
     */
    public AuditSubscription subscribe(AuditFilter filter, long afterSeq, int bufferSize, Executor deliverOn) {
        synchronized (publishing) { // no record can slip between the replay's end and the live start
            long replayUpTo = committedSeq;
            AuditSubscription s = new AuditSubscription(opened.incrementAndGet(), filter == null ? AuditFilter.all()
                    : filter, afterSeq, replayUpTo, bufferSize, query, deliverOn, subscribers::remove);
            subscribers.add(s);
            return s;
        }
    }

    /**
     * How many subscriptions were ever opened. Unlike {@link #subscriberCount} it only grows, so "a new
     * stream subscribed" can be told apart from another one closing at the same moment.
     */
    public long subscriptionsOpened() {
        return opened.get();
    }

    /** How many subscribers are attached now. */
    public int subscriberCount() {
        return subscribers.size();
    }

    void committed(long seq) {
        synchronized (publishing) {
            committedSeq = seq;
        }
    }

    /**
     * A committed group: {@code records} (seq order, through {@code lastSeq}) are built only when someone
     * is subscribed, so a store nobody follows pays one lock per group and nothing per record.
     */
    void publish(long lastSeq, Supplier<List<AuditRecord>> records) {
        synchronized (publishing) {
            committedSeq = lastSeq;
            if (subscribers.isEmpty()) return;
            for (AuditRecord record : records.get()) {
                for (AuditSubscription s : subscribers) {
                    try {
                        s.offer(record);
                    } catch (RuntimeException e) { // one subscriber's failure reaches neither the others nor the writer
                        failures.record("feed subscriber #" + s.id(), e);
                    }
                }
            }
        }
    }
}
