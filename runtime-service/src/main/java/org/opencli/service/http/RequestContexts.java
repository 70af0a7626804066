package org.opencli.service.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/** The request's own Vert.x context as an {@link Executor}, so an answer completes where its request runs. */
public final class RequestContexts {
    private RequestContexts() {
    }

    /** Runs tasks on the calling thread's Vert.x context; null off any context (the engine then completes in place). */
    public static Executor executor() {
        Context context = Vertx.currentContext();
        return context == null ? null : task -> context.runOnContext(ignored -> task.run());
    }
}
