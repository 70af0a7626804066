package org.opencli.service.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.opencli.core.config.ConfigException;
import org.opencli.core.config.ConfigFiles;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.config.RuntimeConfig;
import org.opencli.core.instance.ProcessIdentity;
import org.opencli.service.engine.OclirdSettings;

/**
 * This daemon's life as a local runtime: whether ocli started it ({@code --managed}), its start
 * instant and config fingerprint, the {@code runtime.local} settings of its config (re-read when the
 * config's files change) and the leases sessions hold on it.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // reads the config files once: at startup, never lazily on an event loop
public class LocalLifecycle {
    private static final Logger LOG = Logger.getLogger(LocalLifecycle.class);

    private final LeaseTable leases = new LeaseTable(Clock.systemUTC());
    private final ProcessIdentity process = ProcessIdentity.current();
    private final ConfigScopes scopes = ConfigScopes.standard();
    private Path config;
    private boolean managed;
    private String startFingerprint;
    private volatile Loaded loaded = new Loaded(null, LocalSettings.DEFAULTS);
    private volatile java.time.Instant publishedAt;

    /** The settings and the fingerprint of the files they were read from (null: none read). */
    private record Loaded(String fingerprint, LocalSettings settings) {
    }

    @Inject
    void init(OclirdSettings settings) {
        config = settings.config().map(p -> Path.of(p).toAbsolutePath().normalize()).orElse(null);
        managed = settings.managed();
        try {
            startFingerprint = fingerprintNow();
        } catch (ConfigException unreadable) {
            startFingerprint = null; // the engine reports the config's problems to each request
        }
    }

    public LeaseTable leases() {
        return leases;
    }

    /** The registry entry is written: clients can find the daemon from now on. */
    public void published(java.time.Instant at) {
        publishedAt = at;
    }

    /** When clients could first find the daemon (null: not yet). */
    public java.time.Instant publishedAt() {
        return publishedAt;
    }

    /** The daemon's {@code --config}, or null. */
    public Path configPath() {
        return config;
    }

    public boolean managed() {
        return managed;
    }

    public ProcessIdentity process() {
        return process;
    }

    /** The fingerprint of the config's files when the daemon started (null without a readable --config). */
    public String startFingerprint() {
        return startFingerprint;
    }

    /** The settings as last read. */
    public LocalSettings settings() {
        return loaded.settings();
    }

    /**
     * The fingerprint of the daemon's config files as they are on disk now, re-reading the settings
     * when it changed. Reads files: never on an event loop.
     *
     * @return null when the daemon has no {@code --config}
     * @throws ConfigException when the config's files cannot be read now
     */
    public String fingerprintNow() {
        if (config == null) return null;
        String now = ConfigFiles.fingerprint(config, scopes);
        if (!now.equals(loaded.fingerprint())) reload(now);
        return now;
    }

    /** Re-reads the settings; a config that does not load now keeps the previous ones (requests report its problems). */
    private void reload(String fingerprint) {
        try {
            RuntimeConfig runtime = new ConfigLoader(scopes).load(config).config().runtime();
            LocalSettings fresh = LocalSettings.of(runtime == null ? null : runtime.local());
            if (loaded.fingerprint() != null && !fresh.equals(loaded.settings())) LOG.infof("runtime.local is now %s", fresh);
            loaded = new Loaded(fingerprint, fresh);
        } catch (ConfigException invalid) {
            loaded = new Loaded(fingerprint, loaded.settings());
        }
    }

    /** {@code lifecycle} of {@code GET /v1/runtime/info}. */
    public Map<String, Object> describe() {
        LocalSettings s = settings();
        Map<String, Object> lifecycle = new LinkedHashMap<>();
        lifecycle.put("pid", process.pid());
        lifecycle.put("managed", managed);
        lifecycle.put("shutdown", s.shutdown());
        lifecycle.put("sessionScope", s.sessionScope());
        lifecycle.put("share", s.share());
        lifecycle.put("heartbeatSeconds", s.heartbeatSeconds());
        lifecycle.put("missedHeartbeatLimit", s.missedHeartbeatLimit());
        lifecycle.put("activeSessions", leases.active());
        lifecycle.put("startedAt", process.startedAt());
        lifecycle.put("configFingerprint", loaded.fingerprint() != null ? loaded.fingerprint() : startFingerprint);
        return lifecycle;
    }
}
