package org.opencli.service.engine;

import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.engine.RuntimeEngine;

/**
 * The service's own audit records (auth boundary, lifecycle) go through the engine's store, the same
 * chain as every other record. A store that cannot write is logged here and the stage completes
 * anyway: an answer waiting for its record never waits on a broken store forever (the store itself
 * refuses executions meanwhile).
 */
public final class AuditAppends {
    private static final Logger LOG = Logger.getLogger(AuditAppends.class);

    private AuditAppends() {
    }

    public static CompletionStage<Void> append(RuntimeEngine engine, AuditRecord record) {
        return engine.audit().append(record).exceptionally(error -> {
            LOG.error("audit record could not be written", error);
            return null;
        });
    }
}
