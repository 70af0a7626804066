package org.opencli.cli.audit;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for another process to append to (or rotate) the audit files of a directory: a
 * {@link WatchService} on the directory, or plain waiting when the directory cannot be watched.
 */
final class AppendWatch implements AutoCloseable {
    private final WatchService service; // null: not watchable, wait the full time

    private AppendWatch(WatchService service) {
        this.service = service;
    }

    static AppendWatch on(Path dir) {
        if (dir == null) return new AppendWatch(null);
        WatchService service = null;
        try {
            service = dir.getFileSystem().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return new AppendWatch(service);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(service);
            return new AppendWatch(null);
        }
    }

    /** Returns after a change in the directory or {@code maxMillis}, whichever is first; false when interrupted. */
    boolean await(long maxMillis) {
        try {
            if (service == null) {
                Thread.sleep(maxMillis); // nothing to be told by: look again after the fallback interval
                return true;
            }
            WatchKey key = service.poll(maxMillis, TimeUnit.MILLISECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(service);
    }

    private static void closeQuietly(WatchService service) {
        if (service == null) return;
        try {
            service.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
