package org.opencli.core.audit;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One feed subscriber: replays matching records from the files (after its start seq, up to the seq
 * committed when it subscribed), then hands out live ones from a bounded buffer. When the buffer is
 * full, newer records are dropped and summarised by a single gap event placed after the buffered
 * ones; records arriving after the buffer drains follow the gap. The writer only ever calls
 * {@link #offer}, which never blocks.
 */
public final class AuditSubscription implements AutoCloseable {
    private final long id;
    private final AuditFilter filter;
    private final long replayAfter;
    private final long replayUpTo;
    private final int capacity;
    private final AuditQuery query;
    private final Executor deliverOn;
    private final Consumer<AuditSubscription> onClose;
    private final ArrayDeque<AuditFeedEvent> buffer = new ArrayDeque<>();
    private AuditScan replay;
    private boolean replayDone;
    private CompletableFuture<AuditFeedEvent> waiting;
    private volatile boolean closed;

    AuditSubscription(long id, AuditFilter filter, long afterSeq, long replayUpTo, int capacity, AuditQuery query,
                      Executor deliverOn, Consumer<AuditSubscription> onClose) {
        this.id = id;
        this.filter = filter;
        this.replayAfter = afterSeq;
        this.replayUpTo = replayUpTo;
        this.capacity = Math.max(1, capacity);
        this.query = query;
        this.deliverOn = deliverOn;
        this.onClose = onClose;
        this.replayDone = afterSeq >= replayUpTo;
    }

    /**
     * The next event: completes immediately when one is ready, else when the next matching record
     * is committed. Replayed records are read from the files on the calling thread (call it off any
     * event loop). One outstanding call at a time.
     */
    public CompletionStage<AuditFeedEvent> next() {
        if (!replayDone) {
            if (replay == null) replay = query.scan(filter, replayAfter, replayUpTo);
            if (replay.hasNext()) return CompletableFuture.completedFuture(AuditFeedEvent.of(replay.next()));
            replay.close();
            replayDone = true;
        }
        synchronized (buffer) {
            AuditFeedEvent ready = buffer.pollFirst();
            if (ready != null) return CompletableFuture.completedFuture(ready);
            waiting = new CompletableFuture<>();
            return waiting;
        }
    }

    /** Which subscription this is (1 for the store's first), for counting its failures. */
    long id() {
        return id;
    }

    /** Called by the writer (under the feed's publishing lock): never blocks, never reads files. */
    void offer(AuditRecord record) {
        if (closed || record.seq() <= replayUpTo || !filter.matches(record)) return;
        CompletableFuture<AuditFeedEvent> wake;
        AuditFeedEvent event = AuditFeedEvent.of(record);
        synchronized (buffer) {
            if (waiting != null) {
                wake = waiting;
                waiting = null;
            } else {
                wake = null;
                if (buffer.size() >= capacity) {
                    AuditFeedEvent tail = buffer.peekLast();
                    if (tail != null && tail.isGap()) {
                        buffer.pollLast();
                        buffer.addLast(AuditFeedEvent.gap(tail.fromSeq(), record.seq()));
                    } else {
                        buffer.addLast(AuditFeedEvent.gap(record.seq(), record.seq()));
                    }
                } else {
                    buffer.addLast(event);
                }
            }
        }
        if (wake == null) return;
        try {
            deliverOn.execute(() -> wake.complete(event));
        } catch (RuntimeException rejected) { // its executor is gone: so is the subscriber (the feed counts it)
            close();
            throw rejected;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.accept(this);
        if (replay != null) replay.close();
        synchronized (buffer) {
            // left incomplete: whoever waited has gone (failing it would surface as an error downstream)
            waiting = null;
            buffer.clear();
        }
    }
}
