package org.opencli.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads and merges the four config scopes (managed, user, project, local), validating each file
 * leniently and the merged result strictly. PLACEHOLDER: implemented in the config work.
 */
public final class ConfigLoader {
    private final ConfigScopes scopes;

    public ConfigLoader(ConfigScopes scopes) {
        this.scopes = scopes;
    }

    /** Managed {@code /etc/oas-cli/.cli.json}; user from XDG_CONFIG_HOME or ~/.config. */
    public static ConfigLoader standard() {
        return new ConfigLoader(ConfigScopes.standard());
    }

    /**
     * Loads the project config at {@code projectConfig} (its sibling {@code .cli.local.json} too) on
     * top of the managed and user scopes.
     *
     * @throws ConfigException naming file, JSON path and what was expected
     */
    public LoadedConfig load(Path projectConfig) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The nearest {@code .cli.json} in {@code start} or a parent directory. */
    public static Optional<Path> discover(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".cli.json");
            if (java.nio.file.Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public ConfigScopes scopes() {
        return scopes;
    }
}
