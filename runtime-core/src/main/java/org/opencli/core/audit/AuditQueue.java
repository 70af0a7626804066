package org.opencli.core.audit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between appenders and the writer. Unlike a {@code BlockingQueue} it wakes the
 * writer only when what the writer waits for is there — the first record, or a full group while it
 * lingers — instead of on every record, so a busy store pays one wake-up per group, not per append.
 */
final class AuditQueue {
    private final int capacity;
    private final ArrayDeque<AuditWriter.Pending> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    /** How many queued records the waiting writer needs (0: it is not waiting). */
    private int wanted;

    AuditQueue(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** False when full (the append fails fast). */
    boolean offer(AuditWriter.Pending pending) {
        lock.lock();
        try {
            if (items.size() >= capacity) return false;
            items.addLast(pending);
            if (wanted > 0 && items.size() >= wanted) {
                wanted = 0;
                ready.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The oldest record, waiting up to {@code timeout} for one; null if none came. */
    AuditWriter.Pending poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            await(1, deadline);
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max - into.size()} records into {@code into}, first waiting until at least that
     * many are queued or {@code deadlineNanos} (System.nanoTime) has passed.
     */
    void drainTo(List<AuditWriter.Pending> into, int max, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            await(max - into.size(), deadlineNanos);
            while (into.size() < max && !items.isEmpty()) into.add(items.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Moves up to {@code max - into.size()} records into {@code into} without waiting. */
    void drainTo(List<AuditWriter.Pending> into, int max) {
        lock.lock();
        try {
            while (into.size() < max && !items.isEmpty()) into.add(items.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    private void await(int count, long deadlineNanos) throws InterruptedException {
        try {
            while (items.size() < count) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return;
                wanted = count;
                ready.awaitNanos(left);
            }
        } finally {
            wanted = 0;
        }
    }
}
