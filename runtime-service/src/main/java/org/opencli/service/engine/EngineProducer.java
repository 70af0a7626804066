package org.opencli.service.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.StateLayout;

/** Builds the one engine this daemon serves from its settings. */
@ApplicationScoped
public class EngineProducer {

    @Produces
    @Singleton
    StateLayout stateLayout(OclirdSettings settings) {
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        String instanceId = InstanceId.resolve(settings.instanceId().orElse(null), System.getenv("OCLI_INSTANCE_ID"), config);
        return new StateLayout(StateLayout.defaultStateRoot(settings.stateDir().orElse(null)), instanceId);
    }

    @Produces
    @Singleton
    RuntimeEngine engine(OclirdSettings settings, StateLayout layout) {
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        Path audit = settings.auditPath().map(EngineProducer::absolute).orElse(layout.defaultAuditPath());
        // A daemon started with --config pins it only once runtime auth is on (a later concern);
        // until then requests may name other configs, as the contract allows.
        EngineSettings engineSettings = new EngineSettings(config, false, layout.instanceId(), layout.stateRoot(),
                layout.cacheDir(), audit, settings.runtimeMode(), Clock.systemUTC());
        return RuntimeEngines.create(engineSettings);
    }

    private static Path absolute(String p) {
        return Path.of(p).toAbsolutePath().normalize();
    }
}
