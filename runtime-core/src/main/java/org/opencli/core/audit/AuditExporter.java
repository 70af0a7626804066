package org.opencli.core.audit;

/**
 * A push destination for committed audit records (syslog, OTLP, ...). The store calls
 * {@link #export} on its writer thread after the record's line is durable, so an exporter must
 * never block: it queues (bounded, spilling to its own on-disk backlog) and ships on its own
 * thread. An exporter failure (a thrown exception) never affects the local record or the caller's
 * answer: the store counts it under {@link #name} and logs it at a bounded rate.
 */
public interface AuditExporter extends AutoCloseable {
    /** {@code line} is the exact JSON line written to the local file (without the newline). */
    void export(AuditRecord committed, String line);

    /** How failures of this exporter are counted and logged (e.g. {@code syslog host:port}); never record content. */
    default String name() {
        return "exporter " + getClass().getSimpleName();
    }

    /** Flushes what it can within a short bound and stops its threads. */
    @Override
    void close();
}
