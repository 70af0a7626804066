package org.opencli.core.auth.client;

import java.time.Duration;

/** Waits between device-flow polls. A seam so tests can record the pauses instead of waiting them out. */
@FunctionalInterface
public interface Pacer {
    void pause(Duration duration) throws InterruptedException;

    static Pacer sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
