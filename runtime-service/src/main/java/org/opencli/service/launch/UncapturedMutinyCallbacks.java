package org.opencli.service.launch;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mutiny callbacks run without MicroProfile context capture. With the OpenTelemetry extension a
 * thread-context provider is registered, and Mutiny's context-propagation interceptor then wraps
 * every callback of every request's security pipeline in a capture-and-restore (12% of the execute
 * path's CPU samples, docs/fleet.md). Nothing here relies on it: the ArC request context is not
 * propagated anyway ({@code quarkus.arc.context-propagation.enabled=false}), the server span lives
 * in the Vert.x context, and the engine's spans name their parents explicitly (service.observe).
 */
@ApplicationScoped
public class UncapturedMutinyCallbacks {
    void onStart(@Observes @Priority(1) StartupEvent event) {
        Infrastructure.clearInterceptors();
    }
}
