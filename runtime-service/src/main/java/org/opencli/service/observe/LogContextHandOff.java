package org.opencli.service.observe;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.inject.Singleton;
import org.opencli.core.observe.HandOff;

/**
 * A request's log context follows the work the engine hands to its own threads (a cold catalog build,
 * secret resolution, a retry; {@code core.observe.HandOff}). Quarkus keeps a request's MDC
 * ({@code requestId}, and {@code traceId}/{@code spanId} of its current span) and its OpenTelemetry
 * context on the request's own (duplicated) Vert.x context; the task runs with that context current
 * on the engine's thread, as Vert.x itself does for a blocking task, so its lines, its spans' parent
 * and an upstream call it starts (answered on that context) all belong to the request.
 * <p>
 * Nothing is copied into the thread's own MDC map: Quarkus' MDC falls back to an inheritable
 * thread-local off a Vert.x context, and every thread started meanwhile (a Netty event loop, a pool's
 * next worker) would inherit the request's ids for good. Off a request's context (a plain thread, an
 * event loop's own context) there is nothing to carry and the task runs as given.
 */
@Singleton
public class LogContextHandOff implements HandOff {
    @Override
    public Runnable carrying(Runnable task) {
        if (!(Vertx.currentContext() instanceof ContextInternal request) || !request.isDuplicate()) return task;
        return () -> {
            ContextInternal previous = request.beginDispatch();
            try {
                task.run();
            } finally {
                request.endDispatch(previous);
            }
        };
    }
}
