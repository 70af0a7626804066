package org.opencli.core.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.opencli.core.json.Json;

/**
 * Reads and writes an instance's {@code runtime.json}. An entry whose process is gone (or whose pid
 * now names another program) or whose port refuses connections is stale: its recorded children are
 * ended and the file removed on read. The file may carry the daemon's owner key, so
 * it is written owner-only ({@code 0600}, in a {@code 0700} instance directory where the file
 * system supports POSIX permissions) and created with those permissions, never widened later.
 */
public final class RuntimeRegistry {
    private final Path file;

    public RuntimeRegistry(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void write(RegistryEntry entry) {
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            OwnerOnlyFiles.write(tmp, Json.writeBytes(entry));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write runtime registry " + file, e);
        }
    }

    /** Removes the entry if it still names {@code pid} (a newer daemon may own it by now). */
    public void removeIfOwnedBy(long pid) {
        read().filter(e -> e.pid() == pid).ifPresent(e -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover entry is detected as stale by the next reader
            }
        });
    }

    public Optional<RegistryEntry> read() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RegistryEntry.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The entry when its daemon is alive and accepting connections. A stale entry is cleaned: its
     * children still running (same pid and start instant) are ended, the file removed.
     */
    public Optional<RegistryEntry> readLive() {
        Optional<RegistryEntry> entry = read();
        if (entry.isEmpty()) return entry;
        if (isLive(entry.get())) return entry;
        clean(entry.get());
        return Optional.empty();
    }

    /** Ends the stale entry's recorded children and removes the file if it still names that entry's daemon. */
    public void clean(RegistryEntry stale) {
        for (ProcessIdentity child : stale.children()) child.end();
        Optional<RegistryEntry> now = read();
        if (now.isPresent() && now.get().pid() != stale.pid()) return; // a new daemon wrote its entry meanwhile
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort; the entry is ignored either way
        }
    }

    /**
     * The entry's process is alive — the same process: when {@code startedAt} is recorded, the pid's
     * start instant equals it (a reused pid is another program) — and its port answers.
     */
    public static boolean isLive(RegistryEntry entry) {
        if (!entry.process().alive()) return false;
        try {
            URI uri = URI.create(entry.url());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
                return true;
            }
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
