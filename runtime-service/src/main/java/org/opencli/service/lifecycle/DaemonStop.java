package org.opencli.service.lifecycle;

import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Ends the daemon the way SIGTERM does: Quarkus stops the application, {@code ShutdownDrain} drains
 * running executions, the registry entry is removed and the audit store closed. Asked once; later
 * requests find it under way.
 */
@ApplicationScoped
public class DaemonStop {
    private static final Logger LOG = Logger.getLogger(DaemonStop.class);
    private final AtomicBoolean requested = new AtomicBoolean();

    /** Starts the graceful stop; {@code why} goes to the daemon's log. */
    public void stop(String why) {
        if (!requested.compareAndSet(false, true)) return;
        LOG.infof("stopping: %s", why);
        Quarkus.asyncExit(0);
    }

    public boolean requested() {
        return requested.get();
    }
}
