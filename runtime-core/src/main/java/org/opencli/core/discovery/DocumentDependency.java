package org.opencli.core.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * One document a catalog was built from. A local file is current while its modification time and
 * size are unchanged; a remote one until {@code expiresAt} (decided by {@link Freshness}; when absent,
 * while younger than {@code maxAgeSeconds}), or always, for manual-only sources, until an explicit
 * refresh.
 */
public record DocumentDependency(
        String location,
        Path file,
        long lastModifiedMillis,
        long size,
        Instant fetchedAt,
        Integer maxAgeSeconds,
        boolean manualOnly,
        Instant expiresAt) {

    public static DocumentDependency ofFile(Path file) {
        try {
            return new DocumentDependency(file.toUri().toString(), file,
                    Files.getLastModifiedTime(file).toMillis(), Files.size(file), null, null, false, null);
        } catch (java.io.IOException e) {
            return new DocumentDependency(file.toUri().toString(), file, -1, -1, null, null, false, null);
        }
    }

    public static DocumentDependency ofRemote(String url, Instant fetchedAt, Integer maxAgeSeconds, boolean manualOnly) {
        return new DocumentDependency(url, null, 0, 0, fetchedAt, maxAgeSeconds, manualOnly, null);
    }

    /** A remote document fresh until {@code expiresAt}. */
    public static DocumentDependency ofRemote(String url, Instant fetchedAt, Integer maxAgeSeconds, boolean manualOnly,
                                              Instant expiresAt) {
        return new DocumentDependency(url, null, 0, 0, fetchedAt, maxAgeSeconds, manualOnly, expiresAt);
    }

    public boolean isCurrent(Clock clock) {
        if (file != null) {
            try {
                var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return attributes.lastModifiedTime().toMillis() == lastModifiedMillis && attributes.size() == size;
            } catch (java.io.IOException e) {
                return false;
            }
        }
        if (manualOnly) return true;
        if (expiresAt != null) return expiresAt.isAfter(clock.instant());
        int maxAge = maxAgeSeconds == null ? 0 : maxAgeSeconds;
        return fetchedAt != null && fetchedAt.plusSeconds(maxAge).isAfter(clock.instant());
    }
}
