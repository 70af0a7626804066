package org.opencli.cli.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project config: the nearest {@code .cli.json} in a directory or its parents — the same
 * rule as {@code ConfigLoader.discover}, restated here so the daemon path does not load the config
 * loader (and whatever schema machinery it initializes) just to find a file name.
 */
public final class ConfigDiscovery {
    private ConfigDiscovery() {
    }

    public static Optional<Path> discover(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".cli.json");
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
