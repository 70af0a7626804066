package org.opencli.core.instance;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process as the registry records it: pid plus its start instant (ISO-8601). A pid alone may
 * name another program once the recorded one has ended and the number was reused; the start instant
 * tells them apart. {@code startedAt} null: unknown (older records), the pid alone is trusted.
 */
public record ProcessIdentity(long pid, String startedAt) {
    /** How long an ended process gets to exit after {@code destroy()} before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** This JVM's process. */
    public static ProcessIdentity current() {
        return of(ProcessHandle.current());
    }

    /** The identity of a running process (its start instant when the platform reports one). */
    public static ProcessIdentity of(ProcessHandle handle) {
        return new ProcessIdentity(handle.pid(), handle.info().startInstant().map(Instant::toString).orElse(null));
    }

    /** The running process with this pid and start instant; empty when it ended or the pid is another program's now. */
    public Optional<ProcessHandle> find() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty() || startedAt == null) return handle;
        Instant recorded;
        try {
            recorded = Instant.parse(startedAt);
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a start instant we cannot read proves nothing: not this process
        }
        return handle.filter(h -> h.info().startInstant().map(recorded::equals).orElse(false));
    }

    public boolean alive() {
        return find().isPresent();
    }

    /**
     * Ends the process if it is still this one, and what it started (an {@code npx} or shell's server):
     * destroy, then destroyForcibly after {@link #GRACE}. A pid now naming another program is left alone.
     */
    public void end() {
        find().ifPresent(handle -> {
            java.util.List<ProcessHandle> descendants = handle.descendants().toList();
            descendants.forEach(ProcessHandle::destroy);
            handle.destroy();
            try {
                handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
    }
}
