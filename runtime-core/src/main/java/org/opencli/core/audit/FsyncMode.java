package org.opencli.core.audit;

/**
 * When an appended record counts as durable. {@code ALWAYS} forces the file after every record,
 * {@code BATCH} forces once per group of records written together (group commit), {@code NONE}
 * never forces (the OS decides; a power loss can lose the newest records).
 */
public enum FsyncMode {
    ALWAYS, BATCH, NONE;

    /** {@code always}, {@code batch} or {@code none}; null means the default, {@code batch}. */
    public static FsyncMode parse(String value) {
        if (value == null || value.isBlank()) return BATCH;
        return switch (value) {
            case "always" -> ALWAYS;
            case "batch" -> BATCH;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("audit.fsync must be always, batch or none, not " + value);
        };
    }
}
