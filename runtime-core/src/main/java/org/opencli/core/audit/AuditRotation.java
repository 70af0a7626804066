package org.opencli.core.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPOutputStream;

/**
 * Rotation and retention rules. The writer asks {@link #due} before each record; after it renamed the
 * live file it hands the rotated file to {@link #rotated}, which gzips it (when configured) and applies
 * retention on a maintenance thread so the writer never waits for either.
 */
final class AuditRotation {
    private static final System.Logger LOG = System.getLogger(AuditRotation.class.getName());

    private final Path live;
    private final AuditSettings settings;
    private final Clock clock;
    private final ExecutorService maintenance;

    AuditRotation(Path live, AuditSettings settings, Clock clock, ExecutorService maintenance) {
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        this.maintenance = maintenance;
    }

    /** Whether the live file must be rotated before a line of {@code nextBytes} is written. */
    boolean due(long liveBytes, int nextBytes, Instant liveFirstTime) {
        if (liveBytes == 0) return false;
        if (settings.maxFileBytes() > 0 && liveBytes + nextBytes > settings.maxFileBytes()) return true;
        return settings.maxFileAgeSeconds() > 0 && liveFirstTime != null
                && !clock.instant().isBefore(liveFirstTime.plusSeconds(settings.maxFileAgeSeconds()));
    }

    void rotated(Path rotatedFile) {
        maintenance.execute(() -> {
            try {
                if (settings.gzip()) gzip(rotatedFile);
                retain();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "audit file maintenance failed for " + rotatedFile + ": " + e);
            }
        });
    }

    /** Deletes rotated files beyond {@code keepFiles} (oldest first) and those older than {@code keepDays}. */
    void retain() throws IOException {
        List<AuditFiles.Segment> rotated = AuditFiles.segments(live).stream().filter(s -> !s.live()).toList();
        int excess = settings.keepFiles() > 0 ? Math.max(0, rotated.size() - settings.keepFiles()) : 0;
        Instant cutoff = settings.keepDays() > 0 ? clock.instant().minus(Duration.ofDays(settings.keepDays())) : null;
        for (int i = 0; i < rotated.size(); i++) {
            Path p = rotated.get(i).path();
            try {
                boolean tooOld = cutoff != null && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                if (i < excess || tooOld) Files.deleteIfExists(p);
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            }
        }
    }

    /** Writes {@code file.gz} through a temporary name, keeps the original's mtime (retention by age), then removes the original. */
    private static void gzip(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".gz.tmp");
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        FileTime mtime = Files.getLastModifiedTime(file);
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 65536)) {
            in.transferTo(out);
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.setLastModifiedTime(tmp, mtime);
        Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(file);
    }
}
