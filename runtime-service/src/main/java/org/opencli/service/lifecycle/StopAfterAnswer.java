package org.opencli.service.lifecycle;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /v1/runtime/stop}: the answer goes out first, then the daemon drains and exits as on
 * SIGTERM. Exiting as soon as the answer was handed to the connection lost it on the way about one
 * time in three: the answer closes the connection, and the stop starts once it is closed (or, for a
 * client that keeps it open, {@value #GRACE_MILLIS} ms after the answer was written).
 */
@ApplicationScoped
public class StopAfterAnswer {
    /** How long after its answer a stop waits for a client that keeps the connection open. */
    static final long GRACE_MILLIS = 2000;

    @Inject
    CurrentVertxRequest request;

    @Inject
    DaemonStop stop;

    /** Arms the stop of the current request's answer; {@code reason} goes to the log. */
    public void arm(String reason) {
        RoutingContext rc = request.getCurrent();
        // Whichever comes first, the close or the grace timer, stops; the other finds it done.
        AtomicBoolean armed = new AtomicBoolean(true);
        Runnable stopNow = () -> {
            if (armed.getAndSet(false)) stop.stop(reason);
        };
        rc.request().connection().closeHandler(closed -> stopNow.run());
        rc.addEndHandler(ended -> rc.vertx().setTimer(GRACE_MILLIS, timer -> stopNow.run()));
    }
}
