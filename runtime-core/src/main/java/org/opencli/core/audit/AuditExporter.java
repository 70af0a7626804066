package org.opencli.core.audit;

/**
 * A push destination for committed audit records (syslog, OTLP, ...). The store calls
 * {@link #export} on its writer thread after the record's line is durable, so an exporter must
 * never block: it queues (bounded, spilling to its own on-disk backlog) and ships on its own
 * thread. An exporter failure never affects the local record or the caller's answer.
 */
public interface AuditExporter extends AutoCloseable {
    /** {@code line} is the exact JSON line written to the local file (without the newline). */
    void export(AuditRecord committed, String line);

    /** Flushes what it can within a short bound and stops its threads. */
    @Override
    void close();
}
