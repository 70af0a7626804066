package org.opencli.core.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * One document a catalog was built from. A local file is current while its modification time and
 * size are unchanged; a remote one while it is younger than its source's max age (or always, for
 * manual-only sources, until an explicit refresh).
 */
public record DocumentDependency(
        String location,
        Path file,
        long lastModifiedMillis,
        long size,
        Instant fetchedAt,
        Integer maxAgeSeconds,
        boolean manualOnly) {

    public static DocumentDependency ofFile(Path file) {
        try {
            return new DocumentDependency(file.toUri().toString(), file,
                    Files.getLastModifiedTime(file).toMillis(), Files.size(file), null, null, false);
        } catch (java.io.IOException e) {
            return new DocumentDependency(file.toUri().toString(), file, -1, -1, null, null, false);
        }
    }

    public static DocumentDependency ofRemote(String url, Instant fetchedAt, Integer maxAgeSeconds, boolean manualOnly) {
        return new DocumentDependency(url, null, 0, 0, fetchedAt, maxAgeSeconds, manualOnly);
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
        int maxAge = maxAgeSeconds == null ? 0 : maxAgeSeconds;
        return fetchedAt != null && fetchedAt.plusSeconds(maxAge).isAfter(clock.instant());
    }
}
