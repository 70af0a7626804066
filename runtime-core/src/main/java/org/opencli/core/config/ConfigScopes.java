package org.opencli.core.config;

import java.nio.file.Path;

/** Where the managed and user scope files live (either may be absent on disk, or null: no such scope). */
public record ConfigScopes(Path managed, Path user) {

    public static ConfigScopes standard() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path userDir = xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "oas-cli")
                : Path.of(System.getProperty("user.home"), ".config", "oas-cli");
        return new ConfigScopes(Path.of("/etc/oas-cli/.cli.json"), userDir.resolve(".cli.json"));
    }
}
