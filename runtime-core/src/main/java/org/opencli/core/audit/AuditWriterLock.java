package org.opencli.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * One writer per audit trail: an exclusive OS lock on {@code <audit file>.lock} beside the live file,
 * held by the store (a daemon's, or an embedded ocli's) from before it reads the chain's end until
 * it closes. A second would-be writer, in this process or another, waits up to a bound and then
 * fails with {@code audit_locked}: two writers would each continue the chain from the same seq and
 * one's records would overwrite the other's. The OS drops the lock when its process ends, so a
 * crashed writer never blocks the next one. The file holds the holder's pid, for the message only.
 */
final class AuditWriterLock implements AutoCloseable {
    /** How long a store waits for the trail when {@code OCLI_AUDIT_LOCK_WAIT} (seconds) does not say. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    static final String ENV_WAIT = "OCLI_AUDIT_LOCK_WAIT";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    /** Lock files this process holds (see {@link #acquire}). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Boolean> HELD_HERE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private AuditWriterLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path live) {
        return live.resolveSibling(live.getFileName() + ".lock");
    }

    /** The wait from {@code OCLI_AUDIT_LOCK_WAIT} (whole seconds, 0..3600), else {@link #DEFAULT_WAIT}. */
    static Duration configuredWait(String envValue) {
        if (envValue == null || !envValue.strip().matches("[0-9]{1,4}")) return DEFAULT_WAIT;
        return Duration.ofSeconds(Math.min(3600, Integer.parseInt(envValue.strip())));
    }

    /**
     * Takes the lock, waiting up to {@code wait} while another writer holds it (the holder cannot
     * notify a waiter in another process, so the lock is tried again every 25 ms).
     *
     * @throws OcliException {@code audit_locked} (503) when the wait ran out
     * @throws IOException when the lock file cannot be opened or locked (the store is then unhealthy and tries again)
     */
    static AuditWriterLock acquire(Path live, Duration wait, String instanceId) throws IOException {
        Path file = lockFile(live).toAbsolutePath().normalize();
        long deadline = System.nanoTime() + wait.toNanos();
        // In this process first: POSIX locks belong to the process, and closing any channel on the file
        // would drop the holder's lock, so a second store here never opens the file while one holds it.
        while (HELD_HERE.putIfAbsent(file, Boolean.TRUE) != null) {
            if (!pause(deadline)) throw locked(live, instanceId, wait, String.valueOf(ProcessHandle.current().pid()));
        }
        FileChannel channel;
        try {
            Path dir = file.getParent();
            if (dir != null) Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(file);
            throw e;
        }
        try {
            do {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    writePid(channel);
                    return new AuditWriterLock(file, channel, lock);
                }
            } while (pause(deadline));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            throw e;
        }
        String holder = holder(channel);
        closeQuietly(channel);
        HELD_HERE.remove(file);
        throw locked(live, instanceId, wait, holder);
    }

    /** Waits a little; false once the deadline passed or the thread was interrupted. */
    private static boolean pause(long deadline) {
        if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) return false;
        LockSupport.parkNanos(POLL_NANOS);
        return true;
    }

    private static OcliException locked(Path live, String instanceId, Duration wait, String holder) {
        return new OcliException(ErrorKind.UNAVAILABLE, "audit_locked", "Audit trail in use",
                "another process" + (holder == null ? "" : " (pid " + holder + ")") + " is writing the audit trail of instance "
                        + instanceId + " (" + live + "); waited " + wait.toSeconds() + "s for it to finish. Only one process"
                        + " writes an instance's trail: use that instance's daemon, or retry when the other command has ended"
                        + " (" + ENV_WAIT + " sets the wait in seconds)");
    }

    private static void writePid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    /** The holder's pid as it wrote it (digits only), or null. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
