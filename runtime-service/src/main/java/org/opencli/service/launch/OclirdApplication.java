package org.opencli.service.launch;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.util.List;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.instance.ProcessIdentity;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;
import org.opencli.service.auth.DaemonAccess;
import org.opencli.service.lifecycle.LocalLifecycle;

/**
 * Runs once the HTTP server is listening: publishes {@code runtime.json} (owner-only; it carries the
 * owner key of a local daemon) so CLIs can find this daemon, prints the URL, and removes the entry
 * again on shutdown — also after {@code POST /v1/runtime/stop} or a managed daemon's last lease,
 * which end {@link Quarkus#waitForExit()} the same way.
 */
public class OclirdApplication implements QuarkusApplication {

    @Inject
    ListeningAddress address;

    @Inject
    StateLayout layout;

    @Inject
    RuntimeEngine engine;

    @Inject
    DaemonAccess access;

    @Inject
    LocalLifecycle lifecycle;

    @Override
    public int run(String... args) {
        long pid = ProcessHandle.current().pid();
        RuntimeRegistry registry = new RuntimeRegistry(layout.registryFile());
        var settings = engine.settings();
        RegistryEntry entry = new RegistryEntry(layout.instanceId(), address.url(), pid,
                settings.auditPath().toString(), settings.cacheDir().toString(),
                settings.defaultConfig() == null ? null : settings.defaultConfig().toString(), access.clientKey(),
                lifecycle.managed(), lifecycle.process().startedAt(), lifecycle.startFingerprint(), List.of());
        registry.write(entry);
        // the stdio MCP servers the engine starts are its children: a stale-registry cleanup ends them too
        engine.onMcpServersChanged(() -> registry.write(new RegistryEntry(entry.instanceId(), entry.url(), entry.pid(),
                entry.auditPath(), entry.cacheDir(), entry.configPath(), entry.clientKey(), entry.managed(), entry.startedAt(),
                entry.configFingerprint(), engine.mcpServerPids().stream().flatMap(p -> ProcessHandle.of(p).stream())
                        .map(ProcessIdentity::of).toList())));
        lifecycle.published(java.time.Instant.now());
        System.out.println("oclird listening on " + address.url() + " (instance " + layout.instanceId() + ")");
        System.out.flush();
        try {
            Quarkus.waitForExit();
        } finally {
            registry.removeIfOwnedBy(pid);
        }
        return 0;
    }
}
