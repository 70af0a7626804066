package org.opencli.cli.commands;

import java.nio.file.Path;
import java.util.Optional;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;

/**
 * The config commands' input: {@code --config}, else the discovered {@code .cli.json}, loaded and
 * merged — as a client config when it is one (only {@code runtime} and the mode/agents choices),
 * else as a project config.
 */
public final class ProjectConfig {
    private ProjectConfig() {
    }

    /** The loaded config and whether it is a client config. */
    public record Loaded(LoadedConfig config, boolean client) {
    }

    static Loaded load(BaseCommand command) {
        return load(path(command));
    }

    /** Loads the config at {@code path} as {@code ocli config validate} does; throws its problems. */
    public static Loaded load(Path path) {
        ConfigLoader loader = ConfigLoader.standard();
        Optional<LoadedConfig> client = loader.loadClient(path);
        return client.map(c -> new Loaded(c, true)).orElseGet(() -> new Loaded(loader.load(path), false));
    }

    static Path path(BaseCommand command) {
        Path path = command.session().resolver().configPath(command.session().options());
        if (path == null) {
            throw new CliException(ExitCodes.USAGE, "config_not_found", "No config",
                    "no .cli.json in " + command.session().resolver().cwd() + " or its parents (use --config FILE)");
        }
        return path;
    }
}
