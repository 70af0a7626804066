package org.opencli.core.audit;

import java.util.concurrent.CompletionStage;

/** Where audit records go; the stage completes once the record is durably handed off. */
public interface AuditSink extends AutoCloseable {
    CompletionStage<Void> append(AuditRecord record);

    @Override
    default void close() {
    }
}
