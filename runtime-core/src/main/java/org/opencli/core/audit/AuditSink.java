package org.opencli.core.audit;

import java.util.concurrent.CompletionStage;

/** Where audit records go; the stage completes once the record is durably handed off. */
public interface AuditSink extends AutoCloseable {
    CompletionStage<Void> append(AuditRecord record);

    /** False while records cannot be written: executions are refused then (fail closed). */
    default boolean healthy() {
        return true;
    }

    @Override
    default void close() {
    }
}
