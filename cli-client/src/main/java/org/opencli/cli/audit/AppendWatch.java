package org.opencli.cli.audit;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for another process to append to (or rotate) the audit files of a directory, with a
 * {@link WatchService} (inotify on Linux). Until the directory exists — no record written yet — its
 * nearest existing ancestor is watched instead, so its creation wakes the waiter too.
 */
final class AppendWatch implements AutoCloseable {
    private final Path dir;
    private final WatchService service;
    private WatchKey key;
    private Path watched;

    private AppendWatch(Path dir, WatchService service) {
        this.dir = dir;
        this.service = service;
    }

    static AppendWatch on(Path dir) throws IOException {
        AppendWatch watch = new AppendWatch(dir.toAbsolutePath(), dir.getFileSystem().newWatchService());
        watch.register();
        return watch;
    }

    /** Returns after a change or {@code maxMillis}, whichever is first; false when interrupted or closed. */
    boolean await(long maxMillis) {
        try {
            WatchKey changed = service.poll(maxMillis, TimeUnit.MILLISECONDS);
            if (changed != null) {
                changed.pollEvents();
                changed.reset();
            }
            if (!dir.equals(watched)) register(); // the directory may exist now
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        } catch (IOException e) {
            return true; // not watchable right now: the caller looks again after maxMillis
        }
    }

    /** Watches the directory, or its nearest existing ancestor while it does not exist. */
    private void register() throws IOException {
        Path target = dir;
        while (target != null && !Files.isDirectory(target)) target = target.getParent();
        if (target == null || target.equals(watched)) return;
        if (key != null) key.cancel();
        key = target.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watched = target;
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
