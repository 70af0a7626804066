package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Check, show and edit the configuration.",
        subcommands = {ConfigValidateCommand.class, ConfigShowCommand.class, ConfigAddSourceCommand.class,
                ConfigRemoveSourceCommand.class, ConfigAddSecretCommand.class})
public class ConfigCommand extends GroupCommand {
}
