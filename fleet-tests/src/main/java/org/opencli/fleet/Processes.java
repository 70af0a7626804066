package org.opencli.fleet;

import java.util.concurrent.TimeUnit;

/** Ending processes politely, then firmly, always waiting for them to be gone. */
public final class Processes {
    private Processes() {
    }

    public static void stop(Process process) {
        if (!process.isAlive()) return;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
