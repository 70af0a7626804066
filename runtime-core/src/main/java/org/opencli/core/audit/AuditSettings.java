package org.opencli.core.audit;

import org.opencli.core.config.AuditConfig;

/**
 * How the durable audit store writes, rotates and retains its files. Zero for a limit means "no
 * limit" (no rotation by that rule, no deletion by that rule).
 *
 * @param queueCapacity    records waiting for the writer; beyond it appends fail fast (fail closed)
 * @param retryIntervalMs  how often an unhealthy store tries to open its file again
 */
public record AuditSettings(
        FsyncMode fsync,
        int batchMaxRecords,
        int batchMaxDelayMs,
        long maxFileBytes,
        long maxFileAgeSeconds,
        boolean gzip,
        int keepFiles,
        int keepDays,
        int queueCapacity,
        long retryIntervalMs) {

    public static final int DEFAULT_BATCH_MAX_RECORDS = 256;
    public static final int DEFAULT_BATCH_MAX_DELAY_MS = 1;
    /** Rotate at 64 MiB unless configured otherwise: keeps single files easy to ship and scan. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    public static AuditSettings defaults() {
        return new AuditSettings(FsyncMode.BATCH, DEFAULT_BATCH_MAX_RECORDS, DEFAULT_BATCH_MAX_DELAY_MS,
                DEFAULT_MAX_FILE_BYTES, 0, false, 0, 0, 65536, 1000);
    }

    /** The {@code audit} block of a validated config (null: all defaults). */
    public static AuditSettings from(AuditConfig config) {
        AuditSettings d = defaults();
        if (config == null) return d;
        var rotation = config.rotation();
        var retention = config.retention();
        return new AuditSettings(FsyncMode.parse(config.fsync()),
                or(config.batchMaxRecords(), d.batchMaxRecords()),
                or(config.batchMaxDelayMs(), d.batchMaxDelayMs()),
                rotation == null || rotation.maxFileBytes() == null ? d.maxFileBytes() : rotation.maxFileBytes(),
                rotation == null || rotation.maxFileAgeSeconds() == null ? 0 : rotation.maxFileAgeSeconds(),
                rotation != null && Boolean.TRUE.equals(rotation.gzip()),
                retention == null || retention.keepFiles() == null ? 0 : retention.keepFiles(),
                retention == null || retention.keepDays() == null ? 0 : retention.keepDays(),
                d.queueCapacity(), d.retryIntervalMs());
    }

    public AuditSettings withFsync(FsyncMode mode) {
        return new AuditSettings(mode, batchMaxRecords, batchMaxDelayMs, maxFileBytes, maxFileAgeSeconds, gzip,
                keepFiles, keepDays, queueCapacity, retryIntervalMs);
    }

    public AuditSettings withRotation(long maxBytes, long maxAgeSeconds, boolean gzipRotated) {
        return new AuditSettings(fsync, batchMaxRecords, batchMaxDelayMs, maxBytes, maxAgeSeconds, gzipRotated,
                keepFiles, keepDays, queueCapacity, retryIntervalMs);
    }

    public AuditSettings withRetention(int files, int days) {
        return new AuditSettings(fsync, batchMaxRecords, batchMaxDelayMs, maxFileBytes, maxFileAgeSeconds, gzip,
                files, days, queueCapacity, retryIntervalMs);
    }

    public AuditSettings withRetryIntervalMs(long ms) {
        return new AuditSettings(fsync, batchMaxRecords, batchMaxDelayMs, maxFileBytes, maxFileAgeSeconds, gzip,
                keepFiles, keepDays, queueCapacity, ms);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
