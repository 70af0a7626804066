package org.opencli.cli.runtime;

import java.nio.file.Path;
import java.util.Optional;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.ConfigException;
import org.opencli.core.config.ConfigFiles;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/**
 * The one heartbeat an invocation sends a local daemon it found through the registry or just
 * started, before anything else: it takes or renews the caller's lease and proves the daemon serves
 * the config as it is on disk now. A managed daemon serving an older config is replaced once; a
 * hand-started one is refused (exit 3), as is a daemon whose sharing settings differ.
 */
final class DaemonAttach {
    static final String MISMATCH = "runtime_attach_mismatch";
    static final String CONFLICT = "runtime_attach_conflict";

    /** The body of {@code POST /v1/runtime/heartbeat}. */
    record Heartbeat(String sessionId, String configFingerprint, Long ownerPid, String ownerStartedAt, String shareKey) {
    }

    private final Path config;
    private final StateLayout layout;
    private final ManagedDaemon managed;

    /** {@code managed}: how to replace a managed daemon, or null when no oclird launcher is known. */
    DaemonAttach(Path config, StateLayout layout, ManagedDaemon managed) {
        this.config = config;
        this.layout = layout;
        this.managed = managed;
    }

    /** The choice to use after the heartbeat: {@code choice} itself, or the replacement daemon. */
    RuntimeChoice attach(RuntimeChoice choice) {
        Optional<RegistryEntry> entry = new RuntimeRegistry(layout.registryFile()).read();
        try {
            heartbeat(choice.url());
            return choice;
        } catch (ProblemException refused) {
            String code = refused.problem().code();
            if (CONFLICT.equals(code)) throw conflict(choice.url(), refused);
            if (!MISMATCH.equals(code)) throw refused;
            if (managed == null || entry.isEmpty() || !entry.get().managed()) throw handStarted(choice.url());
            ManagedDaemon.Running fresh = managed.replace(entry.get(), client(choice.url()));
            try {
                heartbeat(fresh.entry().url());
            } catch (ProblemException again) {
                throw CONFLICT.equals(again.problem().code()) ? conflict(fresh.entry().url(), again) : again;
            }
            return RuntimeChoice.http(fresh.entry().url(), fresh.started()
                    ? "restarted local daemon (its config changed)" : RuntimeResolver.REGISTRY);
        }
    }

    private void heartbeat(String url) {
        ConfigRuntimeChoice settings = ConfigRuntimeChoice.read(config);
        String scope = settings.sessionScope() == null ? "terminal" : settings.sessionScope();
        Optional<ProcessHandle> owner = "shared-group".equals(scope) ? Optional.empty() : ProcessHandle.current().parent();
        Heartbeat body = new Heartbeat(CliSessionId.forScope(scope, settings.shareKey()), fingerprint(),
                owner.map(ProcessHandle::pid).orElse(null),
                owner.flatMap(p -> p.info().startInstant()).map(Object::toString).orElse(null),
                "group".equals(settings.share()) ? settings.shareKey() : null);
        try {
            client(url).heartbeat(body);
        } catch (ProblemException e) {
            if (e.problem().status() != 404) throw e; // a daemon from before leases: nothing to attach to
        }
    }

    /** The fingerprint of the config files as on disk now; none (the daemon then compares nothing) when they cannot be read. */
    private String fingerprint() {
        if (config == null) return null;
        try {
            return ConfigFiles.fingerprint(config);
        } catch (ConfigException unreadable) {
            return null;
        }
    }

    private HttpRuntimeClient client(String url) {
        return new HttpRuntimeClient(url, LocalDaemonKey.forUrl(url, layout.stateRoot(), layout.instanceId()));
    }

    private static CliException handStarted(String url) {
        return new CliException(ExitCodes.NOT_FOUND, MISMATCH, "Local daemon serves another config",
                "the daemon at " + url + " was started by hand and serves a different version of this config; "
                        + "stop it (ocli runtime stop) and start it again, or run this call with --embedded");
    }

    private static CliException conflict(String url, ProblemException refused) {
        return new CliException(ExitCodes.NOT_FOUND, CONFLICT, "Local daemon is not shared with this call",
                "the daemon at " + url + " refused to attach: runtime.local.share / runtime.local.shareKey differ"
                        + " between this config and the daemon's (" + refused.problem().detail() + ")");
    }
}
