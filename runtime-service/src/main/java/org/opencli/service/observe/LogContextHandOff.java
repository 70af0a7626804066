package org.opencli.service.observe;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import org.jboss.logging.MDC;
import org.opencli.core.observe.HandOff;

/**
 * A request's log context follows the work the engine hands to its own threads (a cold catalog build,
 * secret resolution, a retry; {@code core.observe.HandOff}): the {@code requestId} MDC entry and the
 * current OpenTelemetry context, whose span Quarkus writes into the MDC as {@code traceId}/
 * {@code spanId} while it is current. Quarkus' MDC lives on the request's Vert.x context; the engine's
 * threads are plain ones, where it is a thread-local map: each task puts what it carries and leaves
 * the thread as it found it, so nothing leaks to the next task. Captured on the handing-off thread
 * only when there is something to carry (a request's thread); otherwise the task runs as given.
 */
@Singleton
public class LogContextHandOff implements HandOff {
    @Override
    public Runnable carrying(Runnable task) {
        Object requestId = MDC.get(RequestCorrelation.MDC_REQUEST_ID);
        Context trace = Context.current();
        if (requestId == null && trace == Context.root()) return task;
        return () -> run(task, requestId, trace);
    }

    private static void run(Runnable task, Object requestId, Context trace) {
        Object before = MDC.get(RequestCorrelation.MDC_REQUEST_ID);
        if (requestId != null) MDC.put(RequestCorrelation.MDC_REQUEST_ID, requestId);
        else MDC.remove(RequestCorrelation.MDC_REQUEST_ID);
        try (Scope ignored = trace.makeCurrent()) {
            task.run();
        } finally {
            if (before == null) MDC.remove(RequestCorrelation.MDC_REQUEST_ID);
            else MDC.put(RequestCorrelation.MDC_REQUEST_ID, before);
        }
    }
}
