package org.opencli.service.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Daemon settings; {@link org.opencli.service.launch.OclirdMain} maps the command line onto them. */
@ConfigMapping(prefix = "oclird")
public interface OclirdSettings {
    /** Default config for requests that name none. */
    Optional<String> config();

    Optional<String> instanceId();

    Optional<String> stateDir();

    Optional<String> auditPath();

    /** {@code --cache-dir}: the cache root (see {@link org.opencli.core.instance.CacheLocation}). */
    Optional<String> cacheDir();

    /** {@code --managed}: started by ocli; leases govern its life per {@code runtime.local}. */
    @WithDefault("false")
    boolean managed();

    /**
     * How long a loaded config and a catalog built from local files are trusted before their files
     * are looked at again; edits take effect within this time. Keeps stat calls off hot executions.
     */
    @WithDefault("1s")
    java.time.Duration fileCheckInterval();

    /**
     * Serve without runtime auth on a non-loopback address ({@code --allow-unauthenticated-remote});
     * the daemon then serves only its own config. Without it such a daemon does not start.
     */
    @WithDefault("false")
    boolean allowUnauthenticatedRemote();

    /**
     * On SIGTERM, how long running executions may take to finish before they are cut off (each is
     * audited either way); {@code --shutdown-timeout}.
     */
    @WithDefault("30s")
    java.time.Duration shutdownTimeout();

    /** local (loopback daemon) or remote (a shared service); reported in runtime info. */
    @WithDefault("local")
    String runtimeMode();

    /** Bounds on requests the daemon answers as problem+json (docs/security.md#input-limits). */
    HttpLimits http();

    interface HttpLimits {
        /** Longest request target (path and query) in bytes; longer is a 414 problem. */
        @WithDefault("8192")
        int maxUriLength();

        /** Most bytes of request header names and values together; more is a 431 problem. */
        @WithDefault("16384")
        int maxHeaderBytes();
    }
}
