package org.opencli.service.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.service.upstream.VertxUpstreamClient;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.StateLayout;

/** Builds the one engine this daemon serves from its settings. */
@ApplicationScoped
public class EngineProducer {
    /** Connections kept per upstream host: enough for a busy shared runtime, bounded for the upstream's sake. */
    private static final int UPSTREAM_POOL_SIZE = 64;

    @Produces
    @Singleton
    StateLayout stateLayout(OclirdSettings settings) {
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        String instanceId = InstanceId.resolve(settings.instanceId().orElse(null), System.getenv("OCLI_INSTANCE_ID"), config);
        return new StateLayout(StateLayout.defaultStateRoot(settings.stateDir().orElse(null)), instanceId);
    }

    @Produces
    @Singleton
    @io.quarkus.runtime.Startup // opening the audit store reads files: at startup, never lazily on an event loop
    RuntimeEngine engine(OclirdSettings settings, StateLayout layout, io.vertx.mutiny.core.Vertx vertx) {
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        Path audit = settings.auditPath().map(EngineProducer::absolute).orElse(layout.defaultAuditPath());
        // A daemon started with --config pins it only once runtime auth is on (a later concern);
        // until then requests may name other configs, as the contract allows.
        EngineSettings engineSettings = new EngineSettings(config, false, layout.instanceId(), layout.stateRoot(),
                layout.cacheDir(), audit, settings.runtimeMode(), Clock.systemUTC());
        ExecutionSettings execution = ExecutionSettings.defaults();
        UpstreamClient upstream = new VertxUpstreamClient(vertx, execution.connectTimeout(), UPSTREAM_POOL_SIZE);
        return RuntimeEngines.create(engineSettings, ExecutionSetup.defaults().withUpstream(upstream));
    }

    void close(@jakarta.enterprise.inject.Disposes RuntimeEngine engine) {
        engine.close();
    }

    private static Path absolute(String p) {
        return Path.of(p).toAbsolutePath().normalize();
    }
}
