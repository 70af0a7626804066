package org.opencli.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencli.core.engine.RuntimeEngine;

/** {@code /q/health/ready}: DOWN while the audit store cannot write (executions are refused then). */
@Readiness
@ApplicationScoped
public class AuditReadinessCheck implements HealthCheck {
    @Inject
    RuntimeEngine engine;

    @Override
    public HealthCheckResponse call() {
        boolean healthy = engine.audit().healthy();
        var response = HealthCheckResponse.named("audit").status(healthy);
        if (!healthy && engine.audit() instanceof org.opencli.core.audit.DurableAuditLog log && log.problem() != null) {
            response.withData("problem", log.problem());
        }
        return response.build();
    }
}
