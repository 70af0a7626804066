package org.opencli.core.instance;

import java.nio.file.Path;

/**
 * Where an instance keeps its files: {@code <state-root>/instances/<id>/} holds {@code runtime.json},
 * {@code audit.log} and {@code cache/}. The state root is {@code --state-dir}, else
 * {@code OCLI_STATE_DIR}, else {@code $XDG_STATE_HOME/oas-cli}, else {@code ~/.local/state/oas-cli}.
 */
public record StateLayout(Path stateRoot, String instanceId) {

    public static Path defaultStateRoot(String explicit) {
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit).toAbsolutePath().normalize();
        String env = System.getenv("OCLI_STATE_DIR");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath().normalize();
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "oas-cli");
        return Path.of(System.getProperty("user.home"), ".local", "state", "oas-cli");
    }

    public Path instanceDir() {
        return stateRoot.resolve("instances").resolve(instanceId);
    }

    public Path registryFile() {
        return instanceDir().resolve("runtime.json");
    }

    public Path defaultAuditPath() {
        return instanceDir().resolve("audit.log");
    }

    /** {@code <instance>/cache}: the cache when the state root was given explicitly; {@link CacheLocation} has the whole rule. */
    public Path cacheDir() {
        return instanceDir().resolve("cache");
    }
}
