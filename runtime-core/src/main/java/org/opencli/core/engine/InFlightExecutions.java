package org.opencli.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteResult;

/**
 * The executions under way, so a stopping runtime loses none: {@link #drain} refuses new ones
 * ({@code shutting_down}), waits up to a bound for those running, and cuts off the rest — each of
 * those gets its audit record right then ({@code shutdown_cut_off}: it may have reached the
 * upstream) and its caller an answer. Exactly one record per execution: whichever of the execution
 * and the drain {@linkplain Call#claim claims} it first writes it.
 */
final class InFlightExecutions {
    /** How long the records of cut-off executions may take to become durable. */
    private static final Duration RECORD_WAIT = Duration.ofSeconds(10);

    /** One admitted execution: its trail, where its answer goes, and who writes its record. */
    static final class Call {
        private final AuditTrail trail;
        private final boolean dryRun;
        private final Executor resume;
        private final CompletableFuture<ExecuteResult> answer = new Answer(this);
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile CompletableFuture<?> sending;

        private Call(AuditTrail trail, boolean dryRun, Executor resume) {
            this.trail = trail;
            this.dryRun = dryRun;
            this.resume = resume;
        }

        /** True for the first caller only: that one writes the execution's record. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        CompletableFuture<ExecuteResult> answer() {
            return answer;
        }

        /** The caller cancelled its answer (it went away): nothing more is sent, and what is under way is given up. */
        boolean cancelled() {
            return cancelled;
        }

        /**
         * The send step under way (an MCP {@code tools/call}), cancelled when the caller goes away. Each
         * side writes its field before it reads the other's, so one of them cancels it.
         */
        void sending(CompletableFuture<?> step) {
            sending = step;
            if (cancelled) step.cancel(true);
        }

        private void cancel() {
            cancelled = true;
            CompletableFuture<?> step = sending;
            if (step != null) step.cancel(true);
        }
    }

    /** An answer whose cancellation (the HTTP layer's, when the client disconnects) reaches its execution. */
    private static final class Answer extends CompletableFuture<ExecuteResult> {
        private final Call call;

        Answer(Call call) {
            this.call = call;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) call.cancel();
            return cancelled;
        }
    }

    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();
    private volatile boolean draining;

    /** Registers an execution; null once the runtime is stopping (refuse it with {@link #refusal()}). */
    Call admit(AuditTrail trail, boolean dryRun, Executor resume) {
        Call call = new Call(trail, dryRun, resume);
        running.add(call);
        if (draining) { // checked after adding, so a drain either sees this call or this call sees the drain
            running.remove(call);
            return null;
        }
        return call;
    }

    /** The execution has its record and its answer. */
    void finished(Call call) {
        running.remove(call);
        if (!draining) return; // no one waits: the hot path takes no lock (a drain looks at the set after it set the flag)
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    static OcliException refusal() {
        return new OcliException(ErrorKind.UNAVAILABLE, "shutting_down", "Runtime shutting down",
                "this runtime is stopping and takes no new executions; retry when it (or another) is running");
    }

    /** The record of an execution whose caller went away before its answer: nothing was sent, or the send was given up. */
    static OcliException callerCancelled() {
        return new OcliException(ErrorKind.BAD_REQUEST, "caller_cancelled", "Cancelled by the caller",
                "the caller went away before the answer; what was under way was cancelled (an MCP server was told)");
    }

    static OcliException cutOff(Duration grace) {
        return new OcliException(ErrorKind.UNAVAILABLE, "shutdown_cut_off", "Cut off by shutdown",
                "this runtime stopped before the call finished (it waited " + grace.toMillis() + " ms); the call may have"
                        + " reached the upstream, and its audit record says it was cut off");
    }

    /**
     * Stops admitting, waits up to {@code grace} for running executions, then records and answers
     * each one still running as cut off. Returns how many were cut off. Safe to call more than once.
     */
    int drain(Duration grace, AuditSink audit) {
        draining = true;
        awaitIdle(System.nanoTime() + Math.max(0, grace.toNanos()));
        OcliException error = cutOff(grace);
        List<CompletableFuture<Void>> records = new ArrayList<>();
        List<Call> cut = new ArrayList<>();
        for (Call call : List.copyOf(running)) {
            if (!call.claim()) continue; // its own record is being written: it finishes by itself
            cut.add(call);
            records.add(audit.append(call.trail.record(error, call.dryRun)).toCompletableFuture()
                    .exceptionally(failure -> null));
        }
        try {
            CompletableFuture.allOf(records.toArray(CompletableFuture[]::new)).get(RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // answered regardless; a record that could not be written is the store's own failure, logged there
        }
        for (Call call : cut) {
            try {
                call.resume.execute(() -> call.answer.completeExceptionally(error));
            } catch (RuntimeException rejected) {
                call.answer.completeExceptionally(error);
            }
            finished(call);
        }
        // executions that were writing their own record when the time ran out: let them land
        awaitIdle(System.nanoTime() + RECORD_WAIT.toNanos());
        return cut.size();
    }

    private void awaitIdle(long deadline) {
        synchronized (changed) {
            long left;
            while (!running.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
