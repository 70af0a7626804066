package org.opencli.fleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.opencli.core.config.ConfigException;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.error.ProblemItem;

/**
 * Validates a {@code .cli.json} shipped under deploy/ the way {@code ocli config validate} does:
 * {@link ConfigLoader#load} with every stage (lenient per file, merge, strict schema, cross-field
 * rules). The managed and user scopes point at files that do not exist, so what this machine has
 * in /etc/oas-cli or ~/.config cannot change the verdict.
 */
final class ShippedConfig {

    private ShippedConfig() {
    }

    /** Loads {@code json} as {@code dir/.cli.json}; fails with every problem the loader reports. */
    static LoadedConfig validate(String json, Path dir, String where) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(".cli.json");
            Files.writeString(file, json);
            return validate(file, dir, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the config file in place (relative refs resolve beside it, as in the container). */
    static LoadedConfig validate(Path file, Path scratch, String where) {
        ConfigLoader loader = new ConfigLoader(new ConfigScopes(
                scratch.resolve("absent-managed/.cli.json"), scratch.resolve("absent-user/.cli.json")));
        try {
            return loader.load(file);
        } catch (ConfigException e) {
            throw new AssertionError(where + ": the runtime would refuse this config:\n  " + describe(e), e);
        }
    }

    private static String describe(ConfigException e) {
        if (e.items().isEmpty()) return e.getMessage();
        return e.items().stream().map(ProblemItem::describe).collect(Collectors.joining("\n  "));
    }
}
