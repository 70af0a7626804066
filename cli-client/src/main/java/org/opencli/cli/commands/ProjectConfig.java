package org.opencli.cli.commands;

import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;

/** The config commands' input: {@code --config}, else the discovered {@code .cli.json}, loaded and merged. */
final class ProjectConfig {
    private ProjectConfig() {
    }

    static LoadedConfig load(BaseCommand command) {
        Path path = command.session().resolver().configPath(command.session().options());
        if (path == null) {
            throw new CliException(ExitCodes.USAGE, "config_not_found", "No config",
                    "no .cli.json in " + Path.of("").toAbsolutePath() + " or its parents (use --config FILE)");
        }
        return ConfigLoader.standard().load(path);
    }
}
