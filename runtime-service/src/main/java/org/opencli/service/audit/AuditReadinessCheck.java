package org.opencli.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.engine.RuntimeEngine;

/**
 * {@code /q/health/ready}: DOWN while the audit store cannot write (executions are refused then).
 * Its data also counts exporter and feed-subscriber failures per source ({@code failures: <source>}):
 * they leave the check UP, since the local record, the record of truth, is unaffected.
 */
@Readiness
@ApplicationScoped
public class AuditReadinessCheck implements HealthCheck {
    static final String FAILURES = "failures: ";

    @Inject
    RuntimeEngine engine;

    @Override
    public HealthCheckResponse call() {
        boolean healthy = engine.audit().healthy();
        var response = HealthCheckResponse.named("audit").status(healthy);
        if (engine.audit() instanceof DurableAuditLog log) {
            if (!healthy && log.problem() != null) response.withData("problem", log.problem());
            log.deliveryFailures().forEach((source, count) -> response.withData(FAILURES + source, count));
        }
        return response.build();
    }
}
