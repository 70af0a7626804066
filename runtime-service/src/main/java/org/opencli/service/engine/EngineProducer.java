package org.opencli.service.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.instance.CacheLocation;
import org.opencli.core.instance.InstanceId;
import org.opencli.core.instance.StateLayout;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.EngineObservers;
import org.opencli.service.auth.DaemonAccess;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.auth.DaemonAuthLoader;
import org.opencli.service.upstream.VertxUpstreamClient;

/** Builds the one engine this daemon serves from its settings. */
@ApplicationScoped
public class EngineProducer {
    /** Connections kept per upstream host: enough for a busy shared runtime, bounded for the upstream's sake. */
    private static final int UPSTREAM_POOL_SIZE = 64;

    @Produces
    @Singleton
    StateLayout stateLayout(OclirdSettings settings) {
        return layout(settings.config().orElse(null), settings.instanceId().orElse(null), settings.stateDir().orElse(null));
    }

    /** The instance and state root from {@code --config}, {@code --instance-id}, {@code --state-dir} (each may be null). */
    public static StateLayout layout(String config, String instanceId, String stateDir) {
        Path configPath = config == null ? null : absolute(config);
        String id = InstanceId.resolve(instanceId, System.getenv("OCLI_INSTANCE_ID"), configPath);
        return new StateLayout(StateLayout.defaultStateRoot(stateDir), id);
    }

    /** runtime.server.auth of the daemon's --config, read once at startup. */
    @Produces
    @Singleton
    DaemonAuth daemonAuth(OclirdSettings settings) {
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        return DaemonAuthLoader.load(config, ConfigLoader.standard(), Clock.systemUTC());
    }

    /** Who may use this daemon; refuses to start an unauthenticated daemon on a non-loopback address unless allowed. */
    @Produces
    @Singleton
    DaemonAccess daemonAccess(OclirdSettings settings, DaemonAuth auth,
                              @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.host",
                                      defaultValue = "127.0.0.1") String host) {
        return DaemonAccess.decide(auth.enabled(), host, settings.allowUnauthenticatedRemote());
    }

    @Produces
    @Singleton
    @io.quarkus.runtime.Startup // opening the audit store reads files: at startup, never lazily on an event loop
    RuntimeEngine engine(OclirdSettings settings, StateLayout layout, io.vertx.mutiny.core.Vertx vertx, DaemonAccess access,
                         @jakarta.enterprise.inject.Any jakarta.enterprise.inject.Instance<EngineObserver> observers,
                         org.opencli.core.observe.HandOff handOff,
                         @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") java.util.Optional<Integer> eventLoopsSetting) {
        // Quarkus' default: two event loops per core
        int eventLoops = eventLoopsSetting.orElse(2 * Runtime.getRuntime().availableProcessors());
        Path config = settings.config().map(EngineProducer::absolute).orElse(null);
        Path audit = settings.auditPath().map(EngineProducer::absolute).orElse(layout.defaultAuditPath());
        // With runtime auth on, the daemon serves only its own config (CONTRACT.md §4): a request
        // naming another could bring its own policy, services or no auth at all. The same holds for
        // an unauthenticated daemon on a network address; only a loopback daemon's owner may name one.
        Path cacheDir = CacheLocation.resolve(settings.cacheDir().orElse(null), settings.stateDir().orElse(null),
                layout.instanceId());
        EngineSettings engineSettings = new EngineSettings(config, access.pinsConfig(), layout.instanceId(), layout.stateRoot(),
                cacheDir, audit, settings.runtimeMode(), Clock.systemUTC(),
                settings.fileCheckInterval());
        ExecutionSettings execution = ExecutionSettings.defaults();
        UpstreamClient upstream = new VertxUpstreamClient(vertx, execution.connectTimeout(), UPSTREAM_POOL_SIZE, eventLoops,
                execution.maxResponseBytes());
        // metrics and traces are beans implementing EngineObserver (docs/operations.md)
        EngineObserver observer = EngineObservers.of(observers.stream().toList());
        // a request's log context (request id, trace) follows work handed to the engine's threads (service.observe)
        return RuntimeEngines.create(engineSettings,
                ExecutionSetup.defaults().withUpstream(upstream).withObserver(observer).withHandOff(handOff));
    }

    void close(@jakarta.enterprise.inject.Disposes RuntimeEngine engine) {
        engine.close();
    }

    private static Path absolute(String p) {
        return Path.of(p).toAbsolutePath().normalize();
    }
}
