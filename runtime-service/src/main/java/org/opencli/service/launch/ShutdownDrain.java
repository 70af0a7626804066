package org.opencli.service.launch;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.engine.OclirdSettings;

/**
 * Graceful stop on SIGTERM (docs/deployment.md). Quarkus first tells its shutdown listeners that
 * shutdown begins ({@link ShutdownDelayInitiatedEvent}) while the HTTP server still routes requests
 * (answering them with {@code Connection: close}); the engine is drained right there: new
 * executions get a 503 {@code shutting_down} problem, running ones get {@code --shutdown-timeout}
 * to finish, and the rest are recorded and answered as cut off. Only then does Quarkus wait for the
 * last responses to be written ({@code quarkus.shutdown.timeout}), fire {@link ShutdownEvent} and
 * close the engine and its audit store. The drain also runs first thing on {@link ShutdownEvent},
 * in case the earlier event was not delivered; the second call finds nothing left to do.
 */
@ApplicationScoped
public class ShutdownDrain {
    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    @Inject
    RuntimeEngine engine;

    @Inject
    OclirdSettings settings;

    void onShutdownBegins(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        drain();
    }

    private final java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();

    private void drain() {
        // said once, as the drain begins: from here new executions are refused (lane shutdown-under-load waits for it)
        if (announced.compareAndSet(false, true)) LOG.infof("shutdown: taking no new executions; running ones get %s", settings.shutdownTimeout());
        int cut = engine.drain(settings.shutdownTimeout());
        if (cut > 0) {
            LOG.warnf("shutdown: %d execution(s) still running after %s were cut off; each has its audit record", cut,
                    settings.shutdownTimeout());
        }
    }
}
